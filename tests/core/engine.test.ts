import { describe, expect, it } from 'vitest';
import {
  computeTrace,
  contribution,
  partialGradient,
  presetScenario,
  toModel,
  traceToFile,
  validateScenario,
  PARAM_NAMES,
  randomScenario,
  type Scenario,
} from '../../src/core';
import { exampleNames, expectClose, readJson } from './helpers';

function traceOf(s: unknown) {
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join('; '));
  const model = toModel(v.scenario);
  return { model, trace: computeTrace(model) };
}

describe('engine against the independent float64 examples', () => {
  const names = exampleNames();
  it('has all the examples as fixtures', () => {
    expect(names).toEqual(['hello', 'random0', 'random1', 'random2', 'random3', 'random4', 'random5']);
  });
  for (const name of names) {
    it(`reproduces every number of ${name}.trace.json to 1e-9 relative`, () => {
      const { trace } = traceOf(readJson(`${name}.scenario.json`));
      const expected = readJson(`${name}.trace.json`) as Record<string, unknown>;
      const count = expectClose(traceToFile(trace), expected, 1e-9);
      // Every number of the reference was compared (T·(5n + 3k + 1) + n + grads + 5 sizes).
      const { T, n, m, k } = trace;
      expect(count).toBe(T * (5 * n + 3 * k + 2) + n + 1 + n * m + n * n + k * n + n + k + 4);
    });
  }

  it('gives the hello worked example its total loss L = 5.2020…', () => {
    const { trace } = traceOf(readJson('hello.scenario.json'));
    expect(trace.loss.toFixed(4)).toBe('5.2020');
  });
});

describe('per-step contributions (terms of G1–G5)', () => {
  const { model, trace } = traceOf(readJson('random3.scenario.json'));
  for (const name of PARAM_NAMES) {
    it(`sum over t of ${name}'s contributions equals the gradient`, () => {
      const sum = partialGradient(model, trace, name, 1);
      expectClose(Array.from(sum), Array.from(trace.grads[name]), 1e-12);
      // The running sum after steps T … T−2 is exactly those three terms.
      const part = partialGradient(model, trace, name, trace.T - 2);
      const byHand = [trace.T, trace.T - 1, trace.T - 2]
        .map((t) => contribution(model, trace, name, t))
        .reduce((acc, c) => acc.map((v, i) => v + c[i]));
      expectClose(Array.from(part), Array.from(byHand), 1e-12);
    });
  }

  it('W contribution at t is ∇a^(t) h^(t−1)ᵀ, with h^(0) at t = 1', () => {
    const c1 = contribution(model, trace, 'W', 1);
    const n = trace.n;
    expect(c1[1 * n + 2]).toBeCloseTo(trace.gradA[1] * trace.h0[2], 15);
  });
});

describe('numerical stability', () => {
  function extreme(logit: number): Scenario {
    // V h saturates to ±logit: softmax sees logits of ±1000.
    return {
      format: 'bptt-scenario/1',
      x: [[1], [1]],
      y: [1, 0],
      params: { U: [[50]], W: [[0]], V: [[logit], [-logit]], b: [0], c: [0, 0] },
    };
  }
  for (const L of [1000, -1000, 1e6]) {
    it(`logits of ±${Math.abs(L)} give a finite loss and finite gradients`, () => {
      const { trace } = traceOf(extreme(L));
      expect(Number.isFinite(trace.loss)).toBe(true);
      for (const g of Object.values(trace.grads)) for (const v of g) expect(Number.isFinite(v)).toBe(true);
      for (const v of trace.yhat) expect(Number.isNaN(v)).toBe(false);
      // The wrong class wins by 2·|L|: that step's loss is ≈ 2·|L|, not ∞.
      expect(Math.max(...trace.lossAt)).toBeCloseTo(2 * Math.abs(L), 6);
    });
  }
});

describe('memory', () => {
  it('stores O(T·(n + k)) per-step numbers plus the gradients, never T·n²', () => {
    const s = randomScenario({ T: 300, n: 40, m: 10, k: 12, scale: 0.5, seed: 2 });
    const { trace } = traceOf(s);
    const { T, n, m, k } = trace;
    let floats = 0;
    for (const v of Object.values(trace)) if (v instanceof Float64Array) floats += v.length;
    for (const g of Object.values(trace.grads)) floats += g.length;
    expect(floats).toBe(n + 5 * T * n + 3 * T * k + T + (k + k * n + n + n * n + n * m));
    expect(floats).toBeLessThan(T * n * n);
  });
});

describe('the hello preset', () => {
  it('is exactly shared/examples/hello.scenario.json', () => {
    expect(presetScenario('hello')).toEqual(readJson('hello.scenario.json'));
  });
});
