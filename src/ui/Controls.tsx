import { useShallow } from 'zustand/react/shallow';
import { formatNumber, groupStart, stepAt, stepKey, stepLabel } from '../core';
import { useApp } from '../store/store';
import { BookmarkMarks } from './BookmarkMarks';
import { Scrubber } from './Scrubber';
import { StepLabel } from './StepLabel';
import { useT } from './i18n';

const SPEEDS = [0.25, 0.5, 1, 2, 4];

/** A small filled icon (no icon font: every glyph renders the same everywhere). */
function Icon({ d }: { d: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

/** Previous / next, play, start / end, the scrubber, speed and the fine / coarse switch. */
export function Controls() {
  const { index, stepTotal, playing, speed, mode, T, coarse } = useApp(
    useShallow((s) => ({ index: s.index, stepTotal: s.stepTotal, playing: s.playing, speed: s.speed, mode: s.mode, T: s.dims.T, coarse: s.coarse })),
  );
  const a = useApp(
    useShallow((s) => ({
      first: s.first,
      prev: s.prev,
      next: s.next,
      last: s.last,
      togglePlay: s.togglePlay,
      setSpeed: s.setSpeed,
      setMode: s.setMode,
      goTo: s.goTo,
      prevT: s.prevT,
      nextT: s.nextT,
    })),
  );
  const lang = useApp((s) => s.lang);
  const m = useT().controls;
  const step = stepAt(T, index);
  const label = stepLabel(step, lang);
  // Where the phases meet on the thumb's run: halfway between the last forward step and the first backward one.
  const fwdShare = (groupStart(T, 'backward', T) - 0.5) / Math.max(1, stepTotal - 1);
  return (
    <div className="controls" role="toolbar" aria-label={m.toolbar}>
      <div className="buttons">
        <button type="button" onClick={a.first} disabled={index === 0} aria-label={m.toStart} title={m.toStart}>
          <Icon d="M6 5v14M19 5l-10 7 10 7z" />
        </button>
        <button type="button" onClick={a.prevT} disabled={index === 0} aria-label={m.backT} title={m.backT}>
          <Icon d="M12 5l-8 7 8 7zM21 5l-8 7 8 7z" />
        </button>
        <button type="button" onClick={a.prev} disabled={index === 0} aria-label={m.prev} title={m.prev}>
          <Icon d="M17 5l-10 7 10 7z" />
        </button>
        <button type="button" className="play" onClick={a.togglePlay} aria-label={playing ? m.pause : m.play} title={playing ? m.pause : m.play} aria-pressed={playing}>
          {playing ? <Icon d="M7 5h4v14H7zM14 5h4v14h-4z" /> : <Icon d="M7 5l12 7-12 7z" />}
        </button>
        <button type="button" onClick={a.next} disabled={index === stepTotal - 1} aria-label={m.next} title={m.next}>
          <Icon d="M7 5l10 7-10 7z" />
        </button>
        <button type="button" onClick={a.nextT} disabled={index === stepTotal - 1} aria-label={m.forwardT} title={m.forwardT}>
          <Icon d="M3 5l8 7-8 7zM12 5l8 7-8 7z" />
        </button>
        <button type="button" onClick={a.last} disabled={index === stepTotal - 1} aria-label={m.toEnd} title={m.toEnd}>
          <Icon d="M18 5v14M5 5l10 7-10 7z" />
        </button>
      </div>
      <div className="scrubber">
        <Scrubber index={index} stepTotal={stepTotal} label={label} ticks={mode === 'coarse' ? coarse : null} goTo={a.goTo} step={(d) => (d > 0 ? a.next() : a.prev())} />
        <BookmarkMarks />
        <div className="phase-band" aria-hidden="true">
          <span className="band-fwd" style={{ width: `calc(var(--thumb-r) + ${fwdShare.toFixed(5)} * (100% - 2 * var(--thumb-r)))` }}>
            {m.bandForward(formatNumber(T, lang))}
          </span>
          <span className="band-bwd">{m.bandBackward(formatNumber(T, lang))}</span>
        </div>
        <StepLabel text={label} stepKey={stepKey(step)} />
      </div>
      <div className="settings">
        <label>
          {m.speed}{' '}
          <select value={speed} onChange={(e) => a.setSpeed(Number(e.target.value))} aria-label={m.speedLabel}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <div className="mode-switch" role="radiogroup" aria-label={m.granularity}>
          <button type="button" role="radio" aria-checked={mode === 'fine'} className={mode === 'fine' ? 'on' : ''} onClick={() => a.setMode('fine')} title={m.fineTitle}>
            {m.fine}
          </button>
          <button type="button" role="radio" aria-checked={mode === 'coarse'} className={mode === 'coarse' ? 'on' : ''} onClick={() => a.setMode('coarse')} title={m.coarseTitle}>
            {m.coarse}
          </button>
        </div>
      </div>
    </div>
  );
}
