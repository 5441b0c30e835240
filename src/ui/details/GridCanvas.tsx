import type { CSSProperties, MouseEventHandler, RefObject } from 'react';

export interface GridCanvasProps {
  /** The canvas's size in pixels (a heatmap's: one pixel per cell; CSS scales it up). */
  cols: number;
  rows: number;
  /** The canvas, for the parent to paint in its layout effect (before the frame is painted). */
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** The host element (the one to animate or measure). */
  hostRef?: RefObject<HTMLDivElement | null>;
  /** Classes and box of the host; the canvas fills it (.grid-image > canvas). */
  className: string;
  style: CSSProperties;
  onMouseMove?: MouseEventHandler<HTMLDivElement>;
}

/** A heatmap's canvas inside a host <div>: one node for a grid of any size. */
export function GridCanvas({ cols, rows, canvasRef, hostRef, className, style, onMouseMove }: GridCanvasProps) {
  return (
    <div ref={hostRef} className={className} style={style} onMouseMove={onMouseMove}>
      <canvas ref={canvasRef} width={cols} height={rows} />
    </div>
  );
}
