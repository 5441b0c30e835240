import { color } from 'd3';
import type { ScaleDiverging } from 'd3';
import { useLayoutEffect, useRef, type MouseEvent } from 'react';
import { textOn } from '../colors';
import { fmt } from '../format';

/** One font size for a grid's numbers: the longest (exponent forms are longer) must fit its cell. */
export function numberSize(values: ArrayLike<number>, cell: number): number {
  let longest = 4;
  for (let i = 0; i < values.length; i++) longest = Math.max(longest, fmt(values[i], 2).length);
  return Math.min(11, (cell * 1.45) / longest);
}

/** Above this many cells (and with no numbers to write) a grid is drawn as one image. */
const IMAGE_CELLS = 64;

/** Whether a grid is drawn as an image: many cells, too small for numbers. */
export function asImage(rows: number, cols: number, showNumbers: boolean): boolean {
  return !showNumbers && rows * cols > IMAGE_CELLS;
}

/** RGB of a scale's colour string, parsed once per distinct colour. */
const rgbCache = new Map<string, [number, number, number]>();
function rgbOf(css: string): [number, number, number] {
  let v = rgbCache.get(css);
  if (!v) {
    const c = color(css)?.rgb();
    v = [c?.r ?? 0, c?.g ?? 0, c?.b ?? 0];
    if (rgbCache.size > 4096) rgbCache.clear();
    rgbCache.set(css, v);
  }
  return v;
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
  for (let idx = 0; idx < rows * cols; idx++) {
    const [r, g, b] = rgbOf(scale(values[idx]));
    img.data[4 * idx] = r;
    img.data[4 * idx + 1] = g;
    img.data[4 * idx + 2] = b;
    img.data[4 * idx + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/** A cell's number, centred in it, dark or light to read on the cell's fill. */
export function CellNumber({ v, fill, x, y, cell, size }: { v: number; fill: string; x: number; y: number; cell: number; size: number }) {
  return (
    <text x={x + cell / 2} y={y + cell / 2} dy="0.35em" textAnchor="middle" className="grid-num" fill={textOn(fill)} fontSize={size}>
      {fmt(v, 2)}
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
  onHoverCell?: (i: number, j: number) => void;
  testId?: string;
}

/** A rows × cols heatmap drawn by React (for grids that change only when the step does). */
export function Grid(props: GridProps) {
  const { values, rows, cols, cell, scale, showNumbers, x = 0, y = 0, marked, onHoverCell, testId } = props;
  if (asImage(rows, cols, showNumbers)) return <ImageGrid {...props} />;
  const fontSize = showNumbers ? numberSize(values, cell) : 0;
  // One rect per cell (and its number), no group around each: fewer elements to
  // style and lay out when the panel changes. Hover is delegated to the grid.
  const cells = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const idx = i * cols + j;
      const v = values[idx];
      const fill = scale(v);
      cells.push(<rect key={`r${idx}`} x={x + j * cell} y={y + i * cell} width={cell} height={cell} fill={fill} className={marked?.(i, j) ? 'cell marked' : 'cell'} data-cell={onHoverCell ? idx : undefined} />);
      if (showNumbers) cells.push(<CellNumber key={`n${idx}`} v={v} fill={fill} x={x + j * cell} y={y + i * cell} cell={cell} size={fontSize} />);
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

/** The image form of a grid (a canvas), with marked cells outlined on top and hover by pointer position. */
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
        <canvas
          ref={canvas}
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
