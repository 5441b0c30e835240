import { memo } from 'react';
import { Controls } from './Controls';
import { DetailPanel } from './details/DetailPanel';
import { GradNormChart } from './details/GradNormChart';
import { Legend } from './details/Legend';
import { Diagram } from './diagram/Diagram';
import { FormulaPanel } from './FormulaPanel';
import { Header } from './Header';
import { Narration } from './Narration';
import { ShownStepContext, useShownStepSnapshot } from './useAfterPaint';
import { useHashSync, useKeyboard, usePlayback } from './useAppEffects';

export function App() {
  useHashSync();
  useKeyboard();
  usePlayback();
  return (
    <div className="app">
      <Header />
      <main className="workspace">
        <section className="left-pane" aria-label="Unrolled network">
          <Diagram />
          <div className="under-diagram">
            <Legend />
            <GradNormChart />
          </div>
        </section>
        <aside className="side-pane" aria-label="Formula of the current step">
          <SidePanels />
        </aside>
      </main>
      <footer className="app-footer">
        <Controls />
        <Narration />
      </footer>
    </div>
  );
}

// Memoised: a key press re-renders SidePanels (its snapshot hook sees the new
// step) but the panels only when the snapshot they read from the context moves.
const FormulaPanelMemo = memo(FormulaPanel);
const DetailPanelMemo = memo(DetailPanel);

/** The formula and detail panels, fed one snapshot of the walk that follows it one frame behind. */
function SidePanels() {
  const shown = useShownStepSnapshot();
  return (
    <ShownStepContext.Provider value={shown}>
      <FormulaPanelMemo />
      <DetailPanelMemo />
    </ShownStepContext.Provider>
  );
}
