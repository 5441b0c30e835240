import { acquire, type Kernels } from './kernels';
import { PARAM_NAMES, type Dims, type Grads, type Model, type ParamName, type Scenario, type Trace, type TraceOptions } from './types';
import { traceOptionErrors } from './validate';

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

/*
 * How the work is arranged. Only two products are truly sequential: W h^(t−1)
 * in F1 (h^(t−1) is not known before step t − 1) and Wᵀ ∇a^(t+1) in B3. They are
 * done step by step as matrix-vector products. Everything else is one
 * matrix-matrix product over all t at once, where a register-blocked kernel
 * makes each number it loads feed several multiply-adds (≈1.5× the speed of
 * T matrix-vector products):
 *   F1  b + U x^(t) for all t, before the recurrence (X Uᵀ; a column of U per step when x is one-hot)
 *   F3  c + V h^(t) for all t, after it (H Vᵀ)
 *   B3  Vᵀ ∇o^(t) for all t, before the backward recurrence (∇O V)
 *   G2, G4, G5  sums over t of outer products (∇Oᵀ H, ∇Aᵀ H_prev, ∇Aᵀ X)
 * The kernels (kernels.ts) are WebAssembly SIMD where available, JavaScript
 * otherwise. All arithmetic is float64; only the order of additions differs
 * from the formulas' left-to-right reading (by a few units in the last place).
 * The matrices live in one workspace (element offsets below); the trace gets copies.
 *
 * Truncated BPTT (E3) cannot use B3's recursion, since each loss is cut off at
 * its own depth: it walks the lag d = s − t = 1 … K − 1 instead, carrying
 * g^(s,s−d) for every s at once, so each lag is one matrix-matrix product
 * (rows g^(s,·) times W) over the T − d losses that still reach back that far.
 */

/** Element offsets of the workspace regions, each a row-major block. */
interface Layout {
  W: number; // n × n
  Wt: number; // n × n, Wᵀ: B3's product reads rows
  Ut: number; // m × n, Uᵀ: row j is the column of U a one-hot x^(t) picks
  V: number; // k × n
  Vt: number; // n × k
  x: number; // T × m (dense inputs only)
  h: number; // (T + 1) × n: h^(0) … h^(T), so rows 0 … T−1 are the h^(t−1) of G4
  a: number; // T × n
  o: number; // T × k
  gradO: number; // T × k
  gradH: number; // T × n
  gradA: number; // T × n
  gV: number; // k × n
  gW: number; // n × n
  gU: number; // n × m (dense inputs only)
  gP: number; // T × n (truncated BPTT only): row s − 1 holds g^(s,s−d) at lag d
  gX: number; // T × n (truncated BPTT only): H^(s−d) g^(s,s−d), the next product's left factor
  size: number;
}

function layoutOf({ T, n, m, k }: Dims, dense: boolean, truncated = false): Layout {
  let at = 0;
  const take = (len: number): number => {
    const off = at;
    at += len;
    return off;
  };
  return {
    W: take(n * n),
    Wt: take(n * n),
    Ut: take(m * n),
    V: take(k * n),
    Vt: take(n * k),
    x: take(dense ? T * m : 0),
    h: take((T + 1) * n),
    a: take(T * n),
    o: take(T * k),
    gradO: take(T * k),
    gradH: take(T * n),
    gradA: take(T * n),
    gV: take(k * n),
    gW: take(n * n),
    gU: take(dense ? n * m : 0),
    gP: take(truncated ? T * n : 0),
    gX: take(truncated ? T * n : 0),
    size: at, // read after every take above (properties are evaluated in order)
  };
}

/** ws[off + j·rows + i] = A[i·cols + j]: the transpose of a rows×cols matrix, into the workspace. */
function transposeInto(ws: Float64Array, off: number, A: Float64Array, rows: number, cols: number): void {
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    for (let j = 0; j < cols; j++) ws[off + j * rows + i] = A[r + j];
  }
}

/**
 * The non-zero entries of x when it is sparse (one-hot), else null: those of
 * x^(t) are idx[start[t]] … idx[start[t + 1] − 1]. F1 and G5 then touch one
 * column of U per non-zero instead of all m.
 */
interface SparseX {
  start: Int32Array;
  idx: Int32Array;
}

function sparseInputs(x: Float64Array, T: number, m: number): SparseX | null {
  let nnz = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) nnz++;
  if (nnz > x.length / 4) return null;
  const start = new Int32Array(T + 1);
  const idx = new Int32Array(nnz);
  let e = 0;
  for (let t = 0; t < T; t++) {
    start[t] = e;
    for (let j = 0; j < m; j++) if (x[t * m + j] !== 0) idx[e++] = j;
  }
  start[T] = e;
  return { start, idx };
}

/** A trace with every array allocated (zeros), the loss 0 and the options it will run with. */
function emptyTrace(model: Model, options: TraceOptions = {}): Trace {
  const { T, n, m, k } = model;
  return {
    T,
    n,
    m,
    k,
    h0: Float64Array.from(model.h0),
    a: new Float64Array(T * n),
    h: new Float64Array(T * n),
    o: new Float64Array(T * k),
    yhat: new Float64Array(T * k),
    lossAt: new Float64Array(T),
    loss: 0,
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
    W: Float64Array.from(model.W),
    V: Float64Array.from(model.V),
    options: ownOptions(options),
    gradNorm: 0,
  };
}

/** A copy of the options with only the keys that are set. */
function ownOptions(options: TraceOptions): TraceOptions {
  const out: TraceOptions = {};
  if (options.truncate !== undefined) out.truncate = options.truncate;
  if (options.clip !== undefined) out.clip = options.clip;
  return out;
}

/** The options checked like a scenario's (RangeError naming the field); the window K when it truncates (K < T), else 0. */
function windowOf(options: TraceOptions, T: number): number {
  const errors = traceOptionErrors(options);
  if (errors.length > 0) throw new RangeError(errors[0].message);
  return options.truncate !== undefined && options.truncate < T ? options.truncate : 0;
}

/** The forward pass in the workspace; fills tr.a, h, o, yhat, lossAt, loss. */
function runForward(K: Kernels, ws: Float64Array, L: Layout, model: Model, sparse: SparseX | null, tr: Trace): void {
  const { T, n, m, k, U, W, V, b, c, x, y, h0 } = model;
  ws.set(W, L.W);
  transposeInto(ws, L.Ut, U, n, m);
  transposeInto(ws, L.Vt, V, k, n);
  ws.set(h0, L.h);
  // F1, the part known before the recurrence: a^(t) = b + U x^(t), all t.
  for (let t = 0; t < T; t++) ws.set(b, L.a + t * n);
  if (sparse) {
    for (let t = 0; t < T; t++) {
      const r = L.a + t * n;
      for (let e = sparse.start[t]; e < sparse.start[t + 1]; e++) {
        const j = sparse.idx[e];
        const xj = x[t * m + j];
        const u = L.Ut + j * n;
        for (let i = 0; i < n; i++) ws[r + i] += ws[u + i] * xj;
      }
    }
  } else {
    ws.set(x, L.x);
    K.gemm(ws, L.a, n, L.x, m, 1, L.Ut, n, T, n, m);
  }
  // F1 (a^(t) += W h^(t−1)) and F2 (h^(t) = tanh a^(t)): the sequential recurrence.
  for (let t = 0; t < T; t++) {
    const r = L.a + t * n;
    const hPrev = L.h + t * n;
    K.gemv(ws, r, L.W, n, n, hPrev);
    const hRow = hPrev + n;
    for (let i = 0; i < n; i++) ws[hRow + i] = Math.tanh(ws[r + i]);
  }
  // F3: o^(t) = c + V h^(t), all t in one product H Vᵀ.
  for (let t = 0; t < T; t++) ws.set(c, L.o + t * k);
  K.gemm(ws, L.o, k, L.h + n, n, 1, L.Vt, k, T, k, n);
  // F4, F5: stable softmax and cross-entropy (log-sum-exp), row by row.
  const { yhat, lossAt } = tr;
  let loss = 0;
  for (let t = 0; t < T; t++) {
    const r = L.o + t * k;
    const ok = t * k;
    let max = -Infinity;
    for (let j = 0; j < k; j++) if (ws[r + j] > max) max = ws[r + j];
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(ws[r + j] - max);
      yhat[ok + j] = e;
      sum += e;
    }
    for (let j = 0; j < k; j++) yhat[ok + j] /= sum;
    const lt = Math.log(sum) - (ws[r + y[t]] - max);
    lossAt[t] = lt;
    loss += lt;
  }
  tr.loss = loss;
  tr.a.set(ws.subarray(L.a, L.a + T * n));
  tr.h.set(ws.subarray(L.h + n, L.h + n + T * n));
  tr.o.set(ws.subarray(L.o, L.o + T * k));
}

/**
 * The backward pass in the workspace, which must hold h^(0) … h^(T) (and x when
 * dense); reads tr.yhat and fills tr's backward arrays and gradients (overwriting them).
 */
function runBackward(
  K: Kernels,
  ws: Float64Array,
  L: Layout,
  model: Model,
  sparse: SparseX | null,
  tr: Trace,
  window: number,
): void {
  const { T, n, m, k, W, V, x, y } = model;
  const { Hdiag, grads } = tr;
  transposeInto(ws, L.Wt, W, n, n);
  ws.set(V, L.V);
  // B1: ∇o^(t) = ŷ^(t) − y^(t).
  ws.set(tr.yhat, L.gradO);
  for (let t = 0; t < T; t++) ws[L.gradO + t * k + y[t]] -= 1;
  // B2, and B3's second term: Vᵀ ∇o^(t) for all t in one product ∇O V.
  ws.fill(0, L.gradH, L.gradH + T * n);
  K.gemm(ws, L.gradH, n, L.gradO, k, 1, L.V, n, T, n, k);
  if (window > 0) {
    // E3, then B5 with E3's ∇h^(t) (B4 is filled on the way).
    truncatedGradH(K, ws, L, model, Hdiag, window);
    for (let i = 0; i < T * n; i++) ws[L.gradA + i] = Hdiag[i] * ws[L.gradH + i];
  } else {
    // B3's first term (Wᵀ ∇a^(t+1), the sequential recurrence), B4, B5.
    for (let t = T - 1; t >= 0; t--) {
      const gh = L.gradH + t * n;
      const ga = L.gradA + t * n;
      if (t < T - 1) K.gemv(ws, gh, L.Wt, n, n, ga + n);
      const hRow = L.h + (t + 1) * n;
      for (let i = 0; i < n; i++) {
        const hi = ws[hRow + i];
        const Hi = 1 - hi * hi;
        Hdiag[t * n + i] = Hi;
        ws[ga + i] = Hi * ws[gh + i];
      }
    }
  }
  // G1, G3: sums of vectors.
  grads.c.fill(0);
  grads.b.fill(0);
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < k; j++) grads.c[j] += ws[L.gradO + t * k + j];
    for (let i = 0; i < n; i++) grads.b[i] += ws[L.gradA + t * n + i];
  }
  // G2: Σ_t ∇o^(t) h^(t)ᵀ = ∇Oᵀ H.   G4: Σ_t ∇a^(t) h^(t−1)ᵀ = ∇Aᵀ H_prev.
  ws.fill(0, L.gV, L.gV + k * n);
  K.gemm(ws, L.gV, n, L.gradO, 1, k, L.h + n, n, k, n, T);
  ws.fill(0, L.gW, L.gW + n * n);
  K.gemm(ws, L.gW, n, L.gradA, 1, n, L.h, n, n, n, T);
  // G5: Σ_t ∇a^(t) x^(t)ᵀ; a one-hot x^(t) touches one column of U.
  if (sparse) {
    grads.U.fill(0);
    for (let t = 0; t < T; t++) {
      const ga = L.gradA + t * n;
      for (let e = sparse.start[t]; e < sparse.start[t + 1]; e++) {
        const j = sparse.idx[e];
        const xj = x[t * m + j];
        for (let i = 0; i < n; i++) grads.U[i * m + j] += ws[ga + i] * xj;
      }
    }
  } else {
    ws.fill(0, L.gU, L.gU + n * m);
    K.gemm(ws, L.gU, m, L.gradA, 1, n, L.x, m, n, m, T);
    grads.U.set(ws.subarray(L.gU, L.gU + n * m));
  }
  grads.V.set(ws.subarray(L.gV, L.gV + k * n));
  grads.W.set(ws.subarray(L.gW, L.gW + n * n));
  tr.gradO.set(ws.subarray(L.gradO, L.gradO + T * k));
  tr.gradH.set(ws.subarray(L.gradH, L.gradH + T * n));
  tr.gradA.set(ws.subarray(L.gradA, L.gradA + T * n));
}

/**
 * E3 in the workspace: ∇h^(t) = Σ_{s=t}^{min(T, t+K−1)} g^(s,t), given gradH
 * holding the lag-0 terms g^(s,s) = Vᵀ ∇o^(s); fills Hdiag (B4) on the way.
 * At lag d the rows s = d + 1 … T of gP go from g^(s,s−d+1) to
 * g^(s,s−d) = Wᵀ H^(s−d+1) g^(s,s−d+1) (E1), each added to ∇h^(s−d).
 */
function truncatedGradH(K: Kernels, ws: Float64Array, L: Layout, model: Model, Hdiag: Float64Array, window: number): void {
  const { T, n, W } = model;
  for (let i = 0; i < T * n; i++) {
    const hi = ws[L.h + n + i];
    Hdiag[i] = 1 - hi * hi;
  }
  ws.set(W, L.W);
  ws.copyWithin(L.gP, L.gradH, L.gradH + T * n);
  for (let d = 1; d < window; d++) {
    // Row r (0-based, s = r + 1) is at t = s − d + 1, whose H is Hdiag's row r − d + 1.
    for (let r = d; r < T; r++) {
      const g = L.gP + r * n;
      const X = L.gX + r * n;
      const H = (r - d + 1) * n;
      for (let i = 0; i < n; i++) ws[X + i] = Hdiag[H + i] * ws[g + i];
    }
    // (Wᵀ X_r)ᵀ = X_rᵀ W for all rows at once.
    ws.fill(0, L.gP + d * n, L.gP + T * n);
    K.gemm(ws, L.gP + d * n, n, L.gX + d * n, n, 1, L.W, n, T - d, n, n);
    for (let r = d; r < T; r++) {
      const g = L.gP + r * n;
      const gh = L.gradH + (r - d) * n;
      for (let i = 0; i < n; i++) ws[gh + i] += ws[g + i];
    }
  }
}

/**
 * ‖v‖₂, the norm the formulas, the chart and E1–E4 show. Sums squares directly,
 * and again scaled by the largest entry only when the squares over- or
 * underflow: an exploding gradient of entries near 1e200 has a finite norm.
 */
export function norm2(v: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i] * v[i];
  if (Number.isFinite(sum) && sum >= 1e-290) return Math.sqrt(sum);
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  if (max === 0 || !Number.isFinite(max)) return max;
  let scaled = 0;
  for (let i = 0; i < v.length; i++) {
    const r = v[i] / max;
    scaled += r * r;
  }
  return max * Math.sqrt(scaled);
}

/**
 * E4's ‖g‖₂: the Euclidean norm over every entry of ∇U, ∇W, ∇V, ∇b, ∇c together
 * (PyTorch's clip_grad_norm_ total norm), as the norm of the five parameters' norms.
 */
export function globalNorm(grads: Grads): number {
  return norm2(PARAM_NAMES.map((name) => norm2(grads[name])));
}

/**
 * E4: g ← g · min(1, C / ‖g‖₂) over all five gradients together, in place.
 * Below the threshold (and for g = 0) nothing changes, bit for bit.
 * @returns the norm before clipping.
 */
export function clipGrads(grads: Grads, C: number): number {
  const norm = globalNorm(grads);
  const factor = Math.min(1, C / norm);
  if (factor < 1) for (const name of PARAM_NAMES) for (let i = 0; i < grads[name].length; i++) grads[name][i] *= factor;
  return norm;
}

/** After G1–G5: E4's norm, and the clipping with the unclipped gradients kept, when options.clip is set. */
function finishGrads(tr: Trace, options: TraceOptions): void {
  tr.gradNorm = globalNorm(tr.grads);
  if (options.clip === undefined) {
    delete tr.gradsUnclipped;
    return;
  }
  const g = tr.grads;
  tr.gradsUnclipped = { c: g.c.slice(), V: g.V.slice(), b: g.b.slice(), W: g.W.slice(), U: g.U.slice() };
  clipGrads(g, options.clip);
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
  const sparse = sparseInputs(model.x, model.T, model.m);
  const L = layoutOf(model, !sparse);
  const { K, ws } = acquire(L.size);
  const tr = emptyTrace(model);
  runForward(K, ws, L, model, sparse, tr);
  return tr;
}

/**
 * B1–B5 and G1–G5: the backward pass, t = T … 1, filling the trace in place
 * (its backward arrays and gradients are overwritten, so calling it twice is harmless),
 * with E3 (options.truncate = K < T) and E4 (options.clip) as in {@link computeTrace}.
 *   B1  ∇o^(t) L = ŷ^(t) − y^(t) (one-hot)
 *   B2  ∇h^(T) L = Vᵀ ∇o^(T) L
 *   B3  ∇h^(t) L = Wᵀ H^(t+1) ∇h^(t+1) L + Vᵀ ∇o^(t) L, for t < T
 *   B4  H^(t) = diag(1 − (h^(t))²), kept as its diagonal
 *   B5  ∇a^(t) L = H^(t) ∇h^(t) L (so H^(t+1) ∇h^(t+1) L in B3 is ∇a^(t+1) L)
 *   G1  ∇c L = Σ_t ∇o^(t) L            G2  ∇V L = Σ_t ∇o^(t) L h^(t)ᵀ
 *   G3  ∇b L = Σ_t ∇a^(t) L            G4  ∇W L = Σ_t ∇a^(t) L h^(t−1)ᵀ
 *   G5  ∇U L = Σ_t ∇a^(t) L x^(t)ᵀ
 */
export function backward(model: Model, trace: Trace, options: TraceOptions = {}): void {
  const { T, n, m, x } = model;
  const window = windowOf(options, T);
  const sparse = sparseInputs(x, T, m);
  const L = layoutOf(model, !sparse, window > 0);
  const { K, ws } = acquire(L.size);
  ws.set(trace.h0, L.h);
  ws.set(trace.h, L.h + n);
  if (!sparse) ws.set(x, L.x);
  trace.W.set(model.W);
  trace.V.set(model.V);
  trace.options = ownOptions(options);
  runBackward(K, ws, L, model, sparse, trace, window);
  finishGrads(trace, options);
}

/**
 * F1–F5, B1–B5 and G1–G5: the full trace of a model (one workspace for both passes).
 * Options (checked like a scenario's; a RangeError names the field):
 *   truncate = K  E3, ∇h^(t) = Σ_{s=t}^{min(T, t+K−1)} g^(s,t); G3–G5 use it, G1–G2 do not
 *                 change; K ≥ T takes B3's recursion itself (the same bits as no option)
 *   clip = C      E4, grads ← grads · min(1, C / ‖grads‖₂), the unclipped ones kept in gradsUnclipped
 * Every trace gets gradNorm, the global norm before clipping.
 */
export function computeTrace(model: Model, options: TraceOptions = {}): Trace {
  const window = windowOf(options, model.T);
  const sparse = sparseInputs(model.x, model.T, model.m);
  const L = layoutOf(model, !sparse, window > 0);
  const { K, ws } = acquire(L.size);
  const tr = emptyTrace(model, options);
  runForward(K, ws, L, model, sparse, tr);
  runBackward(K, ws, L, model, sparse, tr, window);
  finishGrads(tr, options);
  return tr;
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
 * T, T−1, …, `fromT`. At fromT = 1 it equals the full gradient in `trace.grads`
 * (in `trace.gradsUnclipped` when the trace is clipped, E4).
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
