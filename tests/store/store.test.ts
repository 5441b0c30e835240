import { describe, expect, it } from 'vitest';
import { coarseStops, indexOf, stepAt, stepCount, stepKey } from '../../src/core';
import { createAppStore } from '../../src/store/store';
import { formatHash, parseHash, stepIndexOf } from '../../src/store/urlHash';
import { en } from '../../src/ui/i18n/en';
import { readJson } from '../core/helpers';

const key = (s: ReturnType<typeof createAppStore>) => stepKey(stepAt(s.getState().dims.T, s.getState().index));

describe('the walk (fine)', () => {
  it('opens on the hello preset at F1@1 with its trace computed once', () => {
    const s = createAppStore();
    const st = s.getState();
    expect(st.scenario.title).toBe('hello: predict the next character');
    expect(st.trace.loss).toBeCloseTo(5.202013350838227, 12);
    expect(st.stepTotal).toBe(57);
    expect(key(s)).toBe('F1@1');
  });

  it('steps through F1–F5 up, B1 B2|B3 B4 B5 G1–G5 down, then the end', () => {
    const s = createAppStore();
    const keys: string[] = [];
    for (let i = 0; i < 60; i++) {
      keys.push(key(s));
      s.getState().next();
    }
    expect(keys.slice(0, 6)).toEqual(['F1@1', 'F2@1', 'F3@1', 'F4@1', 'F5@1', 'F1@2']);
    expect(keys.slice(20, 30)).toEqual(['B1@4', 'B2@4', 'B4@4', 'B5@4', 'G1@4', 'G2@4', 'G3@4', 'G4@4', 'G5@4', 'B1@3']);
    expect(keys[30]).toBe('B3@3');
    expect(keys[56]).toBe('END');
    expect(keys[59]).toBe('END'); // next at the end stays
    expect(s.getState().direction).toBe(1);
    s.getState().prev();
    expect(key(s)).toBe('G5@1');
    expect(s.getState().direction).toBe(-1);
  });

  it('PageDown/PageUp keep the formula and move a whole t; Home/End jump', () => {
    const s = createAppStore();
    s.getState().goTo(indexOf(4, 'F3', 1));
    s.getState().nextT();
    expect(key(s)).toBe('F3@2');
    s.getState().prevT();
    s.getState().prevT();
    expect(key(s)).toBe('F1@1');
    s.getState().goTo(indexOf(4, 'F2', 4));
    s.getState().nextT();
    expect(key(s)).toBe('B1@4');
    s.getState().goTo(indexOf(4, 'G4', 3));
    s.getState().nextT();
    expect(key(s)).toBe('G4@2');
    s.getState().last();
    expect(key(s)).toBe('END');
    s.getState().prevT();
    expect(key(s)).toBe('B1@1');
    s.getState().first();
    expect(key(s)).toBe('F1@1');
  });
});

describe('the coarse walk', () => {
  it('stops once per t and phase, and highlights the whole group', () => {
    const s = createAppStore();
    s.getState().setMode('coarse');
    expect(key(s)).toBe('F5@1');
    expect(s.getState().spanFrom).toBe(0);
    const keys: string[] = [];
    for (let i = 0; i < 9; i++) {
      keys.push(key(s));
      s.getState().next();
    }
    expect(keys).toEqual(['F5@1', 'F5@2', 'F5@3', 'F5@4', 'G5@4', 'G5@3', 'G5@2', 'G5@1', 'END']);
    s.getState().goTo(indexOf(4, 'B4', 3)); // snaps to the end of its group
    expect(key(s)).toBe('G5@3');
    expect(stepKey(stepAt(4, s.getState().spanFrom))).toBe('B1@3');
    s.getState().setMode('fine');
    expect(s.getState().spanFrom).toBe(s.getState().index);
  });

  it('coarse stops are the last fine step of each group', () => {
    for (const T of [1, 2, 7]) {
      const stops = coarseStops(T);
      expect(stops).toHaveLength(2 * T + 1);
      expect(stops[stops.length - 1]).toBe(stepCount(T) - 1);
      for (const i of stops.slice(0, -1)) expect(['F5', 'G5']).toContain(stepAt(T, i).id);
    }
  });
});

describe('playback', () => {
  it('ticks one stop at a time and stops at the end', () => {
    const s = createAppStore();
    s.getState().play();
    for (let i = 0; i < 56; i++) s.getState().tick();
    expect(key(s)).toBe('END');
    expect(s.getState().playing).toBe(false);
    s.getState().tick();
    expect(key(s)).toBe('END');
    // Playing from the end starts over.
    s.getState().play();
    expect(key(s)).toBe('F1@1');
    expect(s.getState().playing).toBe(true);
    s.getState().togglePlay();
    expect(s.getState().playing).toBe(false);
    s.getState().setSpeed(100);
    expect(s.getState().speed).toBe(4);
  });
});

describe('scenarios', () => {
  it('refuses a bad scenario with a message naming the field, keeping what it showed', () => {
    const s = createAppStore();
    s.getState().goTo(10);
    const bad = readJson('random1.scenario.json') as { params: { W: number[][] } };
    bad.params.W[1] = [1];
    expect(s.getState().loadScenario(bad, { kind: 'file', name: 'bad.json' })).toBe(false);
    expect(s.getState().loadError).toMatch(/^params\.W: row 1 has 1 number, but params\.W has 2 rows \(n = 2\)/);
    expect(s.getState().dims.T).toBe(4);
    expect(s.getState().index).toBe(10);
    s.getState().dismissError();
    expect(s.getState().loadError).toBeNull();
  });

  it('loads a file scenario, recomputing the trace and the walk, at a given step', () => {
    const s = createAppStore();
    const ok = s.getState().loadScenario(readJson('random5.scenario.json'), { kind: 'file', name: 'r5.json' }, 30);
    expect(ok).toBe(true);
    expect(s.getState().dims).toEqual({ T: 37, n: 3, m: 5, k: 9 });
    expect(s.getState().stepTotal).toBe(14 * 37 + 1);
    expect(s.getState().trace.loss).toBeCloseTo(81.2535678066065, 9);
    expect(s.getState().index).toBe(30);
  });

  it('loads presets and generated character models; an unknown preset is refused', () => {
    const s = createAppStore();
    expect(s.getState().loadSource({ kind: 'preset', id: 'long' })).toBe(true);
    expect(s.getState().dims.T).toBe(43);
    expect(s.getState().loadSource({ kind: 'generated', opts: { text: 'abcab', hidden: 2, scale: 1, seed: 5 } })).toBe(true);
    expect(s.getState().dims).toEqual({ T: 4, n: 2, m: 3, k: 3 });
    expect(s.getState().loadSource({ kind: 'preset', id: 'nope' })).toBe(false);
    expect(s.getState().loadError).toMatch(/^preset: "nope"/);
    expect(s.getState().loadSource({ kind: 'generated', opts: { text: 'a', hidden: 2, scale: 1, seed: 5 } })).toBe(false);
    expect(s.getState().loadError).toMatch(/^text:/);
    expect(s.getState().dims.T).toBe(4);
  });

  it('hover is one key shared by diagram and formulas', () => {
    const s = createAppStore();
    s.getState().setHover('h@2', 1);
    expect(s.getState().hover).toBe('h@2');
    expect(s.getState().hoverUnit).toBe(1);
    s.getState().setHover(null);
    expect(s.getState().hoverUnit).toBeNull();
  });

  it('a fact opened stays open across steps until closed, and is listed once', () => {
    const s = createAppStore();
    const before = s.getState().openFacts;
    s.getState().setFactOpen('J3', false);
    expect(s.getState().openFacts).toBe(before);
    s.getState().setFactOpen('J3', true);
    s.getState().setFactOpen('J3', true);
    s.getState().next();
    expect(s.getState().openFacts).toEqual(['J3']);
    s.getState().setFactOpen('J1', true);
    s.getState().setFactOpen('J3', false);
    expect(s.getState().openFacts).toEqual(['J1']);
  });
});

describe('the URL hash', () => {
  it('round-trips source, step and mode', () => {
    const h = formatHash({ kind: 'preset', id: 'hello' }, 4, indexOf(4, 'B3', 2), 'fine');
    expect(h).toBe('#preset=hello&step=B3@2');
    const back = parseHash(h);
    expect(back?.source).toEqual({ kind: 'preset', id: 'hello' });
    expect(stepIndexOf(4, back?.step)).toBe(indexOf(4, 'B3', 2));
    const g = formatHash({ kind: 'generated', opts: { text: 'hi there', hidden: 5, scale: 0.5, seed: 9 } }, 7, 0, 'coarse');
    expect(parseHash(g)).toMatchObject({ source: { kind: 'generated', opts: { text: 'hi there', hidden: 5, scale: 0.5, seed: 9 } }, step: 'F1@1', mode: 'coarse', problems: [] });
  });
  it('lists what a hash holds that the app does not know, and still uses the rest', () => {
    const h = parseHash('#preset=long&step=B3@2&zoom=3&mode=sideways&lang=fr');
    expect(h?.source).toEqual({ kind: 'preset', id: 'long' });
    expect(h?.step).toBe('B3@2');
    expect(h?.mode).toBeUndefined();
    expect(h?.problems.map(en.link.problem)).toEqual(['“zoom” is not a link parameter', 'mode “sideways” is not fine or coarse', 'lang “fr” is not en or zh-TW']);
    expect(en.link.problem(parseHash('#' + 'x'.repeat(100000))!.problems[0])).toMatch(/^“x{24}…” is not a link parameter$/);
  });
  it('ignores unknown or impossible steps', () => {
    expect(stepIndexOf(4, 'B2@3')).toBe(0); // B2 only at t = T
    expect(stepIndexOf(4, 'F1@9')).toBe(0);
    expect(stepIndexOf(4, 'nonsense')).toBe(0);
    expect(stepIndexOf(4, 'END')).toBe(56);
    expect(parseHash('')).toBeNull();
  });
});
