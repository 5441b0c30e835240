import { useApp } from '../store/store';

/** The current step in one sentence (the step view's): a polite live region, visible for anyone reading along. */
export function Narration() {
  const view = useApp((s) => s.view);
  return (
    <p className="narration" role="status" aria-live="polite" data-testid="narration" data-step={view.key}>
      {view.narration}
    </p>
  );
}
