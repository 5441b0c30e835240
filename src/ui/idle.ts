/** Whether the browser has requestIdleCallback (else idle periods are guessed, see below). */
export const hasIdle = typeof window !== 'undefined' && typeof window.requestIdleCallback === 'function';

/**
 * requestIdleCallback, or where a browser lacks it (Safari) a timeout that
 * claims a short idle period: work done ahead stays in small pieces either way.
 * With a timeout (ms) the work runs by then even if the page is never idle.
 */
export const requestIdle: (work: (deadline: IdleDeadline) => void, timeout?: number) => number = hasIdle
  ? (work, timeout) => window.requestIdleCallback(work, timeout === undefined ? undefined : { timeout })
  : (work) => window.setTimeout(() => work({ didTimeout: false, timeRemaining: () => 8 }), 60);

export const cancelIdle: (id: number) => void = hasIdle ? (id) => window.cancelIdleCallback(id) : (id) => window.clearTimeout(id);
