import { describe, expect, it } from 'vitest';
import {
  computeTrace,
  contribution,
  fmtTex,
  LOSS_DIGITS,
  paramShape,
  parseStepKey,
  partialGradient,
  presetScenario,
  randomScenario,
  rowAt,
  runningSum,
  STEPS,
  stepAt,
  stepCount,
  stepView,
  toModel,
  validateScenario,
  PARAM_NAMES,
  type ParamName,
  type StepContext,
  type StepId,
} from '../../src/core';
import { readJson } from './helpers';

function contextOf(s: unknown): StepContext {
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.errors[0].message);
  const model = toModel(v.scenario);
  return { model, trace: computeTrace(model), scenario: v.scenario };
}

const num = (v: number) => fmtTex(v, 3);
/** Losses are written at LOSS_DIGITS, as in the header. */
const loss = (v: number) => fmtTex(v, LOSS_DIGITS);
const PARAM_OF: Partial<Record<StepId, ParamName>> = { G1: 'c', G2: 'V', G3: 'b', G4: 'W', G5: 'U' };
const fro = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((a, x) => a + x * x, 0));

/** The vector a step computes (F1–B5), read straight from the trace. */
function resultOf(ctx: StepContext, id: StepId, t: number): Float64Array | null {
  const { trace } = ctx;
  const { n, k } = trace;
  const R: Partial<Record<StepId, () => Float64Array>> = {
    F1: () => rowAt(trace.a, t, n),
    F2: () => rowAt(trace.h, t, n),
    F3: () => rowAt(trace.o, t, k),
    F4: () => rowAt(trace.yhat, t, k),
    B1: () => rowAt(trace.gradO, t, k),
    B2: () => rowAt(trace.gradH, t, n),
    B3: () => rowAt(trace.gradH, t, n),
    B4: () => rowAt(trace.Hdiag, t, n),
    B5: () => rowAt(trace.gradA, t, n),
  };
  return R[id]?.() ?? null;
}

/** Checks that every number a step's rows claim is the trace's, for the whole walk. */
function checkWalk(ctx: StepContext, small: boolean) {
  const T = ctx.trace.T;
  for (let i = 0; i < stepCount(T); i++) {
    const step = stepAt(T, i);
    const v = stepView(ctx, i);
    expect(v.step).toEqual(step);
    expect(v.formulas).toHaveLength(1);
    const f = v.formulas[0];
    expect(f.id).toBe(step.id);
    const rows = [f.general, f.atT, f.numeric ?? '', ...(f.extra ?? []).map((e) => e.tex)].join('\n');
    const result = resultOf(ctx, step.id, step.t);
    if (result) {
      // Small sizes: every entry written out; large: the first four, the last and the norm.
      const shown = small ? Array.from(result) : [...Array.from(result.slice(0, 4)), result[result.length - 1], fro(result)];
      for (const x of shown) expect(f.numeric, `${v.key} shows ${x}`).toContain(num(x));
    }
    const name = PARAM_OF[step.id];
    if (name) {
      const term = contribution(ctx.model, ctx.trace, name, step.t);
      const sum = partialGradient(ctx.model, ctx.trace, name, step.t);
      const claims = small ? [...Array.from(term), ...Array.from(sum)] : [fro(term), fro(sum)];
      for (const x of claims) expect(rows, `${v.key} shows ${x}`).toContain(num(x));
    }
    if (step.id === 'F5') expect(f.numeric).toContain(loss(ctx.trace.lossAt[step.t - 1]));
    if (step.id === 'F4' && small) {
      // The softmax's terms e^{o_j} and their sum, to check ŷ by hand.
      const o = rowAt(ctx.trace.o, step.t, ctx.trace.k);
      if (o.every((x) => Math.abs(x) <= 30)) {
        const e = Array.from(o, Math.exp);
        for (const x of [...e, e.reduce((a, b) => a + b, 0)]) expect(f.numeric, `${v.key} shows e^o ${x}`).toContain(num(x));
      }
    }
    if (step.id === 'B5' && small) {
      // H∇h entry by entry: H_ii · (∇h)_i.
      const d = rowAt(ctx.trace.Hdiag, step.t, ctx.trace.n);
      const g = rowAt(ctx.trace.gradH, step.t, ctx.trace.n);
      for (let i = 0; i < d.length; i++) expect(f.numeric, `${v.key} entry ${i}`).toContain(`${num(d[i])} \\cdot ${g[i] < 0 ? `(${num(g[i])})` : num(g[i])}`);
    }
    if (step.id === 'END') {
      expect(f.atT).toContain(loss(ctx.trace.loss));
      for (const p of PARAM_NAMES) {
        const claims = small ? Array.from(ctx.trace.grads[p]) : [fro(ctx.trace.grads[p])];
        for (const x of claims) expect(rows, `END shows ∇${p} ${x}`).toContain(num(x));
      }
    }
    expect(v.narration).not.toMatch(/NaN|undefined/);
    expect(v.label).toContain(step.id === 'END' ? 'End' : `t = ${step.t}`);
  }
}

describe('stepView: what every step shows', () => {
  it('hello (n = 3, numbers written out): every row’s numbers are the trace’s', () => checkWalk(contextOf(presetScenario('hello')), true));
  it('random4 (n = 15: summaries and norms): every row’s numbers are the trace’s', () => checkWalk(contextOf(readJson('random4.scenario.json')), false));
  it('T = 1000, n = 128, m = k = 64: a view for steps near t = 1 and t = T, with summaries', () => {
    const ctx = contextOf(randomScenario({ T: 1000, n: 128, m: 64, k: 64, scale: 0.3, seed: 5 }));
    for (const key of ['F1@1', 'F3@1000', 'B2@1000', 'B3@999', 'B5@1', 'G4@1000', 'G2@500', 'G5@1', 'END']) {
      const v = stepView(ctx, keyIndex(1000, key));
      expect(v.key).toBe(key);
      expect(v.formulas[0].numeric ?? v.formulas[0].extra).toBeDefined();
    }
  });

  it('the registry has an entry for every step id, and details and flows where the formula has them', () => {
    const ctx = contextOf(presetScenario('hello'));
    expect(Object.keys(STEPS).sort()).toEqual(['B1', 'B2', 'B3', 'B4', 'B5', 'END', 'F1', 'F2', 'F3', 'F4', 'F5', 'G1', 'G2', 'G3', 'G4', 'G5']);
    const at = (key: string) => stepView(ctx, keyIndex(ctx.trace.T, key));
    expect(at('B3@2').detail).toBe('H@3');
    expect(at('B4@2').detail).toBe('H@2');
    expect(at('G4@3').detail).toBe('W@3');
    expect(at('END').detail).toBe('END');
    expect(at('F1@1').detail).toBeNull();
    // B3's flow: Vᵀ∇o⁽ᵗ⁾ and Wᵀ∇a⁽ᵗ⁺¹⁾ add up to ∇h⁽ᵗ⁾, gated by H⁽ᵗ⁺¹⁾.
    const flow = at('B3@2').flow;
    expect(flow?.gate).toBe(3);
    const out = flow?.parts.find((p) => p.kind === 'out')?.values ?? [];
    const up = flow?.parts.find((p) => p.kind === 'next-up')?.values ?? [];
    const gradH = rowAt(ctx.trace.gradH, 2, 3);
    for (let j = 0; j < 3; j++) expect(out[j] + up[j]).toBeCloseTo(gradH[j], 12);
    expect(at('B2@4').flow?.parts.map((p) => p.kind)).toEqual(['out']);
    expect(at('B5@1').flow?.target).toEqual({ q: 'gradA', t: 1, at: 0.82 });
    expect(at('G1@1').flow).toBeNull();
  });

  it('a coarse stop shows every formula of its group, and is narrated by its first and last steps', () => {
    const ctx = contextOf(presetScenario('hello'));
    const T = ctx.trace.T;
    const v = stepView(ctx, keyIndex(T, 'G5@2'), keyIndex(T, 'B1@2'));
    expect(v.formulas.map((f) => f.id)).toEqual(['B1', 'B3', 'B4', 'B5', 'G1', 'G2', 'G3', 'G4', 'G5']);
    expect(v.compact).toBe(true);
    expect(v.narration).toMatch(/^Backward, t = 2: ∇o⁽²⁾ .* … step 2 adds ∇a⁽²⁾ x⁽²⁾⊤ to ∇U L\.$/);
  });
});

describe('runningSum (G1–G5): incremental, and equal to the full sums', () => {
  for (const name of ['hello', 'random0', 'random3', 'random5']) {
    it(`${name}: walking the backward pass down, back up and jumping gives the sums of T … t, and at t = 1 the gradients`, () => {
      const ctx = contextOf(name === 'hello' ? presetScenario('hello') : readJson(`${name}.scenario.json`));
      const { model, trace } = ctx;
      const T = trace.T;
      const order = [...Array.from({ length: T }, (_, i) => T - i), ...Array.from({ length: T }, (_, i) => i + 1), Math.ceil(T / 2), 1, T + 1];
      for (const p of PARAM_NAMES) {
        for (const t of order) {
          const got = runningSum(model, trace, p, t);
          const want = t > T ? new Float64Array(got.length) : partialGradient(model, trace, p, t);
          expect(got.length).toBe(paramShape(p, trace).reduce((a, b) => a * b, 1));
          for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[i])));
        }
        const full = runningSum(model, trace, p, 1);
        const g = trace.grads[p];
        for (let i = 0; i < g.length; i++) expect(Math.abs(full[i] - g[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(g[i])));
      }
    });
  }
  it('at the limits (T = 1000, n = 128, m = 256) a step of the walk reads one term: sum(t) = sum(t + 1) + term(t)', () => {
    const ctx = contextOf(randomScenario({ T: 1000, n: 128, m: 256, k: 16, scale: 0.3, seed: 2 }));
    const { model, trace } = ctx;
    const want = partialGradient(model, trace, 'U', 499);
    runningSum(model, trace, 'U', 500);
    // Spoil every term already summed: a sum made again from T would show it, an incremental one cannot.
    trace.gradA.fill(Number.NaN, 500 * trace.n);
    const got = runningSum(model, trace, 'U', 499);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want[i])));
  });
});

function keyIndex(T: number, key: string): number {
  const i = parseStepKey(T, key);
  if (i === undefined) throw new Error(`no step ${key}`);
  return i;
}
