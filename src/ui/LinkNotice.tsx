import { useApp } from '../store/store';
import { useT } from './i18n';

/**
 * What a link asked for that could not be shown (an unknown step or
 * parameter, a file not stored in this browser), said once in one line above
 * the formula: it covers nothing, and goes with the next link or a press on ×.
 */
export function LinkNotice() {
  const notice = useApp((s) => s.notice);
  const setNotice = useApp((s) => s.setNotice);
  const m = useT().link;
  if (!notice) return null;
  return (
    <div className="link-notice" role="status" data-testid="link-notice">
      <span>{m.said(notice.map(m.problem).join(m.separator))}</span>
      <button type="button" onClick={() => setNotice(null)} aria-label={m.dismiss}>
        ×
      </button>
    </div>
  );
}
