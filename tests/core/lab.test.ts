/**
 * The gradient lab (model.md E1, E2, E6) against plain re-computations written
 * here from the formulas, on the fixtures and on scenarios built so that the
 * exact answer is known (h ≡ 0, so H ≡ 1 and ∂h^(s)/∂h^(t) = W^(s−t)).
 */
import { describe, expect, it } from 'vitest';
import {
  computeTrace,
  influence,
  influenceRows,
  itemizedGradient,
  jacobianNorms,
  meanH,
  numericalCheck,
  spectralNorm,
  toModel,
  randomScenario,
  PARAM_NAMES,
  type Model,
  type Scenario,
  type Trace,
} from '../../src/core';
import { exampleNames, expectClose, readJson } from './helpers';

function load(name: string): { model: Model; trace: Trace } {
  const model = toModel(readJson(`${name}.scenario.json`) as Scenario);
  return { model, trace: computeTrace(model) };
}

/** E1 by its recursion, vector by vector: g^(s,t) for t = 1 … s (index t − 1). */
function partsBruteForce(model: Model, trace: Trace, s: number): number[][] {
  const { n, k, W, V } = model;
  const g: number[][] = new Array(s);
  const last = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) last[i] += V[j * n + i] * trace.gradO[(s - 1) * k + j];
  g[s - 1] = last;
  for (let t = s - 1; t >= 1; t--) {
    const next = g[t];
    const out = new Array<number>(n).fill(0);
    for (let j = 0; j < n; j++) {
      const Hg = trace.Hdiag[t * n + j] * next[j]; // H^(t+1) is row t
      for (let i = 0; i < n; i++) out[i] += W[j * n + i] * Hg; // (Wᵀ)_ij = W_ji
    }
    g[t - 1] = out;
  }
  return g;
}

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((a, x) => a + x * x, 0));

/** Eigenvalues of a symmetric matrix by cyclic Jacobi rotations: an independent σ_max² of AᵀA. */
function symmetricEigenvalues(S: number[][]): number[] {
  const n = S.length;
  const A = S.map((r) => [...r]);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < n; p++) {
      diag += A[p][p] * A[p][p];
      for (let q = p + 1; q < n; q++) off += A[p][q] * A[p][q];
    }
    if (off <= 1e-32 * diag) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (A[p][q] === 0) continue;
        const theta = (A[q][q] - A[p][p]) / (2 * A[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < n; r++) {
          const arp = A[r][p];
          const arq = A[r][q];
          A[r][p] = c * arp - s * arq;
          A[r][q] = s * arp + c * arq;
        }
        for (let r = 0; r < n; r++) {
          const apr = A[p][r];
          const aqr = A[q][r];
          A[p][r] = c * apr - s * aqr;
          A[q][r] = s * apr + c * aqr;
        }
      }
    }
  }
  return A.map((r, i) => r[i]);
}

function sigmaMaxByJacobi(M: number[][]): number {
  const cols = M[0].length;
  const MtM = Array.from({ length: cols }, (_, i) =>
    Array.from({ length: cols }, (_, j) => M.reduce((a, row) => a + row[i] * row[j], 0)),
  );
  return Math.sqrt(Math.max(...symmetricEigenvalues(MtM)));
}

/** ∂h^(s)/∂h^(t) = H^(s) W ⋯ H^(t+1) W as a dense matrix (E2), by plain products. */
function jacobianProduct(model: Model, trace: Trace, t: number, s: number): number[][] {
  const { n, W } = model;
  let P: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let r = t + 1; r <= s; r++) {
    const next = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        let sum = 0;
        for (let p = 0; p < n; p++) sum += W[i * n + p] * P[p][j];
        return trace.Hdiag[(r - 1) * n + i] * sum;
      }),
    );
    P = next;
  }
  return P;
}

/**
 * h ≡ 0 for every t (x = 0, b = 0, h0 = 0), so H^(t) = I and ∂h^(s)/∂h^(t) = (λI)^(s−t):
 * norms λ^(s−t), exactly, far past float64's range at T = 1000.
 */
function linearChain(lambda: number, T: number): Model {
  const scenario: Scenario = {
    format: 'bptt-scenario/1',
    x: Array.from({ length: T }, () => [0]),
    y: Array.from({ length: T }, (_, t) => t % 2),
    params: {
      U: [[0], [0]],
      W: [
        [lambda, 0],
        [0, lambda],
      ],
      V: [
        [0.5, -0.25],
        [0.125, 1],
      ],
      b: [0, 0],
      c: [0.3, -0.2],
    },
  };
  return toModel(scenario);
}

describe('E1: itemized gradients', () => {
  for (const name of exampleNames()) {
    it(`${name}: the parts g^(s,t), s = t … T, add up to ∇h^(t) (1e-12) and match the recursion`, () => {
      const { model, trace } = load(name);
      const { T, n } = trace;
      const brute = Array.from({ length: T }, (_, s) => partsBruteForce(model, trace, s + 1));
      for (let t = 1; t <= T; t++) {
        const parts = itemizedGradient(trace, t);
        expect(parts.length).toBe((T - t + 1) * n);
        const sum = new Array<number>(n).fill(0);
        for (let s = t; s <= T; s++) {
          const part = Array.from(parts.subarray((s - t) * n, (s - t + 1) * n));
          expectClose(part, brute[s - 1][t - 1], 1e-12, `g^(${s},${t})`);
          part.forEach((v, i) => (sum[i] += v));
        }
        expectClose(sum, Array.from(trace.gradH.subarray((t - 1) * n, t * n)), 1e-12, `∇h^(${t})`);
      }
    });

    it(`${name}: the influence has T rows of 1 … T numbers, each ‖g^(s,t)‖₂`, () => {
      const { model, trace } = load(name);
      const I = influence(trace);
      expect(I.map((r) => r.length)).toEqual(Array.from({ length: trace.T }, (_, s) => s + 1));
      for (let s = 1; s <= trace.T; s++) {
        const want = partsBruteForce(model, trace, s).map(norm);
        expectClose(Array.from(I[s - 1]), want, 1e-12, `I[${s}]`);
      }
      // ... and equal to the norms of the itemized parts, column by column.
      for (let t = 1; t <= trace.T; t++) {
        const parts = itemizedGradient(trace, t);
        for (let s = t; s <= trace.T; s++) {
          const p = norm(parts.subarray((s - t) * trace.n, (s - t + 1) * trace.n));
          expect(Math.abs(I[s - 1][t - 1] - p)).toBeLessThanOrEqual(1e-12 * Math.max(1, p));
        }
      }
    });
  }

  it('rows on demand equal the same rows of the whole triangle', () => {
    const model = toModel(randomScenario({ T: 40, n: 9, m: 5, k: 6, scale: 0.6, seed: 11 }));
    const trace = computeTrace(model);
    const all = influence(trace);
    for (const [s0, s1] of [
      [1, 1],
      [7, 7],
      [10, 23],
      [38, 40],
      [1, 40],
    ]) {
      expect(influenceRows(trace, s0, s1)).toEqual(all.slice(s0 - 1, s1));
    }
    expect(() => influenceRows(trace, 0, 3)).toThrow(/s0: must be an integer 1 … 40, got 0/);
    expect(() => influenceRows(trace, 5, 4)).toThrow(/s1/);
    expect(() => itemizedGradient(trace, 41)).toThrow(/t: must be an integer 1 … 40/);
  });

  it('stays exact where the parts fall far below float64 (λ = 0.1, T = 1000): I[s][t] = 0.1^(s−t) ‖g^(s,s)‖', () => {
    const T = 1000;
    const trace = computeTrace(linearChain(0.1, T));
    const rows = influenceRows(trace, T - 1, T);
    for (const row of rows) {
      const s = row.length;
      const direct = row[s - 1];
      expect(direct).toBeGreaterThan(0.01);
      for (const d of [1, 5, 50, 200, 290]) {
        const want = direct * 10 ** -d;
        expect(Math.abs(row[s - 1 - d] - want)).toBeLessThanOrEqual(1e-12 * want);
      }
      // Past float64's smallest number the norm is 0, never NaN.
      expect(row[0]).toBe(0);
    }
  });
});

describe('E2: the Jacobian product', () => {
  it('norms are the spectral norms of the explicit products, both ways, with d = 0 the identity', () => {
    for (const name of ['hello', 'random1', 'random4']) {
      const { model, trace } = load(name);
      const { T } = trace;
      for (const t of [0, 1, Math.floor(T / 2)]) {
        const { norm: fwd, log10Norm } = jacobianNorms(trace, { t });
        expect(fwd.length).toBe(T - t + 1);
        expect(fwd[0]).toBe(1);
        for (let d = 1; d <= T - t; d++) {
          const want = sigmaMaxByJacobi(jacobianProduct(model, trace, t, t + d));
          expect(Math.abs(fwd[d] - want)).toBeLessThanOrEqual(1e-12 * want);
          expect(Math.abs(log10Norm[d] - Math.log10(want))).toBeLessThanOrEqual(1e-12);
        }
      }
      const s = T;
      const back = jacobianNorms(trace, { s }, 3).norm;
      expect(back.length).toBe(Math.min(3, T) + 1);
      for (let d = 1; d < back.length; d++) {
        const want = sigmaMaxByJacobi(jacobianProduct(model, trace, s - d, s));
        expect(Math.abs(back[d] - want)).toBeLessThanOrEqual(1e-12 * want);
      }
    }
  });

  it('follows λ^(s−t) past float64 (λ = 3 explodes, λ = 0.1 vanishes) in log10Norm', () => {
    const T = 1000;
    for (const lambda of [3, 0.1]) {
      const trace = computeTrace(linearChain(lambda, T));
      const { norm, log10Norm } = jacobianNorms(trace, { t: 0 });
      expect(log10Norm.length).toBe(T + 1);
      for (const d of [1, 10, 100, 500, 1000]) {
        expect(Math.abs(log10Norm[d] - d * Math.log10(lambda))).toBeLessThanOrEqual(1e-10 * d);
      }
      expect(norm[1000]).toBe(lambda > 1 ? Infinity : 0);
      expect(Math.abs(norm[100] / lambda ** 100 - 1)).toBeLessThanOrEqual(1e-12);
    }
  });

  it('σ_max(W) against Jacobi eigenvalues, and the mean of H', () => {
    for (const seed of [1, 2, 3, 4]) {
      const model = toModel(randomScenario({ T: 5, n: 2 + seed * 3, m: 3, k: 3, scale: 0.8, seed }));
      const trace = computeTrace(model);
      const { n } = model;
      const W = Array.from({ length: n }, (_, i) => Array.from(model.W.subarray(i * n, (i + 1) * n)));
      const want = sigmaMaxByJacobi(W);
      expect(Math.abs(spectralNorm(trace.W, n, n) - want)).toBeLessThanOrEqual(1e-12 * want);
      const H = Array.from(trace.Hdiag);
      expect(meanH(trace)).toBeCloseTo(H.reduce((a, b) => a + b, 0) / H.length, 14);
      const step2 = H.slice(n, 2 * n);
      expect(meanH(trace, 2, 2)).toBeCloseTo(step2.reduce((a, b) => a + b, 0) / n, 14);
    }
    // Two nearly equal top singular values (where a plain power iteration crawls): A = Q diag(2, 1.9999, 1, 0.3) Rᵀ.
    const rot = (n: number, seed: number) => {
      const M: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
      for (let p = 0; p < n; p++) {
        for (let q = p + 1; q < n; q++) {
          const th = seed + p * 1.3 + q * 0.7;
          const [c, sn] = [Math.cos(th), Math.sin(th)];
          for (const row of M) [row[p], row[q]] = [c * row[p] - sn * row[q], sn * row[p] + c * row[q]];
        }
      }
      return M;
    };
    const [Q, R] = [rot(4, 1), rot(4, 2)];
    const sv = [2, 1.9999, 1, 0.3];
    const A = Float64Array.from({ length: 16 }, (_, x) => {
      const [i, j] = [Math.floor(x / 4), x % 4];
      return sv.reduce((acc, sigma, p) => acc + Q[i][p] * sigma * R[j][p], 0);
    });
    expect(Math.abs(spectralNorm(A, 4, 4) - 2)).toBeLessThanOrEqual(1e-14);
    // A rectangular matrix, and the zero matrix.
    expect(Math.abs(spectralNorm(Float64Array.from([3, 0, 0, 0, 4, 0]), 2, 3) - 4)).toBeLessThanOrEqual(4e-12);
    expect(spectralNorm(new Float64Array(4), 2, 2)).toBe(0);
  });
});

describe('E6: numerical check', () => {
  it('agrees with BPTT on every parameter entry and every ∇h, ∇a, ∇o entry of hello (ε = 1e-5)', () => {
    const { model, trace } = load('hello');
    const { T, n, k } = trace;
    const check = (r: { numeric: number; bptt: number; relError: number }, what: string) => {
      // Central differences at ε = 1e-5 carry ~1e-10 of rounding noise: relative below 1e-6, or absolutely tiny.
      const ok = r.relError <= 1e-6 || Math.abs(r.numeric - r.bptt) <= 1e-9;
      if (!ok) expect.fail(`${what}: numeric ${r.numeric}, BPTT ${r.bptt}, relative error ${r.relError}`);
    };
    for (const param of PARAM_NAMES) {
      for (let index = 0; index < model[param].length; index++) {
        const r = numericalCheck(model, { param, index }, { trace });
        expect(r.eps).toBe(1e-5);
        expect(r.bptt).toBe(trace.grads[param][index]);
        check(r, `${param}[${index}]`);
      }
    }
    for (let t = 1; t <= T; t++) {
      for (const quantity of ['h', 'a', 'o'] as const) {
        for (let index = 0; index < (quantity === 'o' ? k : n); index++) {
          check(numericalCheck(model, { quantity, t, index }), `${quantity}^(${t})[${index}]`);
        }
      }
    }
    // The model was left as it was.
    expect(computeTrace(model)).toEqual(trace);
  });

  it('sees truncation: at K = 1 the early ∇h^(t) is not the derivative', () => {
    const { model } = load('hello');
    const truncated = computeTrace(model, { truncate: 1 });
    const r = numericalCheck(model, { quantity: 'h', t: 1, index: 0 }, { trace: truncated });
    expect(r.relError).toBeGreaterThan(1e-3);
    expect(() => numericalCheck(model, { param: 'W', index: 9 })).toThrow(/index: must be an integer 0 … 8, got 9/);
    expect(() => numericalCheck(model, { param: 'W', index: 0 }, { eps: 0 })).toThrow(/eps/);
  });
});
