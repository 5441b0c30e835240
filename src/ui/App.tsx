import { Controls } from './Controls';
import { DetailPanel } from './details/DetailPanel';
import { GradNormChart } from './details/GradNormChart';
import { Legend } from './details/Legend';
import { Diagram } from './diagram/Diagram';
import { FormulaPanel } from './FormulaPanel';
import { Header } from './Header';
import { Narration } from './Narration';
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
          <FormulaPanel />
          <DetailPanel />
        </aside>
      </main>
      <footer className="app-footer">
        <Controls />
        <Narration />
      </footer>
    </div>
  );
}
