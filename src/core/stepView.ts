/**
 * What each step of the walk shows, in one place: a registry with an entry per
 * formula id (what it computes, its narration, its detail picture, its gradient
 * flow; its formula rows come from formulas.ts), and stepView, the one pure
 * function from (trace, step) to everything the views render.
 */
import { rowAt } from './engine';
import { fmt, fmtLoss } from './format';
import { b3Sources, formulaView, truncationWindow, type FormulaView } from './formulas';
import { coreMessages, formatNumber, type CoreMessages, type Lang } from './messages';
import { stepAt, stepCount, stepKey, type Quantity, type Step, type StepId } from './steps';
import type { Model, ParamName, Scenario, Trace } from './types';

/** What a step reads: the model, its trace and the scenario (for labels). */
export interface StepContext {
  model: Model;
  trace: Trace;
  scenario: Scenario;
}

/**
 * The detail panel's picture as a key: a parameter's contribution at t ("W@3",
 * G1–G5), H at t ("H@4": B4, B5, and on B3 the H of t + 1 that gates its flow),
 * all five gradients ("END").
 */
export type DetailKey = `${ParamName | 'H'}@${number}` | 'END';

/** One stage of a backward flow (B2, B3, B5): what travels, per unit, and when, as fractions of the flow. */
export interface FlowPart {
  /**
   * out: Vᵀ∇o⁽ᵗ⁾ down into ∇h⁽ᵗ⁾ (B2, B3); next-in: ∇h⁽ᵗ⁺¹⁾ leaving its cell;
   * next-bus: ∇a⁽ᵗ⁺¹⁾ = H⁽ᵗ⁺¹⁾∇h⁽ᵗ⁺¹⁾ back along the recurrent edge; next-up:
   * Wᵀ∇a⁽ᵗ⁺¹⁾ up into ∇h⁽ᵗ⁾ (B3); gate-in / gate-out: ∇h⁽ᵗ⁾ through H⁽ᵗ⁾ into ∇a⁽ᵗ⁾ (B5).
   */
  kind: 'out' | 'next-in' | 'next-bus' | 'next-up' | 'gate-in' | 'gate-out';
  /** The time step whose column the part starts in. */
  t: number;
  /** The values carried, one per unit (strand widths follow |value|). */
  values: Float64Array;
  start: number;
  span: number;
}

/** A step's backward flow: its parts, the H that gates it, and the target it lands on. */
export interface FlowSpec {
  parts: FlowPart[];
  /** t of the H⁽ᵗ⁾ stack ringed as the gate, if any. */
  gate: number | null;
  /** The vector the flow computes (kept veiled until the flow arrives), and when it lands. */
  target: { q: 'gradH' | 'gradA'; t: number; at: number };
}

/** A registry entry: everything about a formula id except its TeX (formulas.ts). */
interface StepDef {
  /** The quantity (or, for G1–G5, the parameter whose gradient) the step computes. */
  computes: Quantity | 'total';
  /** The step's sentence in a language, after its phase and t (stepView writes `Forward, t = 3: ` before it). */
  narrate: (ctx: StepContext, t: number, msg: CoreMessages) => string;
  detail: (t: number) => DetailKey | null;
  flow: (ctx: StepContext, t: number) => FlowSpec | null;
}

function charOf(labels: string[] | undefined, i: number, msg: CoreMessages): string {
  const l = labels?.[i];
  return l === undefined ? msg.classN(i) : msg.quoted(l);
}

/** The index of the non-zero entry of a one-hot x^(t), if it is one-hot. */
function oneHotIndex(x: Float64Array): number | undefined {
  let idx: number | undefined;
  for (let j = 0; j < x.length; j++) {
    if (x[j] === 0) continue;
    if (x[j] !== 1 || idx !== undefined) return undefined;
    idx = j;
  }
  return idx;
}

const none = () => null;
const yhatOfTarget = ({ model, trace }: StepContext, t: number) => trace.yhat[(t - 1) * trace.k + model.y[t - 1]];

/** The flow of B2 (t = T) and B3 (t < T): Vᵀ∇o⁽ᵗ⁾ from the output, and on B3 Wᵀ H⁽ᵗ⁺¹⁾ ∇h⁽ᵗ⁺¹⁾ from the next step. */
function gatherFlow({ model, trace }: StepContext, t: number): FlowSpec {
  const { n } = trace;
  const { fromNext, fromOut } = b3Sources(model, trace, t);
  const last = t === trace.T;
  const parts: FlowPart[] = [{ kind: 'out', t, values: fromOut, start: last ? 0 : 0.5, span: 0.35 }];
  if (!last)
    parts.push(
      { kind: 'next-in', t: t + 1, values: rowAt(trace.gradH, t + 1, n), start: 0, span: 0.18 },
      { kind: 'next-bus', t: t + 1, values: rowAt(trace.gradA, t + 1, n), start: 0.18, span: 0.32 },
      { kind: 'next-up', t, values: fromNext, start: 0.5, span: 0.35 },
    );
  return { parts, gate: last ? null : t + 1, target: { q: 'gradH', t, at: 0.86 } };
}

const contributionDetail = (name: ParamName) => (t: number) => `${name}@${t}` as DetailKey;

/** The registry: one entry per formula id of model.md (B2 and B3 share a slot of the walk), and the end. */
export const STEPS: Record<StepId, StepDef> = {
  F1: {
    computes: 'a',
    narrate: ({ model, trace, scenario }, t, msg) => {
      const j = oneHotIndex(rowAt(model.x, t, trace.m));
      const input = j === undefined ? msg.narrate.inputX(t) : msg.narrate.inputLabel(charOf(scenario.inputLabels, j, msg));
      return msg.narrate.F1(t, input);
    },
    detail: none,
    flow: none,
  },
  F2: {
    computes: 'h',
    narrate: (_, t, msg) => msg.narrate.F2(t),
    detail: none,
    flow: none,
  },
  F3: {
    computes: 'o',
    narrate: ({ trace }, t, msg) => msg.narrate.F3(t, trace.k),
    detail: none,
    flow: none,
  },
  F4: {
    computes: 'yhat',
    narrate: (ctx, t, msg) => msg.narrate.F4(t, charOf(ctx.scenario.outputLabels, ctx.model.y[t - 1], msg), fmt(yhatOfTarget(ctx, t))),
    detail: none,
    flow: none,
  },
  F5: {
    computes: 'L',
    narrate: (ctx, t, msg) => {
      let running = 0;
      for (let i = 0; i < t; i++) running += ctx.trace.lossAt[i];
      return msg.narrate.F5(t, fmt(yhatOfTarget(ctx, t)), fmtLoss(ctx.trace.lossAt[t - 1]), fmtLoss(running));
    },
    detail: none,
    flow: none,
  },
  B1: {
    computes: 'gradO',
    narrate: ({ model, scenario }, t, msg) => msg.narrate.B1(t, charOf(scenario.outputLabels, model.y[t - 1], msg)),
    detail: none,
    flow: none,
  },
  B2: {
    computes: 'gradH',
    narrate: (_, t, msg) => msg.narrate.B2(t),
    detail: none,
    flow: gatherFlow,
  },
  B3: {
    computes: 'gradH',
    narrate: ({ trace }, t, msg) => {
      const K = truncationWindow(trace);
      return K > 0 ? msg.narrate.B3truncated(t, Math.min(trace.T, t + K - 1)) : msg.narrate.B3(t);
    },
    detail: (t) => `H@${t + 1}`,
    flow: gatherFlow,
  },
  B4: {
    computes: 'H',
    narrate: (_, t, msg) => msg.narrate.B4(t),
    detail: (t) => `H@${t}`,
    flow: none,
  },
  B5: {
    computes: 'gradA',
    narrate: (_, t, msg) => msg.narrate.B5(t),
    detail: (t) => `H@${t}`,
    flow: ({ trace }, t) => ({
      parts: [
        { kind: 'gate-in', t, values: rowAt(trace.gradH, t, trace.n), start: 0, span: 0.4 },
        { kind: 'gate-out', t, values: rowAt(trace.gradA, t, trace.n), start: 0.4, span: 0.4 },
      ],
      gate: t,
      target: { q: 'gradA', t, at: 0.82 },
    }),
  },
  G1: { computes: 'c', narrate: (_, t, msg) => msg.narrate.G1(t), detail: contributionDetail('c'), flow: none },
  G2: { computes: 'V', narrate: (_, t, msg) => msg.narrate.G2(t), detail: contributionDetail('V'), flow: none },
  G3: { computes: 'b', narrate: (_, t, msg) => msg.narrate.G3(t), detail: contributionDetail('b'), flow: none },
  G4: { computes: 'W', narrate: (_, t, msg) => msg.narrate.G4(t), detail: contributionDetail('W'), flow: none },
  G5: {
    computes: 'U',
    narrate: (_, t, msg) => msg.narrate.G5(t, t === 1),
    detail: contributionDetail('U'),
    flow: none,
  },
  END: {
    computes: 'total',
    narrate: ({ trace }, _t, msg) => msg.narrate.END(fmtLoss(trace.loss), trace.T),
    detail: () => 'END',
    flow: none,
  },
};

/** Everything one stop of the walk shows, as plain values: the views render this and nothing else. */
export interface StepView {
  index: number;
  /** First fine index of the stop (index itself in the fine walk; the group's first step in the coarse one). */
  spanFrom: number;
  step: Step;
  /** The step as a link key: `F1@3`, `B3@2`, `END`. */
  key: string;
  /** "Backward, t = 2" */
  heading: string;
  /** "Backward · t = 2 · B3", under the scrubber */
  label: string;
  /** "step 40 of 57" */
  count: string;
  /** The formulas of the stop: one, or in the coarse walk each of its group (shown compactly). */
  formulas: FormulaView[];
  compact: boolean;
  /** One sentence (a coarse stop: its first and last steps'). */
  narration: string;
  detail: DetailKey | null;
  flow: FlowSpec | null;
}

/** The words for a step under the scrubber: "Forward · t = 3 · F2" (F1–G5 and the end). */
export function stepLabel(step: Step, lang: Lang = 'en'): string {
  const msg = coreMessages(lang);
  return step.phase === 'end' ? msg.endLabel : msg.label(msg.phase[step.phase], step.t, step.id);
}

/**
 * F1–G5 and the end: the view of the stop at fine index `index` whose group
 * starts at `spanFrom` (the formulas' TeX, the narration, the detail picture
 * and the flow of model.md's formula at that step), its words in `lang`. Pure:
 * the same trace, indices and language give the same value.
 */
export function stepView(ctx: StepContext, index: number, spanFrom = index, lang: Lang = 'en'): StepView {
  const msg = coreMessages(lang);
  const T = ctx.trace.T;
  const step = stepAt(T, index);
  const def = STEPS[step.id];
  const formulas: FormulaView[] = [];
  for (let i = spanFrom; i <= index; i++) formulas.push(formulaView(ctx, stepAt(T, i), lang));
  const first = stepAt(T, spanFrom);
  const at = (s: Step) => (s.phase === 'end' ? '' : msg.at(msg.phase[s.phase], s.t));
  let narration = at(first) + STEPS[first.id].narrate(ctx, first.t, msg);
  // A coarse stop: its first step's sentence, then its last one's without the phase and t said again.
  if (spanFrom !== index) narration += ' … ' + def.narrate(ctx, step.t, msg);
  return {
    index,
    spanFrom,
    step,
    key: stepKey(step),
    heading: step.phase === 'end' ? msg.phase.end : msg.heading(msg.phase[step.phase], step.t),
    label: stepLabel(step, lang),
    count: msg.count(formatNumber(index + 1, lang), formatNumber(stepCount(T), lang)),
    formulas,
    compact: formulas.length > 1,
    narration,
    detail: def.detail(step.t),
    flow: def.flow(ctx, step.t),
  };
}
