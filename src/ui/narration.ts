import { rowAt, type Model, type Scenario, type Step, type Trace } from '../core';
import { fmt, sup } from './format';

function charOf(labels: string[] | undefined, i: number): string {
  const l = labels?.[i];
  return l === undefined ? `class ${i}` : `“${l}”`;
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

/** One sentence per step, said by the polite live region and shown under the controls. */
export function narrate(step: Step, ctx: { model: Model; trace: Trace; scenario: Scenario }): string {
  const { model, trace, scenario } = ctx;
  const { t, T } = { t: step.t, T: trace.T };
  const k = trace.k;
  const s = sup(t);
  const fwd = `Forward, t = ${t}: `;
  const bwd = `Backward, t = ${t}: `;
  const y = model.y[t - 1];
  switch (step.id) {
    case 'F1': {
      const j = oneHotIndex(rowAt(model.x, t, trace.m));
      const input = j === undefined ? `the input x${s}` : `the input ${charOf(scenario.inputLabels, j)}`;
      return `${fwd}a${s} = b + W h${sup(t - 1)} + U x${s} mixes ${input} with the memory h${sup(t - 1)}.`;
    }
    case 'F2':
      return `${fwd}h${s} = tanh(a${s}) squashes each unit into (−1, 1).`;
    case 'F3':
      return `${fwd}o${s} = c + V h${s}, one score for each of the ${k} classes.`;
    case 'F4':
      return `${fwd}ŷ${s} = softmax(o${s}); the target ${charOf(scenario.outputLabels, y)} gets probability ${fmt(trace.yhat[(t - 1) * k + y])}.`;
    case 'F5': {
      let running = 0;
      for (let i = 0; i < t; i++) running += trace.lossAt[i];
      return `${fwd}L${s} = −log ${fmt(trace.yhat[(t - 1) * k + y])} = ${fmt(trace.lossAt[t - 1])}; running total L = ${fmt(running)}.`;
    }
    case 'B1':
      return `${bwd}∇o${s} = ŷ${s} − y${s}, the prediction minus the one-hot target ${charOf(scenario.outputLabels, y)}.`;
    case 'B2':
      return `${bwd}the last step, so ∇h${s} = V⊤∇o${s}: one path only.`;
    case 'B3':
      return `${bwd}∇h${s} gathers W⊤H${sup(t + 1)}∇h${sup(t + 1)} and V⊤∇o${s}.`;
    case 'B4':
      return `${bwd}H${s} = diag(1 − (h${s})²), the slope of tanh at each unit.`;
    case 'B5':
      return `${bwd}∇a${s} = H${s}∇h${s}, the gradient gated by the tanh slope.`;
    case 'G1':
      return `${bwd}step ${t} adds ∇o${s} to ∇c L.`;
    case 'G2':
      return `${bwd}step ${t} adds ∇o${s} h${s}⊤ to ∇V L.`;
    case 'G3':
      return `${bwd}step ${t} adds ∇a${s} = H${s}∇h${s} to ∇b L.`;
    case 'G4':
      return `${bwd}step ${t} adds ∇a${s} h${sup(t - 1)}⊤ to ∇W L.`;
    case 'G5':
      return `${bwd}step ${t} adds ∇a${s} x${s}⊤ to ∇U L${t === 1 ? '; all five gradients are complete' : ''}.`;
    case 'END':
      return `Done: L = ${fmt(trace.loss, 4)} over ${T} steps, and the five gradients ∇c, ∇V, ∇b, ∇W, ∇U are complete.`;
  }
}
