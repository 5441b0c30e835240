/** A new canvas of w × h CSS px at the pixel ratio dpr, with `draw` run on it in CSS px. */
export function bitmap(w: number, h: number, dpr: number, draw: (ctx: CanvasRenderingContext2D) => void): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = Math.round(w * dpr);
  c.height = Math.round(h * dpr);
  const ctx = c.getContext('2d');
  if (ctx) {
    ctx.scale(dpr, dpr);
    draw(ctx);
  }
  return c;
}
