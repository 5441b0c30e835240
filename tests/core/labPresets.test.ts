/**
 * The presets that show E2: in `vanishing` the Jacobian products shrink with
 * the lag, in `exploding` they grow (the ratio of lag 10 to lag 1, from the
 * last loss back and from the first step forward), and σ_max(W) says why.
 */
import { describe, expect, it } from 'vitest';
import { computeTrace, jacobianNorms, meanH, presetScenario, spectralNorm, toModel } from '../../src/core';

function lagRatio(id: string): { back: number; forward: number; sigma: number; hBar: number } {
  const trace = computeTrace(toModel(presetScenario(id)!));
  const back = jacobianNorms(trace, { s: trace.T }, 10);
  const fwd = jacobianNorms(trace, { t: 1 }, 10);
  return {
    back: 10 ** (back.log10Norm[10] - back.log10Norm[1]),
    forward: 10 ** (fwd.log10Norm[10] - fwd.log10Norm[1]),
    sigma: spectralNorm(trace.W, trace.n, trace.n),
    hBar: meanH(trace),
  };
}

describe('E2 presets', () => {
  it('vanishing: σ_max(W) < 1 and the product at lag 10 is under a tenth of lag 1', () => {
    const r = lagRatio('vanishing');
    expect(r.sigma).toBeLessThan(1);
    expect(r.back).toBeLessThan(0.1);
    expect(r.forward).toBeLessThan(0.1);
  });

  it('exploding: σ_max(W) H̄ > 1 and the product at lag 10 is over ten times lag 1', () => {
    const r = lagRatio('exploding');
    expect(r.sigma * r.hBar).toBeGreaterThan(1);
    expect(r.back).toBeGreaterThan(10);
    expect(r.forward).toBeGreaterThan(10);
  });

  it('long, for comparison, vanishes too; hello is too short to say', () => {
    expect(lagRatio('long').back).toBeLessThan(1);
  });
});
