/**
 * The walk through a trace: one step per formula application, in the order the
 * computation happens (model.md): forward F1–F5 for t = 1 … T, backward B1,
 * B2 (t = T) or B3 (t < T), B4, B5 and the contributions G1–G5 for t = T … 1,
 * then the total. The step list depends on T alone, so positions are closed-form.
 */

export type FormulaId = 'F1' | 'F2' | 'F3' | 'F4' | 'F5' | 'B1' | 'B2' | 'B3' | 'B4' | 'B5' | 'G1' | 'G2' | 'G3' | 'G4' | 'G5';
export type StepId = FormulaId | 'END';
export type Phase = 'forward' | 'backward' | 'end';

export interface Step {
  id: StepId;
  /** Time step 1 … T (T for the final step). */
  t: number;
  phase: Phase;
}

/** Quantities a step computes: vectors of the trace, and step t's contribution to a parameter. */
export type Quantity = 'a' | 'h' | 'o' | 'yhat' | 'L' | 'gradO' | 'gradH' | 'H' | 'gradA' | 'c' | 'V' | 'b' | 'W' | 'U';

const FORWARD: readonly FormulaId[] = ['F1', 'F2', 'F3', 'F4', 'F5'];
/** Backward order at one t; B2 stands for "B2 or B3" (B2 only at t = T). */
const BACKWARD: readonly FormulaId[] = ['B1', 'B2', 'B4', 'B5', 'G1', 'G2', 'G3', 'G4', 'G5'];

/** The formula that computes each quantity. */
export const COMPUTED_BY: Record<Quantity, FormulaId> = {
  a: 'F1',
  h: 'F2',
  o: 'F3',
  yhat: 'F4',
  L: 'F5',
  gradO: 'B1',
  gradH: 'B2',
  H: 'B4',
  gradA: 'B5',
  c: 'G1',
  V: 'G2',
  b: 'G3',
  W: 'G4',
  U: 'G5',
};

/** Number of fine steps for T time steps: 5T forward, 9T backward, one final. */
export function stepCount(T: number): number {
  return 14 * T + 1;
}

/** The fine step at an index (0-based). */
export function stepAt(T: number, index: number): Step {
  if (index < 5 * T) return { id: FORWARD[index % 5], t: Math.floor(index / 5) + 1, phase: 'forward' };
  const j = index - 5 * T;
  if (j < 9 * T) {
    const t = T - Math.floor(j / 9);
    let id = BACKWARD[j % 9];
    if (id === 'B2' && t < T) id = 'B3';
    return { id, t, phase: 'backward' };
  }
  return { id: 'END', t: T, phase: 'end' };
}

/** Index of the fine step that applies formula `id` at time t (B2 and B3 share a slot). */
export function indexOf(T: number, id: StepId, t: number): number {
  if (id === 'END') return 14 * T;
  const f = FORWARD.indexOf(id);
  if (f >= 0) return (t - 1) * 5 + f;
  const b = BACKWARD.indexOf(id === 'B3' ? 'B2' : id);
  return 5 * T + (T - t) * 9 + b;
}

/** Index of the step at which quantity q of time t is computed: shown from then on. */
export function computedAt(T: number, q: Quantity, t: number): number {
  return indexOf(T, COMPUTED_BY[q], t);
}

/**
 * The coarse walk: one stop per t and phase (forward t = 1 … T, backward t = T … 1,
 * then the end). Each stop is the index of the last fine step of its group, so
 * everything of that group is computed there.
 */
export function coarseStops(T: number): number[] {
  const stops: number[] = [];
  for (let t = 1; t <= T; t++) stops.push(t * 5 - 1);
  for (let i = 1; i <= T; i++) stops.push(5 * T + i * 9 - 1);
  stops.push(14 * T);
  return stops;
}

/** A step as a short stable key for links: `F1@3`, `B3@2`, `END`. */
export function stepKey(s: Step): string {
  return s.id === 'END' ? 'END' : `${s.id}@${s.t}`;
}

/** The index of a step key, or undefined when it does not name a step of a T-step walk. */
export function parseStepKey(T: number, key: string): number | undefined {
  if (key === 'END') return 14 * T;
  const m = /^([FBG][1-5])@(\d+)$/.exec(key);
  if (!m) return undefined;
  const id = m[1] as FormulaId;
  const t = Number(m[2]);
  if (t < 1 || t > T) return undefined;
  if ((id === 'B2' && t !== T) || (id === 'B3' && t === T)) return undefined;
  return indexOf(T, id, t);
}

/** The first fine index at time t of a phase (for PageUp / PageDown moves). */
export function groupStart(T: number, phase: Phase, t: number): number {
  if (phase === 'forward') return (t - 1) * 5;
  if (phase === 'backward') return 5 * T + (T - t) * 9;
  return 14 * T;
}
