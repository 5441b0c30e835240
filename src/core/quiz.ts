/**
 * The quiz: at a step that computes a value (F1–F5, B1–B5, G1–G5) the student
 * is asked for it before it is shown — L⁽ᵗ⁾ itself, or one entry of a vector or
 * matrix (the largest in magnitude, so the answer is never a rounding zero) —
 * and the answer is checked to the precision the formula panel shows it with.
 */
import { contribution, hAt, rowAt } from './engine';
import { fmt, fmtTex, LOSS_DIGITS, sup } from './format';
import { b3Sources, paramOfStep } from './formulas';
import { stepKey, type FormulaId, type Step } from './steps';
import type { Model, Trace } from './types';

/** The decimals the formula panel shows its numbers with (formulas.ts, `num`). */
export const QUIZ_DIGITS = 3;

/** The orders of magnitude offered as choices: 10⁻³ (or less) … 10¹ (or more). */
export const MAGNITUDES = [-3, -2, -1, 0, 1] as const;

export interface QuizQuestion {
  id: FormulaId;
  t: number;
  /** The step's link key, `B5@3`: the store keeps each step's outcome under it. */
  key: string;
  /** L⁽ᵗ⁾ is a scalar; every other step asks for one entry. */
  kind: 'scalar' | 'entry';
  /** The entry asked, 1-based as the diagram's tooltip names units: [i] for a vector, [i, j] for a matrix, [] for L⁽ᵗ⁾. */
  entry: number[];
  /** The exact value. */
  value: number;
  /** The value as the panel writes it (3 decimals, a loss 4; exponent form when that would read 0). */
  shown: string;
  /** The decimals of `shown`, to which an answer is checked (QUIZ_DIGITS when absent). */
  digits?: number;
  /** The quantity in plain text, `∇h⁽²⁾`, `∇V (step 3's term)` is worded by the UI from `contribution`. */
  symbol: string;
  /** For G1–G5: the parameter whose step-t term is asked. */
  contribution?: 'c' | 'V' | 'b' | 'W' | 'U';
  /** The asked entry in TeX, `(\nabla_{h^{(2)}} L)_{3}`. */
  tex: string;
  /** Its formula with the step's numbers, ending `= value`: shown after the answer. */
  explanation: string;
}

const QUIZ_IDS: ReadonlySet<string> = new Set(['F1', 'F2', 'F3', 'F4', 'F5', 'B1', 'B2', 'B3', 'B4', 'B5', 'G1', 'G2', 'G3', 'G4', 'G5']);

/** Whether a step computes a value the quiz can ask for (F1–F5, B1–B5, G1–G5; not the end). */
export function isQuizStep(step: Step): boolean {
  return QUIZ_IDS.has(step.id);
}

/** The index of the largest |v_i| (the first of ties). */
export function largestEntry(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best])) best = i;
  return best;
}

const n3 = (v: number) => fmtTex(v, QUIZ_DIGITS);
/** A number as a term of a sum or product: negatives in parentheses. */
const p3 = (v: number) => (v < 0 || Object.is(v, -0) ? `(${n3(v)})` : n3(v));
const sub = (e: number[]) => `_{${e.join(',')}}`;

/**
 * F1–F5, B1–B5, G1–G5: the question of a step, or null for the end. Reads only
 * the trace and the model, so the same step always asks the same entry.
 */
export function quizQuestion(model: Model, trace: Trace, step: Step): QuizQuestion | null {
  if (!isQuizStep(step)) return null;
  const id = step.id as FormulaId;
  const t = step.t;
  const { n, k, m } = trace;
  const key = stepKey(step);
  const entryQ = (values: ArrayLike<number>, symbol: string, texOf: (i: number) => string, explain: (i: number) => string): QuizQuestion => {
    const i = largestEntry(values);
    const value = values[i];
    return { id, t, key, kind: 'entry', entry: [i + 1], value, shown: fmt(value, QUIZ_DIGITS), symbol, tex: texOf(i), explanation: `${texOf(i)} = ${explain(i)} = ${n3(value)}` };
  };
  const a = rowAt(trace.a, t, n);
  const h = rowAt(trace.h, t, n);
  const hPrev = hAt(trace, t - 1);
  const o = rowAt(trace.o, t, k);
  const yhat = rowAt(trace.yhat, t, k);
  const gO = rowAt(trace.gradO, t, k);
  const gH = rowAt(trace.gradH, t, n);
  const H = rowAt(trace.Hdiag, t, n);
  const gA = rowAt(trace.gradA, t, n);
  const x = rowAt(model.x, t, m);
  const y = model.y[t - 1];
  const T = `^{(${t})}`;
  const e1 = (i: number) => `_{${i + 1}}`;
  const dot = (row: (j: number) => number, vec: ArrayLike<number>) => {
    let s = 0;
    for (let j = 0; j < vec.length; j++) s += row(j) * vec[j];
    return s;
  };
  switch (id) {
    case 'F1':
      return entryQ(a, `a${sup(t)}`, (i) => `a${T}${e1(i)}`, (i) => {
        const wh = dot((j) => model.W[i * n + j], hPrev);
        const ux = dot((j) => model.U[i * m + j], x);
        return `b${e1(i)} + (W h^{(${t - 1})})${e1(i)} + (U x${T})${e1(i)} = ${n3(model.b[i])} + ${p3(wh)} + ${p3(ux)}`;
      });
    case 'F2':
      return entryQ(h, `h${sup(t)}`, (i) => `h${T}${e1(i)}`, (i) => `\\tanh a${T}${e1(i)} = \\tanh ${p3(a[i])}`);
    case 'F3':
      return entryQ(o, `o${sup(t)}`, (i) => `o${T}${e1(i)}`, (i) => {
        const vh = dot((j) => model.V[i * n + j], h);
        return `c${e1(i)} + (V h${T})${e1(i)} = ${n3(model.c[i])} + ${p3(vh)}`;
      });
    case 'F4': {
      let sum = 0;
      for (let j = 0; j < k; j++) sum += Math.exp(o[j]);
      return entryQ(yhat, `ŷ${sup(t)}`, (i) => `\\hat{y}${T}${e1(i)}`, (i) => `\\frac{e^{o${T}${e1(i)}}}{\\sum_j e^{o${T}_j}} = \\frac{e^{${n3(o[i])}}}{${n3(sum)}} = \\frac{${n3(Math.exp(o[i]))}}{${n3(sum)}}`);
    }
    case 'F5': {
      const value = trace.lossAt[t - 1];
      const tex = `L${T}`;
      return {
        id, t, key, kind: 'scalar', entry: [], value, shown: fmt(value, LOSS_DIGITS), digits: LOSS_DIGITS, symbol: `L${sup(t)}`, tex,
        explanation: `${tex} = -\\log \\hat{y}${T}_{y${T}} = -\\log ${n3(yhat[y])} = ${fmtTex(value, LOSS_DIGITS)}`,
      };
    }
    case 'B1':
      return entryQ(gO, `∇o${sup(t)}`, (i) => `(\\nabla_{o${T}} L)${e1(i)}`, (i) => `\\hat{y}${T}${e1(i)} - y${T}${e1(i)} = ${n3(yhat[i])} - ${i === y ? 1 : 0}`);
    case 'B2':
    case 'B3': {
      const { fromNext, fromOut } = b3Sources(model, trace, t);
      const texOf = (i: number) => `(\\nabla_{h${T}} L)${e1(i)}`;
      return entryQ(gH, `∇h${sup(t)}`, texOf, (i) => {
        const out = `(V^\\top \\nabla_{o${T}} L)${e1(i)}`;
        const outTerms = k <= 4 ? ` = ${Array.from({ length: k }, (_, j) => `${p3(model.V[j * n + i])} \\cdot ${p3(gO[j])}`).join(' + ')}` : '';
        if (id === 'B2') return `${out}${outTerms}`;
        // Under truncated BPTT (E3, K < T) what comes from later steps is their losses' terms, not the recursion.
        const truncated = trace.options.truncate !== undefined && trace.options.truncate < trace.T;
        const fromLater = truncated ? `\\big(\\sum_{s>${t}} g^{(s,${t})}\\big)${e1(i)}` : `(W^\\top H^{(${t + 1})} \\nabla_{h^{(${t + 1})}} L)${e1(i)}`;
        return `${fromLater} + ${out} = ${n3(fromNext[i])} + ${p3(fromOut[i])}`;
      });
    }
    case 'B4':
      return entryQ(H, `H${sup(t)}`, (i) => `H${T}_{${i + 1},${i + 1}}`, (i) => `1 - \\left(h${T}${e1(i)}\\right)^2 = 1 - ${p3(h[i])}^2`);
    case 'B5':
      return entryQ(gA, `∇a${sup(t)}`, (i) => `(\\nabla_{a${T}} L)${e1(i)}`, (i) => `H${T}_{${i + 1},${i + 1}} \\cdot (\\nabla_{h${T}} L)${e1(i)} = ${n3(H[i])} \\times ${p3(gH[i])}`);
    case 'G1':
    case 'G2':
    case 'G3':
    case 'G4':
    case 'G5': {
      const name = paramOfStep(id);
      if (!name) return null;
      const c = contribution(model, trace, name, t);
      const idx = largestEntry(c);
      const value = c[idx];
      // The step-t term of ∇_P L: a vector for c and b, left · rightᵀ for V, W, U (engine.ts contributionFactors).
      const right = name === 'V' ? h : name === 'W' ? hPrev : name === 'U' ? x : null;
      const left = name === 'c' || name === 'V' ? gO : gA;
      const leftTex = name === 'c' || name === 'V' ? `\\nabla_{o${T}} L` : `\\nabla_{a${T}} L`;
      const cols = right ? right.length : 1;
      const i = Math.floor(idx / cols);
      const j = idx % cols;
      const entry = right ? [i + 1, j + 1] : [i + 1];
      const tex = `(\\nabla_{${name}} L)^{(${t})}${sub(entry)}`;
      let body: string;
      if (!right) body = `(${leftTex})${e1(i)}`;
      else {
        const rightTex = name === 'U' ? `x${T}` : name === 'W' ? `h^{(${t - 1})}` : `h${T}`;
        body = `(${leftTex})${e1(i)} \\cdot ${rightTex}_{${j + 1}} = ${n3(left[i])} \\times ${p3(right[j])}`;
      }
      return {
        id, t, key, kind: 'entry', entry, value, shown: fmt(value, QUIZ_DIGITS), symbol: `∇${name} L`, contribution: name, tex,
        explanation: `${tex} = ${body} = ${n3(value)}`,
      };
    }
  }
}

/** A typed number: a true minus (−), a decimal comma and spaces are accepted; NaN when it is no number. */
export function parseAnswer(text: string): number {
  const s = text.trim().replace(/\u2212/g, '-').replace(/\s+/g, '').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return NaN;
  return Number(s);
}

/**
 * Whether a typed answer agrees with a value to the precision shown: within
 * half a unit of the last shown decimal, or 5 % when the value is shown in
 * exponent form (e2e/reference.ts `agrees`, the rule the tests read numbers by).
 */
export function checkTyped(text: string, value: number, digits = QUIZ_DIGITS): boolean {
  const v = parseAnswer(text);
  if (!Number.isFinite(v)) return false;
  const exponent = /e/.test(fmt(value, digits));
  const tol = exponent ? Math.abs(value) * 0.05 : 0.5 * 10 ** -digits + 1e-12;
  return Math.abs(v - value) <= tol;
}

/** The order of magnitude of |v| as offered: ⌊log₁₀|v|⌋ within 10⁻³ … 10¹ (0 counts as 10⁻³ or less). */
export function magnitudeOf(v: number): number {
  const a = Math.abs(v);
  if (a === 0) return MAGNITUDES[0];
  let e = Math.floor(Math.log10(a));
  // log10 rounds: 10^e ≤ |v| < 10^(e+1) exactly.
  if (10 ** (e + 1) <= a) e++;
  else if (10 ** e > a) e--;
  return Math.max(MAGNITUDES[0], Math.min(MAGNITUDES[MAGNITUDES.length - 1], e));
}

/** Whether "sign and order of magnitude" is right: the sign (either for 0) and the decade of |v|. */
export function checkSignMagnitude(sign: 1 | -1, exponent: number, value: number): boolean {
  const signOk = value === 0 || Math.sign(value) === sign;
  return signOk && magnitudeOf(value) === exponent;
}
