import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { bitmap } from './bitmap';
import { cancelIdle, requestIdle } from './idle';
import { useDevicePixelRatio } from './useDevicePixelRatio';

/** CSS size of the label: room for the longest one ("End: total loss and gradients") at 14 px. */
const WIDTH = 320;
const HEIGHT = 19;
/** Labels kept drawn: the neighbours of the last steps shown, for the walk back and forth. */
const CACHE_SIZE = 48;

/** The page's font and ink, read once (a style read during a step would force a style recalc). */
let look: { font: string; color: string } | null = null;
/** Drawn labels by pixel ratio and text, oldest first. */
const drawn = new Map<string, HTMLCanvasElement>();

/**
 * A canvas with `text` drawn on it at the pixel ratio `dpr`, from the cache or
 * drawn now. Drawing text (shaping it, rasterising the glyphs) is the costly part,
 * about 2 ms at 4× CPU throttle; copying a drawn label is cheap.
 */
function labelBitmap(text: string, dpr: number, styleFrom: Element): HTMLCanvasElement {
  const key = `${dpr} ${text}`;
  const hit = drawn.get(key);
  if (hit) {
    drawn.delete(key);
    drawn.set(key, hit);
    return hit;
  }
  if (!look) {
    const cs = getComputedStyle(styleFrom);
    look = { font: `600 14px ${cs.fontFamily}`, color: cs.color };
  }
  const { font, color } = look;
  const c = bitmap(WIDTH, HEIGHT, dpr, (ctx) => {
    ctx.font = font;
    ctx.fillStyle = color;
    ctx.fillText(text, 0, 14.5);
  });
  drawn.set(key, c);
  if (drawn.size > CACHE_SIZE) drawn.delete(drawn.keys().next().value as string);
  return c;
}

function show(canvas: HTMLCanvasElement, text: string, dpr: number): void {
  const label = labelBitmap(text, dpr, canvas);
  if (canvas.width !== label.width || canvas.height !== label.height) {
    canvas.width = label.width;
    canvas.height = label.height;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(label, 0, 0);
}

/** Forgets the drawn labels and the font they were drawn in, once the page's fonts are in. */
function clearStepLabels(): void {
  drawn.clear();
  look = null;
}

/**
 * The current step in words under the scrubber ("Backward · t = 2 · B3"), drawn
 * on a canvas on its own compositor layer. A step then needs no style, layout or
 * repaint of the footer, only a copied bitmap (a changing text node cost about
 * 2 ms of each key press's frame at 4× CPU throttle). The labels of the
 * neighbouring steps (`ahead`) are drawn in idle time, so the next press only
 * copies. Screen readers get the same words from the slider's aria-valuetext and
 * from the narration, so the canvas is hidden from them; `title` shows them on hover.
 */
export function StepLabel({ text, stepKey, ahead }: { text: string; stepKey: string; ahead: readonly string[] }) {
  const ref = useRef<HTMLCanvasElement>(null);
  // Bumped when the label must be drawn again: the page's fonts are in.
  const [epoch, setEpoch] = useState(0);
  // Labels are drawn and kept per pixel ratio: a zoom or another screen draws anew.
  const dpr = useDevicePixelRatio();
  useLayoutEffect(() => {
    if (ref.current) show(ref.current, text, dpr);
  }, [text, epoch, dpr]);

  const aheadKey = ahead.join('\n');
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || ahead.length === 0) return;
    const id = requestIdle(() => {
      for (const t of ahead) labelBitmap(t, dpr, canvas);
    });
    return () => cancelIdle(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- aheadKey stands for ahead's contents
  }, [aheadKey, epoch, dpr]);

  useEffect(() => {
    let live = true;
    // Drawn before the page's fonts were in, the labels would keep a fallback font.
    void document.fonts?.ready.then(() => {
      if (!live) return;
      clearStepLabels();
      setEpoch((e) => e + 1);
    });
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="step-label" data-testid="step-label" data-step={stepKey} title={text}>
      <canvas ref={ref} className="step-label-canvas" aria-hidden="true" />
    </div>
  );
}
