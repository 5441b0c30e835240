import { describe, expect, it } from 'vitest';
import { computeTrace, fmtTex, stepAt, stepCount, toModel, validateScenario, type Scenario } from '../../src/core';
import { checkSignMagnitude, checkTyped, isQuizStep, largestEntry, magnitudeOf, parseAnswer, quizQuestion } from '../../src/core/quiz';
import { readJson } from './helpers';

interface RefStep {
  a: number[];
  h: number[];
  o: number[];
  yhat: number[];
  loss: number;
  grad_o: number[];
  grad_h: number[];
  H: number[];
  grad_a: number[];
}
const ref = readJson('hello.trace.json') as { T: number; h0: number[]; steps: RefStep[] };
const v = validateScenario(readJson('hello.scenario.json'));
if (!v.ok) throw new Error('hello is invalid');
const scenario: Scenario = v.scenario;
const model = toModel(scenario);
const trace = computeTrace(model);

const outer = (u: number[], w: number[]) => u.flatMap((p) => w.map((q) => p * q));

/** What each step computes, from the reference trace file alone (the G steps' term as left · rightᵀ, flat). */
function reference(id: string, t: number): { values: number[]; cols: number } {
  const s = ref.steps[t - 1];
  const hPrev = t === 1 ? ref.h0 : ref.steps[t - 2].h;
  const table: Record<string, [number[], number]> = {
    F1: [s.a, 1], F2: [s.h, 1], F3: [s.o, 1], F4: [s.yhat, 1], F5: [[s.loss], 1],
    B1: [s.grad_o, 1], B2: [s.grad_h, 1], B3: [s.grad_h, 1], B4: [s.H, 1], B5: [s.grad_a, 1],
    G1: [s.grad_o, 1], G2: [outer(s.grad_o, s.h), s.h.length], G3: [s.grad_a, 1],
    G4: [outer(s.grad_a, hPrev), hPrev.length], G5: [outer(s.grad_a, scenario.x[t - 1]), scenario.x[t - 1].length],
  };
  const [values, cols] = table[id];
  return { values, cols };
}

/** The numbers of a TeX string, in order (ASCII minus, as fmtTex writes them). */
const numbersIn = (tex: string) => [...tex.matchAll(/-?\d+\.\d+/g)].map((m) => Number(m[0]));

describe('quiz questions (hello)', () => {
  const T = ref.T;
  const steps = Array.from({ length: stepCount(T) }, (_, i) => stepAt(T, i));

  it('asks at every step but the end', () => {
    for (const step of steps) expect(quizQuestion(model, trace, step) === null, step.id).toBe(!isQuizStep(step));
    expect(steps.filter(isQuizStep)).toHaveLength(14 * T);
  });

  it('asks for the largest entry in magnitude, with the reference value, and ends its explanation with it', () => {
    for (const step of steps.filter(isQuizStep)) {
      const q = quizQuestion(model, trace, step)!;
      const { values, cols } = reference(step.id, step.t);
      const idx = values.reduce((b, x, i) => (Math.abs(x) > Math.abs(values[b]) ? i : b), 0);
      const where = `${step.id}@${step.t}`;
      expect(q.value, where).toBeCloseTo(values[idx], 9);
      if (step.id === 'F5') expect(q.entry, where).toEqual([]);
      else if (cols === 1) expect(q.entry, where).toEqual([idx + 1]);
      else expect(q.entry, where).toEqual([Math.floor(idx / cols) + 1, (idx % cols) + 1]);
      expect(q.explanation.endsWith(`= ${fmtTex(q.value, q.digits)}`), where).toBe(true);
      expect(q.explanation.startsWith(q.tex), where).toBe(true);
    }
  });

  it('explains with the numbers that give the value', () => {
    for (const step of steps.filter(isQuizStep)) {
      const q = quizQuestion(model, trace, step)!;
      // The numbers between the last two '=': what gives the value.
      const nums = numbersIn(q.explanation.split('=').slice(-2)[0]);
      const where = `${step.id}@${step.t}: ${q.explanation}`;
      const i = (q.entry[0] ?? 1) - 1;
      const s = ref.steps[step.t - 1];
      switch (step.id) {
        case 'F1':
        case 'F3':
        case 'B3':
          // b + Wh + Ux, c + Vh, Wᵀ(H∇h) + Vᵀ∇o: the shown terms add up to the value, to their rounding.
          expect(nums.length, where).toBeGreaterThanOrEqual(2);
          expect(Math.abs(nums.reduce((a, x) => a + x, 0) - q.value), where).toBeLessThan(2e-3);
          break;
        case 'B2': {
          // Σ_j V_ji ∇o_j, term by term.
          let sum = 0;
          for (let j = 0; j < nums.length; j += 2) sum += nums[j] * nums[j + 1];
          expect(nums, where).toHaveLength(8);
          expect(Math.abs(sum - q.value), where).toBeLessThan(2e-3);
          break;
        }
        case 'F4':
          expect(Math.abs(nums[0] / nums[1] - q.value), where).toBeLessThan(1e-3);
          break;
        case 'B1':
          expect(nums[0], where).toBeCloseTo(s.yhat[i], 3);
          break;
        case 'G2':
        case 'G4':
        case 'G5':
          expect(nums, where).toHaveLength(2);
          expect(Math.abs(nums[0] * nums[1] - q.value), where).toBeLessThan(1e-3);
          break;
        case 'F2':
          expect(Math.abs(Math.tanh(nums[0]) - q.value), where).toBeLessThan(1e-3);
          break;
        case 'B4':
          expect(nums[0], where).toBeCloseTo(s.h[i], 3);
          break;
        case 'B5':
          expect(nums, where).toHaveLength(2);
          expect(nums[0], where).toBeCloseTo(s.H[i], 3);
          expect(nums[1], where).toBeCloseTo(s.grad_h[i], 3);
          expect(Math.abs(nums[0] * nums[1] - q.value), where).toBeLessThan(1e-3);
          break;
        case 'F5':
          expect(nums[0], where).toBeCloseTo(s.yhat[scenario.y[step.t - 1]], 3);
          break;
        default:
          break;
      }
    }
  });

  it('B3 shows its two sources, which add up to ∇h', () => {
    const q = quizQuestion(model, trace, stepAt(T, 5 * T + 9 + 1))!;
    expect(q.id).toBe('B3');
    const terms = numbersIn(q.explanation.split('=').slice(-2)[0]);
    expect(terms).toHaveLength(2);
    expect(Math.abs(terms[0] + terms[1] - q.value)).toBeLessThan(1.5e-3);
  });

  it('under truncated BPTT (E3) B3 adds the terms of the later losses, not the recursion', () => {
    const truncated = computeTrace(model, { truncate: 2 });
    for (let t = 1; t < ref.T; t++) {
      const q = quizQuestion(model, truncated, { id: 'B3', t, phase: 'backward' })!;
      expect(q.explanation).toContain('\\sum_{s>');
      const terms = numbersIn(q.explanation.split('=').slice(-2)[0]);
      expect(terms).toHaveLength(2);
      expect(Math.abs(terms[0] + terms[1] - q.value)).toBeLessThan(1.5e-3);
      expect(q.value).toBe(truncated.gradH[(t - 1) * truncated.n + q.entry[0] - 1]);
    }
  });

  it('names a matrix entry by row and column, 1-based', () => {
    const q = quizQuestion(model, trace, { id: 'G2', t: 3, phase: 'backward' })!;
    expect(q.entry).toHaveLength(2);
    expect(q.tex).toBe(`(\\nabla_{V} L)^{(3)}_{${q.entry[0]},${q.entry[1]}}`);
  });
});

describe('checking answers', () => {
  it('accepts a typed answer within half a unit of the third decimal', () => {
    expect(checkTyped('-0.048', -0.0481)).toBe(true);
    expect(checkTyped('\u22120.048', -0.0481)).toBe(true);
    expect(checkTyped('-0,048', -0.0481)).toBe(true);
    expect(checkTyped('-0.0485', -0.0481)).toBe(true);
    expect(checkTyped('-0.049', -0.0481)).toBe(false);
    expect(checkTyped('0.048', -0.0481)).toBe(false);
    expect(checkTyped('1.566', 1.5663838)).toBe(true);
    expect(checkTyped('1.57', 1.5663838)).toBe(false);
    expect(checkTyped('', 0)).toBe(false);
    expect(checkTyped('abc', 0)).toBe(false);
  });

  it('checks a value shown in exponent form to 5 %', () => {
    expect(checkTyped('2.3e-5', 2.31e-5)).toBe(true);
    expect(checkTyped('0', 2.31e-5)).toBe(false);
    expect(checkTyped('3e-5', 2.31e-5)).toBe(false);
  });

  it('parses numbers only', () => {
    expect(parseAnswer(' 1.5 ')).toBe(1.5);
    expect(parseAnswer('.5')).toBe(0.5);
    expect(parseAnswer('1e-3')).toBe(0.001);
    expect(parseAnswer('1.2.3')).toBeNaN();
    expect(parseAnswer('-')).toBeNaN();
  });

  it('finds the decade of |v| within 10⁻³ … 10¹', () => {
    expect(magnitudeOf(0.001)).toBe(-3);
    expect(magnitudeOf(0.0099)).toBe(-3);
    expect(magnitudeOf(1e-7)).toBe(-3);
    expect(magnitudeOf(0)).toBe(-3);
    expect(magnitudeOf(0.01)).toBe(-2);
    expect(magnitudeOf(-0.5)).toBe(-1);
    expect(magnitudeOf(1)).toBe(0);
    expect(magnitudeOf(9.99)).toBe(0);
    expect(magnitudeOf(10)).toBe(1);
    expect(magnitudeOf(-500)).toBe(1);
  });

  it('needs both the sign and the decade', () => {
    expect(checkSignMagnitude(-1, -2, -0.048)).toBe(true);
    expect(checkSignMagnitude(1, -2, -0.048)).toBe(false);
    expect(checkSignMagnitude(-1, -1, -0.048)).toBe(false);
    expect(checkSignMagnitude(1, -3, 0)).toBe(true);
    expect(checkSignMagnitude(-1, -3, 0)).toBe(true);
  });

  it('picks the first of equal magnitudes', () => {
    expect(largestEntry([0.5, -0.5, 0.2])).toBe(0);
    expect(largestEntry([0.1, -0.7, 0.7])).toBe(1);
  });
});
