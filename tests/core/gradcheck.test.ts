/**
 * Finite-difference check of the backward pass (B1–B5, G1–G5): for every entry
 * θ of U, W, V, b and c, the engine's ∂L/∂θ against central differences of
 * the forward pass's loss L (F1–F5), on random scenarios of small sizes, dense
 * and one-hot, from gentle (scale 0.5) to saturated tanh (scale 5).
 *
 * The difference quotient is Richardson-extrapolated central differences,
 *   D(ε) = (L(θ + ε) − L(θ − ε)) / 2ε,   fd = (4 D(ε/2) − D(ε)) / 3,
 * whose truncation error is O(ε⁴) instead of O(ε²). With ε = 1e-3 its rounding
 * error is about u·|L|/ε ≈ 1e-16 · 100 / 1e-3 = 1e-11, its truncation error
 * smaller still; plain central differences at ε = 1e-5 are ~100× noisier.
 *
 * The measure is |fd − g| / max(|fd| + |g|, FLOOR) ≤ 1e-6. The FLOOR 1e-3 is an
 * absolute tolerance of 1e-9 for gradients smaller than 1e-3: in saturated
 * scenarios H^(t) ≈ 0 and some entries of ∇W, ∇U, ∇b fall to 1e-14, where the
 * rounding noise of fd (≈ 1e-11) is larger than the gradient itself, so no
 * relative check is possible there; what is checked is that they really are
 * (almost) zero. Every entry above 1e-3 is checked to 1e-6 relative.
 */
import { describe, expect, it } from 'vitest';
import {
  computeTrace,
  contribution,
  createRng,
  forward,
  partialGradient,
  randomScenario,
  toModel,
  PARAM_NAMES,
  type Model,
  type RandomOptions,
} from '../../src/core';
import { expectClose } from './helpers';

const EPS = 1e-3;
const FLOOR = 1e-3;
const TOL = 1e-6;

/** ∂L/∂θ for θ = model[name][i], by extrapolated central differences. */
function finiteDifference(model: Model, name: (typeof PARAM_NAMES)[number], i: number): number {
  const P = model[name];
  const v = P[i];
  const D = (e: number): number => {
    P[i] = v + e;
    const plus = forward(model).loss;
    P[i] = v - e;
    const minus = forward(model).loss;
    P[i] = v;
    return (plus - minus) / (2 * e);
  };
  return (4 * D(EPS / 2) - D(EPS)) / 3;
}

/**
 * Small scenarios: T 1…6, n 1…5, m 1…5, k 2…5, dense and one-hot (m ≥ 4 so the
 * engine's sparse path for one-hot inputs is the one taken), gentle to saturated.
 */
function cases(): RandomOptions[] {
  const rng = createRng(2024);
  const out: RandomOptions[] = [];
  for (const scale of [0.5, 1, 2, 5]) {
    for (let j = 0; j < 6; j++) {
      const oneHot = j % 2 === 0;
      out.push({
        T: 1 + rng.int(6),
        n: 1 + rng.int(5),
        m: oneHot ? 4 + rng.int(2) : 1 + rng.int(5),
        k: 2 + rng.int(4),
        scale,
        seed: 100 + out.length,
        oneHot,
      });
    }
  }
  // Edge sizes: one step and one unit, one class (L = 0, ∇ = 0), the largest.
  out.push({ T: 1, n: 1, m: 1, k: 2, scale: 1, seed: 1 });
  out.push({ T: 3, n: 2, m: 2, k: 1, scale: 1, seed: 2 });
  out.push({ T: 6, n: 5, m: 5, k: 5, scale: 5, seed: 3, oneHot: true });
  return out;
}

describe('gradients against finite differences', () => {
  for (const o of cases()) {
    const label = `T=${o.T} n=${o.n} m=${o.m} k=${o.k} scale=${o.scale}${o.oneHot ? ' one-hot' : ''} seed=${o.seed}`;
    it(label, () => {
      const model = toModel(randomScenario(o));
      const trace = computeTrace(model);
      let checked = 0;
      for (const name of PARAM_NAMES) {
        const g = trace.grads[name];
        expect(g.length).toBe(model[name].length);
        for (let i = 0; i < g.length; i++) {
          const fd = finiteDifference(model, name, i);
          const err = Math.abs(fd - g[i]) / Math.max(Math.abs(fd) + Math.abs(g[i]), FLOOR);
          if (!(err <= TOL)) expect.fail(`${name}[${i}]: engine ${g[i]}, finite difference ${fd} (error ${err})`);
          checked++;
        }
      }
      const { n, m, k } = model;
      expect(checked).toBe(n * m + n * n + k * n + n + k);
      // The perturbations left the parameters as they were.
      expect(computeTrace(model).grads).toEqual(trace.grads);
    });
  }

  it('the saturated cases are saturated: some H^(t) entries below 1e-3', () => {
    const sat = cases().filter((o) => o.scale === 5);
    const minH = sat.map((o) => Math.min(...computeTrace(toModel(randomScenario(o))).Hdiag));
    expect(Math.min(...minH)).toBeLessThan(1e-3);
  });
});

describe('per-step contributions add up to the gradient', () => {
  for (const o of cases().filter((_, i) => i % 3 === 0)) {
    it(`T=${o.T} n=${o.n} m=${o.m} k=${o.k} scale=${o.scale} seed=${o.seed}`, () => {
      const model = toModel(randomScenario(o));
      const trace = computeTrace(model);
      for (const name of PARAM_NAMES) {
        const full = Array.from(trace.grads[name]);
        // Summed t = 1 … T, in the forward order ...
        const sum = new Float64Array(full.length);
        for (let t = 1; t <= trace.T; t++) contribution(model, trace, name, t).forEach((v, i) => (sum[i] += v));
        expectClose(Array.from(sum), full, 1e-12, name);
        // ... and as the backward walk's running sum, t = T … 1.
        expectClose(Array.from(partialGradient(model, trace, name, 1)), full, 1e-12, name);
      }
    });
  }
});
