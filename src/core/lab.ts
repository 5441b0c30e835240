/**
 * The gradient lab: what a student asks after G1–G5 (model.md, "Beyond the
 * notes"). Pure functions of a trace (which keeps copies of W and V) or a model:
 *   E1  itemized gradients g^(s,t) = ∂L^(s)/∂h^(t) and the influence ‖g^(s,t)‖₂
 *   E2  the Jacobian product ∂h^(s)/∂h^(t) = ∏_{r=t+1}^{s} H^(r) W, its spectral norm
 *   E6  a central-difference check of one gradient entry
 * (E3 and E4 are options of computeTrace in engine.ts, E5 is train.ts.)
 *
 * Norms here are the Euclidean norm of a vector and, for a matrix, the spectral
 * norm (its largest singular value, the 2-norm the vector norm induces), by
 * Lanczos bidiagonalization, an accelerated power iteration on AᵀA: the one
 * norm that bounds how much a product can stretch a gradient, so
 * ‖g^(s,t)‖ ≤ ‖∂h^(s)/∂h^(t)‖ ‖g^(s,s)‖.
 *
 * Long products over- or underflow float64 (exploding and vanishing gradients
 * do exactly that), so the walks below keep each vector or matrix scaled by a
 * power of two, which is exact, and carry the exponent beside it.
 */
import { computeTrace, forward, rowAt } from './engine';
import { acquire } from './kernels';
import { createRng } from './prng';
import type { Model, ParamName, Trace } from './types';

const bits = new DataView(new ArrayBuffer(8));

/** 2^e for an integer −1022 ≤ e ≤ 1023, built from its bits (exact). */
function pow2(e: number): number {
  bits.setUint32(0, (e + 1023) << 20);
  bits.setUint32(4, 0);
  return bits.getFloat64(0);
}

/** x · 2^e for any integer e (in steps within pow2's range; over- or underflows only where the result does). */
function ldexp(x: number, e: number): number {
  let out = x;
  let rest = e;
  while (rest > 1023) {
    out *= pow2(1023);
    rest -= 1023;
    if (!Number.isFinite(out)) return out;
  }
  while (rest < -1022) {
    out *= pow2(-1022);
    rest += 1022;
    if (out === 0) return out;
  }
  return rest === 0 ? out : out * pow2(rest);
}

/** Scaled values stay within [2^−LO, 2^HI] of 1: far from overflow, and from the slow subnormals. */
const RESCALE = 256;
const TOO_BIG = pow2(RESCALE);
const TOO_SMALL = pow2(-RESCALE);

/** arr[off … off + len) · 2^−e, exactly, for the exponent e of an entry (−1074 ≤ e ≤ 1023). */
function scaleDown(arr: Float64Array, off: number, len: number, e: number): void {
  if (-e <= 1023) {
    const f = pow2(-e);
    for (let i = off; i < off + len; i++) arr[i] *= f;
  } else {
    const f1 = pow2(1023);
    const f2 = pow2(-e - 1023);
    for (let i = off; i < off + len; i++) arr[i] = arr[i] * f1 * f2;
  }
}

/** The exponent e with 2^e ≤ max < 2^(e+1), for a positive finite max. */
function exponentOf(max: number): number {
  let e = Math.floor(Math.log2(max));
  // log2 may be off by one near a power of two.
  if (ldexp(1, e) > max) e--;
  else if (ldexp(1, e + 1) <= max) e++;
  return e;
}

/** g^(s,s) = Vᵀ ∇o^(s) L (E1, t = s; B2's term), into out (n numbers). */
function directTerm(trace: Trace, s: number, out: Float64Array): void {
  const { n, k, V } = trace;
  const go = rowAt(trace.gradO, s, k);
  out.fill(0);
  for (let j = 0; j < k; j++) {
    const gj = go[j];
    if (gj === 0) continue;
    for (let i = 0; i < n; i++) out[i] += V[j * n + i] * gj;
  }
}

function checkStep(name: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`${name}: must be an integer ${lo} … ${hi}, got ${v}`);
}

/**
 * E1's influence: rows s = s0 … s1 of I[s][t] = ‖g^(s,t)‖₂ = ‖∂L^(s)/∂h^(t)‖₂,
 * g^(s,s) = Vᵀ ∇o^(s) L and g^(s,t) = Wᵀ H^(t+1) g^(s,t+1) for t < s.
 * The result's entry s − s0 is row s, with s numbers: t = 1 … s at index t − 1.
 *
 * All the rows walk t down together, one matrix product (rows times W) per
 * t, since H^(t+1) is the same for every row: O(Σ_{s=s0}^{s1} s · n²) time,
 * (T²/2)·n² for the whole triangle, and O((s1 − s0 + 1) · n) working memory
 * beside the rows returned, never O(T²·n). No method of O(T²·n) time is known
 * for a dense W: each g^(s,t) is a different product.
 */
export function influenceRows(trace: Trace, s0: number, s1: number): Float64Array[] {
  const { T, n, W, Hdiag } = trace;
  checkStep('s0', s0, 1, T);
  checkStep('s1', s1, s0, T);
  const R = s1 - s0 + 1;
  const rows: Float64Array[] = [];
  for (let s = s0; s <= s1; s++) rows.push(new Float64Array(s));
  // Workspace: W, then the rows g^(s,t) (scaled, G) and H^(t+1) g^(s,t+1) (X), row s − s0 each.
  const oW = 0;
  const oG = n * n;
  const oX = oG + R * n;
  const { K, ws } = acquire(oX + R * n);
  ws.set(W, oW);
  const exp = new Int32Array(R); // g^(s,t) = G row · 2^exp
  const v = new Float64Array(n);

  /** Norm of row r (scaled back), rescaling the row when it drifts far from 1. */
  const normOf = (r: number): number => {
    const g = oG + r * n;
    let max = 0;
    for (let i = 0; i < n; i++) max = Math.max(max, Math.abs(ws[g + i]));
    if (max === 0 || !Number.isFinite(max)) return max;
    if (max > TOO_BIG || max < TOO_SMALL) {
      const e = exponentOf(max);
      scaleDown(ws, g, n, e);
      exp[r] += e;
    }
    let sum = 0;
    for (let i = 0; i < n; i++) sum += ws[g + i] * ws[g + i];
    return ldexp(Math.sqrt(sum), exp[r]);
  };

  const start = (s: number): void => {
    directTerm(trace, s, v);
    ws.set(v, oG + (s - s0) * n);
    rows[s - s0][s - 1] = normOf(s - s0);
  };

  start(s1);
  for (let t = s1 - 1; t >= 1; t--) {
    // Rows s ≥ t + 1 (all of them once t < s0) go from g^(s,t+1) to g^(s,t).
    const r0 = Math.max(s0, t + 1) - s0;
    const H = t * n; // H^(t+1) is Hdiag's row t (0-based)
    for (let r = r0; r < R; r++) {
      const g = oG + r * n;
      const X = oX + r * n;
      for (let i = 0; i < n; i++) ws[X + i] = Hdiag[H + i] * ws[g + i];
    }
    ws.fill(0, oG + r0 * n, oG + R * n);
    K.gemm(ws, oG + r0 * n, n, oX + r0 * n, n, 1, oW, n, R - r0, n, n);
    for (let r = r0; r < R; r++) rows[r][t - 1] = normOf(r);
    if (t >= s0) start(t);
  }
  return rows;
}

/** E1's whole influence triangle I[s][t], s = 1 … T: the `influence` of a trace file. */
export function influence(trace: Trace): Float64Array[] {
  return influenceRows(trace, 1, trace.T);
}

/**
 * One walk along E2's product from an anchor, a lag d at a time:
 *   forward from t:  P_d = ∂h^(t+d)/∂h^(t) = H^(t+d) W P_{d−1}
 *   backward from s: P_d = ∂h^(s)/∂h^(s−d) = P_{d−1} H^(s−d+1) W
 * with P_0 = I; visit(d, P̃, e) gets P_d = P̃ · 2^e, P̃ row-major n × n (valid during the call).
 */
function walkJacobian(
  trace: Trace,
  anchor: { t: number } | { s: number },
  lags: number,
  visit: (d: number, P: Float64Array, e: number) => void,
): void {
  const { n, W, Hdiag } = trace;
  const oP = 0;
  const oQ = n * n;
  const oB = 2 * n * n;
  const { K, ws } = acquire(3 * n * n);
  ws.fill(0, oP, oP + n * n);
  for (let i = 0; i < n; i++) ws[oP + i * n + i] = 1;
  let e = 0;
  let P = oP;
  let Q = oQ;
  visit(0, ws.subarray(P, P + n * n), 0);
  for (let d = 1; d <= lags; d++) {
    ws.fill(0, Q, Q + n * n);
    if ('t' in anchor) {
      // Q = (H^(t+d) W) P: B holds H^(r) W (row i of W times H_i^(r)).
      const H = (anchor.t + d - 1) * n;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ws[oB + i * n + j] = Hdiag[H + i] * W[i * n + j];
      K.gemm(ws, Q, n, oB, n, 1, P, n, n, n, n);
    } else {
      const H = (anchor.s - d) * n;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ws[oB + i * n + j] = Hdiag[H + i] * W[i * n + j];
      K.gemm(ws, Q, n, P, n, 1, oB, n, n, n, n);
    }
    let max = 0;
    for (let i = 0; i < n * n; i++) max = Math.max(max, Math.abs(ws[Q + i]));
    if (max > 0 && Number.isFinite(max) && (max > TOO_BIG || max < TOO_SMALL)) {
      const x = exponentOf(max);
      scaleDown(ws, Q, n * n, x);
      e += x;
    }
    [P, Q] = [Q, P];
    visit(d, ws.subarray(P, P + n * n), e);
  }
}

/**
 * E1: the itemized gradient at t, g^(s,t) = ∂L^(s)/∂h^(t) for s = t … T, row
 * s − t of a (T − t + 1) × n array; the rows add up to ∇h^(t) L of full BPTT
 * (B2, B3). Computed as g^(s,t) = (∂h^(s)/∂h^(t))ᵀ Vᵀ ∇o^(s) L with E2's product
 * walked forward from t: O((T − t) · n³) time, O(n²) working memory.
 */
export function itemizedGradient(trace: Trace, t: number): Float64Array {
  const { T, n } = trace;
  checkStep('t', t, 1, T);
  const out = new Float64Array((T - t + 1) * n);
  const v = new Float64Array(n);
  walkJacobian(trace, { t }, T - t, (d, P, e) => {
    directTerm(trace, t + d, v);
    const o = d * n;
    // (Pᵀ v)_j = Σ_i P[i][j] v_i, then the scale 2^e.
    for (let i = 0; i < n; i++) {
      const vi = v[i];
      if (vi === 0) continue;
      for (let j = 0; j < n; j++) out[o + j] += P[i * n + j] * vi;
    }
    if (e !== 0) for (let j = 0; j < n; j++) out[o + j] = ldexp(out[o + j], e);
  });
  return out;
}

/**
 * The largest eigenvalue of the symmetric tridiagonal matrix with diagonal d and
 * off-diagonal e (d.length = k, e.length = k − 1), by bisection on Sturm counts
 * down to float64's resolution: accurate to a few units in the last place of ‖T‖.
 */
function largestEigenvalue(d: Float64Array, e: Float64Array, k: number): number {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < k; i++) {
    const r = (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < k - 1 ? Math.abs(e[i]) : 0);
    lo = Math.min(lo, d[i] - r);
    hi = Math.max(hi, d[i] + r);
  }
  const tiny = 1e-300;
  /** How many eigenvalues are below x (the negative pivots of T − xI = LDLᵀ). */
  const below = (x: number): number => {
    let count = 0;
    let q = d[0] - x;
    for (let i = 0; ; i++) {
      if (q === 0) q = -tiny;
      if (q < 0) count++;
      if (i === k - 1) return count;
      q = d[i + 1] - x - (e[i] * e[i]) / q;
    }
  };
  for (let it = 0; it < 200 && hi - lo > 2.2e-16 * Math.max(Math.abs(lo), Math.abs(hi)); it++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (below(mid) < k) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** w −= Σ_j (q_jᵀ w) q_j, twice (classical Gram–Schmidt: twice is enough for orthogonality to rounding). */
function orthogonalize(w: Float64Array, Q: Float64Array[], count: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < count; j++) {
      const q = Q[j];
      let dot = 0;
      for (let i = 0; i < w.length; i++) dot += q[i] * w[i];
      for (let i = 0; i < w.length; i++) w[i] -= dot * q[i];
    }
  }
}

function normOfVector(w: Float64Array): number {
  let ss = 0;
  for (let i = 0; i < w.length; i++) ss += w[i] * w[i];
  return Math.sqrt(ss);
}

/**
 * σ_max of a rows × cols matrix A (row-major), entries of order 1, by
 * Golub–Kahan–Lanczos bidiagonalization from a fixed start with full
 * reorthogonalization: after j steps the largest singular value of the j × j
 * bidiagonal B_j (from its BᵀB, by bisection) is a lower bound that rises to
 * σ_max, converging at the square root of the power iteration's rate. Stops when
 * it rises by less than 1e-15 relative, when the Krylov space is invariant (then
 * exact), or after cols steps (then exact up to rounding).
 */
function largestSingularValue(A: Float64Array, rows: number, cols: number): number {
  // The Krylov space of AᵀA lives in ℝ^cols: after cols steps it is all of it.
  const kmax = cols;
  const Vs: Float64Array[] = [];
  const Us: Float64Array[] = [];
  const alpha = new Float64Array(kmax);
  const beta = new Float64Array(kmax);
  const d = new Float64Array(kmax);
  const e = new Float64Array(kmax);
  const times = (v: Float64Array): Float64Array => {
    const u = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += A[i * cols + j] * v[j];
      u[i] = s;
    }
    return u;
  };
  const timesT = (u: Float64Array): Float64Array => {
    const v = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      const ui = u[i];
      if (ui === 0) continue;
      for (let j = 0; j < cols; j++) v[j] += A[i * cols + j] * ui;
    }
    return v;
  };
  let v = startVector(cols);
  let u = times(v);
  let a = normOfVector(u);
  if (a === 0) {
    // The start lies in A's null space: start from A's largest column instead.
    let best = 0;
    let bestNorm = -1;
    for (let j = 0; j < cols; j++) {
      let ss = 0;
      for (let i = 0; i < rows; i++) ss += A[i * cols + j] ** 2;
      if (ss > bestNorm) [best, bestNorm] = [j, ss];
    }
    v = new Float64Array(cols);
    v[best] = 1;
    u = times(v);
    a = normOfVector(u);
    if (a === 0) return 0;
  }
  Vs.push(v);
  let sigma = 0;
  for (let j = 0; ; j++) {
    alpha[j] = a;
    for (let i = 0; i < rows; i++) u[i] /= a;
    Us.push(u);
    // BᵀB: diagonal α_j² + β_{j−1}², off-diagonal α_j β_j.
    d[j] = a * a + (j > 0 ? beta[j - 1] * beta[j - 1] : 0);
    if (j > 0) e[j - 1] = alpha[j - 1] * beta[j - 1];
    const next = Math.sqrt(largestEigenvalue(d, e, j + 1));
    const rose = next - sigma;
    sigma = Math.max(sigma, next);
    if (j + 1 >= kmax || (j > 0 && rose <= 1e-15 * sigma)) return sigma;
    const w = timesT(u);
    for (let i = 0; i < cols; i++) w[i] -= a * v[i];
    orthogonalize(w, Vs, j + 1);
    const b = normOfVector(w);
    if (b <= 1e-15 * sigma) return sigma;
    beta[j] = b;
    for (let i = 0; i < cols; i++) w[i] /= b;
    v = w;
    Vs.push(v);
    const z = times(v);
    for (let i = 0; i < rows; i++) z[i] -= b * u[i];
    orthogonalize(z, Us, j + 1);
    a = normOfVector(z);
    if (a <= 1e-15 * sigma) {
      // An invariant space: B's last column holds β_j alone.
      d[j + 1] = b * b;
      e[j] = alpha[j] * b;
      return Math.max(sigma, Math.sqrt(largestEigenvalue(d, e, j + 2)));
    }
    u = z;
  }
}

/** A fixed start, unlikely to be orthogonal to any singular vector. */
function startVector(cols: number): Float64Array {
  const rng = createRng(20);
  const v = new Float64Array(cols);
  let ss = 0;
  for (let j = 0; j < cols; j++) {
    v[j] = rng.next() - 0.5;
    ss += v[j] * v[j];
  }
  const norm = Math.sqrt(ss);
  for (let j = 0; j < cols; j++) v[j] /= norm;
  return v;
}

/**
 * E2's norm: the spectral norm ‖A‖₂ = σ_max(A) of a rows × cols matrix
 * (row-major), by Lanczos bidiagonalization (an accelerated power iteration
 * on AᵀA) from a fixed start, to about 1e-15 relative.
 * For E2's picture, σ_max(W) = spectralNorm(trace.W, n, n): with every
 * H^(r) ≤ 1, ‖∂h^(s)/∂h^(t)‖₂ ≤ σ_max(W)^(s−t).
 */
export function spectralNorm(A: Float64Array, rows: number, cols: number): number {
  if (rows === 0 || cols === 0) return 0;
  let max = 0;
  for (let i = 0; i < rows * cols; i++) max = Math.max(max, Math.abs(A[i]));
  if (max === 0 || !Number.isFinite(max)) return max;
  // Scaled by a power of two so the squares in BᵀB cannot over- or underflow.
  const e = exponentOf(max);
  const scaled = Float64Array.from(A.subarray(0, rows * cols));
  scaleDown(scaled, 0, rows * cols, e);
  return ldexp(largestSingularValue(scaled, rows, cols), e);
}

/** E2's norms along a walk: index d is the lag s − t. */
export interface JacobianNorms {
  /** ‖∂h^(s)/∂h^(t)‖₂, spectral; 0 or ∞ where the true value is past float64's range. */
  norm: Float64Array;
  /** log10 of the same, finite even where `norm` is not (−∞ only for a product that is exactly 0). */
  log10Norm: Float64Array;
}

/**
 * E2: ‖∂h^(s)/∂h^(t)‖₂ = ‖∏_{r=t+1}^{s} H^(r) W‖₂ (the spectral norm, as in
 * spectralNorm) against the lag d = s − t, d = 0 … maxLag:
 *   { t }  from a fixed t (0 … T) forward, s = t + d ≤ T
 *   { s }  from a fixed s (0 … T) backward, t = s − d ≥ 0 (how far loss s's gradient reaches)
 * maxLag defaults to as far as the sequence goes. O(maxLag · n³) time, O(n²) memory.
 */
export function jacobianNorms(trace: Trace, anchor: { t: number } | { s: number }, maxLag?: number): JacobianNorms {
  const { T, n } = trace;
  const at = 't' in anchor ? anchor.t : anchor.s;
  checkStep('t' in anchor ? 't' : 's', at, 0, T);
  const reach = 't' in anchor ? T - at : at;
  const lags = maxLag === undefined ? reach : Math.min(reach, maxLag);
  checkStep('maxLag', lags, 0, T);
  const norm = new Float64Array(lags + 1);
  const log10Norm = new Float64Array(lags + 1);
  walkJacobian(trace, anchor, lags, (d, P, e) => {
    // P_0 = I: its norm is 1 by definition.
    const sigma = d === 0 ? 1 : largestSingularValue(P, n, n);
    norm[d] = ldexp(sigma, e);
    log10Norm[d] = sigma === 0 ? -Infinity : Math.log10(sigma) + e * Math.LOG10E * Math.LN2;
  });
  return { norm, log10Norm };
}

/**
 * E2's other factor: the mean of the diagonals of H^(r) = diag(1 − (h^(r))²) (B4)
 * over r = from … to (default all of 1 … T). Near 1 the tanh is linear; near 0 it
 * is saturated and the product vanishes whatever W is.
 */
export function meanH(trace: Trace, from = 1, to = trace.T): number {
  const { T, n, Hdiag } = trace;
  checkStep('from', from, 1, T);
  checkStep('to', to, from, T);
  let sum = 0;
  for (let i = (from - 1) * n; i < to * n; i++) sum += Hdiag[i];
  return sum / ((to - from + 1) * n);
}

/** What a numerical check (E6) differentiates L by: one parameter entry, or one entry of h^(t), a^(t), o^(t). */
export type CheckTarget = { param: ParamName; index: number } | { quantity: 'h' | 'a' | 'o'; t: number; index: number };

export interface NumericalCheck {
  /** The central difference (L(θ + ε) − L(θ − ε)) / 2ε. */
  numeric: number;
  /** The same entry of the trace's gradient (G1–G5, or B3/B2, B5, B1). */
  bptt: number;
  /** |numeric − bptt| / max(|numeric|, |bptt|); 0 when both are 0. */
  relError: number;
  eps: number;
}

/** F5's L^(t) for logits o and target y, by log-sum-exp. */
function lossOfLogits(o: Float64Array, y: number): number {
  let max = -Infinity;
  for (const v of o) if (v > max) max = v;
  let sum = 0;
  for (const v of o) sum += Math.exp(v - max);
  return Math.log(sum) - (o[y] - max);
}

/**
 * The part of L that depends on h^(t) when h^(t) is set to h: L^(t) through
 * o^(t) = c + V h, and L^(t+1) + … + L^(T) by the forward pass from h.
 */
function lossFromHidden(model: Model, t: number, h: Float64Array): number {
  const { T, n, m, k, V, c, x, y } = model;
  const o = Float64Array.from(c);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) o[j] += V[j * n + i] * h[i];
  let loss = lossOfLogits(o, y[t - 1]);
  if (t < T) {
    const rest: Model = { ...model, T: T - t, x: x.subarray(t * m), y: y.subarray(t), h0: h };
    loss += forward(rest).loss;
  }
  return loss;
}

/**
 * E6: ∂L/∂θ_j ≈ (L(θ + ε e_j) − L(θ − ε e_j)) / 2ε for one entry (ε = 1e−5 by
 * default), beside the BPTT value of the same entry in `trace` (computed with
 * full BPTT when not given; a truncated or clipped trace's value is E3's or E4's,
 * which then differs from the derivative by what truncation or clipping changed).
 * Targets: an entry of U, W, V, b, c (the whole forward pass is rerun), or of
 * h^(t), a^(t), o^(t) (L is rerun from step t, the rest of L does not change).
 */
export function numericalCheck(model: Model, target: CheckTarget, opts: { eps?: number; trace?: Trace } = {}): NumericalCheck {
  const eps = opts.eps ?? 1e-5;
  if (!(eps > 0 && Number.isFinite(eps))) throw new RangeError(`eps: must be a number > 0, got ${eps}`);
  const trace = opts.trace ?? computeTrace(model);
  const { T, n, k } = model;
  let numeric: number;
  let bptt: number;
  if ('param' in target) {
    const P = model[target.param];
    checkStep('index', target.index, 0, P.length - 1);
    const at = (delta: number): number => {
      const Q = P.slice();
      Q[target.index] += delta;
      return forward({ ...model, [target.param]: Q }).loss;
    };
    numeric = (at(eps) - at(-eps)) / (2 * eps);
    bptt = trace.grads[target.param][target.index];
  } else {
    const { quantity, t, index } = target;
    checkStep('t', t, 1, T);
    checkStep('index', index, 0, (quantity === 'o' ? k : n) - 1);
    let at: (delta: number) => number;
    if (quantity === 'o') {
      const o = rowAt(trace.o, t, k);
      at = (delta) => {
        const q = Float64Array.from(o);
        q[index] += delta;
        return lossOfLogits(q, model.y[t - 1]);
      };
      bptt = rowAt(trace.gradO, t, k)[index];
    } else if (quantity === 'a') {
      const a = rowAt(trace.a, t, n);
      at = (delta) => {
        const h = a.map(Math.tanh);
        h[index] = Math.tanh(a[index] + delta);
        return lossFromHidden(model, t, h);
      };
      bptt = rowAt(trace.gradA, t, n)[index];
    } else {
      const h0 = rowAt(trace.h, t, n);
      at = (delta) => {
        const h = Float64Array.from(h0);
        h[index] += delta;
        return lossFromHidden(model, t, h);
      };
      bptt = rowAt(trace.gradH, t, n)[index];
    }
    numeric = (at(eps) - at(-eps)) / (2 * eps);
  }
  const scale = Math.max(Math.abs(numeric), Math.abs(bptt));
  return { numeric, bptt, relError: scale === 0 ? 0 : Math.abs(numeric - bptt) / scale, eps };
}
