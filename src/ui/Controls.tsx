import { useShallow } from 'zustand/react/shallow';
import { groupStart, stepAt, stepKey } from '../core';
import { useApp } from '../store/store';
import { Scrubber } from './Scrubber';
import { StepLabel } from './StepLabel';

const SPEEDS = [0.25, 0.5, 1, 2, 4];

/** A small filled icon (no icon font: every glyph renders the same everywhere). */
function Icon({ d }: { d: string }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
    </svg>
  );
}

function describeStep(T: number, i: number): string {
  const s = stepAt(T, i);
  if (s.phase === 'end') return 'End: total loss and gradients';
  return `${s.phase === 'forward' ? 'Forward' : 'Backward'} · t = ${s.t} · ${s.id}`;
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
  const step = stepAt(T, index);
  const label = describeStep(T, index);
  // Where the phases meet on the thumb's run: halfway between the last forward step and the first backward one.
  const fwdShare = (groupStart(T, 'backward', T) - 0.5) / Math.max(1, stepTotal - 1);
  return (
    <div className="controls" role="toolbar" aria-label="Walk controls">
      <div className="buttons">
        <button type="button" onClick={a.first} disabled={index === 0} aria-label="To start (Home)" title="To start (Home)">
          <Icon d="M6 5v14M19 5l-10 7 10 7z" />
        </button>
        <button type="button" onClick={a.prevT} disabled={index === 0} aria-label="Back one t (Page Up)" title="Back one t (Page Up)">
          <Icon d="M12 5l-8 7 8 7zM21 5l-8 7 8 7z" />
        </button>
        <button type="button" onClick={a.prev} disabled={index === 0} aria-label="Previous step (←)" title="Previous step (←)">
          <Icon d="M17 5l-10 7 10 7z" />
        </button>
        <button type="button" className="play" onClick={a.togglePlay} aria-label={playing ? 'Pause (Space)' : 'Play (Space)'} title={playing ? 'Pause (Space)' : 'Play (Space)'} aria-pressed={playing}>
          {playing ? <Icon d="M7 5h4v14H7zM14 5h4v14h-4z" /> : <Icon d="M7 5l12 7-12 7z" />}
        </button>
        <button type="button" onClick={a.next} disabled={index === stepTotal - 1} aria-label="Next step (→)" title="Next step (→)">
          <Icon d="M7 5l10 7-10 7z" />
        </button>
        <button type="button" onClick={a.nextT} disabled={index === stepTotal - 1} aria-label="Forward one t (Page Down)" title="Forward one t (Page Down)">
          <Icon d="M3 5l8 7-8 7zM12 5l8 7-8 7z" />
        </button>
        <button type="button" onClick={a.last} disabled={index === stepTotal - 1} aria-label="To end (End)" title="To end (End)">
          <Icon d="M18 5v14M5 5l10 7-10 7z" />
        </button>
      </div>
      <div className="scrubber">
        <Scrubber index={index} stepTotal={stepTotal} label={label} ticks={mode === 'coarse' ? coarse : null} goTo={a.goTo} step={(d) => (d > 0 ? a.next() : a.prev())} />
        <div className="phase-band" aria-hidden="true">
          <span className="band-fwd" style={{ width: `calc(var(--thumb-r) + ${fwdShare.toFixed(5)} * (100% - 2 * var(--thumb-r)))` }}>
            forward t = 1 … {T}
          </span>
          <span className="band-bwd">backward t = {T} … 1</span>
        </div>
        <StepLabel text={label} stepKey={stepKey(step)} />
      </div>
      <div className="settings">
        <label>
          speed{' '}
          <select value={speed} onChange={(e) => a.setSpeed(Number(e.target.value))} aria-label="Playback speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <div className="mode-switch" role="radiogroup" aria-label="Walk granularity">
          <button type="button" role="radio" aria-checked={mode === 'fine'} className={mode === 'fine' ? 'on' : ''} onClick={() => a.setMode('fine')} title="One stop per formula (F)">
            fine
          </button>
          <button type="button" role="radio" aria-checked={mode === 'coarse'} className={mode === 'coarse' ? 'on' : ''} onClick={() => a.setMode('coarse')} title="One stop per t and phase (C)">
            coarse
          </button>
        </div>
      </div>
    </div>
  );
}
