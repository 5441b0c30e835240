import { useEffect } from 'react';
import { useApp } from '../../store/store';
import { useT } from '../i18n';
import { isTypingTarget } from './hooks';
import './lab.css';

/** The header's Lab button, and the L key that does the same. */
export function LabToggle() {
  const open = useApp((s) => s.labOpen);
  const setOpen = useApp((s) => s.setLabOpen);
  const m = useT().lab;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'l' && e.key !== 'L')) return;
      // A dialog has the keyboard while it is open; a field being typed in keeps its keys.
      if (document.documentElement.dataset.dialog || isTypingTarget(e.target)) return;
      e.preventDefault();
      const s = useApp.getState();
      s.setLabOpen(!s.labOpen);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <button type="button" className="lab-toggle" aria-pressed={open} aria-controls={open ? 'lab-panel' : undefined} title={m.toggleTitle} onClick={() => setOpen(!open)} data-testid="lab-toggle">
      {m.toggle}
    </button>
  );
}
