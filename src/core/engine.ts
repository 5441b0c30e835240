import type { Dims, Model, ParamName, Scenario, Trace } from './types';

/**
 * Packs a validated scenario into the flat float64 arrays the engine works on.
 * Shapes as in model.md: U n×m, W n×n, V k×n, b n, c k, x T×m, y T, h0 n (zeros when absent).
 */
export function toModel(s: Scenario): Model {
  const T = s.x.length;
  const m = s.x[0].length;
  const n = s.params.W.length;
  const k = s.params.V.length;
  const flat = (rows: number[][], cols: number): Float64Array => {
    const out = new Float64Array(rows.length * cols);
    rows.forEach((r, i) => out.set(r, i * cols));
    return out;
  };
  return {
    T,
    n,
    m,
    k,
    U: flat(s.params.U, m),
    W: flat(s.params.W, n),
    V: flat(s.params.V, n),
    b: Float64Array.from(s.params.b),
    c: Float64Array.from(s.params.c),
    x: flat(s.x, m),
    y: Int32Array.from(s.y),
    h0: s.h0 ? Float64Array.from(s.h0) : new Float64Array(n),
  };
}

/** Row t (1-based, as in the formulas) of a T-row flat array with `len` columns. */
export function rowAt(arr: Float64Array, t: number, len: number): Float64Array {
  return arr.subarray((t - 1) * len, t * len);
}

/** h^(t) for t = 0 … T: h0 at t = 0, the trace's row otherwise. */
export function hAt(trace: Trace, t: number): Float64Array {
  return t === 0 ? trace.h0 : rowAt(trace.h, t, trace.n);
}

function transpose(A: Float64Array, rows: number, cols: number): Float64Array {
  const At = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) At[j * rows + i] = A[i * cols + j];
  return At;
}

/**
 * out[i] += Σ_j A[i, j] v[j] for the rows×cols matrix A (v read from vOff).
 * Four accumulators keep the floating-point pipeline busy.
 */
function gemvAdd(
  out: Float64Array,
  outOff: number,
  A: Float64Array,
  rows: number,
  cols: number,
  v: Float64Array,
  vOff: number,
): void {
  const c4 = cols & ~3;
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j < c4; j += 4) {
      s0 += A[r + j] * v[vOff + j];
      s1 += A[r + j + 1] * v[vOff + j + 1];
      s2 += A[r + j + 2] * v[vOff + j + 2];
      s3 += A[r + j + 3] * v[vOff + j + 3];
    }
    for (; j < cols; j++) s0 += A[r + j] * v[vOff + j];
    out[outOff + i] += s0 + s1 + (s2 + s3);
  }
}

/**
 * G[i, j] += Σ_t P[t, i] Q[t + qShift, j] over t = 0 … T−1: the sum of the outer
 * products p^(t) q^(t)ᵀ, i.e. Pᵀ Q. Rows of Q before 0 are taken from q0 (for h^(0)).
 * Four time steps per pass over G, so G is loaded and stored a quarter as often.
 */
function sumOuter(
  G: Float64Array,
  P: Float64Array,
  rows: number,
  Q: Float64Array,
  cols: number,
  T: number,
  qShift: number,
  q0: Float64Array | null,
): void {
  const q = (t: number): [Float64Array, number] =>
    t + qShift < 0 ? [q0 as Float64Array, 0] : [Q, (t + qShift) * cols];
  let t = 0;
  for (; t + 4 <= T; t += 4) {
    const [Q0, o0] = q(t);
    const [Q1, o1] = q(t + 1);
    const [Q2, o2] = q(t + 2);
    const [Q3, o3] = q(t + 3);
    const p0 = t * rows;
    const p1 = p0 + rows;
    const p2 = p1 + rows;
    const p3 = p2 + rows;
    for (let i = 0; i < rows; i++) {
      const a0 = P[p0 + i];
      const a1 = P[p1 + i];
      const a2 = P[p2 + i];
      const a3 = P[p3 + i];
      const r = i * cols;
      for (let j = 0; j < cols; j++) {
        G[r + j] += a0 * Q0[o0 + j] + a1 * Q1[o1 + j] + a2 * Q2[o2 + j] + a3 * Q3[o3 + j];
      }
    }
  }
  for (; t < T; t++) {
    const [Qt, ot] = q(t);
    const pt = t * rows;
    for (let i = 0; i < rows; i++) {
      const a = P[pt + i];
      if (a === 0) continue;
      const r = i * cols;
      for (let j = 0; j < cols; j++) G[r + j] += a * Qt[ot + j];
    }
  }
}

/** Indices of the non-zero entries of each x^(t), when x is sparse (one-hot): else null. */
function sparseInputs(x: Float64Array, T: number, m: number): Int32Array[] | null {
  let nnz = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nnz++;
  if (nnz > x.length / 4) return null;
  const out: Int32Array[] = [];
  for (let t = 0; t < T; t++) {
    const idx: number[] = [];
    for (let j = 0; j < m; j++) if (x[t * m + j] !== 0) idx.push(j);
    out.push(Int32Array.from(idx));
  }
  return out;
}

/**
 * F1–F5: the forward pass, t = 1 … T.
 *   F1  a^(t) = b + W h^(t−1) + U x^(t)
 *   F2  h^(t) = tanh(a^(t))
 *   F3  o^(t) = c + V h^(t)
 *   F4  ŷ^(t) = softmax(o^(t)), computed as exp(o − max o) / Σ exp(o − max o)
 *   F5  L^(t) = −log ŷ^(t)_{y^(t)} = log Σ_j exp(o_j − max o) − (o_y − max o), L = Σ_t L^(t)
 * The log-sum-exp form of F5 keeps logits of ±1000 finite (never NaN, never ∞).
 * @returns the forward half of a trace (backward arrays allocated, still zero).
 */
export function forward(model: Model): Trace {
  const { T, n, m, k, U, W, V, b, c, x, y, h0 } = model;
  const a = new Float64Array(T * n);
  const h = new Float64Array(T * n);
  const o = new Float64Array(T * k);
  const yhat = new Float64Array(T * k);
  const lossAt = new Float64Array(T);
  const sparse = sparseInputs(x, T, m);
  let loss = 0;
  for (let t = 0; t < T; t++) {
    const an = t * n;
    // F1: a = b + W h^(t−1) + U x^(t)
    a.set(b, an);
    if (t === 0) gemvAdd(a, an, W, n, n, h0, 0);
    else gemvAdd(a, an, W, n, n, h, an - n);
    if (sparse) {
      for (const j of sparse[t]) {
        const xj = x[t * m + j];
        for (let i = 0; i < n; i++) a[an + i] += U[i * m + j] * xj;
      }
    } else {
      gemvAdd(a, an, U, n, m, x, t * m);
    }
    // F2: h = tanh(a)
    for (let i = 0; i < n; i++) h[an + i] = Math.tanh(a[an + i]);
    // F3: o = c + V h
    const ok = t * k;
    o.set(c, ok);
    gemvAdd(o, ok, V, k, n, h, an);
    // F4, F5: stable softmax and cross-entropy
    let max = -Infinity;
    for (let j = 0; j < k; j++) if (o[ok + j] > max) max = o[ok + j];
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(o[ok + j] - max);
      yhat[ok + j] = e;
      sum += e;
    }
    for (let j = 0; j < k; j++) yhat[ok + j] /= sum;
    const lt = Math.log(sum) - (o[ok + y[t]] - max);
    lossAt[t] = lt;
    loss += lt;
  }
  return {
    T,
    n,
    m,
    k,
    h0: Float64Array.from(h0),
    a,
    h,
    o,
    yhat,
    lossAt,
    loss,
    gradO: new Float64Array(T * k),
    gradH: new Float64Array(T * n),
    Hdiag: new Float64Array(T * n),
    gradA: new Float64Array(T * n),
    grads: {
      c: new Float64Array(k),
      V: new Float64Array(k * n),
      b: new Float64Array(n),
      W: new Float64Array(n * n),
      U: new Float64Array(n * m),
    },
  };
}

/**
 * B1–B5 and G1–G5: the backward pass, t = T … 1, filling the trace in place.
 *   B1  ∇o^(t) L = ŷ^(t) − y^(t) (one-hot)
 *   B2  ∇h^(T) L = Vᵀ ∇o^(T) L
 *   B3  ∇h^(t) L = Wᵀ H^(t+1) ∇h^(t+1) L + Vᵀ ∇o^(t) L, for t < T
 *   B4  H^(t) = diag(1 − (h^(t))²), kept as its diagonal
 *   B5  ∇a^(t) L = H^(t) ∇h^(t) L (so H^(t+1) ∇h^(t+1) L in B3 is ∇a^(t+1) L)
 *   G1  ∇c L = Σ_t ∇o^(t) L            G2  ∇V L = Σ_t ∇o^(t) L h^(t)ᵀ
 *   G3  ∇b L = Σ_t ∇a^(t) L            G4  ∇W L = Σ_t ∇a^(t) L h^(t−1)ᵀ
 *   G5  ∇U L = Σ_t ∇a^(t) L x^(t)ᵀ
 */
export function backward(model: Model, trace: Trace): void {
  const { T, n, m, k, W, V, x, y } = model;
  const { h, yhat, gradO, gradH, Hdiag, gradA, grads } = trace;
  const Wt = transpose(W, n, n);
  const Vt = transpose(V, k, n);
  for (let t = T - 1; t >= 0; t--) {
    const ok = t * k;
    const an = t * n;
    // B1
    for (let j = 0; j < k; j++) gradO[ok + j] = yhat[ok + j];
    gradO[ok + y[t]] -= 1;
    // B2 / B3: Vᵀ ∇o, plus Wᵀ ∇a^(t+1) before the last step
    gemvAdd(gradH, an, Vt, n, k, gradO, ok);
    if (t < T - 1) gemvAdd(gradH, an, Wt, n, n, gradA, an + n);
    // B4, B5
    for (let i = 0; i < n; i++) {
      const hi = h[an + i];
      const Hi = 1 - hi * hi;
      Hdiag[an + i] = Hi;
      gradA[an + i] = Hi * gradH[an + i];
    }
  }
  // G1, G3: sums of vectors
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < k; j++) grads.c[j] += gradO[t * k + j];
    for (let i = 0; i < n; i++) grads.b[i] += gradA[t * n + i];
  }
  // G2, G4: sums of outer products
  sumOuter(grads.V, gradO, k, h, n, T, 0, null);
  sumOuter(grads.W, gradA, n, h, n, T, -1, trace.h0);
  // G5: one-hot inputs touch one column of U per step
  const sparse = sparseInputs(x, T, m);
  if (sparse) {
    for (let t = 0; t < T; t++) {
      for (const j of sparse[t]) {
        const xj = x[t * m + j];
        for (let i = 0; i < n; i++) grads.U[i * m + j] += gradA[t * n + i] * xj;
      }
    }
  } else {
    sumOuter(grads.U, gradA, n, x, m, T, 0, null);
  }
}

/** F1–F5, B1–B5 and G1–G5: the full trace of a model. */
export function computeTrace(model: Model): Trace {
  const trace = forward(model);
  backward(model, trace);
  return trace;
}

/** Shape of a parameter (and of its gradient) as [rows, cols]; vectors have cols = 1. */
export function paramShape(name: ParamName, d: Dims): [number, number] {
  switch (name) {
    case 'c':
      return [d.k, 1];
    case 'V':
      return [d.k, d.n];
    case 'b':
      return [d.n, 1];
    case 'W':
      return [d.n, d.n];
    case 'U':
      return [d.n, d.m];
  }
}

/**
 * The two factors of step t's contribution to a parameter's gradient (the t-th
 * term of G1–G5): the contribution is `left · rightᵀ`, or `left` alone for a bias.
 *   G1 c: ∇o^(t)        G2 V: ∇o^(t) ⊗ h^(t)      G3 b: ∇a^(t)
 *   G4 W: ∇a^(t) ⊗ h^(t−1)                         G5 U: ∇a^(t) ⊗ x^(t)
 */
export function contributionFactors(
  model: Model,
  trace: Trace,
  name: ParamName,
  t: number,
): { left: Float64Array; right: Float64Array | null } {
  const { n, k, m } = trace;
  switch (name) {
    case 'c':
      return { left: rowAt(trace.gradO, t, k), right: null };
    case 'V':
      return { left: rowAt(trace.gradO, t, k), right: rowAt(trace.h, t, n) };
    case 'b':
      return { left: rowAt(trace.gradA, t, n), right: null };
    case 'W':
      return { left: rowAt(trace.gradA, t, n), right: hAt(trace, t - 1) };
    case 'U':
      return { left: rowAt(trace.gradA, t, n), right: rowAt(model.x, t, m) };
  }
}

/**
 * Step t's contribution to a parameter's gradient: the t-th term of G1–G5,
 * computed on demand (never stored for all t). Flat row-major, shaped like the parameter.
 */
export function contribution(model: Model, trace: Trace, name: ParamName, t: number): Float64Array {
  const out = new Float64Array(paramSize(name, trace));
  addContribution(out, model, trace, name, t);
  return out;
}

/** out += step t's term of G1–G5 for the parameter `name`. */
export function addContribution(
  out: Float64Array,
  model: Model,
  trace: Trace,
  name: ParamName,
  t: number,
): void {
  const { left, right } = contributionFactors(model, trace, name, t);
  if (!right) {
    for (let i = 0; i < left.length; i++) out[i] += left[i];
    return;
  }
  const cols = right.length;
  for (let i = 0; i < left.length; i++) {
    const li = left[i];
    if (li === 0) continue;
    for (let j = 0; j < cols; j++) out[i * cols + j] += li * right[j];
  }
}

/**
 * The running sum of G1–G5 as the backward walk builds it: the terms of steps
 * T, T−1, …, `fromT`. At fromT = 1 it equals the full gradient in `trace.grads`.
 */
export function partialGradient(model: Model, trace: Trace, name: ParamName, fromT: number): Float64Array {
  const out = new Float64Array(paramSize(name, trace));
  for (let t = trace.T; t >= Math.max(1, fromT); t--) addContribution(out, model, trace, name, t);
  return out;
}

function paramSize(name: ParamName, d: Dims): number {
  const [r, c] = paramShape(name, d);
  return r * c;
}
