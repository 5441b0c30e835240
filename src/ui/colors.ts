import { interpolateRdBu, scaleDiverging, scaleDivergingPow, type ScaleDiverging } from 'd3';
import { PARAM_NAMES, type Model, type ParamName, type Trace } from '../core';

/**
 * Identity colours: each quantity has one, used for its labels and frames in the
 * diagram and for its symbol in the formulas (CSS variables --q-<name>).
 */
export const QUANTITY_COLORS = {
  x: '#5b6472',
  a: '#b45309',
  h: '#1d4ed8',
  o: '#6d28d9',
  yhat: '#047857',
  y: '#374151',
  L: '#b91c1c',
  gradO: '#a21caf',
  gradH: '#be185d',
  H: '#0f766e',
  gradA: '#c2410c',
  U: '#4b5563',
  W: '#92400e',
  V: '#5b21b6',
  b: '#92400e',
  c: '#5b21b6',
} as const;

export type ColorKey = keyof typeof QUANTITY_COLORS;

/** Families of values sharing one diverging scale (and one legend entry). */
export type Family = 'act' | 'pre' | 'logit' | 'grad' | ParamName;

/** Blue for negative, white for zero, red for positive (d3's RdBu, reversed). */
const interpolate = (t: number) => interpolateRdBu(1 - t);

/** The largest |entry| of each of the rows of a flat rows × cols array. */
function rowMax(arr: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let most = 0;
    for (let i = r * cols; i < (r + 1) * cols; i++) {
      const v = Math.abs(arr[i]);
      if (v > most) most = v;
    }
    out[r] = most;
  }
  return out;
}

function maxAbs(arr: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < arr.length; i++) {
    const v = Math.abs(arr[i]);
    if (v > m) m = v;
  }
  return m;
}

/**
 * The gradients' colour scale is a square-root one: a value a quarter of the
 * limit gets half the colour. Gradients span orders of magnitude over a walk
 * (∇o stays within ±1 while ∇h may reach 20 at another t), and on a linear
 * scale the one just computed was often all but white; a vanishing gradient
 * (a thousandth of the limit) still fades to white.
 */
const GRAD_EXPONENT = 0.5;

function diverging(limit: number, exponent = 1): ScaleDiverging<string> {
  const l = limit > 0 && Number.isFinite(limit) ? limit : 1;
  const scale = exponent === 1 ? scaleDiverging<string>(interpolate) : (scaleDivergingPow<string>(interpolate) as PowScale).exponent(exponent);
  return scale.domain([-l, 0, l]).clamp(true);
}

/** d3's diverging pow scale; its types leave out the exponent. */
type PowScale = ScaleDiverging<string> & { exponent(e: number): ScaleDiverging<string>; exponent(): number };

/** The exponent of a diverging pow scale, applied (signed) before its linear map; 1 for a plain one. */
export function exponentOf(scale: ScaleDiverging<string>): number {
  return 'exponent' in scale && typeof scale.exponent === 'function' ? (scale as PowScale).exponent() : 1;
}

export interface Scales {
  scale: Record<Family, ScaleDiverging<string>>;
  /** The symmetric limit of each family's domain, for the legend. */
  limit: Record<Family, number>;
}

/**
 * The colour scales of a trace, computed once per scenario. Activations h, ŷ
 * and H live in [−1, 1], widened to cover the inputs x and h⁽⁰⁾; pre-activations, logits and gradients get a symmetric
 * domain from their largest magnitude over the whole trace, so a vanishing
 * gradient really fades to white (the gradients' on a square-root scale,
 * GRAD_EXPONENT). Each parameter's contributions and running sums share a
 * scale bounded by its largest possible term.
 */
export function makeScales(model: Model, trace: Trace): Scales {
  const h0 = maxAbs(model.h0);
  const grad = Math.max(maxAbs(trace.gradO), maxAbs(trace.gradH), maxAbs(trace.gradA));
  const limit: Record<Family, number> = {
    // h, ŷ and H lie in [−1, 1]; an input x or h⁽⁰⁾ may reach beyond (random inputs reach ±3), and the legend must cover it.
    act: Math.max(1, maxAbs(model.x), h0),
    pre: maxAbs(trace.a),
    logit: maxAbs(trace.o),
    grad,
    c: 0,
    V: 0,
    b: 0,
    W: 0,
    U: 0,
  };
  // A term's largest entry is the product of its factors' largest (contributionFactors):
  // each factor's row maxima once, not once per parameter.
  const { T, n, m, k } = trace;
  const gO = rowMax(trace.gradO, T, k);
  const gA = rowMax(trace.gradA, T, n);
  const h = rowMax(trace.h, T, n);
  const x = rowMax(model.x, T, m);
  const terms: Record<ParamName, (i: number) => number> = {
    c: (i) => gO[i],
    V: (i) => gO[i] * h[i],
    b: (i) => gA[i],
    W: (i) => gA[i] * (i === 0 ? h0 : h[i - 1]),
    U: (i) => gA[i] * x[i],
  };
  for (const name of PARAM_NAMES) {
    let most = maxAbs(trace.grads[name]);
    const term = terms[name];
    for (let i = 0; i < T; i++) {
      const v = term(i);
      if (v > most) most = v;
    }
    limit[name] = most;
  }
  const scale = Object.fromEntries(Object.entries(limit).map(([k, l]) => [k, diverging(l, k === 'grad' ? GRAD_EXPONENT : 1)])) as Record<Family, ScaleDiverging<string>>;
  return { scale, limit };
}

/** Dark or light text, whichever reads on a cell of the given fill. */
export function textOn(fill: string): string {
  const m = /rgb\((\d+), ?(\d+), ?(\d+)\)/.exec(fill);
  if (!m) return '#111';
  const [r, g, b] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? '#fff' : '#111';
}
