import { memo } from 'react';
import { Controls } from './Controls';
import { DetailPanel } from './details/DetailPanel';
import { GradNormChart } from './details/GradNormChart';
import { Legend } from './details/Legend';
import { Diagram } from './diagram/Diagram';
import { FormulaPanel } from './FormulaPanel';
import { Header } from './Header';
import { Narration } from './Narration';
import { ShownStepProvider } from './useAfterPaint';
import { useHashSync, useKeyboard, usePlayback } from './useAppEffects';

// Memoised: the panels render when the shown step (their context) moves, not when
// the App does (on play / pause and a speed change).
const FormulaPanelMemo = memo(FormulaPanel);
const DetailPanelMemo = memo(DetailPanel);

export function App() {
  useHashSync();
  useKeyboard();
  usePlayback();
  return (
    // The side panels, the narration and the gradient flow follow the walk one painted frame behind.
    <ShownStepProvider>
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
            <FormulaPanelMemo />
            <DetailPanelMemo />
          </aside>
        </main>
        <footer className="app-footer">
          <Controls />
          <Narration />
        </footer>
      </div>
    </ShownStepProvider>
  );
}
