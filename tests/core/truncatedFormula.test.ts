/**
 * B3 under truncated BPTT (E3): the formula is the truncated sum, says so, and
 * its numbers add up (what comes from later steps plus the step's own output
 * is the truncated ∇h^(t)), where B3's recursion no longer holds.
 */
import { describe, expect, it } from 'vitest';
import { b3Sources, computeTrace, formulaView, indexOf, presetScenario, rowAt, stepAt, stepView, toModel, truncationWindow } from '../../src/core';

describe('B3 with truncate = K', () => {
  const scenario = presetScenario('hello')!;
  const model = toModel(scenario);

  it('K < T: the general form is E3’s sum, with a note in both languages; the sources add up to ∇h^(t)', () => {
    const trace = computeTrace(model, { truncate: 2 });
    expect(truncationWindow(trace)).toBe(2);
    const step = stepAt(4, indexOf(4, 'B3', 1));
    const v = formulaView({ model, trace, scenario }, step);
    expect(v.general).toContain('\\approx \\sum_{s=t}^{\\min(T,\\,t+K-1)}');
    expect(v.atT).toContain('\\sum_{s=1}^{2}');
    expect(v.note).toMatch(/K = 2/);
    expect(formulaView({ model, trace, scenario }, step, 'zh-TW').note).toMatch(/截斷/);
    for (let t = 1; t < 4; t++) {
      const { fromNext, fromOut } = b3Sources(model, trace, t);
      const gh = rowAt(trace.gradH, t, 3);
      for (let i = 0; i < 3; i++) expect(fromNext[i] + fromOut[i]).toBeCloseTo(gh[i], 14);
    }
    // The narration says so too.
    const ctx = { model, trace, scenario };
    expect(stepView(ctx, indexOf(4, 'B3', 1)).narration).toContain('s = 1 … 2 only');
    expect(stepView(ctx, indexOf(4, 'B3', 1), undefined, 'zh-TW').narration).toContain('截斷');
    expect(stepView({ model, trace: computeTrace(model), scenario }, indexOf(4, 'B3', 1)).narration).toContain('gathers');
    // At t = 1 the recursion would give the full gradient, which differs.
    const full = computeTrace(model);
    expect(Math.abs(rowAt(full.gradH, 1, 3)[0] - rowAt(trace.gradH, 1, 3)[0])).toBeGreaterThan(1e-6);
  });

  it('K ≥ T is full BPTT: B3 as in the notes, no note', () => {
    const trace = computeTrace(model, { truncate: 4 });
    expect(truncationWindow(trace)).toBe(0);
    const v = formulaView({ model, trace, scenario }, stepAt(4, indexOf(4, 'B3', 2)));
    expect(v.note).toBeUndefined();
    expect(v.general).not.toContain('\\approx');
  });
});
