import { rowAt } from './engine';
import { influence } from './lab';
import type { TrainResult, TrainSettings } from './train';
import type { Grads, Model, Scenario, ScenarioParams, Trace, TraceOptions } from './types';

/** Parameters or gradients as in a file: U, W, V row-major lists of rows, b and c lists. */
type ParamsFile = ScenarioParams;

/**
 * A `bptt-trace/1` file (docs/formats.md): F1–F5 and B1–B5 per step, L, G1–G5,
 * E1's influence triangle, and with clipping (E4) the unclipped gradients and their norm.
 */
export interface TraceFile {
  format: 'bptt-trace/1';
  T: number;
  n: number;
  m: number;
  k: number;
  h0: number[];
  loss: number;
  steps: {
    t: number;
    a: number[];
    h: number[];
    o: number[];
    yhat: number[];
    loss: number;
    grad_o: number[];
    grad_h: number[];
    H: number[];
    grad_a: number[];
  }[];
  grads: ParamsFile;
  /** The options the trace was computed with (E3, E4), when any is set. */
  options?: TraceOptions;
  /** E1: T rows, row s − 1 holding ‖g^(s,t)‖₂ for t = 1 … s. */
  influence: number[][];
  /** E4, only with options.clip: G1–G5 before clipping. */
  grads_unclipped?: ParamsFile;
  /** E4, only with options.clip: ‖g‖₂ over all entries of the gradients before clipping. */
  grad_norm?: number;
}

function rows(flat: Float64Array, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += cols) out.push(Array.from(flat.subarray(i, i + cols)));
  return out;
}

/** Flat row-major parameters (or their gradients) of sizes n, m, k as file lists. */
function paramsToFile(p: Grads, n: number, m: number): ParamsFile {
  return { U: rows(p.U, m), W: rows(p.W, n), V: rows(p.V, n), b: Array.from(p.b), c: Array.from(p.c) };
}

/**
 * The trace (F1–F5, B1–B5, G1–G5, E1's influence; E3 and E4 as its options
 * say) as a `bptt-trace/1` object, numbers at full float64 precision.
 * The influence costs (T²/2)·n² multiply-adds (about a second at T = 1000, n = 128).
 */
export function traceToFile(tr: Trace): TraceFile {
  const { T, n, m, k } = tr;
  const steps: TraceFile['steps'] = [];
  for (let t = 1; t <= T; t++) {
    const row = (arr: Float64Array, len: number) => Array.from(rowAt(arr, t, len));
    steps.push({
      t,
      a: row(tr.a, n),
      h: row(tr.h, n),
      o: row(tr.o, k),
      yhat: row(tr.yhat, k),
      loss: tr.lossAt[t - 1],
      grad_o: row(tr.gradO, k),
      grad_h: row(tr.gradH, n),
      H: row(tr.Hdiag, n),
      grad_a: row(tr.gradA, n),
    });
  }
  const file: TraceFile = {
    format: 'bptt-trace/1',
    T,
    n,
    m,
    k,
    h0: Array.from(tr.h0),
    loss: tr.loss,
    steps,
    grads: paramsToFile(tr.grads, n, m),
    influence: influence(tr).map((row) => Array.from(row)),
  };
  if (Object.keys(tr.options).length > 0) file.options = { ...tr.options };
  if (tr.options.clip !== undefined && tr.gradsUnclipped) {
    file.grads_unclipped = paramsToFile(tr.gradsUnclipped, n, m);
    file.grad_norm = tr.gradNorm;
  }
  return file;
}

/** A `bptt-training/1` file (docs/formats.md): E5's settings, the N + 1 losses and the final parameters. */
export interface TrainingFile {
  format: 'bptt-training/1';
  lr: number;
  iterations: number;
  /** The trace options every step ran with, when any is set. */
  options?: TraceOptions;
  loss: number[];
  params: ParamsFile;
}

/** A training run (E5) as a `bptt-training/1` object. */
export function trainingToFile(result: TrainResult, settings: TrainSettings): TrainingFile {
  const model: Model = result.model;
  const file: TrainingFile = { format: 'bptt-training/1', lr: settings.lr, iterations: settings.iterations, loss: Array.from(result.loss), params: paramsToFile(model, model.n, model.m) };
  const options = settings.options ?? {};
  if (options.truncate !== undefined || options.clip !== undefined) {
    file.options = {};
    if (options.truncate !== undefined) file.options.truncate = options.truncate;
    if (options.clip !== undefined) file.options.clip = options.clip;
  }
  return file;
}

/**
 * A scenario as an explicit `bptt-scenario/1` file: h0 always written, optional
 * fields kept, the same numbers (a generated scenario round-trips to itself).
 */
export function scenarioToFile(s: Scenario): Scenario {
  const n = s.params.W.length;
  const out: Pick<Scenario, 'format' | 'title' | 'inputLabels' | 'outputLabels'> = { format: 'bptt-scenario/1' };
  if (s.title !== undefined) out.title = s.title;
  if (s.inputLabels) out.inputLabels = [...s.inputLabels];
  if (s.outputLabels) out.outputLabels = [...s.outputLabels];
  return {
    ...out,
    x: s.x.map((r) => [...r]),
    y: [...s.y],
    h0: s.h0 ? [...s.h0] : new Array<number>(n).fill(0),
    params: {
      U: s.params.U.map((r) => [...r]),
      W: s.params.W.map((r) => [...r]),
      V: s.params.V.map((r) => [...r]),
      b: [...s.params.b],
      c: [...s.params.c],
    },
    ...(s.options ? { options: { ...s.options } } : {}),
    ...(s.lesson?.length ? { lesson: s.lesson.map((l) => ({ ...l })) } : {}),
  };
}
