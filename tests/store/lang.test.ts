import { describe, expect, it } from 'vitest';
import { indexOf } from '../../src/core';
import { createAppStore } from '../../src/store/store';
import { formatHash, parseHash } from '../../src/store/urlHash';

describe('the language', () => {
  it('is English by default (no browser, no address), and the view is worded again when it changes', () => {
    const s = createAppStore();
    expect(s.getState().lang).toBe('en');
    s.getState().goTo(indexOf(4, 'B3', 2));
    expect(s.getState().view.narration).toMatch(/^Backward, t = 2: /);
    const before = s.getState().view;
    s.getState().setLang('zh-TW');
    const after = s.getState().view;
    expect(after.narration).toMatch(/^反向傳播，t = 2：/);
    expect(after.heading).toBe('反向傳播，t = 2');
    expect(after.formulas[0].title).toBe('∇h 匯集兩個來源：下一個時間步與輸出');
    // The same stop: only its words changed.
    expect(after.key).toBe(before.key);
    expect(after.formulas[0].general).toBe(before.formulas[0].general);
    expect(s.getState().index).toBe(before.index);
  });

  it('stays through moves, mode changes and a new scenario', () => {
    const s = createAppStore();
    s.getState().setLang('zh-TW');
    s.getState().next();
    expect(s.getState().view.narration).toMatch(/^前向傳播，t = 1：/);
    s.getState().setMode('coarse');
    expect(s.getState().view.narration).toMatch(/^前向傳播，t = 1：.* … /);
    expect(s.getState().loadSource({ kind: 'preset', id: 'saturated' })).toBe(true);
    expect(s.getState().view.narration).toMatch(/^前向傳播/);
    s.getState().setLang('en');
    expect(s.getState().view.narration).toMatch(/^Forward, t = 1: /);
  });

  it('is in the address when it is not English, and read back from it', () => {
    const src = { kind: 'preset', id: 'hello' } as const;
    const i = indexOf(4, 'B3', 2);
    expect(formatHash(src, 4, i, 'fine')).toBe('#preset=hello&step=B3@2');
    expect(formatHash(src, 4, i, 'fine', false, 'en')).toBe('#preset=hello&step=B3@2');
    expect(formatHash(src, 4, i, 'fine', false, 'zh-TW')).toBe('#preset=hello&step=B3@2&lang=zh-TW');
    expect(formatHash(src, 4, i, 'fine', false, 'en', true)).toBe('#preset=hello&step=B3@2&lang=en');
    expect(parseHash('#preset=hello&step=B3@2&lang=zh-TW')?.lang).toBe('zh-TW');
    expect(parseHash('#preset=hello&lang=en')?.lang).toBe('en');
    expect(parseHash('#preset=hello&lang=fr')?.lang).toBeUndefined();
    expect(parseHash('#lang=zh-TW')).toMatchObject({ source: src, lang: 'zh-TW' });
  });
});
