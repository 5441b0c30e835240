import { color } from 'd3';
import type { ScaleDiverging } from 'd3';
import { useLayoutEffect, useRef, type MouseEvent } from 'react';
import { exponentOf, textOn } from '../colors';
import { fmt } from '../../core/format';
import { GridCanvas } from './GridCanvas';
import { useApp } from '../../store/store';
import { PRESENTER_MIN_FONT } from '../typeScale';

/** One font size for a grid's numbers: the longest (exponent forms are longer) must fit its cell. */
export function numberSize(values: ArrayLike<number>, cell: number, max = 11, format: (v: number) => string = fmt2): number {
  let longest = 4;
  for (let i = 0; i < values.length; i++) longest = Math.max(longest, format(values[i]).length);
  return Math.min(max, (cell * 1.45) / longest);
}

const fmt2 = (v: number) => fmt(v, 2);

/** Above this many cells (and with no numbers to write) a grid is drawn as one image. */
const IMAGE_CELLS = 64;

/** Whether a grid is drawn as an image: many cells, too small for numbers. */
export function asImage(rows: number, cols: number, showNumbers: boolean): boolean {
  return !showNumbers && rows * cols > IMAGE_CELLS;
}

/** Entries of a scale's colour table: finer than the eye can tell apart on RdBu. */
const LUT_SIZE = 1024;
/** Each interpolator's colours as RGB bytes, sampled once: every scale of every trace shares RdBu's. */
const luts = new WeakMap<(t: number) => string, Uint8Array>();
function lutOf(scale: ScaleDiverging<string>): Uint8Array {
  const interpolate = scale.interpolator();
  let lut = luts.get(interpolate);
  if (!lut) {
    lut = new Uint8Array(3 * LUT_SIZE);
    for (let k = 0; k < LUT_SIZE; k++) {
      const c = color(interpolate(k / (LUT_SIZE - 1)))?.rgb();
      lut[3 * k] = c?.r ?? 0;
      lut[3 * k + 1] = c?.g ?? 0;
      lut[3 * k + 2] = c?.b ?? 0;
    }
    luts.set(interpolate, lut);
  }
  return lut;
}

/**
 * Paints a heatmap into a canvas, one pixel per cell; CSS scales it up without
 * smoothing. One node instead of rows × cols rectangles, and no image to encode
 * and decode: a 128 × 128 gradient costs a millisecond, not a layout of 16 000
 * elements.
 */
export function paintHeatmap(canvas: HTMLCanvasElement, values: ArrayLike<number>, rows: number, cols: number, scale: ScaleDiverging<string>): void {
  if (canvas.width !== cols) canvas.width = cols;
  if (canvas.height !== rows) canvas.height = rows;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(cols, rows);
  fillRGBA(img.data, values, rows * cols, scale);
  ctx.putImageData(img, 0, 0);
}

/** The signed power a d3 diverging pow scale applies before its linear map (1: none). */
function signedPow(exponent: number): (v: number) => number {
  return exponent === 1 ? (v) => v : (v) => (v < 0 ? -((-v) ** exponent) : v ** exponent);
}

/**
 * Writes the first `count` values' colours into `data` as opaque RGBA
 * (paintHeatmap's pixels). The colours come from the scale's table (lutOf),
 * indexed the way d3's diverging scale maps a value to [0, 1] (after the signed
 * power of a pow scale, piecewise linear about the middle of its domain,
 * clamped): no colour string per cell.
 */
export function fillRGBA(data: Uint8ClampedArray, values: ArrayLike<number>, count: number, scale: ScaleDiverging<string>): void {
  const lut = lutOf(scale);
  const pow = signedPow(exponentOf(scale));
  const [lo, mid, hi] = scale.domain().map(pow);
  const below = mid > lo ? 0.5 / (mid - lo) : 0;
  const above = hi > mid ? 0.5 / (hi - mid) : 0;
  for (let idx = 0; idx < count; idx++) {
    const v = pow(values[idx]);
    const t = 0.5 + (v - mid) * (v < mid ? below : above);
    const k = 3 * Math.round((t <= 0 || Number.isNaN(t) ? 0 : t >= 1 ? 1 : t) * (LUT_SIZE - 1));
    data[4 * idx] = lut[k];
    data[4 * idx + 1] = lut[k + 1];
    data[4 * idx + 2] = lut[k + 2];
    data[4 * idx + 3] = 255;
  }
}

/** A cell's number, centred in it, dark or light to read on the cell's fill. */
export function CellNumber({ v, fill, x, y, cell, size, format = fmt2 }: { v: number; fill: string; x: number; y: number; cell: number; size: number; format?: (v: number) => string }) {
  return (
    <text x={x + cell / 2} y={y + cell / 2} dy="0.35em" textAnchor="middle" className="grid-num" fill={textOn(fill)} fontSize={size}>
      {format(v)}
    </text>
  );
}

export interface GridProps {
  values: ArrayLike<number>;
  rows: number;
  cols: number;
  cell: number;
  scale: ScaleDiverging<string>;
  showNumbers: boolean;
  x?: number;
  y?: number;
  /** Cells to mark (e.g. saturated units on the diagonal of H). */
  marked?: (i: number, j: number) => boolean;
  /** How a cell's number is written (default: 2 decimals). */
  format?: (v: number) => string;
  onHoverCell?: (i: number, j: number) => void;
  testId?: string;
}

/** A rows × cols heatmap drawn by React (for grids that change only when the step does). */
export function Grid(props: GridProps) {
  const { values, rows, cols, cell, scale, showNumbers, x = 0, y = 0, marked, format, onHoverCell, testId } = props;
  const presenter = useApp((st) => st.presenter);
  if (asImage(rows, cols, showNumbers)) return <ImageGrid {...props} />;
  const size = showNumbers ? numberSize(values, cell, presenter ? PRESENTER_MIN_FONT + 1 : 11, format) : 0;
  // In presenter mode a number too small for the back of the hall is left out (its colour and the hover stay).
  const withNumbers = showNumbers && (!presenter || size >= PRESENTER_MIN_FONT);
  const fontSize = withNumbers ? size : 0;
  // One rect per cell (and its number), no group around each: fewer elements to
  // style and lay out when the panel changes. Hover is delegated to the grid.
  const cells = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const idx = i * cols + j;
      const v = values[idx];
      const fill = scale(v);
      cells.push(<rect key={`r${idx}`} x={x + j * cell} y={y + i * cell} width={cell} height={cell} fill={fill} className={marked?.(i, j) ? 'cell marked' : 'cell'} data-cell={onHoverCell ? idx : undefined} />);
      if (withNumbers) cells.push(<CellNumber key={`n${idx}`} v={v} fill={fill} x={x + j * cell} y={y + i * cell} cell={cell} size={fontSize} format={format} />);
    }
  }
  // The numbers take no pointer events (CSS), so the pointer is always over a cell's rect.
  const onMouseOver = onHoverCell
    ? (e: MouseEvent<SVGGElement>) => {
        const idx = (e.target as Element).getAttribute('data-cell');
        if (idx !== null) onHoverCell(Math.floor(Number(idx) / cols), Number(idx) % cols);
      }
    : undefined;
  return (
    <g data-testid={testId} data-rows={rows} data-cols={cols} onMouseOver={onMouseOver}>
      {cells}
      <rect x={x - 0.5} y={y - 0.5} width={cols * cell + 1} height={rows * cell + 1} className="grid-frame" />
    </g>
  );
}

/** The image form of a grid (one canvas), with marked cells outlined on top and hover by pointer position. */
function ImageGrid({ values, rows, cols, cell, scale, x = 0, y = 0, marked, onHoverCell, testId }: GridProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    if (canvas.current) paintHeatmap(canvas.current, values, rows, cols, scale);
  }, [values, rows, cols, scale]);
  const marks = [];
  if (marked) for (let i = 0; i < Math.min(rows, cols); i++) if (marked(i, i)) marks.push(<rect key={i} x={x + i * cell} y={y + i * cell} width={cell} height={cell} className="cell marked" fill="none" />);
  return (
    <g data-testid={testId} data-rows={rows} data-cols={cols}>
      <foreignObject x={x} y={y} width={cols * cell} height={rows * cell}>
        <GridCanvas
          cols={cols}
          rows={rows}
          canvasRef={canvas}
          className="grid-image"
          style={{ width: cols * cell, height: rows * cell }}
          onMouseMove={
            onHoverCell
              ? (e) => {
                  const r = e.currentTarget.getBoundingClientRect();
                  const j = Math.min(cols - 1, Math.floor(((e.clientX - r.left) / r.width) * cols));
                  const i = Math.min(rows - 1, Math.floor(((e.clientY - r.top) / r.height) * rows));
                  onHoverCell(i, j);
                }
              : undefined
          }
        />
      </foreignObject>
      {marks}
      <rect x={x - 0.5} y={y - 0.5} width={cols * cell + 1} height={rows * cell + 1} className="grid-frame" />
    </g>
  );
}
