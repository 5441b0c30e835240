import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { computeTrace, presetScenario, stepAt, stepCount, stepView, toModel, validateScenario, type Scenario } from '../../src/core';
import { FACTS, formulaView } from '../../src/core/formulas';
import { readJson } from './helpers';

const trust = (ctx: { command: string }) => ctx.command === '\\htmlClass' || ctx.command === '\\htmlData';

function render(tex: string): string {
  return katex.renderToString(tex, { throwOnError: true, displayMode: true, trust, strict: 'ignore', output: 'htmlAndMathml' });
}

function contextOf(s: unknown) {
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.errors[0].message);
  const model = toModel(v.scenario);
  return { model, trace: computeTrace(model), scenario: v.scenario as Scenario };
}

describe('formulas and narration for every step', () => {
  const cases: [string, unknown][] = [
    ['hello', presetScenario('hello')],
    ['random4 (n = 15: no numbers)', readJson('random4.scenario.json')],
    ['random2 (T = 1)', readJson('random2.scenario.json')],
  ];
  for (const [name, s] of cases) {
    it(`${name}: every formula is valid KaTeX, linked to the diagram, and narrated`, () => {
      const ctx = contextOf(s);
      const T = ctx.trace.T;
      for (let i = 0; i < stepCount(T); i++) {
        const step = stepAt(T, i);
        const v = formulaView(ctx, step);
        expect(v.id).toBe(step.id);
        for (const tex of [v.general, v.atT, v.numeric, ...(v.extra ?? []).map((e) => e.tex)]) {
          if (tex === undefined) continue;
          const html = render(tex);
          expect(html).toContain('data-term=');
          expect(html).not.toMatch(/NaN|undefined/);
        }
        const sentence = stepView(ctx, i).narration;
        expect(sentence).not.toMatch(/NaN|undefined/);
        expect(sentence.length).toBeGreaterThan(20);
      }
    });
  }
  it('hello F1@3 fills in t and shows the numbers of a⁽³⁾', () => {
    const ctx = contextOf(presetScenario('hello'));
    const v = formulaView(ctx, { id: 'F1', t: 3, phase: 'forward' });
    expect(v.atT).toContain('a^{(3)}');
    expect(v.atT).toContain('h^{(2)}');
    expect(v.numeric).toContain('0.842'); // a⁽³⁾₁ = 0.8416…
  });
  it('a negative entry of a row of numbers keeps a unary minus (no “0.470 − 0.604” that reads as a subtraction)', () => {
    // KaTeX makes a minus binary after an ordinary atom, spaces between them or not; a group of its own stays unary.
    // Neither row subtracts: any binary minus in them is a misread entry.
    const rows = [
      formulaView(contextOf(presetScenario('hello')), { id: 'G4', t: 2, phase: 'backward' }).numeric!,
      formulaView(contextOf(readJson('random4.scenario.json')), { id: 'F1', t: 1, phase: 'forward' }).numeric!,
    ];
    for (const tex of rows) {
      expect(tex).toMatch(/-0\.\d/);
      expect(render(tex)).not.toContain('class="mbin">−');
    }
  });
  it('every background fact renders', () => {
    for (const f of Object.values(FACTS)) expect(render(f.tex)).toContain('katex');
  });
});
