/**
 * The options of a trace: truncated BPTT (E3) and clipping by global norm (E4),
 * their validation, and the trace file's extra fields (influence,
 * grads_unclipped, grad_norm). Expected values are recomputed here from the
 * formulas with plain loops.
 */
import { describe, expect, it } from 'vitest';
import {
  backward,
  computeTrace,
  forward,
  globalNorm,
  influence,
  numericalCheck,
  randomScenario,
  scenarioToFile,
  toModel,
  traceToFile,
  validateScenario,
  PARAM_NAMES,
  type Grads,
  type Model,
  type Scenario,
  type Trace,
} from '../../src/core';
import { exampleNames, expectClose, readJson } from './helpers';

function load(name: string): Model {
  return toModel(readJson(`${name}.scenario.json`) as Scenario);
}

/** The trace without the record of its options: what must not depend on them. */
function numbers(tr: Trace): Partial<Trace> {
  const rest: Partial<Trace> = { ...tr };
  delete rest.options;
  return rest;
}

/**
 * G1–G5 from given ∇h^(t) (with the trace's forward values and ∇o), by plain loops:
 * ∇a = H ∇h, ∇c = Σ ∇o, ∇V = Σ ∇o hᵀ, ∇b = Σ ∇a, ∇W = Σ ∇a h^(t−1)ᵀ, ∇U = Σ ∇a xᵀ.
 */
function gradsFrom(model: Model, tr: Trace, gradH: Float64Array): { gradA: Float64Array; grads: Grads } {
  const { T, n, m, k, x } = model;
  const gradA = gradH.map((g, i) => tr.Hdiag[i] * g);
  const grads: Grads = {
    c: new Float64Array(k),
    V: new Float64Array(k * n),
    b: new Float64Array(n),
    W: new Float64Array(n * n),
    U: new Float64Array(n * m),
  };
  for (let t = 0; t < T; t++) {
    const hPrev = (i: number) => (t === 0 ? model.h0[i] : tr.h[(t - 1) * n + i]);
    for (let j = 0; j < k; j++) {
      const go = tr.gradO[t * k + j];
      grads.c[j] += go;
      for (let i = 0; i < n; i++) grads.V[j * n + i] += go * tr.h[t * n + i];
    }
    for (let i = 0; i < n; i++) {
      const ga = gradA[t * n + i];
      grads.b[i] += ga;
      for (let j = 0; j < n; j++) grads.W[i * n + j] += ga * hPrev(j);
      for (let j = 0; j < m; j++) grads.U[i * m + j] += ga * x[t * m + j];
    }
  }
  return { gradA, grads };
}

/** E3 by its definition: ∇h^(t) = Σ_{s=t}^{min(T,t+K−1)} g^(s,t), each g^(s,t) by E1's recursion. */
function truncatedGradH(model: Model, tr: Trace, K: number): Float64Array {
  const { T, n, k, W, V } = model;
  const out = new Float64Array(T * n);
  for (let s = 1; s <= T; s++) {
    let g = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) g[i] += V[j * n + i] * tr.gradO[(s - 1) * k + j];
    for (let t = s; t >= Math.max(1, s - K + 1); t--) {
      for (let i = 0; i < n; i++) out[(t - 1) * n + i] += g[i];
      const next = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        const Hg = tr.Hdiag[(t - 1) * n + j] * g[j];
        for (let i = 0; i < n; i++) next[i] += W[j * n + i] * Hg;
      }
      g = next;
    }
  }
  return out;
}

const flat = (g: Grads) => PARAM_NAMES.map((p) => Array.from(g[p]));

describe('E3: truncated BPTT', () => {
  for (const name of exampleNames()) {
    it(`${name}: K ≥ T is full BPTT, bit for bit`, () => {
      const model = load(name);
      const full = computeTrace(model);
      for (const K of [model.T, model.T + 1, 1e9]) {
        const tr = computeTrace(model, { truncate: K });
        expect(tr.options).toEqual({ truncate: K });
        expect(numbers(tr)).toEqual(numbers(full));
      }
    });

    it(`${name}: K = 1 is the gradient without the recurrence, ∇h^(t) = Vᵀ ∇o^(t)`, () => {
      const model = load(name);
      const { T, n, k, V } = model;
      const tr = computeTrace(model, { truncate: 1 });
      const full = computeTrace(model);
      // Forward values and ∇o do not depend on the truncation.
      for (const key of ['a', 'h', 'o', 'yhat', 'lossAt', 'gradO', 'Hdiag'] as const) expect(tr[key]).toEqual(full[key]);
      const gradH = new Float64Array(T * n);
      for (let t = 0; t < T; t++) {
        for (let i = 0; i < n; i++) {
          let s = 0;
          for (let j = 0; j < k; j++) s += V[j * n + i] * full.gradO[t * k + j];
          gradH[t * n + i] = s;
        }
      }
      expectClose(Array.from(tr.gradH), Array.from(gradH), 1e-12, 'gradH');
      const want = gradsFrom(model, full, gradH);
      expectClose(Array.from(tr.gradA), Array.from(want.gradA), 1e-12, 'gradA');
      expectClose(flat(tr.grads), flat(want.grads), 1e-12, 'grads');
      // G1 and G2 are unchanged by any truncation.
      expect(tr.grads.c).toEqual(full.grads.c);
      expect(tr.grads.V).toEqual(full.grads.V);
    });
  }

  it('every window 1 … T against the definition, on dense and one-hot scenarios', () => {
    for (const oneHot of [false, true]) {
      const model = toModel(randomScenario({ T: 9, n: 5, m: 4, k: 4, scale: 0.9, seed: oneHot ? 3 : 4, oneHot }));
      const full = computeTrace(model);
      for (let K = 1; K <= model.T; K++) {
        const tr = computeTrace(model, { truncate: K });
        const gradH = truncatedGradH(model, full, K);
        expectClose(Array.from(tr.gradH), Array.from(gradH), 1e-12, `K=${K} gradH`);
        expectClose(flat(tr.grads), flat(gradsFrom(model, full, gradH).grads), 1e-12, `K=${K} grads`);
      }
    }
  });

  it('forward then backward with options equals computeTrace with them', () => {
    const model = toModel(randomScenario({ T: 30, n: 7, m: 6, k: 5, scale: 0.7, seed: 9 }));
    for (const options of [{ truncate: 4 }, { clip: 0.1 }, { truncate: 2, clip: 0.05 }]) {
      const tr = forward(model);
      backward(model, tr, options);
      expect(tr).toEqual(computeTrace(model, options));
      backward(model, tr); // and back to full BPTT, no clipping
      expect(tr).toEqual(computeTrace(model));
    }
  });

  it('a finite-difference check (E6) of the gradient with K ≥ T', () => {
    const model = load('random2');
    const tr = computeTrace(model, { truncate: model.T });
    for (const param of PARAM_NAMES) {
      for (let index = 0; index < model[param].length; index++) {
        const r = numericalCheck(model, { param, index }, { trace: tr });
        if (!(r.relError <= 1e-6 || Math.abs(r.numeric - r.bptt) <= 1e-9)) {
          expect.fail(`${param}[${index}]: ${r.numeric} vs ${r.bptt}`);
        }
      }
    }
  });

  it('refuses a window that is not an integer ≥ 1, naming the option', () => {
    const model = load('hello');
    expect(() => computeTrace(model, { truncate: 0 })).toThrow('options.truncate: must be an integer ≥ 1, got 0');
    expect(() => computeTrace(model, { truncate: 2.5 })).toThrow(RangeError);
    expect(() => computeTrace(model, { clip: -1 })).toThrow('options.clip: must be a number > 0, got -1');
  });
});

describe('E4: clipping by global norm', () => {
  it('the norm is over every entry of the five gradients together', () => {
    const model = load('random3');
    const tr = computeTrace(model);
    const all = flat(tr.grads).flat();
    expect(tr.gradNorm).toBeCloseTo(Math.sqrt(all.reduce((a, v) => a + v * v, 0)), 14);
    expect(tr.gradsUnclipped).toBeUndefined();
    // Gradients far past the squares' range keep their norm.
    const big: Grads = { c: Float64Array.from([3e200]), V: Float64Array.from([4e200]), b: new Float64Array(1), W: new Float64Array(1), U: new Float64Array(1) };
    expect(globalNorm(big)).toBeCloseTo(5e200, -186);
    const tiny: Grads = { c: Float64Array.from([3e-200]), V: Float64Array.from([4e-200]), b: new Float64Array(1), W: new Float64Array(1), U: new Float64Array(1) };
    expect(Math.abs(globalNorm(tiny) / 5e-200 - 1)).toBeLessThan(1e-15);
  });

  for (const name of ['hello', 'random0', 'random5']) {
    it(`${name}: clipped = unclipped × min(1, C/‖g‖), and the unclipped ones are the derivatives`, () => {
      const model = load(name);
      const full = computeTrace(model);
      const norm = full.gradNorm;
      for (const C of [norm / 10, norm / 2, norm * 2]) {
        const tr = computeTrace(model, { clip: C });
        expect(tr.gradNorm).toBe(norm);
        expect(tr.gradsUnclipped).toEqual(full.grads);
        const factor = Math.min(1, C / norm);
        for (const p of PARAM_NAMES) {
          const want = Array.from(full.grads[p], (g) => g * factor);
          expect(Array.from(tr.grads[p])).toEqual(want);
        }
        expect(globalNorm(tr.grads)).toBeCloseTo(Math.min(C, norm), 12);
        // The steps' ∇h, ∇a are not clipped.
        expect(tr.gradH).toEqual(full.gradH);
        if (C > norm) expect(tr.grads).toEqual(full.grads);
      }
      // As a scaling of the derivative: clipped entry = (L(θ+ε) − L(θ−ε)) / 2ε × factor.
      const C = norm / 3;
      const tr = computeTrace(model, { clip: C });
      for (const param of PARAM_NAMES) {
        for (let index = 0; index < model[param].length; index++) {
          const r = numericalCheck(model, { param, index }, { trace: full });
          const clipped = tr.grads[param][index];
          const want = r.numeric * (C / norm);
          if (!(Math.abs(clipped - want) <= 1e-6 * Math.abs(want) || Math.abs(clipped - want) <= 1e-9)) {
            expect.fail(`${param}[${index}]: clipped ${clipped}, finite difference × factor ${want}`);
          }
        }
      }
    });
  }

  it('truncation and clipping together: clip the truncated gradients', () => {
    const model = load('random1');
    const truncated = computeTrace(model, { truncate: 2 });
    const both = computeTrace(model, { truncate: 2, clip: truncated.gradNorm / 4 });
    expect(both.gradsUnclipped).toEqual(truncated.grads);
    expect(both.gradNorm).toBe(truncated.gradNorm);
    for (const p of PARAM_NAMES) expect(Array.from(both.grads[p])).toEqual(Array.from(truncated.grads[p], (g) => g * 0.25));
  });
});

describe('scenario options', () => {
  const hello = readJson('hello.scenario.json') as Scenario;
  const withOptions = (options: unknown) => ({ ...hello, options });

  it('accepts truncate and clip, alone or together, and keeps them in the scenario file', () => {
    for (const options of [{}, { truncate: 1 }, { truncate: 1000000 }, { clip: 0.5 }, { truncate: 3, clip: 1e-9 }]) {
      const v = validateScenario(withOptions(options));
      expect(v.ok).toBe(true);
      if (v.ok) expect(scenarioToFile(v.scenario).options).toEqual(options);
    }
    expect(scenarioToFile(hello).options).toBeUndefined();
  });

  it('refuses bad options with a message naming the field', () => {
    const cases: [unknown, string][] = [
      [{ truncate: 0 }, 'options.truncate: must be an integer ≥ 1, got 0'],
      [{ truncate: 2.5 }, 'options.truncate: must be an integer ≥ 1, got 2.5'],
      [{ truncate: '3' }, 'options.truncate: must be an integer ≥ 1, got "3"'],
      [{ clip: 0 }, 'options.clip: must be a number > 0, got 0'],
      [{ clip: -2 }, 'options.clip: must be a number > 0, got -2'],
      [{ clip: null }, 'options.clip: must be a number > 0, got null'],
      [{ clipping: 1 }, 'options.clipping: is not an option (truncate, clip)'],
      [[1, 2], 'options: expected an object with truncate and/or clip, got a list'],
      [5, 'options: expected an object with truncate and/or clip, got 5'],
    ];
    for (const [options, message] of cases) {
      const v = validateScenario(withOptions(options));
      expect(v.ok, JSON.stringify(options)).toBe(false);
      if (!v.ok) expect(v.errors.map((e) => e.message)).toEqual([message]);
    }
    // Bad options and another error: both are reported, each on its own field.
    const v = validateScenario({ ...withOptions({ truncate: -1 }), y: [1, 2, 2, 9] });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.map((e) => e.field)).toEqual(['y[3]', 'options.truncate']);
  });
});

describe('trace file fields', () => {
  it('always has the influence triangle, T rows of 1 … T numbers', () => {
    for (const name of ['hello', 'random4']) {
      const tr = computeTrace(load(name));
      const file = traceToFile(tr);
      expect(file.influence.map((r) => r.length)).toEqual(Array.from({ length: tr.T }, (_, s) => s + 1));
      expect(file.influence).toEqual(influence(tr).map((r) => Array.from(r)));
      expect(file.grads_unclipped).toBeUndefined();
      expect(file.grad_norm).toBeUndefined();
      expect(file.options).toBeUndefined();
    }
  });

  it('with clipping, grads_unclipped and grad_norm; with options, the options', () => {
    const model = load('hello');
    const tr = computeTrace(model, { truncate: 2, clip: 0.5 });
    const file = traceToFile(tr);
    expect(file.options).toEqual({ truncate: 2, clip: 0.5 });
    expect(file.grad_norm).toBe(tr.gradNorm);
    expect(file.grads_unclipped?.W.flat()).toEqual(Array.from(tr.gradsUnclipped!.W));
    expect(file.grads.W.flat()).toEqual(Array.from(tr.grads.W));
    expect(file.steps[0].grad_h).toEqual(Array.from(tr.gradH.subarray(0, 3)));
    // JSON keeps every number exactly.
    expect(JSON.parse(JSON.stringify(file))).toEqual(file);
    const truncOnly = traceToFile(computeTrace(model, { truncate: 2 }));
    expect(truncOnly.grads_unclipped).toBeUndefined();
    expect(truncOnly.grad_norm).toBeUndefined();
  });
});
