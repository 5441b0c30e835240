/**
 * Types shared by the engine, the store, the command line and the tests.
 * Notation follows docs/model.md (Goodfellow et al., section 10.2.2).
 */
import type { LessonStop } from './lesson';
import type { ErrorParams, ErrorRule } from './messages';

/** Sizes of a scenario: T steps, m inputs, n hidden units, k classes. */
export interface Dims {
  T: number;
  n: number;
  m: number;
  k: number;
}

/** Parameters as they appear in a `bptt-scenario/1` file (row-major arrays). */
export interface ScenarioParams {
  U: number[][];
  W: number[][];
  V: number[][];
  b: number[];
  c: number[];
}

/** A validated `bptt-scenario/1` scenario (docs/formats.md). */
export interface Scenario {
  format: 'bptt-scenario/1';
  title?: string;
  inputLabels?: string[];
  outputLabels?: string[];
  x: number[][];
  y: number[];
  h0?: number[];
  params: ScenarioParams;
  /** How the backward pass is run (E3, E4); full BPTT without clipping when absent. */
  options?: TraceOptions;
  /** Lesson bookmarks: steps with a lecturer's note (lesson.ts), in walk order. */
  lesson?: LessonStop[];
}

/**
 * Options of a trace: truncated BPTT with window `truncate` = K, an integer ≥ 1
 * (E3; K ≥ T is full BPTT), and clipping by global norm at `clip` = C > 0 (E4).
 */
export interface TraceOptions {
  truncate?: number;
  clip?: number;
}

/**
 * A scenario packed into flat float64 arrays for the engine.
 * Matrices are row-major: `W[i * n + j]` multiplies h_j^(t-1) into a_i^(t).
 * Sequences are row-major over time: `x[(t - 1) * m + j]` is x_j^(t).
 */
export interface Model extends Dims {
  U: Float64Array; // n × m
  W: Float64Array; // n × n
  V: Float64Array; // k × n
  b: Float64Array; // n
  c: Float64Array; // k
  x: Float64Array; // T × m
  y: Int32Array; // T
  h0: Float64Array; // n
}

/** The five parameter names, in the order of G1–G5. */
export const PARAM_NAMES = ['c', 'V', 'b', 'W', 'U'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];

/** Gradients G1–G5, flat row-major like the parameters of {@link Model}. */
export type Grads = Record<ParamName, Float64Array>;

/**
 * Every number of a forward and backward pass (F1–F5, B1–B5, G1–G5).
 * Each per-step quantity is one flat array of T rows: row t − 1 holds step t.
 * Memory is O(T·(n + k)) plus the gradients, never O(T·n²): per-step
 * contributions to the gradients, the itemized gradients and the influence
 * (E1) and the Jacobian products (E2) are computed on demand (engine.ts, lab.ts).
 * With `options.truncate` = K < T, gradH and gradA are E3's; with `options.clip`,
 * grads are E4's clipped ones and gradsUnclipped what G1–G5 gave.
 */
export interface Trace extends Dims {
  h0: Float64Array; // n
  a: Float64Array; // T × n   F1
  h: Float64Array; // T × n   F2
  o: Float64Array; // T × k   F3
  yhat: Float64Array; // T × k   F4
  lossAt: Float64Array; // T       F5, L^(t)
  loss: number; //            F5, L = Σ_t L^(t)
  gradO: Float64Array; // T × k   B1
  gradH: Float64Array; // T × n   B2 / B3
  Hdiag: Float64Array; // T × n   B4, the diagonal of H^(t)
  gradA: Float64Array; // T × n   B5
  grads: Grads; //            G1–G5, clipped (E4) when options.clip is set
  /** Copies of the W and V the trace was computed with: E1 and E2 need them beside H and ∇o. */
  W: Float64Array; // n × n
  V: Float64Array; // k × n
  /** The options the backward pass ran with (a copy; {} for full BPTT). */
  options: TraceOptions;
  /** E4's ‖g‖₂ over all entries of the gradients before clipping (computed with or without clipping). */
  gradNorm: number;
  /** G1–G5 before clipping; present only when options.clip is set. */
  gradsUnclipped?: Grads;
}

/**
 * A refused scenario: the field (e.g. `params.W`, `y[5]`), a one-line English
 * message naming it, and the broken rule as a code with its parameters, which
 * the app words in its language (messages.ts, errorText).
 */
export interface ScenarioError {
  field: string;
  message: string;
  rule?: ErrorRule;
  params?: ErrorParams;
}

export type ValidationResult =
  | { ok: true; scenario: Scenario; dims: Dims }
  | { ok: false; errors: ScenarioError[] };
