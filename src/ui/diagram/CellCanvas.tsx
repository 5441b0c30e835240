import { useLayoutEffect, useRef } from 'react';
import { quizPending } from '../../store/quizSlice';
import { useApp } from '../../store/store';
import { PLACE, type DrawnVector, type Layout } from '../layout';
import { FAMILY, vectorAt } from '../quantities';
import { useDiagram } from './context';
import { fillRGBA } from '../details/Heatmap';
import type { ScaleDiverging } from 'd3';
import { shownFrom } from './Stack';

/** The vectors of a column, and h^(0) in column 0. */
export const COLUMN: DrawnVector[] = ['o', 'yhat', 'gradO', 'h', 'H', 'gradH', 'a', 'gradA', 'x'];

/** Room around the drawn columns (stack frames sit 1 px outside the cells). */
const PAD = 4;

interface Drawn {
  /** Everything the picture depends on besides the walk position. */
  geometry: unknown[];
  /** Stacks painted, as `q@t`. */
  painted: Set<string>;
}

/** The stacks of the drawn columns: column 0 holds h^(0) alone. */
function stacksOf(from: number, to: number): [DrawnVector, number][] {
  const out: [DrawnVector, number][] = [];
  if (from === 1) out.push(['h', 0]);
  for (let t = from; t <= to; t++) for (const q of COLUMN) out.push([q, t]);
  return out;
}

function stackBox(layout: Layout, q: DrawnVector, t: number, units: number) {
  const { level, sub } = PLACE[q];
  return { x: layout.subX(t, sub), y: layout.cellY(level, 0), w: layout.cellW, h: units * layout.cellH };
}

/** A stack's picture, one pixel wide and one row per CSS pixel, reused from stack to stack. */
let scratch: OffscreenCanvas | HTMLCanvasElement | null = null;
let colours = new Uint8ClampedArray(0);

/**
 * Paints one stack: its colours from the scale's table (fillRGBA), a pixel
 * column of cellH rows per unit, the first row of each lightened as the
 * hairline between units, drawn scaled without smoothing into the stack's box.
 * One drawImage per stack instead of a colour string, its parse and a fillRect
 * per cell: at n = 128 that is some 9 000 fills a step.
 */
function paintStack(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  values: ArrayLike<number>,
  scale: ScaleDiverging<string>,
  cellH: number,
  box: { x: number; y: number; w: number; h: number },
): void {
  const units = values.length;
  const rows = units * cellH;
  if (!scratch) scratch = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(1, rows) : document.createElement('canvas');
  if (scratch.width !== 1) scratch.width = 1;
  if (scratch.height < rows) scratch.height = rows;
  const sctx = scratch.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!sctx) return;
  if (colours.length < 4 * units) colours = new Uint8ClampedArray(4 * units);
  fillRGBA(colours, values, units, scale);
  const img = sctx.createImageData(1, rows);
  const px = img.data;
  const hairline = cellH >= 4;
  for (let i = 0; i < units; i++) {
    const r = colours[4 * i];
    const g = colours[4 * i + 1];
    const b = colours[4 * i + 2];
    for (let j = 0; j < cellH; j++) {
      const o = 4 * (i * cellH + j);
      const light = hairline && j === 0;
      px[o] = light ? (r + 255) >> 1 : r;
      px[o + 1] = light ? (g + 255) >> 1 : g;
      px[o + 2] = light ? (b + 255) >> 1 : b;
      px[o + 3] = 255;
    }
  }
  sctx.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, 0, 0, 1, rows, box.x, box.y, box.w, box.h);
}

/**
 * The cells of every computed vector in the drawn columns, painted into one
 * canvas, for layouts whose cells are too small for numbers (large n). The SVG
 * keeps the stacks' frames, labels, edges and hover targets; thousands of cell
 * rectangles would otherwise make every step's frame re-record and re-layer the
 * whole diagram. React owns the element; this component only paints its bitmap,
 * and a step repaints just the stacks it showed or hid.
 */
export function CellCanvas({ from, to }: { from: number; to: number }) {
  const { layout, scales, model, trace } = useDiagram();
  // A value the quiz is asking for stays unpainted until it is answered (quiz-pending: the stop is a fine step).
  const index = useApp((s) => s.index - (quizPending(s) ? 1 : 0));
  const ref = useRef<HTMLCanvasElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const offscreen = useRef<OffscreenCanvas | HTMLCanvasElement | null>(null);
  const x0 = (from === 1 ? layout.colX(0) : layout.colX(from)) - PAD;
  const width = layout.colX(to) + layout.colW + PAD - x0;
  const height = layout.height;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Drawn through an OffscreenCanvas: the browser then hands the compositor a
    // new picture only after a draw, instead of copying the whole bitmap in
    // every frame that changes anything else on the page.
    if (!offscreen.current) offscreen.current = 'transferControlToOffscreen' in el ? el.transferControlToOffscreen() : el;
    const canvas = offscreen.current;
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    if (!ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const geometry = [x0, width, height, dpr, layout, scales, model, trace];
    const prev = drawn.current;
    const fresh = !prev || prev.geometry.length !== geometry.length || prev.geometry.some((g, i) => g !== geometry[i]);
    const painted = fresh ? new Set<string>() : prev.painted;
    if (fresh) {
      // Setting a canvas's size, even to the one it has, reallocates its bitmap: only when it changes.
      const w = Math.round(width * dpr);
      const h = Math.round(height * dpr);
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      ctx.setTransform(dpr, 0, 0, dpr, -x0 * dpr, 0);
      ctx.clearRect(x0, 0, width, height);
    }
    const { cellH } = layout;
    for (const [q, t] of stacksOf(from, to)) {
      const key = `${q}@${t}`;
      const shown = index >= shownFrom(trace.T, q, t);
      if (shown === painted.has(key)) continue;
      const values = vectorAt(model, trace, q, t);
      const box = stackBox(layout, q, t, values.length);
      if (!shown) {
        ctx.clearRect(box.x - 1, box.y - 1, box.w + 2, box.h + 2);
        painted.delete(key);
        continue;
      }
      paintStack(ctx, values, scales.scale[FAMILY[q]], cellH, box);
      painted.add(key);
    }
    drawn.current = { geometry, painted };
  }, [index, from, to, x0, width, height, layout, scales, model, trace]);

  return <canvas ref={ref} className="cell-canvas" aria-hidden="true" style={{ left: x0, top: 0, width, height }} data-testid="cell-canvas" />;
}
