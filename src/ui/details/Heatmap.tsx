// selection.transition() and .interrupt() are installed by d3-transition as a side effect;
// d3's umbrella package is marked side-effect free, so import it explicitly.
import 'd3-transition';
import { color, easeCubicOut, select } from 'd3';
import type { ScaleDiverging } from 'd3';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { textOn } from '../colors';
import { fmt } from '../format';

/** One font size for a grid's numbers: the longest (exponent forms are longer) must fit its cell. */
function numberSize(values: ArrayLike<number>, cell: number): number {
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

const XHTML = 'http://www.w3.org/1999/xhtml';

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
  const cells = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = values[i * cols + j];
      const fill = scale(v);
      cells.push(
        <g key={i * cols + j} onMouseEnter={onHoverCell ? () => onHoverCell(i, j) : undefined}>
          <rect x={x + j * cell} y={y + i * cell} width={cell} height={cell} fill={fill} className={marked?.(i, j) ? 'cell marked' : 'cell'} />
          {showNumbers && (
            <text x={x + j * cell + cell / 2} y={y + i * cell + cell / 2} dy="0.35em" textAnchor="middle" className="grid-num" fill={textOn(fill)} fontSize={fontSize}>
              {fmt(v, 2)}
            </text>
          )}
        </g>,
      );
    }
  }
  return (
    <g data-testid={testId} data-rows={rows} data-cols={cols}>
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

interface AnimatedProps extends Omit<GridProps, 'marked' | 'onHoverCell'> {
  /** The sum before this step's add (null: nothing to animate from). */
  before: ArrayLike<number> | null;
  /** The contribution being added: its ghost flies from (fromX, fromY) into the sum. */
  ghost: { values: ArrayLike<number>; fromX: number; fromY: number } | null;
  /** Milliseconds for the add; 0 draws the final picture at once. */
  ms: number;
}

/**
 * The running sum of a gradient, owned by d3 inside one React <g>: the cells
 * start from the sum before this step, the contribution's ghost flies in, and
 * the cells turn to the new sum's colours and numbers. A new update interrupts
 * the running one and starts from its own "before" state.
 */
export function AnimatedSum({ values, before, rows, cols, cell, scale, showNumbers, x = 0, y = 0, ghost, ms, testId }: AnimatedProps) {
  const ref = useRef<SVGGElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const g = select(el);
    g.selectAll('*').interrupt('add');
    g.selectAll('.ghost').remove();
    if (asImage(rows, cols, showNumbers)) {
      // Image form: the sum before, the new sum fading in over it as the term's ghost lands.
      g.selectAll('*').remove();
      // A canvas in a foreignObject: painted at once, nothing to encode or decode.
      const image = (vals: ArrayLike<number>, cls: string) => {
        const fo = g.append('foreignObject').attr('class', `grid-image-box ${cls}`).attr('x', x).attr('y', y).attr('width', cols * cell).attr('height', rows * cell);
        const c = fo
          .append(() => document.createElementNS(XHTML, 'canvas') as HTMLCanvasElement)
          .attr('class', 'grid-image')
          .style('width', `${cols * cell}px`)
          .style('height', `${rows * cell}px`);
        const node = c.node();
        if (node) paintHeatmap(node, vals, rows, cols, scale);
        return fo;
      };
      if (!(ms > 0 && ghost && before)) {
        image(values, 'sum-after');
        el.removeAttribute('data-animating');
        return undefined;
      }
      el.setAttribute('data-animating', 'true');
      image(before, 'sum-before');
      const after = image(values, 'sum-after').attr('opacity', 0);
      // The ghost moves by a transform, not by x and y: a moved foreignObject would
      // be laid out again in every frame of the flight.
      image(ghost.values, 'ghost')
        .attr('transform', `translate(${ghost.fromX - x},${ghost.fromY - y})`)
        .transition('add')
        .duration(ms * 0.6)
        .ease(easeCubicOut)
        .attr('transform', 'translate(0,0)')
        .style('opacity', 0.15)
        .remove();
      after
        .transition('add')
        .delay(ms * 0.45)
        .duration(ms * 0.55)
        .attr('opacity', 1)
        .on('end', () => el.removeAttribute('data-animating'));
      return () => el.removeAttribute('data-animating');
    }
    g.selectAll('image').remove();
    const data = Array.from({ length: rows * cols }, (_, idx) => ({ i: Math.floor(idx / cols), j: idx % cols, v: values[idx], v0: before ? before[idx] : values[idx] }));
    // Two nodes per cell (a rect, and a number while they fit), joined by position.
    const layer = (name: string) => g.selectAll<SVGGElement, string>(`g.${name}`).data([name]).join('g').attr('class', name);
    const rects = layer('sum-rects')
      .selectAll<SVGRectElement, (typeof data)[number]>('rect.sum-cell')
      .data(data, (d) => `${d.i},${d.j}`)
      .join('rect')
      .attr('class', 'sum-cell')
      .attr('x', (d) => x + d.j * cell)
      .attr('y', (d) => y + d.i * cell)
      .attr('width', cell)
      .attr('height', cell);
    const texts = layer('sum-nums')
      .selectAll<SVGTextElement, (typeof data)[number]>('text.grid-num')
      .data(showNumbers ? data : [], (d) => `${d.i},${d.j}`)
      .join('text')
      .attr('class', 'grid-num')
      .attr('text-anchor', 'middle')
      .attr('dy', '0.35em')
      .attr('x', (d) => x + d.j * cell + cell / 2)
      .attr('y', (d) => y + d.i * cell + cell / 2);
    const show = (key: 'v' | 'v0') => {
      const size = numberSize(data.map((d) => d[key]), cell);
      rects.attr('fill', (d) => scale(d[key]));
      texts
        .text((d) => fmt(d[key], 2))
        .attr('fill', (d) => textOn(scale(d[key])))
        .attr('font-size', size);
    };
    if (!(ms > 0 && ghost && before)) {
      show('v');
      el.removeAttribute('data-animating');
      return undefined;
    }
    show('v0');
    el.setAttribute('data-animating', 'true');
    const gh = g.append('g').attr('class', 'ghost').attr('transform', `translate(${ghost.fromX - x},${ghost.fromY - y})`);
    gh.selectAll('rect')
      .data(Array.from(ghost.values))
      .join('rect')
      .attr('x', (_, idx) => x + (idx % cols) * cell)
      .attr('y', (_, idx) => y + Math.floor(idx / cols) * cell)
      .attr('width', cell)
      .attr('height', cell)
      .attr('fill', (v) => scale(v));
    gh.transition('add').duration(ms * 0.6).ease(easeCubicOut).attr('transform', 'translate(0,0)').style('opacity', 0.15).remove();
    rects
      .transition('add')
      .delay(ms * 0.45)
      .duration(ms * 0.55)
      .attr('fill', (d) => scale(d.v));
    // The old numbers stay until the new colours are in.
    const timer = setTimeout(() => {
      show('v');
      el.removeAttribute('data-animating');
    }, ms);
    return () => clearTimeout(timer);
  }, [values, before, rows, cols, cell, scale, showNumbers, x, y, ghost, ms]);
  useEffect(() => {
    const el = ref.current;
    return () => {
      if (el) select(el).selectAll('*').interrupt('add').remove();
    };
  }, []);
  return (
    <g data-testid={testId} data-rows={rows} data-cols={cols}>
      <g ref={ref} />
      <rect x={x - 0.5} y={y - 0.5} width={cols * cell + 1} height={rows * cell + 1} className="grid-frame" />
    </g>
  );
}
