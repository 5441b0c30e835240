/**
 * requestIdleCallback, or where a browser lacks it (Safari) a timeout that
 * claims a short idle period: work done ahead stays in small pieces either way.
 * With a timeout (ms) the work runs by then even if the page is never idle.
 */
export const requestIdle: (work: (deadline: IdleDeadline) => void, timeout?: number) => number =
  typeof window !== 'undefined' && window.requestIdleCallback
    ? (work, timeout) => window.requestIdleCallback(work, timeout === undefined ? undefined : { timeout })
    : (work) => window.setTimeout(() => work({ didTimeout: false, timeRemaining: () => 8 }), 60);

export const cancelIdle: (id: number) => void =
  typeof window !== 'undefined' && window.cancelIdleCallback ? (id) => window.cancelIdleCallback(id) : (id) => window.clearTimeout(id);
