/**
 * Pure helpers of the gradient lab's views (no React, no DOM): what the core
 * (lab.ts, train.ts) computes, cut to what a view shows and within a budget of
 * work per step, so a view of T = 1000, n = 128 never asks for O(T² n²).
 */
import { computeTrace, influenceRows, norm2, rowAt, sgdStep, forward, PARAM_NAMES, type Model, type ScenarioParams, type Trace, type TraceOptions, type TrainSettings } from '../../core';

/** Multiply-adds one view may spend synchronously on a step (a few ms at 1×). */
export const STEP_BUDGET = 2e7;

/** E1 parts shown one by one at most (their colours stay apart); the rest is one part. */
export const MAX_PARTS = 48;

/** How many of the parts g^(s,t), s = t, t + 1, …, are itemized at t: all of them when the budget allows. */
export function partsShown(T: number, n: number, t: number): number {
  const all = T - t + 1;
  // Part s costs (s − t) matrix-vector products of n²: P parts cost about P² n² / 2.
  const byBudget = Math.max(4, Math.floor(Math.sqrt((2 * STEP_BUDGET) / (n * n))));
  return Math.min(all, MAX_PARTS, byBudget);
}

/** Wᵀ (H^(r) ∘ v) into out: one step of E1's recursion g^(s,r−1) = Wᵀ H^(r) g^(s,r). */
function backStep(trace: Trace, r: number, v: Float64Array, out: Float64Array): void {
  const { n, W, Hdiag } = trace;
  const H = rowAt(Hdiag, r, n);
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const gi = H[i] * v[i];
    if (gi === 0) continue;
    const row = i * n;
    for (let j = 0; j < n; j++) out[j] += W[row + j] * gi;
  }
}

/** Vᵀ ∇o^(s) L into out: g^(s,s), the loss at s seen from h^(s) (E1, t = s). */
function ownTerm(trace: Trace, s: number, out: Float64Array): void {
  const { n, k, V } = trace;
  const go = rowAt(trace.gradO, s, k);
  out.fill(0);
  for (let j = 0; j < k; j++) {
    const gj = go[j];
    if (gj === 0) continue;
    for (let i = 0; i < n; i++) out[i] += V[j * n + i] * gj;
  }
}

/** E1 at one t, as a view shows it: the first P parts, the rest together, and the check of their sum. */
export interface ItemizedView {
  t: number;
  /** Parts g^(s,t) for s = t … t + P − 1, row s − t of P × n. */
  parts: Float64Array;
  P: number;
  /** Σ_{s ≥ t+P} g^(s,t), the later losses together (zeros when P covers all of them). */
  rest: Float64Array;
  hasRest: boolean;
  /** ∇h^(t) L of full BPTT, which the parts and the rest add up to. */
  full: Float64Array;
  /** max_i |Σ parts + rest − ∇h^(t)|: rounding only. */
  sumError: number;
}

/**
 * E1's itemized gradient at t: g^(s,t) = ∂L^(s)/∂h^(t) for s = t … t + P − 1
 * by g^(s,s) = Vᵀ∇o^(s), g^(s,r−1) = Wᵀ H^(r) g^(s,r) (O(P² n²)), and the later
 * losses together as Wᵀ H^(t+1) ⋯ Wᵀ H^(t+P) ∇h^(t+P) of full BPTT (O(P n²)),
 * an independent route, so Σ parts + rest = ∇h^(t) is a real check.
 * `full` is a trace of full BPTT (the same forward pass as `trace`).
 */
export function itemize(trace: Trace, full: Trace, t: number, P = partsShown(trace.T, trace.n, t)): ItemizedView {
  const { T, n } = trace;
  const parts = new Float64Array(P * n);
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let d = 0; d < P; d++) {
    const s = t + d;
    ownTerm(trace, s, v);
    let cur = v;
    let nxt = w;
    for (let r = s; r > t; r--) {
      backStep(trace, r, cur, nxt);
      [cur, nxt] = [nxt, cur];
    }
    parts.set(cur, d * n);
  }
  const rest = new Float64Array(n);
  const hasRest = t + P <= T;
  if (hasRest) {
    let cur = Float64Array.from(rowAt(full.gradH, t + P, n));
    let nxt = new Float64Array(n);
    for (let r = t + P; r > t; r--) {
      backStep(trace, r, cur, nxt);
      [cur, nxt] = [nxt, cur];
    }
    rest.set(cur);
  }
  const gh = rowAt(full.gradH, t, n);
  let sumError = 0;
  for (let i = 0; i < n; i++) {
    let sum = rest[i];
    for (let d = 0; d < P; d++) sum += parts[d * n + i];
    sumError = Math.max(sumError, Math.abs(sum - gh[i]));
  }
  return { t, parts, P, rest, hasRest, full: Float64Array.from(gh), sumError };
}

/** The full-BPTT trace beside a truncated or clipped one (the same model, no options), cached per model. */
const fullTraces = new WeakMap<Model, Trace>();
export function fullTraceOf(model: Model, trace: Trace): Trace {
  if (trace.options.truncate === undefined && trace.options.clip === undefined) return trace;
  let full = fullTraces.get(model);
  if (!full) {
    full = computeTrace(model);
    fullTraces.set(model, full);
  }
  return full;
}

// ---------------------------------------------------------------- E1's influence, by blocks of rows

/** Rows of the influence triangle computed together (one influenceRows call). */
export const BLOCK = 16;
/** Rows and columns of the window shown when the whole triangle is too costly. */
export const WINDOW = 48;

/** Whether the whole triangle fits the step budget (it is then computed at once). */
export function wholeTriangle(T: number, n: number): boolean {
  return (T * T * n * n) / 2 <= STEP_BUDGET;
}

const blocks = new WeakMap<Trace, Map<number, Float64Array[]>>();

/** Block b's rows s = bB + 1 … min(T, (b + 1)B) of I[s][t] = ‖g^(s,t)‖ (E1), if computed. */
export function cachedBlock(trace: Trace, b: number): Float64Array[] | undefined {
  return blocks.get(trace)?.get(b);
}

/** Block b of the influence triangle, computed once per trace (O(Σ s n²) for its rows). */
export function influenceBlock(trace: Trace, b: number): Float64Array[] {
  let map = blocks.get(trace);
  if (!map) {
    map = new Map();
    blocks.set(trace, map);
  }
  let rows = map.get(b);
  if (!rows) {
    const s0 = b * BLOCK + 1;
    rows = influenceRows(trace, s0, Math.min(trace.T, s0 + BLOCK - 1));
    map.set(b, rows);
  }
  return rows;
}

/** The blocks holding rows s0 … s1. */
export function blocksOf(s0: number, s1: number): number[] {
  const out: number[] = [];
  for (let b = Math.floor((s0 - 1) / BLOCK); b <= Math.floor((s1 - 1) / BLOCK); b++) out.push(b);
  return out;
}

/** The window of the triangle in view: rows s and columns t in lo … hi (the whole triangle when it is small). */
export function influenceWindow(T: number, n: number, t: number): { lo: number; hi: number } {
  if (wholeTriangle(T, n) || T <= WINDOW) return { lo: 1, hi: T };
  // The walk's t at the left edge, so the losses that reach h^(t) are in view.
  const lo = Math.max(1, Math.min(t, T - WINDOW + 1));
  return { lo, hi: lo + WINDOW - 1 };
}

/** I[s][t] from computed blocks, or NaN when its block is not computed yet. */
export function influenceAt(trace: Trace, s: number, t: number): number {
  const rows = cachedBlock(trace, Math.floor((s - 1) / BLOCK));
  if (!rows) return NaN;
  return rows[(s - 1) % BLOCK][t - 1];
}

// ---------------------------------------------------------------- E3, E4: what truncation and clipping change

/** Per parameter: the norms of full BPTT's gradient, of the shown one, and of their difference. */
export interface ParamDifference {
  name: (typeof PARAM_NAMES)[number];
  full: number;
  shown: number;
  diff: number;
}

export function paramDifferences(full: Trace, shown: Trace): ParamDifference[] {
  return PARAM_NAMES.map((name) => {
    const a = full.grads[name];
    const b = shown.grads[name];
    return { name, full: norm2(a), shown: norm2(b), diff: norm2(a.map((v, i) => v - b[i])) };
  });
}

/** Per t: ‖∇h^(t)‖ of full BPTT and ‖∇h_full^(t) − ∇h^(t)‖, what truncation dropped at t (E3). */
export function droppedByT(full: Trace, shown: Trace): { full: Float64Array; dropped: Float64Array } {
  const { T, n } = full;
  const f = new Float64Array(T);
  const d = new Float64Array(T);
  const diff = new Float64Array(n);
  for (let t = 1; t <= T; t++) {
    const a = rowAt(full.gradH, t, n);
    const b = rowAt(shown.gradH, t, n);
    for (let i = 0; i < n; i++) diff[i] = a[i] - b[i];
    // Overflow-safe: an exploding run's entries near 1e200 have finite norms.
    f[t - 1] = norm2(a);
    d[t - 1] = norm2(diff);
  }
  return { full: f, dropped: d };
}

// ---------------------------------------------------------------- editing

/** What an edit changes: a parameter, the inputs x (T × m) or h^(0). */
export type EditName = 'U' | 'W' | 'V' | 'b' | 'c' | 'x' | 'h0';
export const EDIT_NAMES: readonly EditName[] = ['W', 'U', 'V', 'b', 'c', 'x', 'h0'];

/** Rows and columns of an edited quantity. */
export function editShape(name: EditName, d: { T: number; n: number; m: number; k: number }): [number, number] {
  switch (name) {
    case 'U':
      return [d.n, d.m];
    case 'W':
      return [d.n, d.n];
    case 'V':
      return [d.k, d.n];
    case 'x':
      return [d.T, d.m];
    case 'b':
    case 'h0':
      return [d.n, 1];
    case 'c':
      return [d.k, 1];
  }
}

/** The current values of an edited quantity, flat row-major. */
export function editValues(name: EditName, model: Model): Float64Array {
  return name === 'h0' ? model.h0 : model[name];
}

/** A scrub range for an entry: symmetric about 0, wide enough for the value and for the quantity's spread. */
export function scrubRange(value: number, values: ArrayLike<number>, limit: number): { min: number; max: number; step: number } {
  let spread = Math.abs(value);
  for (let i = 0; i < values.length; i++) spread = Math.max(spread, Math.abs(values[i]));
  // A round bound: 1, 2 or 5 times a power of ten, at least twice the spread.
  const want = Math.max(1, 2 * spread);
  const p = 10 ** Math.floor(Math.log10(want));
  const r = Math.min(limit, [1, 2, 5, 10].map((f) => f * p).find((b) => b >= want) ?? 10 * p);
  return { min: -r, max: r, step: r / 500 };
}

/**
 * The scenario with one entry changed (row i, column j of the quantity, its
 * flat index in `index`); the arrays not edited are shared with the original.
 */
export function withEntry<S extends { x: number[][]; h0?: number[]; params: ScenarioParams }>(s: S, name: EditName, index: number, cols: number, value: number): S {
  const i = Math.floor(index / cols);
  const j = index % cols;
  const setRow = (rows: number[][]) => rows.map((r, ri) => (ri === i ? r.map((v, ci) => (ci === j ? value : v)) : r));
  const setVec = (vec: number[]) => vec.map((v, vi) => (vi === index ? value : v));
  if (name === 'x') return { ...s, x: setRow(s.x) };
  if (name === 'h0') return { ...s, h0: setVec(s.h0 ?? new Array<number>(s.params.W.length).fill(0)) };
  if (name === 'b' || name === 'c') return { ...s, params: { ...s.params, [name]: setVec(s.params[name]) } };
  return { ...s, params: { ...s.params, [name]: setRow(s.params[name]) } };
}

/** A model's parameters as a scenario's lists (row-major rows). */
export function paramsOf(model: Model): ScenarioParams {
  const rows = (A: Float64Array, cols: number) => {
    const out: number[][] = [];
    for (let i = 0; i < A.length; i += cols) out.push(Array.from(A.subarray(i, i + cols)));
    return out;
  };
  return { U: rows(model.U, model.m), W: rows(model.W, model.n), V: rows(model.V, model.n), b: Array.from(model.b), c: Array.from(model.c) };
}

// ---------------------------------------------------------------- training (E5), a step at a time

/** Parameter snapshots a run keeps at most (in numbers): iterations between them are run again. */
export const SNAPSHOT_NUMBERS = 4e6;

/**
 * A training run that advances a few steps at a time (so the page stays live),
 * keeping the loss of every iteration and the parameters every `stride`
 * iterations: any iteration's model is the nearest snapshot plus the steps
 * after it, run again, which gives the same numbers bit for bit (E5 is
 * deterministic). Its losses and final model are those of core train().
 */
export interface TrainingRun {
  settings: TrainSettings;
  /** L before step i + 1 at index i; N + 1 numbers once done (NaN where not reached). */
  loss: Float64Array;
  /** Iterations done so far. */
  done: number;
  /** The model after `done` steps. */
  current: Model;
  stride: number;
  snapshots: Map<number, Model>;
  /** Set when the loss left float64 (η too large): the run stops there. */
  diverged: boolean;
}

function paramCount(m: Model): number {
  return m.U.length + m.W.length + m.V.length + m.b.length + m.c.length;
}

export function startRun(model: Model, settings: TrainSettings, snapshotNumbers = SNAPSHOT_NUMBERS): TrainingRun {
  const N = settings.iterations;
  const stride = Math.max(1, Math.ceil(((N + 1) * paramCount(model)) / snapshotNumbers));
  const loss = new Float64Array(N + 1).fill(NaN);
  const snapshots = new Map<number, Model>([[0, model]]);
  return { settings, loss, done: 0, current: model, stride, snapshots, diverged: false };
}

/** Whether the run is over (all N steps, or stopped by a loss past float64). */
export function runFinished(run: TrainingRun): boolean {
  return run.diverged || run.done >= run.settings.iterations;
}

/** Runs steps until `deadline` (performance.now() ms) or the end; the last loss is taken once all N are done. */
export function advanceRun(run: TrainingRun, deadline: number, now: () => number = () => performance.now()): void {
  const { iterations: N, lr, options } = run.settings;
  while (!runFinished(run)) {
    const step = sgdStep(run.current, lr, options);
    run.loss[run.done] = step.trace.loss;
    if (!Number.isFinite(step.trace.loss)) {
      run.diverged = true;
      break;
    }
    run.current = step.model;
    run.done++;
    if (run.done % run.stride === 0 || run.done === N) run.snapshots.set(run.done, run.current);
    if (run.done === N) {
      run.loss[N] = forward(run.current).loss;
      if (!Number.isFinite(run.loss[N])) run.diverged = true;
    }
    if (now() >= deadline) break;
  }
}

/** Ends a run early (Stop): it is then the run of the steps done so far, its last loss computed, as train() would give. */
export function stopRun(run: TrainingRun): void {
  if (runFinished(run)) return;
  const N = run.done;
  run.settings = { ...run.settings, iterations: N };
  run.loss = run.loss.slice(0, N + 1);
  run.loss[N] = forward(run.current).loss;
  run.snapshots.set(N, run.current);
}

/** The model after i steps of the run (i ≤ done), from the nearest snapshot at or before i. */
export function modelAt(run: TrainingRun, i: number): Model {
  if (!(i >= 0 && i <= run.done)) throw new RangeError(`iteration: must be 0 … ${run.done}, got ${i}`);
  let from = i - (i % run.stride);
  while (!run.snapshots.has(from)) from -= run.stride;
  let m = run.snapshots.get(from) as Model;
  for (let j = from; j < i; j++) m = sgdStep(m, run.settings.lr, run.settings.options).model;
  return m;
}

/** The options of a scenario's trace, without keys that are unset. */
export function cleanOptions(o: TraceOptions): TraceOptions | undefined {
  const out: TraceOptions = {};
  if (o.truncate !== undefined) out.truncate = o.truncate;
  if (o.clip !== undefined) out.clip = o.clip;
  return Object.keys(out).length ? out : undefined;
}

// ---------------------------------------------------------------- log axes

/** Integer powers of ten (as exponents) within [lo, hi] (log10 units), at most `max` of them, evenly spaced. */
export function decadeTicks(lo: number, hi: number, max = 5): number[] {
  const a = Math.ceil(lo);
  const b = Math.floor(hi);
  if (!(b >= a)) return [];
  const step = Math.max(1, Math.ceil((b - a + 1) / max));
  const out: number[] = [];
  for (let e = b; e >= a; e -= step) out.unshift(e);
  return out;
}

const SUP_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** 10^e as text: 1, 10, 100 and 0.1 written out, else 10 with a superscript exponent (10⁻⁷). */
export function powerLabel(e: number): string {
  if (e >= 0 && e <= 2) return String(10 ** e);
  if (e === -1) return '0.1';
  const digits = Array.from(String(Math.abs(e)), (d) => SUP_DIGITS[Number(d)]).join('');
  return `10${e < 0 ? '⁻' : ''}${digits}`;
}
