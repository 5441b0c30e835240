import { rowAt, hAt, type Trace, type Model } from '../core';
import type { Family } from './colors';
import type { DrawnVector } from './layout';

/** Symbol of each drawn vector, in plain text (labels, tooltips, narration). */
export const SYMBOL: Record<DrawnVector | 'L', string> = {
  x: 'x',
  a: 'a',
  h: 'h',
  H: 'H',
  o: 'o',
  yhat: 'ŷ',
  gradO: '∇o',
  gradH: '∇h',
  gradA: '∇a',
  L: 'L',
};

/** A unit is saturated when tanh is nearly flat there (H⁽ᵗ⁾ᵢᵢ below this): little gradient gets through. */
export const SATURATED = 0.1;

export const FAMILY: Record<DrawnVector, Family> = {
  x: 'act',
  a: 'pre',
  h: 'act',
  H: 'act',
  o: 'logit',
  yhat: 'act',
  gradO: 'grad',
  gradH: 'grad',
  gradA: 'grad',
};

/** The numbers of a drawn vector at time t (t = 0 only for h). */
export function vectorAt(model: Model, trace: Trace, q: DrawnVector, t: number): Float64Array {
  const { n, m, k } = trace;
  switch (q) {
    case 'x':
      return rowAt(model.x, t, m);
    case 'h':
      return hAt(trace, t);
    case 'a':
      return rowAt(trace.a, t, n);
    case 'H':
      return rowAt(trace.Hdiag, t, n);
    case 'o':
      return rowAt(trace.o, t, k);
    case 'yhat':
      return rowAt(trace.yhat, t, k);
    case 'gradO':
      return rowAt(trace.gradO, t, k);
    case 'gradH':
      return rowAt(trace.gradH, t, n);
    case 'gradA':
      return rowAt(trace.gradA, t, n);
  }
}
