import { useLayoutEffect, useRef, type CSSProperties, type MouseEventHandler, type RefObject } from 'react';
import { CanvasPool } from './canvasPool';

/** The app's one pool of heatmap canvases (see CanvasPool for why). */
const pool = new CanvasPool<HTMLCanvasElement>(
  (width, height) => Object.assign(document.createElement('canvas'), { width, height }),
  // Animations run on the hosts, never on the canvases (and getAnimations() would force a style update).
  (canvas) => canvas.remove(),
);

export interface PooledCanvasProps {
  /** The canvas's size in pixels (a heatmap's: one pixel per cell). */
  cols: number;
  rows: number;
  /**
   * Holds the canvas while it is shown. It is set in a layout effect of this
   * component, which runs before its parent's: the parent paints the canvas in
   * its own layout effect, so no frame shows what the canvas held before.
   */
  canvasRef: RefObject<HTMLCanvasElement | null>;
  /** The host element (the one to animate or measure). */
  hostRef?: RefObject<HTMLDivElement | null>;
  /** Classes and box of the host; the canvas fills it (.grid-image > canvas). */
  className: string;
  style: CSSProperties;
  onMouseMove?: MouseEventHandler<HTMLDivElement>;
}

/**
 * A canvas taken from the pool, inside a host <div> that React renders: React
 * owns the host, this component owns the canvas in it and gives it back to the
 * pool when it unmounts or changes size.
 */
export function PooledCanvas({ cols, rows, canvasRef, hostRef, className, style, onMouseMove }: PooledCanvasProps) {
  const own = useRef<HTMLDivElement | null>(null);
  const host = hostRef ?? own;
  useLayoutEffect(() => {
    const canvas = pool.take(cols, rows);
    host.current?.append(canvas);
    canvasRef.current = canvas;
    return () => {
      if (canvasRef.current === canvas) canvasRef.current = null;
      pool.release(canvas, cols, rows);
    };
  }, [cols, rows, canvasRef, host]);
  return <div ref={host} className={className} style={style} onMouseMove={onMouseMove} />;
}
