/**
 * The gradient lab's view helpers (src/ui/lab/labMath.ts) against the core's
 * E1 and E5 (itemizedGradient, influenceRows, train), which they cut down to
 * what a view shows within a budget.
 */
import { describe, expect, it } from 'vitest';
import {
  computeTrace,
  influence,
  influenceRows,
  itemizedGradient,
  presetScenario,
  randomScenario,
  rowAt,
  toModel,
  train,
  PARAM_NAMES,
  type Model,
  type Scenario,
  type Trace,
} from '../../src/core';
import {
  advanceRun,
  blocksOf,
  BLOCK,
  cachedBlock,
  decadeTicks,
  droppedByT,
  editShape,
  editValues,
  fullTraceOf,
  influenceAt,
  influenceBlock,
  influenceWindow,
  itemize,
  modelAt,
  paramDifferences,
  paramsOf,
  partsShown,
  powerLabel,
  runFinished,
  scrubRange,
  startRun,
  stopRun,
  wholeTriangle,
  WINDOW,
  withEntry,
} from '../../src/ui/lab/labMath';

function setup(s: Scenario): { model: Model; trace: Trace } {
  const model = toModel(s);
  return { model, trace: computeTrace(model) };
}

const CASES: [string, Scenario][] = [
  ['hello', presetScenario('hello')!],
  ['long', presetScenario('long')!],
  ['random dense', randomScenario({ T: 12, n: 5, m: 3, k: 4, scale: 0.9, seed: 4 })],
];

const maxAbs = (v: ArrayLike<number>) => Array.from(v).reduce((m, x) => Math.max(m, Math.abs(x)), 0);

describe('itemize (E1 at one t)', () => {
  for (const [name, s] of CASES) {
    it(`${name}: every part is the core's g^(s,t), and the parts add up to ∇h^(t) to 1e-12`, () => {
      const { trace } = setup(s);
      const { T, n } = trace;
      for (const t of [1, Math.ceil(T / 2), T]) {
        const core = itemizedGradient(trace, t);
        const it = itemize(trace, trace, t, T - t + 1);
        expect(it.hasRest).toBe(false);
        const scale = Math.max(1e-300, maxAbs(core));
        for (let i = 0; i < core.length; i++) expect(Math.abs(it.parts[i] - core[i]) / scale).toBeLessThan(1e-12);
        expect(it.sumError).toBeLessThanOrEqual(1e-12 * Math.max(1, maxAbs(rowAt(trace.gradH, t, n))));
      }
    });
  }

  it('with fewer parts, the rest is the later losses together, from an independent route', () => {
    const { trace } = setup(presetScenario('long')!);
    const t = 3;
    const P = 5;
    const it = itemize(trace, trace, t, P);
    expect(it.hasRest).toBe(true);
    const core = itemizedGradient(trace, t);
    const n = trace.n;
    const rest = new Float64Array(n);
    for (let d = P; d <= trace.T - t; d++) for (let i = 0; i < n; i++) rest[i] += core[d * n + i];
    for (let i = 0; i < n; i++) expect(it.rest[i]).toBeCloseTo(rest[i], 12);
    expect(it.sumError).toBeLessThan(1e-12);
  });

  it('under truncation (E3) the parts s − t < K add up to the truncated ∇h^(t); the full one is the reference', () => {
    const model = toModel(presetScenario('long')!);
    const K = 4;
    const trace = computeTrace(model, { truncate: K });
    const full = fullTraceOf(model, trace);
    expect(full).not.toBe(trace);
    expect(full.options).toEqual({});
    const t = 10;
    const it = itemize(trace, full, t);
    const n = trace.n;
    for (let i = 0; i < n; i++) {
      let kept = 0;
      for (let d = 0; d < K; d++) kept += it.parts[d * n + i];
      expect(kept).toBeCloseTo(rowAt(trace.gradH, t, n)[i], 12);
    }
    expect(it.sumError).toBeLessThan(1e-12);
    // Without options the trace is its own full trace.
    const plain = computeTrace(model);
    expect(fullTraceOf(model, plain)).toBe(plain);
  });

  it('partsShown stays within the budget: all parts at small sizes, a few dozen at n = 128', () => {
    expect(partsShown(4, 3, 1)).toBe(4);
    expect(partsShown(43, 8, 1)).toBe(43);
    const P = partsShown(1000, 128, 1);
    expect(P).toBeGreaterThanOrEqual(4);
    expect((P * P * 128 * 128) / 2).toBeLessThanOrEqual(2e7 * 1.01);
  });
});

describe('the influence triangle by blocks (E1)', () => {
  it('blocks are the core influenceRows, cached per trace; influenceAt reads them', () => {
    const { trace } = setup(presetScenario('long')!);
    const whole = influence(trace);
    for (const b of blocksOf(1, trace.T)) {
      expect(cachedBlock(trace, b)).toBeUndefined();
      const rows = influenceBlock(trace, b);
      expect(influenceBlock(trace, b)).toBe(rows);
      const s0 = b * BLOCK + 1;
      expect(rows).toEqual(influenceRows(trace, s0, Math.min(trace.T, s0 + BLOCK - 1)));
    }
    for (const [s, t] of [
      [1, 1],
      [17, 3],
      [43, 43],
      [40, 20],
    ])
      expect(influenceAt(trace, s, t)).toBe(whole[s - 1][t - 1]);
  });

  it('the window: the whole triangle when it is cheap, else WINDOW rows following the walk', () => {
    expect(wholeTriangle(43, 8)).toBe(true);
    expect(wholeTriangle(1000, 128)).toBe(false);
    expect(influenceWindow(43, 8, 20)).toEqual({ lo: 1, hi: 43 });
    expect(influenceWindow(1000, 128, 500)).toEqual({ lo: 500, hi: 500 + WINDOW - 1 });
    expect(influenceWindow(1000, 128, 999)).toEqual({ lo: 1000 - WINDOW + 1, hi: 1000 });
    expect(blocksOf(1, 16)).toEqual([0]);
    expect(blocksOf(16, 33)).toEqual([0, 1, 2]);
  });
});

describe('what truncation and clipping change (E3, E4)', () => {
  const model = toModel(presetScenario('long')!);
  const full = computeTrace(model);

  it('full BPTT against itself: nothing dropped, no difference', () => {
    const d = droppedByT(full, full);
    expect(maxAbs(d.dropped)).toBe(0);
    for (const p of paramDifferences(full, full)) expect(p.diff).toBe(0);
  });

  it('K = 1 drops everything but each step’s own loss; the last step keeps it all', () => {
    const trunc = computeTrace(model, { truncate: 1 });
    const d = droppedByT(full, trunc);
    expect(d.dropped[full.T - 1]).toBe(0);
    expect(d.dropped[0]).toBeGreaterThan(0);
    for (let t = 1; t <= full.T; t++) expect(d.full[t - 1]).toBeCloseTo(Math.hypot(...rowAt(full.gradH, t, full.n)), 12);
  });

  it('clipping scales every gradient by one factor: the relative difference is 1 − C/‖g‖ for each', () => {
    const C = full.gradNorm / 4;
    const clipped = computeTrace(model, { clip: C });
    for (const p of paramDifferences(full, clipped)) {
      if (p.full === 0) continue;
      expect(p.diff / p.full).toBeCloseTo(1 - C / full.gradNorm, 12);
      expect(p.shown).toBeCloseTo(p.full * (C / full.gradNorm), 12);
    }
  });
});

describe('editing', () => {
  const s = presetScenario('hello')!;
  it('withEntry changes one entry of a matrix, a vector, x or h0, and shares what it does not change', () => {
    const w = withEntry(s, 'W', 1 * 3 + 2, 3, 0.5);
    expect(w.params.W[1][2]).toBe(0.5);
    expect(w.params.W[0]).toBe(s.params.W[0]);
    expect(w.params.U).toBe(s.params.U);
    expect(s.params.W[1][2]).not.toBe(0.5);
    const b = withEntry(s, 'b', 2, 1, -1);
    expect(b.params.b).toEqual([s.params.b[0], s.params.b[1], -1]);
    const x = withEntry(s, 'x', 3 * 4 + 1, 4, 0.25);
    expect(x.x[3][1]).toBe(0.25);
    expect(x.x[2]).toBe(s.x[2]);
    const h = withEntry({ ...s, h0: undefined }, 'h0', 0, 1, 0.3);
    expect(h.h0).toEqual([0.3, 0, 0]);
  });

  it('editShape and editValues agree with the model', () => {
    const model = toModel(s);
    const d = { T: 4, n: 3, m: 4, k: 4 };
    for (const name of ['U', 'W', 'V', 'b', 'c', 'x', 'h0'] as const) {
      const [r, c] = editShape(name, d);
      expect(editValues(name, model)).toHaveLength(r * c);
    }
  });

  it('scrubRange is symmetric, round, and holds the value and the spread', () => {
    expect(scrubRange(0.3, [0.3, -0.7], 1e6)).toEqual({ min: -2, max: 2, step: 2 / 500 });
    expect(scrubRange(0, [0, 0], 1e6)).toEqual({ min: -1, max: 1, step: 1 / 500 });
    const r = scrubRange(40, [40, 3], 1e6);
    expect(r.max).toBe(100);
    expect(scrubRange(9e5, [9e5], 1e6).max).toBe(1e6);
  });

  it('paramsOf turns a model back into the scenario’s lists', () => {
    const model = toModel(s);
    expect(paramsOf(model)).toEqual(s.params);
  });
});

describe('training a slice at a time (E5)', () => {
  const model = toModel(presetScenario('hello')!);
  const settings = { iterations: 40, lr: 0.1 };

  it('gives core train()’s losses and final model bit for bit, however it is sliced', () => {
    const ref = train(model, settings);
    const run = startRun(model, settings);
    let slices = 0;
    // A deadline already past: one step per slice.
    while (!runFinished(run)) {
      advanceRun(run, -Infinity);
      slices++;
    }
    expect(slices).toBe(40);
    expect(Array.from(run.loss)).toEqual(Array.from(ref.loss));
    for (const p of PARAM_NAMES) expect(Array.from(run.current[p])).toEqual(Array.from(ref.model[p]));
    const once = startRun(model, settings);
    advanceRun(once, Infinity);
    expect(Array.from(once.loss)).toEqual(Array.from(ref.loss));
  });

  it('reopens any iteration exactly, from snapshots every iteration or every few (run again in between)', () => {
    for (const budget of [4e6, 200]) {
      const run = startRun(model, settings, budget);
      advanceRun(run, Infinity);
      if (budget === 200) expect(run.stride).toBeGreaterThan(1);
      for (const i of [0, 1, 7, 23, 40]) {
        const ref = train(model, { ...settings, iterations: i }).model;
        const at = modelAt(run, i);
        for (const p of PARAM_NAMES) expect(Array.from(at[p])).toEqual(Array.from(ref[p]));
      }
    }
  });

  it('a stopped run is the run of the steps it did; a rate too large stops where the loss leaves float64', () => {
    const run = startRun(model, settings);
    for (let k = 0; k < 9; k++) advanceRun(run, -Infinity);
    stopRun(run);
    expect(runFinished(run)).toBe(true);
    expect(run.settings.iterations).toBe(9);
    expect(Array.from(run.loss)).toEqual(Array.from(train(model, { ...settings, iterations: 9 }).loss));
    const wild = startRun(model, { iterations: 200, lr: 1e308 });
    advanceRun(wild, Infinity);
    expect(wild.diverged).toBe(true);
    expect(wild.done).toBeLessThan(200);
    expect(Number.isFinite(wild.loss[0])).toBe(true);
  });
});

describe('log axes', () => {
  it('decadeTicks: the integer exponents inside, at most max of them', () => {
    expect(decadeTicks(-3.2, 1.5)).toEqual([-3, -2, -1, 0, 1]);
    expect(decadeTicks(-20, 0, 5)).toEqual([-20, -15, -10, -5, 0]);
    expect(decadeTicks(0.2, 0.8)).toEqual([]);
  });
  it('powerLabel writes small powers out and the rest with a superscript', () => {
    expect([-7, -1, 0, 1, 2, 3, 12].map(powerLabel)).toEqual(['10⁻⁷', '0.1', '1', '10', '100', '10³', '10¹²']);
  });
});

describe('the truncation comparison stays finite on an exploding run', () => {
  it('droppedByT: entries near 1e200 give finite norms', async () => {
    const { droppedByT } = await import('../../src/ui/lab/labMath');
    const full = { T: 1, n: 2, gradH: Float64Array.from([3e200, 4e200]) } as unknown as Parameters<typeof droppedByT>[0];
    const shown = { T: 1, n: 2, gradH: Float64Array.from([0, 0]) } as unknown as Parameters<typeof droppedByT>[1];
    const r = droppedByT(full, shown);
    expect(r.full[0] / 1e200).toBeCloseTo(5, 12);
    expect(r.dropped[0] / 1e200).toBeCloseTo(5, 12);
  });
});
