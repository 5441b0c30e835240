/**
 * Every animation duration of the app, in one place. Durations scale with the
 * playback speed and are 0 under prefers-reduced-motion (always) and in
 * automated tests (navigator.webdriver), unless the URL asks for motion with
 * ?motion=1 (the tests that look at an animation); ?motion=0 turns it off.
 */
export const BASE_MS = {
  /** Values appearing in cells, highlights moving. */
  reveal: 250,
  /** The gradient travelling along an edge (issue: backward flow). */
  flow: 1200,
  /** A contribution being added into a running sum. */
  add: 700,
  /** Scrolling the diagram to keep the current t in view. */
  scroll: 300,
} as const;

export type MotionKind = keyof typeof BASE_MS;

function forced(): boolean | undefined {
  if (typeof location === 'undefined') return undefined;
  const m = new URLSearchParams(location.search).get('motion');
  return m === '1' ? true : m === '0' ? false : undefined;
}

/**
 * The reduced-motion query, evaluated once and then kept up to date by its change
 * event: reading `.matches` of a fresh MediaQueryList brings style up to date,
 * which on a key press would force the style recalculation the frame does anyway.
 */
let reduced: boolean | null = null;
function prefersReduced(): boolean {
  if (reduced === null) {
    const mq = window.matchMedia('(prefers-reduced-motion: reduce)');
    reduced = mq.matches;
    mq.addEventListener?.('change', (e) => {
      reduced = e.matches;
    });
  }
  return reduced;
}

/** Whether anything moves at all. */
export function motionEnabled(): boolean {
  if (typeof window === 'undefined') return false;
  if (prefersReduced()) return false;
  const f = forced();
  if (f !== undefined) return f;
  return !navigator.webdriver;
}

/** The duration of one kind of motion at a playback speed (1 = normal). */
export function duration(kind: MotionKind, speed = 1): number {
  return motionEnabled() ? BASE_MS[kind] / speed : 0;
}
