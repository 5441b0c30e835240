import { contribution, hAt, norm2, rowAt } from './engine';
import { runningSum } from './runningSums';
import type { StepId, Step } from './steps';
import type { Model, ParamName, Scenario, Trace } from './types';
import { fmtTex, LOSS_DIGITS } from './format';
import { coreMessages, type CoreMessages, type Lang } from './messages';

/**
 * The formulas of model.md for one step, as KaTeX source: the general form, the
 * same with t filled in, and (while the sizes are small enough to read) the same
 * with the actual numbers. Every symbol is wrapped in \htmlData{q=…, term=…} so
 * it takes its quantity's colour and is linked to the diagram element `term`.
 */

export type FactId = 'J1' | 'J2' | 'J3' | 'J4' | 'SM';

export interface FormulaView {
  id: StepId;
  title: string;
  /** General form, as in model.md. */
  general: string;
  /** The same with t filled in. */
  atT: string;
  /** The same with numbers (small sizes only). */
  numeric?: string;
  /** Extra lines with numbers (running sums, the final gradients). */
  extra?: { label: string; tex: string }[];
  facts: FactId[];
  /** A sentence under the formula (B3 under truncated BPTT, E3). */
  note?: string;
}

/** The TeX of the background facts J1–J4 (model.md) and of the softmax/cross-entropy identity. */
const factTex = (msg: CoreMessages): Record<FactId, string> => ({
  J1: 'J_{ij} = \\frac{\\partial f_i}{\\partial x_j}, \\quad f: \\mathbb{R}^n \\to \\mathbb{R}^m',
  J2: `\\nabla_x L = \\left(\\frac{\\partial f}{\\partial x}\\right)^{\\top} \\nabla_f L, \\quad\\text{${msg.tex.soFor}} f = Ax:\\; \\nabla_x L = A^\\top \\nabla_f L`,
  J3: '\\frac{d}{dx}\\tanh x = 1 - \\tanh^2 x',
  J4: '\\nabla_{W} L = \\sum_t \\sum_i \\frac{\\partial L}{\\partial h_i^{(t)}} \\nabla_{W} h_i^{(t)}',
  SM: '\\hat{y}_j = \\frac{e^{o_j}}{\\sum_i e^{o_i}}, \\quad L = -\\log \\hat{y}_{y} \\;\\Rightarrow\\; \\frac{\\partial L}{\\partial o_j} = \\hat{y}_j - \\mathbb{1}[j = y]',
});

/** A background fact (J1–J4, softmax with cross-entropy): its title and text in a language, its TeX. */
export function factView(id: FactId, lang: Lang = 'en'): { title: string; tex: string; text: string } {
  const msg = coreMessages(lang);
  return { title: msg.facts[id].title, tex: factTex(msg)[id], text: msg.facts[id].text };
}

/** The background facts J1–J4 (model.md) and the softmax/cross-entropy identity, in English. */
export const FACTS = {
  J1: factView('J1'),
  J2: factView('J2'),
  J3: factView('J3'),
  J4: factView('J4'),
  SM: factView('SM'),
} satisfies Record<FactId, { title: string; tex: string; text: string }>;

interface Ctx {
  model: Model;
  trace: Trace;
  scenario: Scenario;
}

/** A symbol linked to diagram element `key` and coloured as quantity `color`. */
export function term(key: string, color: string, tex: string): string {
  return `\\htmlData{q=${color}, term=${key}}{${tex}}`;
}

const sup = (s: string | number) => `^{(${s})}`;

/** Symbols, general (s = "t", "t-1", …) with the key of the actual time step t. */
const S = {
  x: (s: string | number, t: number) => term(`x@${t}`, 'x', `x${sup(s)}`),
  a: (s: string | number, t: number) => term(`a@${t}`, 'a', `a${sup(s)}`),
  h: (s: string | number, t: number) => term(`h@${t}`, 'h', `h${sup(s)}`),
  hT: (s: string | number, t: number) => term(`h@${t}`, 'h', `h^{(${s})\\top}`),
  xT: (s: string | number, t: number) => term(`x@${t}`, 'x', `x^{(${s})\\top}`),
  o: (s: string | number, t: number) => term(`o@${t}`, 'o', `o${sup(s)}`),
  yhat: (s: string | number, t: number) => term(`yhat@${t}`, 'yhat', `\\hat{y}${sup(s)}`),
  y: (s: string | number, t: number) => term(`y@${t}`, 'y', `y${sup(s)}`),
  L: (s: string | number, t: number) => term(`L@${t}`, 'L', `L${sup(s)}`),
  H: (s: string | number, t: number) => term(`H@${t}`, 'H', `H${sup(s)}`),
  gO: (s: string | number, t: number) => term(`gradO@${t}`, 'gradO', `\\nabla_{o${sup(s)}} L`),
  gH: (s: string | number, t: number) => term(`gradH@${t}`, 'gradH', `\\nabla_{h${sup(s)}} L`),
  gA: (s: string | number, t: number) => term(`gradA@${t}`, 'gradA', `\\nabla_{a${sup(s)}} L`),
  P: (name: ParamName, transpose = false) => term(name, name, transpose ? `${name}^\\top` : name),
  grad: (name: ParamName) => term(`grad:${name}`, name, `\\nabla_{${name}} L`),
};

const num = (v: number) => fmtTex(v, 3);
/** A loss, at the precision the header and the narration use. */
const loss = (v: number) => fmtTex(v, LOSS_DIGITS);

/** A matrix of TeX entries, row by row (the panel draws one of plain numbers as a grid: ui/texGrids). */
function bmatrix(rows: string[][]): string {
  return `\\begin{bmatrix}${rows.map((r) => r.join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;
}
/** A column vector of numbers. */
function vec(v: ArrayLike<number>): string {
  return bmatrix(Array.from(v, (x) => [num(x)]));
}
/**
 * One row of entries in brackets, spaced by hand (it may hold \cdots). Each
 * entry is a group of its own, so a negative one keeps a unary minus
 * (0.470 −0.604), not a binary one that would read as a subtraction.
 */
function rowBracket(entries: string[]): string {
  return `\\left[\\,${entries.map((e) => `{${e}}`).join('\\;\\;')}\\,\\right]`;
}
/** A row vector (a transposed column): a one-row matrix. */
function rowVec(v: ArrayLike<number>): string {
  return bmatrix([Array.from(v, num)]);
}
/** A rows × cols matrix from a flat row-major array, optionally transposed. */
function mat(A: ArrayLike<number>, rows: number, cols: number, transpose = false): string {
  const at = (i: number, j: number) => num(transpose ? A[j * cols + i] : A[i * cols + j]);
  return bmatrix(Array.from({ length: transpose ? cols : rows }, (_, i) => Array.from({ length: transpose ? rows : cols }, (_, j) => at(i, j))));
}
/** A diagonal matrix (H⁽ᵗ⁾), its zeros written. */
function diag(d: ArrayLike<number>): string {
  return bmatrix(Array.from(d, (v, i) => Array.from(d, (_, j) => (i === j ? num(v) : '0'))));
}

/** A number as a factor of a product: a negative one in parentheses. */
function factor(v: number): string {
  const s = num(v);
  return v < 0 ? `(${s})` : s;
}

/** B5's product H∇h entry by entry: H is diagonal, so entry i is H_ii · (∇h)_i. */
function entrywise(d: ArrayLike<number>, g: ArrayLike<number>): string {
  return bmatrix(Array.from(d, (v, i) => [`${num(v)} \\cdot ${factor(g[i])}`]));
}

/** Beyond this |o_j| the terms e^{o_j} are too large or small to read beside ŷ. */
const SOFTMAX_TERMS_FIT = 30;

/**
 * F4 with its terms, to check by hand: ŷ = softmax(o) = e^{o_j} / Σ_i e^{o_i},
 * the vector of e^{o_j} and their sum shown while they are readable numbers.
 */
function softmaxRow(o: Float64Array, yhat: Float64Array, t: number): string {
  const lhs = `${S.yhat(t, t)} = \\operatorname{softmax} ${term(`o@${t}`, 'o', vec(o))}`;
  const out = term(`yhat@${t}`, 'yhat', vec(yhat));
  if (o.some((v) => Math.abs(v) > SOFTMAX_TERMS_FIT)) return `${lhs} = ${out}`;
  const e = Array.from(o, Math.exp);
  const sum = e.reduce((acc, v) => acc + v, 0);
  return `${lhs} = \\frac{1}{\\underbrace{${num(sum)}}_{\\sum_i e^{o_i}}} \\underbrace{${vec(e)}}_{e^{o_j}} = ${out}`;
}

/** A long vector as a transposed row: its first entries, then its last, with its norm (short enough to fit the panel unscaled, readable on a projector). */
function summaryRow(v: ArrayLike<number>, max = 4): string {
  const a = Array.from(v);
  const shown = a.length <= max + 1 ? a.map(num) : [...a.slice(0, max).map(num), '\\cdots', num(a[a.length - 1])];
  const normV = norm2(a);
  return `${rowBracket(shown)}^{\\top} \\in \\mathbb{R}^{${a.length}},\\;\\; \\lVert\\cdot\\rVert = ${num(normV)}`;
}

/** Whether the numbers fit in the panel: matrices up to about 6 × 8. */
export function numbersFit(d: { n: number; m: number; k: number }): boolean {
  return d.n <= 6 && d.m <= 8 && d.k <= 8;
}

/** E3's window K when the trace truncates (K < T), else 0. */
export function truncationWindow(trace: Trace): number {
  const K = trace.options.truncate;
  return K !== undefined && K < trace.T ? K : 0;
}

/**
 * W^T v and V^T w: the two sources of B3, computed for display. Under truncated
 * BPTT (E3) ∇h^(t+1) is not reused, so what comes from later steps is
 * ∇h^(t) − Vᵀ∇o^(t), the losses s = t + 1 … t + K − 1 together.
 */
export function b3Sources(model: Model, trace: Trace, t: number): { fromNext: Float64Array; fromOut: Float64Array } {
  const { n, k } = trace;
  const fromNext = new Float64Array(n);
  const fromOut = new Float64Array(n);
  const go = rowAt(trace.gradO, t, k);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += model.V[i * n + j] * go[i];
    fromOut[j] = s;
  }
  if (t < trace.T && truncationWindow(trace) > 0) {
    const gh = rowAt(trace.gradH, t, n);
    for (let j = 0; j < n; j++) fromNext[j] = gh[j] - fromOut[j];
  } else if (t < trace.T) {
    const ga = rowAt(trace.gradA, t + 1, n);
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += model.W[i * n + j] * ga[i];
      fromNext[j] = s;
    }
  }
  return { fromNext, fromOut };
}

const PARAM_STEP: Record<string, ParamName> = { G1: 'c', G2: 'V', G3: 'b', G4: 'W', G5: 'U' };

/** The parameter whose gradient a G step adds to, if any. */
export function paramOfStep(id: StepId): ParamName | undefined {
  return PARAM_STEP[id];
}

/**
 * A label inside a formula, as text: TeX's special characters, and the
 * direction controls (an override would turn the formula's closing quote and
 * bracket around), become `?`.
 */
function label(labels: string[] | undefined, i: number): string {
  const l = labels?.[i];
  return l === undefined ? String(i) : `\\text{“${l.replace(/[\\{}$&#^_%~\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g, '?')}”}`;
}

/** The formula view of a step (F1–G5, the end): TeX strings only, so the panel can memoise on them; title and labels in `lang`. */
export function formulaView(ctx: Ctx, step: Step, lang: Lang = 'en'): FormulaView {
  const view = fullView(ctx, step, coreMessages(lang));
  if (view.numeric || step.id === 'END' || step.id.startsWith('G')) return view;
  // Too large to write out: the result as a row, first entries and norm.
  const { trace } = ctx;
  const t = step.t;
  const R: Partial<Record<StepId, [string, string, Float64Array]>> = {
    F1: [S.a(t, t), 'a', rowAt(trace.a, t, trace.n)],
    F2: [S.h(t, t), 'h', rowAt(trace.h, t, trace.n)],
    F3: [S.o(t, t), 'o', rowAt(trace.o, t, trace.k)],
    F4: [S.yhat(t, t), 'yhat', rowAt(trace.yhat, t, trace.k)],
    B1: [S.gO(t, t), 'gradO', rowAt(trace.gradO, t, trace.k)],
    B2: [S.gH(t, t), 'gradH', rowAt(trace.gradH, t, trace.n)],
    B3: [S.gH(t, t), 'gradH', rowAt(trace.gradH, t, trace.n)],
    B4: [`\\operatorname{diag} ${S.H(t, t)}`, 'H', rowAt(trace.Hdiag, t, trace.n)],
    B5: [S.gA(t, t), 'gradA', rowAt(trace.gradA, t, trace.n)],
  };
  const r = R[step.id];
  if (!r) return view;
  const [lhs, color, v] = r;
  const key = `${color}@${t}`;
  return { ...view, numeric: `${lhs} = ${term(key, color, summaryRow(v))}` };
}

function fullView(ctx: Ctx, step: Step, msg: CoreMessages): FormulaView {
  const { model, trace, scenario } = ctx;
  const { n, m, k, T } = trace;
  const t = step.t;
  const small = numbersFit(trace);
  const row = (arr: Float64Array, len: number, s = t) => rowAt(arr, s, len);
  const P = S.P;
  switch (step.id) {
    case 'F1':
      return {
        id: 'F1',
        title: msg.title.F1,
        general: `${S.a('t', t)} = ${P('b')} + ${P('W')} ${S.h('t-1', t - 1)} + ${P('U')} ${S.x('t', t)}`,
        atT: `${S.a(t, t)} = ${P('b')} + ${P('W')} ${S.h(t - 1, t - 1)} + ${P('U')} ${S.x(t, t)}`,
        numeric: small
          ? `\\begin{aligned} ${S.a(t, t)} &= ${term('b', 'b', vec(model.b))} + ${term('W', 'W', mat(model.W, n, n))} ${term(`h@${t - 1}`, 'h', vec(hAt(trace, t - 1)))} \\\\ &\\quad + ${term('U', 'U', mat(model.U, n, m))} ${term(`x@${t}`, 'x', vec(row(model.x, m)))} \\\\ &= ${term(`a@${t}`, 'a', vec(row(trace.a, n)))} \\end{aligned}`
          : undefined,
        facts: [],
      };
    case 'F2':
      return {
        id: 'F2',
        title: msg.title.F2,
        general: `${S.h('t', t)} = \\tanh\\left(${S.a('t', t)}\\right)`,
        atT: `${S.h(t, t)} = \\tanh\\left(${S.a(t, t)}\\right)`,
        numeric: small ? `${S.h(t, t)} = \\tanh ${term(`a@${t}`, 'a', vec(row(trace.a, n)))} = ${term(`h@${t}`, 'h', vec(row(trace.h, n)))}` : undefined,
        facts: [],
      };
    case 'F3':
      return {
        id: 'F3',
        title: msg.title.F3,
        general: `${S.o('t', t)} = ${P('c')} + ${P('V')} ${S.h('t', t)}`,
        atT: `${S.o(t, t)} = ${P('c')} + ${P('V')} ${S.h(t, t)}`,
        numeric: small
          ? `${S.o(t, t)} = ${term('c', 'c', vec(model.c))} + ${term('V', 'V', mat(model.V, k, n))} ${term(`h@${t}`, 'h', vec(row(trace.h, n)))} = ${term(`o@${t}`, 'o', vec(row(trace.o, k)))}`
          : undefined,
        facts: [],
      };
    case 'F4':
      return {
        id: 'F4',
        title: msg.title.F4,
        general: `${S.yhat('t', t)} = \\operatorname{softmax}\\left(${S.o('t', t)}\\right)`,
        atT: `${S.yhat(t, t)} = \\operatorname{softmax}\\left(${S.o(t, t)}\\right), \\quad \\hat{y}_j = \\frac{e^{o_j}}{\\sum_i e^{o_i}}`,
        numeric: small ? softmaxRow(row(trace.o, k), row(trace.yhat, k), t) : undefined,
        facts: ['SM'],
      };
    case 'F5': {
      const y = model.y[t - 1];
      const p = trace.yhat[(t - 1) * k + y];
      let running = 0;
      for (let s = 0; s < t; s++) running += trace.lossAt[s];
      return {
        id: 'F5',
        title: msg.title.F5,
        general: `${S.L('t', t)} = -\\log \\hat{y}${sup('t')}_{y${sup('t')}}, \\qquad ${term('L', 'L', 'L')} = \\sum_t ${S.L('t', t)}`,
        atT: `${S.L(t, t)} = -\\log ${term(`yhat@${t}`, 'yhat', `\\hat{y}${sup(t)}_{${y}}`)} \\quad (${S.y(t, t)} = ${y} = ${label(scenario.outputLabels, y)})`,
        numeric: `${S.L(t, t)} = -\\log ${num(p)} = ${term(`L@${t}`, 'L', loss(trace.lossAt[t - 1]))}, \\qquad ${term('L', 'L', 'L')}_{1..${t}} = ${t > 1 ? `${S.L(1, 1)} + \\dots + ${S.L(t, t)}` : S.L(1, 1)} = ${term('L', 'L', loss(running))}`,
        facts: [],
      };
    }
    case 'B1': {
      const y = model.y[t - 1];
      const onehot = new Float64Array(k);
      onehot[y] = 1;
      return {
        id: 'B1',
        title: msg.title.B1,
        general: `${S.gO('t', t)} = ${S.yhat('t', t)} - ${S.y('t', t)}`,
        atT: `${S.gO(t, t)} = ${S.yhat(t, t)} - ${S.y(t, t)} \\quad (${S.y(t, t)} = \\text{${msg.tex.oneHotOf}} ${y})`,
        numeric: small
          ? `${S.gO(t, t)} = ${term(`yhat@${t}`, 'yhat', vec(row(trace.yhat, k)))} - ${term(`y@${t}`, 'y', vec(onehot))} = ${term(`gradO@${t}`, 'gradO', vec(row(trace.gradO, k)))}`
          : undefined,
        facts: ['SM'],
      };
    }
    case 'B2':
      return {
        id: 'B2',
        title: msg.title.B2,
        general: `${S.gH('T', t)} = ${P('V', true)} ${S.gO('T', t)}`,
        atT: `${S.gH(T, t)} = ${P('V', true)} ${S.gO(T, t)}`,
        numeric: small
          ? `${S.gH(t, t)} = ${term('V', 'V', mat(model.V, k, n, true))} ${term(`gradO@${t}`, 'gradO', vec(row(trace.gradO, k)))} = ${term(`gradH@${t}`, 'gradH', vec(row(trace.gradH, n)))}`
          : undefined,
        facts: ['J2', 'J1'],
      };
    case 'B3': {
      const { fromNext, fromOut } = b3Sources(model, trace, t);
      const K = truncationWindow(trace);
      if (K > 0) return truncatedB3(ctx, t, K, fromNext, fromOut, small, msg);
      return {
        id: 'B3',
        title: msg.title.B3,
        general: `${S.gH('t', t)} = ${P('W', true)} ${S.H('t+1', t + 1)} ${S.gH('t+1', t + 1)} + ${P('V', true)} ${S.gO('t', t)}`,
        atT: `${S.gH(t, t)} = ${P('W', true)} ${S.H(t + 1, t + 1)} ${S.gH(t + 1, t + 1)} + ${P('V', true)} ${S.gO(t, t)}`,
        numeric: small
          ? `\\begin{aligned} ${S.gH(t, t)} &= ${term('W', 'W', mat(model.W, n, n, true))} ${term(`H@${t + 1}`, 'H', diag(row(trace.Hdiag, n, t + 1)))} ${term(`gradH@${t + 1}`, 'gradH', vec(row(trace.gradH, n, t + 1)))} \\\\ &\\quad + ${term('V', 'V', mat(model.V, k, n, true))} ${term(`gradO@${t}`, 'gradO', vec(row(trace.gradO, k)))} \\\\ &= ${term('flow:next', 'gradA', vec(fromNext))} + ${term('flow:out', 'gradO', vec(fromOut))} = ${term(`gradH@${t}`, 'gradH', vec(row(trace.gradH, n)))} \\end{aligned}`
          : undefined,
        facts: ['J2', 'J1'],
      };
    }
    case 'B4':
      return {
        id: 'B4',
        title: msg.title.B4,
        general: `${S.H('t', t)} = \\left(\\frac{\\partial ${S.h('t', t)}}{\\partial ${S.a('t', t)}}\\right)^{\\top} = \\operatorname{diag}\\left(1 - \\left(${S.h('t', t)}\\right)^2\\right)`,
        atT: `${S.H(t, t)} = \\operatorname{diag}\\left(1 - \\left(${S.h(t, t)}\\right)^2\\right)`,
        numeric: small
          ? `${S.H(t, t)} = \\operatorname{diag}\\left(1 - ${term(`h@${t}`, 'h', vec(row(trace.h, n)))}^{2}\\right) = ${term(`H@${t}`, 'H', diag(row(trace.Hdiag, n)))}`
          : undefined,
        facts: ['J3', 'J1'],
      };
    case 'B5':
      return {
        id: 'B5',
        title: msg.title.B5,
        general: `${S.gA('t', t)} = ${S.H('t', t)} ${S.gH('t', t)}`,
        atT: `${S.gA(t, t)} = ${S.H(t, t)} ${S.gH(t, t)}`,
        numeric: small
          ? `${S.gA(t, t)} = ${term(`H@${t}`, 'H', diag(row(trace.Hdiag, n)))} ${term(`gradH@${t}`, 'gradH', vec(row(trace.gradH, n)))} = ${entrywise(row(trace.Hdiag, n), row(trace.gradH, n))} = ${term(`gradA@${t}`, 'gradA', vec(row(trace.gradA, n)))}`
          : undefined,
        facts: ['J3'],
      };
    case 'G1':
    case 'G2':
    case 'G3':
    case 'G4':
    case 'G5':
      return contributionView(ctx, step.id, t, small, msg);
    case 'END': {
      const g = trace.grads;
      const extra = small
        ? [
            { label: 'G1', tex: `${S.grad('c')} = ${term('grad:c', 'c', vec(g.c))}` },
            { label: 'G2', tex: `${S.grad('V')} = ${term('grad:V', 'V', mat(g.V, k, n))}` },
            { label: 'G3', tex: `${S.grad('b')} = ${term('grad:b', 'b', vec(g.b))}` },
            { label: 'G4', tex: `${S.grad('W')} = ${term('grad:W', 'W', mat(g.W, n, n))}` },
            { label: 'G5', tex: `${S.grad('U')} = ${term('grad:U', 'U', mat(g.U, n, m))}` },
          ]
        : (['c', 'V', 'b', 'W', 'U'] as const).map((p, i) => ({
            label: `G${i + 1}`,
            tex: `\\lVert ${S.grad(p)} \\rVert_F = ${term(`grad:${p}`, p, num(norm2(g[p])))}`,
          }));
      return {
        id: 'END',
        title: msg.title.END,
        general: `${term('L', 'L', 'L')} = \\sum_{t=1}^{T} ${S.L('t', T)}`,
        atT: `${term('L', 'L', 'L')} = ${term('L', 'L', loss(trace.loss))}`,
        extra,
        facts: ['J4'],
      };
    }
  }
}

/** E3's B3: ∇h^(t) as the truncated sum over the losses s = t … min(T, t + K − 1), no recursion. */
function truncatedB3(ctx: Ctx, t: number, K: number, fromNext: Float64Array, fromOut: Float64Array, small: boolean, msg: CoreMessages): FormulaView {
  const { trace } = ctx;
  const { n, T } = trace;
  const hi = Math.min(T, t + K - 1);
  const g = (s: string | number, tt: string | number) => `g^{(${s},${tt})}`;
  const rest = hi > t ? ` + \\sum_{s=${t + 1}}^{${hi}} ${g('s', t)}` : '';
  return {
    id: 'B3',
    title: msg.title.B3,
    general: `${S.gH('t', t)} \\approx \\sum_{s=t}^{\\min(T,\\,t+K-1)} ${g('s', 't')}, \\qquad ${g('s', 't')} = \\frac{\\partial L${sup('s')}}{\\partial h${sup('t')}}, \\quad K = ${K}`,
    atT: `${S.gH(t, t)} \\approx \\sum_{s=${t}}^{${hi}} ${g('s', t)} = ${S.P('V', true)} ${S.gO(t, t)}${rest}`,
    numeric: small
      ? `${S.gH(t, t)} = ${term('flow:next', 'gradA', vec(fromNext))} + ${term('flow:out', 'gradO', vec(fromOut))} = ${term(`gradH@${t}`, 'gradH', vec(rowAt(trace.gradH, t, n)))}`
      : undefined,
    facts: ['J2', 'J1'],
    note: msg.truncatedNote(K),
  };
}

function contributionView(ctx: Ctx, id: 'G1' | 'G2' | 'G3' | 'G4' | 'G5', t: number, small: boolean, msg: CoreMessages): FormulaView {
  const { model, trace } = ctx;
  const { n, m, k, T } = trace;
  const name = PARAM_STEP[id];
  const c = contribution(model, trace, name, t);
  const sum = runningSum(model, trace, name, t);
  const sumLabel = t === T ? `\\sum_{s=T}^{T}` : `\\sum_{s=${t}}^{${T}}`;
  const row = (arr: Float64Array, len: number, s = t) => rowAt(arr, s, len);
  const runningLhs = `${S.grad(name)}\\big|_{${sumLabel}}`;
  const adds = `\\text{${msg.tex.step}}${t}\\text{${msg.tex.adds}}`;
  let general = '';
  let atT = '';
  let numeric: string | undefined;
  let running: string | undefined;
  switch (name) {
    case 'c':
      general = `${S.grad('c')} = \\sum_t ${S.gO('t', t)}`;
      atT = `${adds}${S.gO(t, t)}`;
      if (small) numeric = `${S.gO(t, t)} = ${term(`contrib:c`, 'c', vec(c))}`;
      if (small) running = `${runningLhs} = ${term('sum:c', 'c', vec(sum))}`;
      break;
    case 'V':
      general = `${S.grad('V')} = \\sum_t \\left(${S.gO('t', t)}\\right) ${S.hT('t', t)}`;
      atT = `${adds}\\left(${S.gO(t, t)}\\right) ${S.hT(t, t)}`;
      if (small) numeric = `${term(`gradO@${t}`, 'gradO', vec(row(trace.gradO, k)))} ${term(`h@${t}`, 'h', rowVec(row(trace.h, n)))} = ${term('contrib:V', 'V', mat(c, k, n))}`;
      if (small) running = `${runningLhs} = ${term('sum:V', 'V', mat(sum, k, n))}`;
      break;
    case 'b':
      general = `${S.grad('b')} = \\sum_t ${S.H('t', t)} ${S.gH('t', t)} = \\sum_t ${S.gA('t', t)}`;
      atT = `${adds}${S.H(t, t)} ${S.gH(t, t)} = ${S.gA(t, t)}`;
      if (small) numeric = `${S.gA(t, t)} = ${term('contrib:b', 'b', vec(c))}`;
      if (small) running = `${runningLhs} = ${term('sum:b', 'b', vec(sum))}`;
      break;
    case 'W':
      general = `${S.grad('W')} = \\sum_t ${S.H('t', t)} \\left(${S.gH('t', t)}\\right) ${S.hT('t-1', t - 1)}`;
      atT = `${adds}${S.gA(t, t)}\\, ${S.hT(t - 1, t - 1)}`;
      if (small) numeric = `${term(`gradA@${t}`, 'gradA', vec(row(trace.gradA, n)))} ${term(`h@${t - 1}`, 'h', rowVec(hAt(trace, t - 1)))} = ${term('contrib:W', 'W', mat(c, n, n))}`;
      if (small) running = `${runningLhs} = ${term('sum:W', 'W', mat(sum, n, n))}`;
      break;
    case 'U':
      general = `${S.grad('U')} = \\sum_t ${S.H('t', t)} \\left(${S.gH('t', t)}\\right) ${S.xT('t', t)}`;
      atT = `${adds}${S.gA(t, t)}\\, ${S.xT(t, t)}`;
      if (small) numeric = `${term(`gradA@${t}`, 'gradA', vec(row(trace.gradA, n)))} ${term(`x@${t}`, 'x', rowVec(row(model.x, m)))} = ${term('contrib:U', 'U', mat(c, n, m))}`;
      if (small) running = `${runningLhs} = ${term('sum:U', 'U', mat(sum, n, m))}`;
      break;
  }
  if (!small) {
    const fro = (v: Float64Array) => num(norm2(v));
    numeric = `\\lVert \\text{${msg.tex.term}} \\rVert_F = ${term(`contrib:${name}`, name, fro(c))}`;
    running = `\\lVert ${S.grad(name)}\\big|_{${sumLabel}} \\rVert_F = ${term(`sum:${name}`, name, fro(sum))}`;
  }
  return {
    id,
    title: msg.title.G(t, name),
    general,
    atT,
    numeric,
    extra: running ? [{ label: t === 1 ? msg.extra.complete : msg.extra.running, tex: running }] : undefined,
    facts: name === 'c' || name === 'b' ? ['J4'] : ['J4', 'J2'],
  };
}
