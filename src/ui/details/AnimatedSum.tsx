import type { ScaleDiverging } from 'd3';
import { useLayoutEffect, useRef, useState } from 'react';
import { CellNumber, numberSize, paintHeatmap } from './Heatmap';
import { GridCanvas } from './GridCanvas';

/** d3's easeCubicOut as a CSS timing function (1 − (1 − t)³). */
const CUBIC_OUT = 'cubic-bezier(0.33, 1, 0.68, 1)';

interface Props {
  /** The running sum after this step's add, row-major. */
  values: ArrayLike<number>;
  /** The sum before this step's add (null: nothing to animate from). */
  before: ArrayLike<number> | null;
  /** The contribution being added: its ghost flies from (fromX, fromY) into the sum. */
  ghost: { values: ArrayLike<number>; fromX: number; fromY: number } | null;
  rows: number;
  cols: number;
  cell: number;
  scale: ScaleDiverging<string>;
  showNumbers: boolean;
  /** Where the sum sits in its figure, px. */
  x: number;
  y: number;
  /** Milliseconds for the add; 0 draws the final picture at once. */
  ms: number;
  testId?: string;
}

/**
 * The running sum of a gradient, with this step's add animated: the sum before
 * it, the contribution's ghost flying in from the term, and the new sum fading
 * in over the old as it lands. HTML canvases (GridCanvas), one
 * pixel per cell (CSS scales them up unsmoothed), placed over the figure's
 * <svg>: the flight and the fade are Web Animations of transform and opacity on
 * the canvases' hosts, which the compositor runs without a frame of the page's
 * own (animated SVG would lay out and repaint the panel in every frame of the
 * add). At rest the new sum's opaque canvas covers the old one's. The numbers,
 * when the cells are large enough for them, are SVG text on top; they turn to
 * the new sum's once the add is done. A new update cancels the running add and
 * starts from its own "before".
 */
export function AnimatedSum({ values, before, ghost, rows, cols, cell, scale, showNumbers, x, y, ms, testId }: Props) {
  const beforeRef = useRef<HTMLCanvasElement>(null);
  const afterRef = useRef<HTMLCanvasElement>(null);
  const ghostRef = useRef<HTMLCanvasElement>(null);
  // The canvases' hosts are what is animated.
  const afterHost = useRef<HTMLDivElement>(null);
  const ghostHost = useRef<HTMLDivElement>(null);
  const animate = ms > 0 && ghost !== null && before !== null;
  // The sum whose add has finished: until then the numbers are the old sum's.
  const [settled, setSettled] = useState<ArrayLike<number> | null>(animate ? null : values);
  const adding = animate && settled !== values;
  const w = cols * cell;
  const h = rows * cell;

  // Before the frame is painted: the canvases drawn and the add started, so no
  // frame shows the new sum ahead of its animation.
  useLayoutEffect(() => {
    const after = afterRef.current;
    const old = beforeRef.current;
    const flying = ghostRef.current;
    if (!after || !old || !flying || !afterHost.current || !ghostHost.current) return;
    // At rest the new sum's opaque canvas covers the old one, and the ghost is transparent (CSS).
    paintHeatmap(after, values, rows, cols, scale);
    if (!animate) return;
    paintHeatmap(old, before, rows, cols, scale);
    paintHeatmap(flying, ghost.values, rows, cols, scale);
    const flight = ghostHost.current.animate(
      [
        { transform: `translate(${ghost.fromX - x}px, ${ghost.fromY - y}px)`, opacity: 1 },
        { transform: 'none', opacity: 0.15 },
      ],
      { duration: ms * 0.6, easing: CUBIC_OUT },
    );
    const fade = afterHost.current.animate([{ opacity: 0 }, { opacity: 1 }], { delay: ms * 0.45, duration: ms * 0.55, fill: 'backwards' });
    fade.onfinish = () => setSettled(values);
    return () => {
      flight.cancel();
      fade.cancel();
    };
  }, [values, before, ghost, rows, cols, scale, x, y, ms, animate]);

  const shown = adding && before ? before : values;
  const size = showNumbers ? numberSize(shown, cell) : 0;
  const numbers = [];
  if (showNumbers)
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        const v = shown[i * cols + j];
        numbers.push(<CellNumber key={i * cols + j} v={v} fill={scale(v)} x={j * cell} y={i * cell} cell={cell} size={size} />);
      }
  const box = { width: w, height: h };
  return (
    <div className="sum-layer" style={{ left: x, top: y, ...box }} data-testid={testId} data-rows={rows} data-cols={cols} data-animating={adding ? 'true' : undefined}>
      <GridCanvas cols={cols} rows={rows} canvasRef={beforeRef} className="grid-image sum-before" style={box} />
      <GridCanvas cols={cols} rows={rows} canvasRef={afterRef} hostRef={afterHost} className="grid-image sum-after" style={box} />
      <GridCanvas cols={cols} rows={rows} canvasRef={ghostRef} hostRef={ghostHost} className="grid-image sum-ghost" style={box} />
      <svg className="sum-marks" width={w + 2} height={h + 2} viewBox={`-1 -1 ${w + 2} ${h + 2}`}>
        {numbers}
        <rect x={-0.5} y={-0.5} width={w + 1} height={h + 1} className="grid-frame" />
      </svg>
    </div>
  );
}
