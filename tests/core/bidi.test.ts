/**
 * A label with right-to-left text or direction controls cannot turn the app's
 * own text around it: the narration and the diagram isolate it (U+2068 …
 * U+2069), and a formula shows its direction controls as `?`.
 */
import { describe, expect, it } from 'vitest';
import { computeTrace, formulaView, presetScenario, stepAt, stepView, toModel, validateScenario, type Scenario } from '../../src/core';
import { isolateBidi } from '../../src/core/format';

function ctx(inputLabels: string[], outputLabels: string[]) {
  const s = { ...(presetScenario('hello') as Scenario), inputLabels, outputLabels };
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.errors[0].message);
  const model = toModel(v.scenario);
  return { model, trace: computeTrace(model), scenario: v.scenario };
}

describe('isolateBidi', () => {
  it('leaves left-to-right text as it is', () => {
    for (const s of ['h', 'hello world', '漢字', '👩‍👩‍👧', '<img src=x>', '', ' ']) expect(isolateBidi(s)).toBe(s);
  });

  it('isolates right-to-left letters and direction controls, and drops closing isolates inside', () => {
    expect(isolateBidi('שלום')).toBe('\u2068שלום\u2069');
    expect(isolateBidi('مرحبا')).toBe('\u2068مرحبا\u2069');
    expect(isolateBidi('\u202eevil')).toBe('\u2068\u202eevil\u2069');
    expect(isolateBidi('a\u200fb')).toBe('\u2068a\u200fb\u2069');
    expect(isolateBidi('\u2069\u202eout')).toBe('\u2068\u202eout\u2069');
    expect(isolateBidi('\u{10900}')).toBe('\u2068\u{10900}\u2069');
  });
});

describe('labels with direction controls', () => {
  const c = ctx(['\u202eevil', 'e', 'l', 'o'], ['h', 'שלום\u202e', 'l', 'o']);

  it('the narration isolates them (en and zh-TW), plain labels are untouched', () => {
    expect(stepView(c, 0, 0, 'en').narration).toContain('the input “\u2068\u202eevil\u2069” with the memory');
    expect(stepView(c, 0, 0, 'zh-TW').narration).toContain('「\u2068\u202eevil\u2069」');
    // F4 at t = 1 names the target, label 1.
    expect(stepView(c, 3, 3, 'en').narration).toContain('the target “\u2068שלום\u202e\u2069”');
    const plain = ctx(['h', 'e', 'l', 'o'], ['h', 'e', 'l', 'o']);
    expect(stepView(plain, 0, 0, 'en').narration).toContain('the input “h” with');
  });

  it('a formula shows them as ?, its right-to-left letters as they are', () => {
    const f5 = formulaView(c, stepAt(4, 4), 'en');
    expect(f5.atT).toContain('\\text{“שלום?”}');
    expect(f5.atT).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});
