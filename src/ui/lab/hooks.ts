import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

/**
 * A function called at most once per animation frame with the latest
 * arguments: a slider's input events arrive faster than a trace can be
 * recomputed and painted, and only the last value of a frame matters.
 */
export function useFrameThrottle<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  const latest = useRef<A | null>(null);
  const frame = useRef(0);
  const fnRef = useRef(fn);
  useEffect(() => {
    fnRef.current = fn;
  }, [fn]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  return useCallback((...args: A) => {
    latest.current = args;
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const a = latest.current;
      latest.current = null;
      if (a) fnRef.current(...a);
    });
  }, []);
}

/**
 * The value of `compute` (memoised by the caller: a new function means new
 * inputs), computed during render when it is cheap (`now`), else in a task
 * after the frame is painted, so a costly view never delays the step or the
 * edit that asked for it: null until then.
 */
export function useDeferred<T>(compute: () => T, now: boolean): T | null {
  const sync = useMemo(() => (now ? compute() : null), [compute, now]);
  const [done, setDone] = useState<{ fn: () => T; value: T } | null>(null);
  useEffect(() => {
    if (now) return;
    const id = window.setTimeout(() => setDone({ fn: compute, value: compute() }), 0);
    return () => window.clearTimeout(id);
  }, [compute, now]);
  if (now) return sync;
  return done?.fn === compute ? done.value : null;
}

/** Whether a key press belongs to a field being typed in (the lab's key then does nothing). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  if (tag === 'INPUT') return (el as HTMLInputElement).type !== 'range' && (el as HTMLInputElement).type !== 'checkbox';
  return tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}
