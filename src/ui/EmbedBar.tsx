import { fmt } from '../core';
import { useApp } from '../store/store';
import { shareLink } from './LectureTools';
import { useT } from './i18n';

/** The embedded player's one line (#embed): the scenario, its loss, and a link to the full app at the same step. */
export function EmbedBar() {
  const words = useT();
  const title = useApp((s) => s.scenario.title) ?? words.app.title;
  const loss = useApp((s) => s.trace.loss);
  // The link follows the step.
  useApp((s) => s.index);
  // The same step in the full app: the share link carries no embed flag.
  const full = shareLink();
  return (
    <header className="embed-bar" data-testid="embed-bar">
      <span>
        {title} · <span data-testid="total-loss">L = {fmt(loss, 4)}</span>
      </span>
      <a href={full} target="_blank" rel="noopener noreferrer">
        {words.embed.openFull}
      </a>
    </header>
  );
}
