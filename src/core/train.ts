/**
 * E5: plain gradient descent on the whole sequence, θ ← θ − η ∇θ L for U, W,
 * V, b, c, with the trace's (truncated, clipped: E3, E4) gradients. Every step
 * is float64 arithmetic in a fixed order, so a run is reproducible bit for bit
 * from the scenario and the settings (with the same kernels: the WebAssembly
 * and the JavaScript ones add in different orders, see kernels.ts).
 */
import { computeTrace, forward } from './engine';
import { PARAM_NAMES, type Model, type Trace, type TraceOptions } from './types';

/** Settings of a training run: N steps of rate η, and the trace options of every step. */
export interface TrainSettings {
  iterations: number;
  lr: number;
  options?: TraceOptions;
}

export interface TrainResult {
  /** L before step i + 1 at index i, and after the last step at index N: N + 1 numbers. */
  loss: Float64Array;
  /** The model after N steps (new parameter arrays; x, y, h0 shared with the input). */
  model: Model;
}

/** Most steps one run may take (about 16 ms each at T = 1000, n = 128). */
export const MAX_ITERATIONS = 100_000;

/** The rules of TrainSettings, worded for `FIELD: RULE, got VALUE`. */
export const TRAIN_RULES = {
  iterations: `must be an integer 0 … ${MAX_ITERATIONS}`,
  lr: 'must be a number > 0',
} as const;

/**
 * E5, one step: θ ← θ − η ∇θ L for every entry of U, W, V, b, c, where ∇θ L is
 * the trace's gradient (E3, E4 with `options`).
 * @returns the trace of the model before the step (its loss is L before the step) and the model after.
 */
export function sgdStep(model: Model, lr: number, options: TraceOptions = {}): { trace: Trace; model: Model } {
  const trace = computeTrace(model, options);
  const next: Model = { ...model };
  for (const name of PARAM_NAMES) {
    const P = model[name];
    const g = trace.grads[name];
    const Q = new Float64Array(P.length);
    for (let i = 0; i < P.length; i++) Q[i] = P[i] - lr * g[i];
    next[name] = Q;
  }
  return { trace, model: next };
}

/**
 * E5, N times: the loss before each step and after the last, and the final
 * model. `onStep(i, model, trace)` sees step i + 1's starting model and its
 * trace (to keep or reopen any iteration's walk). The loss may grow past
 * float64 (then ∞ or NaN) when η is too large: the caller checks it.
 */
export function train(
  model: Model,
  settings: TrainSettings,
  onStep?: (i: number, model: Model, trace: Trace) => void,
): TrainResult {
  const { iterations, lr, options = {} } = settings;
  if (!Number.isInteger(iterations) || iterations < 0 || iterations > MAX_ITERATIONS) {
    throw new RangeError(`iterations: ${TRAIN_RULES.iterations}, got ${iterations}`);
  }
  if (!(Number.isFinite(lr) && lr > 0)) throw new RangeError(`lr: ${TRAIN_RULES.lr}, got ${lr}`);
  const loss = new Float64Array(iterations + 1);
  let current = model;
  for (let i = 0; i < iterations; i++) {
    const step = sgdStep(current, lr, options);
    loss[i] = step.trace.loss;
    onStep?.(i, current, step.trace);
    current = step.model;
  }
  loss[iterations] = forward(current).loss;
  if (iterations === 0) current = { ...model, U: model.U.slice(), W: model.W.slice(), V: model.V.slice(), b: model.b.slice(), c: model.c.slice() };
  return { loss, model: current };
}
