import { describe, expect, it } from 'vitest';
import { en } from '../../src/ui/i18n/en';
import { zhTW } from '../../src/ui/i18n/zh-TW';
import { t, type UiMessages } from '../../src/ui/i18n';
import { shapeOf, stringsOf } from '../catalogue';

describe('the UI catalogue', () => {
  it('zh-TW has exactly the keys of English, with the same parameters, and no empty string', () => {
    expect(shapeOf(zhTW)).toEqual(shapeOf(en));
    expect(shapeOf(en).length).toBeGreaterThan(80);
    for (const [path, s] of [...stringsOf(en), ...stringsOf(zhTW)]) expect(s.trim(), path).not.toBe('');
  });

  it('every zh-TW string is written in Chinese, or is a key name, a term the notes keep in Latin letters, or a symbol', () => {
    // The help's key names (→ / ←, Home / End, F / C…) stay as they are in every language.
    const keyName = /^help\.keys\.\w+\.key$/;
    // So do the names of functions, matrices and file types that the course notes write in Latin letters.
    const terms = new Set(['Jacobian', 'softmax', 'tanh', 'diag', 'LaTeX', 'SVG', 'PNG', 'JSON', 'TeX', 'BPTT', 'RNN']);
    for (const [path, s] of stringsOf(zhTW)) {
      if (keyName.test(path) || /[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/.test(s)) continue;
      expect((s.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !terms.has(w)), `${path}: ${s}`).toEqual([]);
    }
  });

  it('a catalogue without a key is a type error, not a blank', () => {
    const rest = Object.fromEntries(Object.entries(zhTW).filter(([k]) => k !== 'help')) as Omit<typeof zhTW, 'help'>;
    // @ts-expect-error help is missing
    const broken: UiMessages = rest;
    expect(broken).not.toHaveProperty('help');
  });

  it('t(lang) gives the language’s catalogue; messages with parameters fill them in', () => {
    expect(t('en').header.refused('y[0]: bad')).toBe('Scenario refused — y[0]: bad. The previous scenario is still shown.');
    expect(t('zh-TW').header.refused('y[0]: bad')).toBe('情境未被接受——y[0]: bad。畫面仍顯示先前的情境。');
    expect(t('zh-TW').details.hSaturated('0.1', [1, 3])).toBe('飽和（H < 0.1）：單元 1、3。');
    expect(t('en').details.hSaturated('0.1', [1, 3])).toBe('Saturated (H < 0.1): unit 1, 3.');
  });
});
