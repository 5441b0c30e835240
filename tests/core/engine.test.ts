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
import { backward, forward, type Model } from '../../src/core';
import { kernels, setKernels } from '../../src/core/kernels';
import { KERNELS_WASM_BASE64 } from '../../src/core/kernelsWasm';
import { compileKernels } from '../../bench/build-kernels';

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
    // h0, the per-step arrays, the gradients, and the copies of W and V that E1 and E2 read.
    expect(floats).toBe(n + 5 * T * n + 3 * T * k + T + (k + k * n + n + n * n + n * m) + (n * n + k * n));
    expect(floats).toBeLessThan(T * n * n);
  });
});

describe('the hello preset', () => {
  it('is exactly shared/examples/hello.scenario.json, plus its own lesson (valid for its walk)', () => {
    const { lesson, ...rest } = presetScenario('hello') ?? { lesson: undefined };
    expect(rest).toEqual(readJson('hello.scenario.json'));
    expect(lesson?.length).toBeGreaterThanOrEqual(5);
    expect(lesson?.length).toBeLessThanOrEqual(8);
    const v = validateScenario(presetScenario('hello'));
    expect(v.ok && v.scenario.lesson).toEqual(lesson);
  });
});

/**
 * The formulas read literally, one step at a time (F1–F5, B1–B5, G1–G5), as the
 * yardstick of the engine's batched and register-blocked arrangement.
 */
function naiveTrace(md: Model) {
  const { T, n, m, k, U, W, V, b, c, x, y, h0 } = md;
  const h = [Array.from(h0)];
  const yhat: number[][] = [];
  const a: number[][] = [];
  const o: number[][] = [];
  let loss = 0;
  for (let t = 1; t <= T; t++) {
    const at = Array.from({ length: n }, (_, i) => {
      let s = b[i];
      for (let j = 0; j < n; j++) s += W[i * n + j] * h[t - 1][j];
      for (let j = 0; j < m; j++) s += U[i * m + j] * x[(t - 1) * m + j];
      return s;
    });
    a.push(at);
    h.push(at.map(Math.tanh));
    const ot = Array.from({ length: k }, (_, j) => {
      let s = c[j];
      for (let i = 0; i < n; i++) s += V[j * n + i] * h[t][i];
      return s;
    });
    o.push(ot);
    const max = Math.max(...ot);
    const sum = ot.reduce((s, v) => s + Math.exp(v - max), 0);
    yhat.push(ot.map((v) => Math.exp(v - max) / sum));
    loss += Math.log(sum) - (ot[y[t - 1]] - max);
  }
  const g = { c: new Array(k).fill(0), V: new Array(k * n).fill(0), b: new Array(n).fill(0), W: new Array(n * n).fill(0), U: new Array(n * m).fill(0) };
  const gradH: number[][] = [];
  const gradA: number[][] = [];
  let next: number[] | null = null;
  for (let t = T; t >= 1; t--) {
    const go = yhat[t - 1].map((v, j) => v - (j === y[t - 1] ? 1 : 0));
    const gh = Array.from({ length: n }, (_, i) => {
      let s = 0;
      for (let j = 0; j < k; j++) s += V[j * n + i] * go[j];
      if (next) for (let r = 0; r < n; r++) s += W[r * n + i] * next[r];
      return s;
    });
    const ga = gh.map((v, i) => (1 - h[t][i] * h[t][i]) * v);
    gradH[t - 1] = gh;
    gradA[t - 1] = ga;
    next = ga;
    for (let j = 0; j < k; j++) {
      g.c[j] += go[j];
      for (let i = 0; i < n; i++) g.V[j * n + i] += go[j] * h[t][i];
    }
    for (let i = 0; i < n; i++) {
      g.b[i] += ga[i];
      for (let j = 0; j < n; j++) g.W[i * n + j] += ga[i] * h[t - 1][j];
      for (let j = 0; j < m; j++) g.U[i * m + j] += ga[i] * x[(t - 1) * m + j];
    }
  }
  return { loss, a: a.flat(), h: h.slice(1).flat(), o: o.flat(), yhat: yhat.flat(), gradH: gradH.flat(), gradA: gradA.flat(), grads: g };
}

function withKernels<R>(which: 'js' | 'wasm', fn: () => R): R {
  setKernels(which);
  try {
    return fn();
  } finally {
    setKernels('auto');
  }
}

describe('kernels: WebAssembly SIMD and plain JavaScript', () => {
  it('loads the WebAssembly kernels in Node', () => {
    expect(withKernels('wasm', () => kernels().name)).toBe('wasm');
  });

  for (const which of ['js', 'wasm'] as const) {
    it(`${which}: reproduces every reference trace to 1e-9 relative`, () => {
      withKernels(which, () => {
        for (const name of exampleNames()) {
          const { trace } = traceOf(readJson(`${name}.scenario.json`));
          expectClose(traceToFile(trace), readJson(`${name}.trace.json`), 1e-9, name);
        }
      });
    });

    // Sizes that do not divide into the kernels' 8-row and 4×4 blocks, T past the
    // 256-step slices of the sums over t, dense and one-hot inputs.
    const sizes = [
      [1, 1, 1, 2],
      [3, 3, 2, 4],
      [7, 9, 5, 6],
      [12, 17, 11, 13],
      [20, 16, 8, 8],
      [33, 12, 7, 10],
      [300, 13, 6, 9],
    ];
    for (const [T, n, m, k] of sizes) {
      for (const oneHot of [false, true]) {
        it(`${which}: T=${T} n=${n} m=${m} k=${k}${oneHot ? ' one-hot' : ''} equals the literal formulas to 1e-12`, () => {
          const md = toModel(randomScenario({ T, n, m, k, scale: 0.7, seed: T * 31 + n, oneHot }));
          const got = withKernels(which, () => computeTrace(md));
          const want = naiveTrace(md);
          const { loss, a, h, o, yhat, gradH, gradA, grads } = got;
          expectClose(
            { loss, a: [...a], h: [...h], o: [...o], yhat: [...yhat], gradH: [...gradH], gradA: [...gradA] },
            { loss: want.loss, a: want.a, h: want.h, o: want.o, yhat: want.yhat, gradH: want.gradH, gradA: want.gradA },
            1e-12,
          );
          for (const p of PARAM_NAMES) expectClose([...grads[p]], want.grads[p], 1e-12, p);
        });
      }
    }
  }

  it('gives the same numbers when the workspace is reused by larger and smaller models', () => {
    const big = toModel(randomScenario({ T: 50, n: 24, m: 10, k: 12, scale: 0.5, seed: 5 }));
    const small = toModel(randomScenario({ T: 4, n: 3, m: 4, k: 4, scale: 0.5, seed: 6, oneHot: true }));
    withKernels('wasm', () => {
      const first = computeTrace(big);
      const smallFirst = computeTrace(small);
      computeTrace(big);
      expect(computeTrace(small)).toEqual(smallFirst);
      expect(computeTrace(big)).toEqual(first);
    });
  });

  it('forward then backward gives computeTrace, and backward twice changes nothing', () => {
    const md = toModel(randomScenario({ T: 30, n: 10, m: 6, k: 7, scale: 0.5, seed: 8 }));
    const whole = computeTrace(md);
    const split = forward(md);
    expect(split.gradA.every((v) => v === 0)).toBe(true);
    backward(md, split);
    expect(split).toEqual(whole);
    backward(md, split);
    expect(split).toEqual(whole);
  });

  it('ships the bytes that kernels.wat compiles to (run bench/build-kernels.ts after editing it)', async () => {
    const bytes = await compileKernels();
    expect(KERNELS_WASM_BASE64).toBe(Buffer.from(bytes).toString('base64'));
    // Small enough for a browser's synchronous compile on the main thread (4 KB).
    expect(bytes.length).toBeLessThan(4096);
  });
});

describe('norm2: the norm every view shows', () => {
  it('is the Euclidean norm, and stays finite where the squares overflow or underflow', async () => {
    const { norm2 } = await import('../../src/core');
    expect(norm2([3, 4])).toBe(5);
    expect(norm2([])).toBe(0);
    expect(norm2([1e200, -1e200])).toBeCloseTo(Math.SQRT2 * 1e200, -185);
    expect(norm2([1e200, -1e200]) / 1e200).toBeCloseTo(Math.SQRT2, 12);
    expect(norm2([3e-200, 4e-200]) / 1e-200).toBeCloseTo(5, 12);
    expect(norm2([Infinity, 1])).toBe(Infinity);
  });
});
