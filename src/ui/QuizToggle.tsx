import { useEffect } from 'react';
import { useApp } from '../store/store';
import { useT } from './i18n';

/** A dialog open, or a field being typed in, keeps its keys (as for the walk's keys). */
function keepsKeys(target: EventTarget | null): boolean {
  if (document.documentElement.dataset.dialog) return true;
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  if (el.tagName === 'INPUT') return (el as HTMLInputElement).type !== 'range';
  return el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable;
}

/** The header's Quiz button, and the Q key that does the same. */
export function QuizToggle() {
  const on = useApp((s) => s.quiz);
  const setQuiz = useApp((s) => s.setQuiz);
  const m = useT().quiz;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'q' && e.key !== 'Q') || keepsKeys(e.target)) return;
      e.preventDefault();
      const s = useApp.getState();
      s.setQuiz(!s.quiz);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button type="button" className="quiz-toggle" aria-pressed={on} title={m.toggleTitle} onClick={() => setQuiz(!on)} data-testid="quiz-toggle">
      {m.toggle}
    </button>
  );
}
