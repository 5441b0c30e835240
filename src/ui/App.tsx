import { lazy, Suspense } from 'react';
import { Controls } from './Controls';
import { DetailPanel } from './details/DetailPanel';
import { GradNormChart } from './details/GradNormChart';
import { Legend } from './details/Legend';
import { Diagram } from './diagram/Diagram';
import { FormulaPanel } from './FormulaPanel';
import { Header } from './Header';
import { EmbedBar } from './EmbedBar';
import { useLectureHall } from './LectureTools';
import { LessonNote } from './LessonNote';
import { LinkNotice } from './LinkNotice';
import { Narration } from './Narration';
import { PHONE, useMedia } from './useMedia';
import { useDocumentLang, useT } from './i18n';
import { useHashSync, useKeyboard, usePlayback, useSidePaneScroll } from './useAppEffects';
import { useApp } from '../store/store';

// The lab and the quiz card load when first opened: neither is on the first load's bytes.
const LabPanel = lazy(() => import('./lab/LabPanel').then((m) => ({ default: m.LabPanel })));
const Quiz = lazy(() => import('./Quiz').then((m) => ({ default: m.Quiz })));

export function App() {
  useHashSync();
  useKeyboard();
  usePlayback();
  useDocumentLang();
  const m = useT().app;
  useLectureHall();
  const sidePane = useSidePaneScroll();
  const embed = useApp((s) => s.embed);
  const labOpen = useApp((s) => s.labOpen);
  const quiz = useApp((s) => s.quiz);
  // On a phone the narration opens the formula pane, so the controls kept on screen stay small.
  const phone = useMedia(PHONE);
  return (
    <div className="app">
      {embed ? <EmbedBar /> : <Header />}
      <main className="workspace">
        <section className="left-pane" aria-label={m.network}>
          <Diagram />
          <div className="under-diagram">
            <Legend />
            <GradNormChart />
          </div>
        </section>
        {/* Focusable: a long stop (a coarse one, a large G step) scrolls from the keyboard too (↓ ↑ anywhere). */}
        <aside className="side-pane" aria-label={m.formulaPane} tabIndex={0} ref={sidePane}>
          {labOpen && (
            <Suspense fallback={null}>
              <LabPanel />
            </Suspense>
          )}
          <LinkNotice />
          {phone && <Narration />}
          <LessonNote />
          {quiz && (
            <Suspense fallback={null}>
              <Quiz />
            </Suspense>
          )}
          <FormulaPanel />
          <DetailPanel />
        </aside>
      </main>
      <footer className="app-footer">
        <Controls />
        {!phone && <Narration />}
      </footer>
    </div>
  );
}
