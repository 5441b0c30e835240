import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { computeTrace, factView, formulaView, langFromLocales, presetScenario, stepAt, stepCount, stepLabel, stepView, toModel, validateScenario, type Scenario } from '../../src/core';
import { en, zhTW, type CoreMessages } from '../../src/core/messages';
import { shapeOf, stringsOf } from '../catalogue';

function helloContext() {
  const v = validateScenario(presetScenario('hello'));
  if (!v.ok) throw new Error(v.errors[0].message);
  const model = toModel(v.scenario);
  return { model, trace: computeTrace(model), scenario: v.scenario as Scenario };
}

/** Latin words of two letters or more that are not a function's name (tanh, softmax, log, diag) or a symbol. */
function englishWords(s: string): string[] {
  const allowed = new Set(['tanh', 'softmax', 'log', 'diag', 'logits', 'Jacobian']);
  return (s.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !allowed.has(w));
}

/** KaTeX with the app's trust, refusing anything it would only warn about (but the trusted \htmlData). */
function renderStrict(tex: string): string {
  const trust = (ctx: { command: string }) => ctx.command === '\\htmlData';
  return katex.renderToString(tex, { throwOnError: true, displayMode: true, trust, strict: (code: string) => (code === 'htmlExtension' ? 'ignore' : 'error'), output: 'htmlAndMathml' });
}

describe('the core catalogue (narration, step labels, formula titles)', () => {
  it('zh-TW has exactly the keys of English, with the same parameters, and no empty string', () => {
    expect(shapeOf(zhTW)).toEqual(shapeOf(en));
    for (const [path, s] of [...stringsOf(en), ...stringsOf(zhTW)]) expect(s.trim(), path).not.toBe('');
  });

  it('a catalogue without a key is a type error, not a blank', () => {
    const rest = Object.fromEntries(Object.entries(zhTW).filter(([k]) => k !== 'endLabel')) as Omit<typeof zhTW, 'endLabel'>;
    // @ts-expect-error endLabel is missing
    const broken: CoreMessages = rest;
    expect(broken).not.toHaveProperty('endLabel');
  });

  it('every step of hello is narrated in 繁體中文, with no English sentence left', () => {
    const ctx = helloContext();
    const T = ctx.trace.T;
    for (let i = 0; i < stepCount(T); i++) {
      const zh = stepView(ctx, i, i, 'zh-TW');
      const enView = stepView(ctx, i, i, 'en');
      expect(zh.narration, zh.key).toMatch(/[\u4e00-\u9fff]/);
      expect(englishWords(zh.narration), `${zh.key}: ${zh.narration}`).toEqual([]);
      expect(zh.narration).not.toMatch(/Forward|Backward|NaN|undefined/);
      expect(englishWords(zh.heading + zh.label + zh.count), zh.key).toEqual([]);
      // The same step: its key, detail and formulas' TeX are the language's only in the words.
      expect(zh.key).toBe(enView.key);
      expect(zh.detail).toBe(enView.detail);
      expect(zh.formulas.map((f) => f.general)).toEqual(enView.formulas.map((f) => f.general));
      for (const f of zh.formulas) {
        expect(englishWords(f.title), `${f.id}: ${f.title}`).toEqual([]);
        for (const tex of [f.atT, f.numeric, ...(f.extra ?? []).map((e) => e.tex)]) if (tex) expect(renderStrict(tex)).toContain('katex');
        for (const e of f.extra ?? []) expect(e.label).not.toBe('');
      }
    }
  });

  it('hello in zh-TW at F1@1, B3@2, G4@3 and the end', () => {
    const ctx = helloContext();
    const at = (key: string) => {
      for (let i = 0; i < stepCount(4); i++) {
        const v = stepView(ctx, i, i, 'zh-TW');
        if (v.key === key) return v;
      }
      throw new Error(key);
    };
    expect(at('F1@1').narration).toBe('前向傳播，t = 1：a⁽¹⁾ = b + W h⁽⁰⁾ + U x⁽¹⁾ 把輸入「h」與記憶 h⁽⁰⁾ 結合起來。');
    expect(at('B3@2').narration).toBe('反向傳播，t = 2：∇h⁽²⁾ 匯集兩個來源：W⊤H⁽³⁾∇h⁽³⁾ 與 V⊤∇o⁽²⁾。');
    expect(at('B3@2').heading).toBe('反向傳播，t = 2');
    expect(at('B3@2').count).toBe('第 40 步，共 57 步');
    expect(at('G4@3').narration).toBe('反向傳播，t = 3：時間步 3 把 ∇a⁽³⁾ h⁽²⁾⊤ 加進 ∇W L。');
    expect(at('END').narration).toBe('完成：4 個時間步的總損失 L = 5.2020，五個梯度 ∇c、∇V、∇b、∇W、∇U 都已算出。');
    expect(stepLabel(stepAt(4, 39), 'zh-TW')).toBe('反向傳播 · t = 2 · B3');
    expect(stepLabel(stepAt(4, 56), 'zh-TW')).toBe('結束：總損失與梯度');
  });

  it('a coarse stop in zh-TW says its phase and t once', () => {
    const ctx = helloContext();
    const v = stepView(ctx, 5 * 4 + 9 * 2 + 8, 5 * 4 + 9 * 2, 'zh-TW');
    expect(v.narration).toMatch(/^反向傳播，t = 2：∇o⁽²⁾ .* … 時間步 2 把 ∇a⁽²⁾ x⁽²⁾⊤ 加進 ∇U L。$/);
    expect(v.narration.match(/反向傳播/g)).toHaveLength(1);
  });

  it('English stays the default: the narration and facts are the English ones', () => {
    const ctx = helloContext();
    expect(stepView(ctx, 0).narration).toBe(stepView(ctx, 0, 0, 'en').narration);
    expect(stepView(ctx, 0).narration).toMatch(/^Forward, t = 1: /);
    expect(formulaView(ctx, stepAt(4, 0)).title).toBe('Pre-activation: input plus memory');
    expect(factView('J3').title).toBe('J3 · why H is diagonal');
    expect(factView('J3', 'zh-TW').title).toBe('J3 · 為什麼 H 是對角矩陣');
    expect(factView('J2', 'zh-TW').tex).toContain('因此對');
    expect(renderStrict(factView('J2', 'zh-TW').tex)).toContain('katex');
  });

  it('the browser languages pick the first language the app has', () => {
    expect(langFromLocales(['zh-TW'])).toBe('zh-TW');
    expect(langFromLocales(['zh-HK', 'en'])).toBe('zh-TW');
    expect(langFromLocales(['zh-MO'])).toBe('zh-TW');
    expect(langFromLocales(['zh-Hant'])).toBe('zh-TW');
    expect(langFromLocales(['zh-Hant-TW'])).toBe('zh-TW');
    expect(langFromLocales(['fr-FR', 'zh-TW'])).toBe('zh-TW');
    expect(langFromLocales(['en-US', 'zh-TW'])).toBe('en');
    expect(langFromLocales(['zh-CN'])).toBe('en');
    expect(langFromLocales(['zh-Hans-HK'])).toBe('en');
    expect(langFromLocales([])).toBe('en');
    expect(langFromLocales(undefined)).toBe('en');
  });
});
