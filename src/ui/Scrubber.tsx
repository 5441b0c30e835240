import { memo, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { bitmap } from './bitmap';
import { useDevicePixelRatio } from './useDevicePixelRatio';

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

/** The slider's height, the thumb's diameter (CSS px): the thumb's centre runs from R to width − R. */
const HEIGHT = 16;
const R = HEIGHT / 2;
/** The canvas reaches this far above and below the slider, for the focus ring around the thumb. */
const BLEED = 5;
const TRACK = { y: 6, h: 4, color: '#c9ccd1' };

/** The page's colours for the slider, read once (a style read during a step would force a style recalc). */
let look: { accent: string; ring: string } | null = null;

/** The slider's parts drawn once per size and pixel ratio; a step copies them (four calls, no paths). */
interface Sprites {
  key: string;
  /** The grey track, and the accent bar as long as the track: a step shows its left part. */
  track: HTMLCanvasElement;
  fill: HTMLCanvasElement;
  /** The thumb, and the thumb in its focus ring; (2R + 2 BLEED) square, centred. */
  thumb: HTMLCanvasElement;
  thumbRing: HTMLCanvasElement;
}
let sprites: Sprites | null = null;

function spritesFor(width: number, dpr: number, styleFrom: Element): Sprites {
  const key = `${width} ${dpr}`;
  if (sprites?.key === key) return sprites;
  if (!look) {
    const cs = getComputedStyle(styleFrom);
    look = { accent: cs.getPropertyValue('--accent').trim() || '#1d4ed8', ring: cs.getPropertyValue('--hover-ring').trim() || '#ca8a04' };
  }
  const { accent, ring } = look;
  const bar = (color: string, x: number) => (ctx: CanvasRenderingContext2D) => {
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.roundRect(x, BLEED + TRACK.y, Math.max(0, width - 2 * x), TRACK.h, TRACK.h / 2);
    ctx.fill();
  };
  const side = HEIGHT + 2 * BLEED;
  // The thumb: the focus ring, a 1 px accent rim, a 2 px white border, the accent face.
  const thumb = (withRing: boolean) => (ctx: CanvasRenderingContext2D) => {
    const disc = (r: number, color: string) => {
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.arc(side / 2, side / 2, r, 0, 2 * Math.PI);
      ctx.fill();
    };
    if (withRing) disc(R + 5, ring);
    disc(R + 1, accent);
    disc(R, '#fff');
    disc(R - 2, accent);
  };
  sprites = {
    key,
    track: bitmap(width, side, dpr, bar(TRACK.color, 0)),
    fill: bitmap(width, side, dpr, bar(accent, R)),
    thumb: bitmap(side, side, dpr, thumb(false)),
    thumbRing: bitmap(side, side, dpr, thumb(true)),
  };
  return sprites;
}

/**
 * Draws the slider at `frac` of its way: the track, its filled part up to the
 * thumb and the thumb, in its focus ring while the keyboard has the focus.
 */
function paintScrub(canvas: HTMLCanvasElement, width: number, dpr: number, frac: number, ring: boolean): void {
  const w = Math.round(width * dpr);
  const h = Math.round((HEIGHT + 2 * BLEED) * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx || width <= 0) return;
  const sp = spritesFor(width, dpr, canvas);
  // Device pixels: the sprites are drawn at this ratio.
  const cx = Math.round((R + frac * Math.max(0, width - HEIGHT)) * dpr);
  ctx.clearRect(0, 0, w, h);
  ctx.drawImage(sp.track, 0, 0);
  // The thumb's centre is at least R in: the filled part is never empty.
  ctx.drawImage(sp.fill, 0, 0, cx, h, 0, 0, cx, h);
  ctx.drawImage(ring ? sp.thumbRing : sp.thumb, cx - Math.round(h / 2), 0);
}

/**
 * The slider over all steps, drawn on a canvas on its own compositor layer. A
 * step repaints the bitmap and changes nothing else. Moving a thumb and a fill
 * by transforms (even on will-change layers) made Chromium work out the whole
 * page's compositor layers again on every step: 2–4 ms of a key press's frame
 * at 4× CPU throttle in traces, against 1.5–2 ms for the update a repainted
 * canvas needs. A native range input re-lays out and repaints its thumb.
 * Keyboard: the page's keys (← → Home End PageUp PageDown) work while it has
 * the focus, and ↑ ↓ as on a native slider; pointer: press or drag anywhere
 * along it.
 */
export function Scrubber({ index, stepTotal, label, ticks, goTo, step }: ScrubberProps) {
  const frac = stepTotal > 1 ? index / (stepTotal - 1) : 0;
  const ref = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const dragging = useRef(false);
  // The slider's CSS width, from a ResizeObserver (it reports after layout: reading it forces none).
  const [width, setWidth] = useState(0);
  const [ring, setRing] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver((entries) => setWidth(entries[0]?.contentRect.width ?? el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const dpr = useDevicePixelRatio();
  useLayoutEffect(() => {
    if (canvasRef.current) paintScrub(canvasRef.current, width, dpr, frac, ring);
  }, [width, dpr, frac, ring]);

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
      onFocus={(e) => setRing(e.currentTarget.matches(':focus-visible'))}
      onBlur={() => setRing(false)}
    >
      <canvas ref={canvasRef} className="scrub-canvas" aria-hidden="true" />
      {ticks && <Ticks ticks={ticks} stepTotal={stepTotal} />}
    </div>
  );
}
