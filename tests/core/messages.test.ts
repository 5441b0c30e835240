import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { charModel, computeTrace, errorText, factView, formulaView, GenerateError, langFromLocales, parseScenario, presetScenario, scenarioErrorText, stepAt, stepCount, stepLabel, stepView, toModel, traceOptionErrors, validateScenario, type Scenario, type ScenarioError } from '../../src/core';
import { en, zhTW, type CoreMessages, type ErrorRule } from '../../src/core/messages';
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

describe('refusals in both languages', () => {
  const hello = JSON.parse(JSON.stringify(presetScenario('hello'))) as Record<string, unknown> & { params: Record<string, unknown> };
  /** Broken scenarios, generator options and lessons: between them they break every rule of the catalogue. */
  function refusals(): ScenarioError[] {
    const out: ScenarioError[] = [];
    const scenarios: unknown[] = [
      null, {}, { format: 'x' }, { ...hello, title: 5 }, { ...hello, title: 'a'.repeat(500) }, { ...hello, x: 'no' }, { ...hello, x: [] },
      { ...hello, x: [5] }, { ...hello, x: [[1, 2], [1]] }, { ...hello, x: [[1, 'a', 1e300, 0]] }, { ...hello, x: Array.from({ length: 5000 }, () => [1]) },
      { ...hello, params: undefined }, { ...hello, params: [] }, { ...hello, params: { ...hello.params, W: [[1, 2], [3], 4] } }, { ...hello, params: { ...hello.params, W: [] } },
      { ...hello, params: { ...hello.params, W: [[1]], U: undefined } }, { ...hello, params: { ...hello.params, b: 'q' } }, { ...hello, params: { ...hello.params, b: [1] } },
      { ...hello, params: { ...hello.params, V: 'q' } }, { ...hello, params: { ...hello.params, U: 'q' } }, { ...hello, params: { ...hello.params, U: [[1]] } },
      { ...hello, y: [0, 9, 'a', 1.5] }, { ...hello, y: [0] }, { ...hello, y: undefined }, { ...hello, inputLabels: 4 }, { ...hello, inputLabels: ['a'] },
      { ...hello, inputLabels: ['a', 1, 'b'.repeat(300), 'c'] }, { ...hello, options: 3 }, { ...hello, options: { truncate: 0, clip: -1, foo: 1 } }, { ...hello, lesson: 5 },
      { ...hello, lesson: Array.from({ length: 300 }, () => ({})) }, { ...hello, lesson: [3] }, { ...hello, lesson: [{ step: 3 }] }, { ...hello, lesson: [{ step: 'X' }] },
      { ...hello, lesson: [{ step: 'END', note: 'a' }, { step: 'END', note: 'b' }] }, { ...hello, lesson: [{ step: 'END', note: 1 }] }, { ...hello, lesson: [{ step: 'END', note: 'a'.repeat(3000) }] },
      { ...hello, x: [[]] }, { ...hello, params: { ...hello.params, V: Array.from({ length: 300 }, () => [0, 0, 0]) } },
    ];
    for (const v of scenarios) {
      const r = validateScenario(v);
      if (!r.ok) out.push(...r.errors);
    }
    const p = parseScenario('{');
    if (!p.ok) out.push(...p.errors);
    out.push(...traceOptionErrors({ truncate: 'a' }));
    const opts = [{ text: 'a' }, { text: 'ab'.repeat(3000) }, { hidden: 0 }, { scale: -1 }, { seed: 1.5 }, { title: 'x'.repeat(999) }, { text: Array.from({ length: 400 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('') }];
    for (const o of opts) {
      try {
        charModel({ text: 'ab', hidden: 2, scale: 1, seed: 1, ...o });
      } catch (e) {
        if (!(e instanceof GenerateError)) throw e;
        out.push({ ...e.error, message: e.message });
      }
    }
    return out;
  }

  it('every refusal carries its rule: worded from it, the English is the message itself', () => {
    const all = refusals();
    const rules = new Set(all.map((e) => e.rule));
    // Every rule but those the app's sources make (an unknown preset, a file to open again), the header's file that is
    // not JSON, and `incomplete`, which no value reaches (a missing size is always reported with its own cause first).
    const others: ErrorRule[] = ['unknownPreset', 'reopenFile', 'fileNotJson', 'incomplete'];
    for (const rule of Object.keys(en.errors.rule) as ErrorRule[]) if (!others.includes(rule)) expect(rules.has(rule), rule).toBe(true);
    for (const e of all) {
      expect(e.rule, e.message).toBeDefined();
      expect(scenarioErrorText(e, 'en')).toBe(e.message);
    }
  });

  it('in zh-TW a refusal names its field and says the rest in Chinese', () => {
    for (const e of refusals()) {
      const zh = scenarioErrorText(e, 'zh-TW');
      expect(zh.startsWith(e.field), zh).toBe(true);
      expect(zh, e.message).toMatch(/[\u4e00-\u9fff]/);
      // Values shown as they are (a JSON parser's reason, a quoted string) are no words of the catalogue's.
      let words = zh.slice(e.field.length);
      for (const v of Object.values(e.params ?? {})) if (typeof v === 'string' && !v.startsWith('@')) words = words.replace(v, '');
      // What is left in Latin letters: JSON keys, symbols, the format's name.
      const latin = (words.match(/[A-Za-z]{3,}/g) ?? []).filter((w) => !['bptt', 'scenario', 'JSON', 'truncate', 'clip', 'step', 'note', 'logits', 'null'].includes(w));
      expect(latin, `${e.message} → ${zh}`).toEqual([]);
    }
    expect(errorText({ field: 'y[0]', rule: 'classIndex', params: { got: '7', max: 1, by: 'params.V' } }, 'zh-TW')).toBe('y[0] = 7 不是 0…1 的類別編號：params.V 有 2 列（k = 2）');
    expect(errorText({ field: 'x', rule: 'notList', params: { what: 'xRows', got: '@object' } }, 'zh-TW')).toBe('x: 應為串列（T 列，每列 m 個數，x^(1) … x^(T)），卻是 一個物件');
  });
});
