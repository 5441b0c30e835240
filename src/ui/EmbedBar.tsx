import { useShallow } from 'zustand/react/shallow';
import { fmt } from '../core';
import { useApp } from '../store/store';
import { refusal } from './Header';
import { shareLink } from './LectureTools';
import { useT } from './i18n';

/**
 * The embedded player's one line (#embed): the scenario, its loss, and a link
 * to the full app at the same step; below it, as in the full app, why a link's
 * scenario was refused (the player has no header to say it).
 */
export function EmbedBar() {
  const words = useT();
  const title = useApp((s) => s.scenario.title) ?? words.app.title;
  const loss = useApp((s) => s.trace.loss);
  // The link follows the step.
  useApp((s) => s.index);
  // The same step in the full app: the share link carries no embed flag.
  const full = shareLink();
  const { loadError, loadErrors, lang, dismissError } = useApp(useShallow((s) => ({ loadError: s.loadError, loadErrors: s.loadErrors, lang: s.lang, dismissError: s.dismissError })));
  return (
    <header className="embed-bar" data-testid="embed-bar">
      <span>
        {title} · <span data-testid="total-loss">L = {fmt(loss, 4)}</span>
      </span>
      <a href={full} target="_blank" rel="noopener noreferrer">
        {words.embed.openFull}
      </a>
      {loadError && (
        <div className="error-banner" role="alert">
          <span>{words.header.refused(refusal(loadErrors, loadError, lang, words.header.andMore))}</span>
          <button type="button" onClick={dismissError} aria-label={words.header.dismiss}>
            ×
          </button>
        </div>
      )}
    </header>
  );
}
