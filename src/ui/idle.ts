/**
 * requestIdleCallback, or where a browser lacks it (Safari) a timeout that
 * claims a short idle period: work done ahead stays in small pieces either way.
 */
export const requestIdle: (work: (deadline: IdleDeadline) => void) => number =
  typeof window !== 'undefined' && window.requestIdleCallback
    ? (work) => window.requestIdleCallback(work)
    : (work) => window.setTimeout(() => work({ didTimeout: false, timeRemaining: () => 8 }), 60);

export const cancelIdle: (id: number) => void =
  typeof window !== 'undefined' && window.cancelIdleCallback ? (id) => window.cancelIdleCallback(id) : (id) => window.clearTimeout(id);
