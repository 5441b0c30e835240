import { memo, type CSSProperties, type KeyboardEvent } from 'react';
import { useT } from './i18n';

interface ScrubberProps {
  index: number;
  stepTotal: number;
  /** What the current step is, in words (the slider's aria-valuetext). */
  label: string;
  /** Fine indices of the coarse stops, marked under the track in the coarse walk (null in the fine one). */
  ticks: number[] | null;
  /** Goes to the stop at or after a fine index (the store snaps it to the walk's grid). */
  goTo: (index: number) => void;
  /** One stop on (+1) or back (−1): ↑ and ↓ while the slider has the focus. */
  step: (direction: 1 | -1) => void;
}

/** Ticks under the track at the coarse stops: they change with the walk's mode, not with the step. */
const Ticks = memo(function Ticks({ ticks, stepTotal }: { ticks: number[]; stepTotal: number }) {
  const d = ticks.map((c) => `M${((1000 * c) / Math.max(1, stepTotal - 1)).toFixed(2)} 0V6`).join('');
  return (
    <svg className="scrub-ticks" viewBox="0 0 1000 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
});

/**
 * The slider over all steps: a native range input, so a press, a drag, the
 * keyboard and assistive technology all work as on any slider. The store snaps
 * what it reports to the walk's grid (the coarse walk lands on its stops only),
 * and the input shows the store's index back.
 *
 * Keys: ← → Home End PageUp PageDown are the page's (useKeyboard walks with them
 * and cancels the input's own move, so a key moves once); ↑ ↓ are handled here,
 * as one stop of the walk, since the input's own ↓ would move one fine step,
 * which the coarse walk snaps back to where it was.
 */
export function Scrubber({ index, stepTotal, label, ticks, goTo, step }: ScrubberProps) {
  const m = useT().controls;
  const last = Math.max(0, stepTotal - 1);
  const frac = last > 0 ? index / last : 0;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    step(e.key === 'ArrowUp' ? 1 : -1);
  };
  return (
    <div className="scrub-wrap">
      <input
        type="range"
        className="scrub"
        min={0}
        max={last}
        step={1}
        value={index}
        aria-label={m.step}
        aria-valuetext={label}
        // The filled part of the track runs up to the thumb (styles.css).
        style={{ '--frac': frac } as CSSProperties}
        onChange={(e) => goTo(Number(e.currentTarget.value))}
        onKeyDown={onKeyDown}
      />
      {ticks && <Ticks ticks={ticks} stepTotal={stepTotal} />}
    </div>
  );
}
