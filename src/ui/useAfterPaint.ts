import { startTransition, useEffect, useState } from 'react';

/**
 * A value that follows `value` one painted frame behind. The diagram and the step
 * label answer a key press in the next frame; the costly panels (KaTeX formulas,
 * heatmaps) render in a task right after that frame is painted. Presses in quick
 * succession cancel the pending update, so only the step the walk rests on is
 * rendered. (React's useDeferredValue renders in a task that can run before the
 * frame, which is what this avoids.)
 */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      // A transition: React renders it in slices and drops it for the next key press.
      timer = window.setTimeout(() => startTransition(() => setShown(value)), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [value, shown]);
  return shown;
}
