import { memo, useRef, type KeyboardEvent, type PointerEvent } from 'react';

interface ScrubberProps {
  index: number;
  stepTotal: number;
  /** What the current step is, in words (the slider's aria-valuetext). */
  label: string;
  /** Fine indices of the coarse stops, drawn as ticks in the coarse walk (null in the fine one). */
  ticks: number[] | null;
  goTo: (index: number) => void;
  /** One step on (+1) or back (−1): ↑ and ↓ while the slider has the focus, as on a native slider. */
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
 * The slider over all steps. The thumb and the filled part of the track move by
 * transforms on their own compositor layers, so a step changes no layout and
 * repaints nothing in the footer (a native range input re-lays out its thumb and
 * repaints on every step, which cost about 2 ms per key press at 4× CPU throttle).
 * Keyboard: the page's keys (← → Home End PageUp PageDown) work while it has the
 * focus, and ↑ ↓ as on a native slider; pointer: press or drag anywhere along it.
 */
export function Scrubber({ index, stepTotal, label, ticks, goTo, step }: ScrubberProps) {
  const frac = stepTotal > 1 ? index / (stepTotal - 1) : 0;
  const ref = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);

  // The index under a pointer at clientX: the thumb's centre travels between half a thumb from either end.
  const indexAt = (clientX: number): number => {
    const el = ref.current;
    if (!el) return index;
    const r = el.getBoundingClientRect();
    const thumb = r.height;
    const f = (clientX - r.left - thumb / 2) / Math.max(1, r.width - thumb);
    return Math.round(Math.min(1, Math.max(0, f)) * (stepTotal - 1));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    dragging.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus({ preventScroll: true });
    goTo(indexAt(e.clientX));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const i = indexAt(e.clientX);
    if (i !== index) goTo(i);
  };
  const onPointerEnd = () => {
    dragging.current = false;
  };
  // ← → Home End PageUp PageDown are the page's keys (useKeyboard); ↑ ↓ step here, not scroll the page.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
    e.preventDefault();
    step(e.key === 'ArrowUp' ? 1 : -1);
  };

  return (
    <div
      ref={ref}
      className="scrub"
      role="slider"
      tabIndex={0}
      aria-label="Step"
      aria-valuemin={0}
      aria-valuemax={stepTotal - 1}
      aria-valuenow={index}
      aria-valuetext={label}
      aria-orientation="horizontal"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onLostPointerCapture={onPointerEnd}
      onKeyDown={onKeyDown}
    >
      <div className="scrub-track" />
      <div className="scrub-fill" style={{ transform: `scaleX(${frac})` }} />
      {ticks && <Ticks ticks={ticks} stepTotal={stepTotal} />}
      <div className="scrub-rail" style={{ transform: `translateX(${(frac * 100).toFixed(4)}%)` }}>
        <div className="scrub-thumb" />
      </div>
    </div>
  );
}
