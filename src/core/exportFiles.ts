import { rowAt } from './engine';
import type { Scenario, Trace } from './types';

/** A `bptt-trace/1` file (docs/formats.md): F1–F5 and B1–B5 per step, L, and G1–G5. */
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
  grads: { U: number[][]; W: number[][]; V: number[][]; b: number[]; c: number[] };
}

function rows(flat: Float64Array, cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += cols) out.push(Array.from(flat.subarray(i, i + cols)));
  return out;
}

/** The trace (F1–F5, B1–B5, G1–G5) as a `bptt-trace/1` object, numbers at full float64 precision. */
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
  return {
    format: 'bptt-trace/1',
    T,
    n,
    m,
    k,
    h0: Array.from(tr.h0),
    loss: tr.loss,
    steps,
    grads: {
      U: rows(tr.grads.U, m),
      W: rows(tr.grads.W, n),
      V: rows(tr.grads.V, n),
      b: Array.from(tr.grads.b),
      c: Array.from(tr.grads.c),
    },
  };
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
  };
}
