/**
 * Generated scenarios (generate.ts, presets.ts, prng.ts): character models,
 * random scenarios and presets are deterministic, well-formed and valid, and
 * scenarioToFile round-trips them to the same numbers.
 */
import { describe, expect, it } from 'vitest';
import {
  charModel,
  computeTrace,
  createRng,
  GenerateError,
  LIMITS,
  presetScenario,
  PRESETS,
  randomScenario,
  scenarioToFile,
  toModel,
  traceToFile,
  validateScenario,
  type CharModelOptions,
  type Scenario,
} from '../../src/core';

function valid(s: unknown): Scenario {
  const v = validateScenario(s);
  if (!v.ok) throw new Error(v.errors.map((e) => e.message).join('; '));
  return v.scenario;
}

const traceOf = (s: Scenario) => traceToFile(computeTrace(toModel(valid(s))));

const HELLO: CharModelOptions = { text: 'hello', hidden: 3, scale: 1, seed: 42 };

describe('the seeded generator', () => {
  it('gives the same numbers on every machine (frozen snapshot: sfc32 seeded through splitmix32)', () => {
    // Pure 32-bit integer arithmetic: these are exact, not approximate.
    const r = createRng(42);
    expect([r.next(), r.next(), r.next()].map((v) => v * 2 ** 32)).toEqual([1028872839, 2516511472, 400437680]);
    expect(createRng(-7).next() * 2 ** 32).toBe(4102765492);
    expect(createRng(0).int(1000)).toBe(979);
  });

  it('gives different streams for different seeds, and int(n) stays in 0 … n − 1', () => {
    const first = (seed: number) => createRng(seed).next();
    const seeds = [0, 1, 2, 3, 42, -1, -42, 2 ** 31, 2 ** 40 + 5, Number.MAX_SAFE_INTEGER];
    expect(new Set(seeds.map(first)).size).toBe(seeds.length);
    const r = createRng(9);
    for (let i = 0; i < 2000; i++) {
      const u = r.next();
      expect(u >= 0 && u < 1).toBe(true);
      const j = r.int(7);
      expect(Number.isInteger(j) && j >= 0 && j < 7).toBe(true);
    }
  });
});

describe('charModel', () => {
  it('is deterministic: the same options give a deep-equal scenario', () => {
    expect(charModel(HELLO)).toEqual(charModel({ ...HELLO }));
    expect(charModel({ ...HELLO, decimals: 2 })).toEqual(charModel({ ...HELLO, decimals: 2 }));
    expect(charModel({ ...HELLO, seed: 43 }).params.U).not.toEqual(charModel(HELLO).params.U);
  });

  it('draws U, then W, then V from the seed (frozen snapshot of "hello", hidden 3, seed 42)', () => {
    const s = charModel(HELLO);
    expect(s.params.U[0]).toEqual([-0.5208937493152916, 0.17184197157621384, -0.8135316744446754, -0.6026607556268573]);
    expect(s.params.V[3]).toEqual([-0.253660028334707, -0.4237799276597798, 0.7038576910272241]);
    const d = charModel({ ...HELLO, decimals: 2 });
    expect(d.params.U).toEqual([
      [-0.52, 0.17, -0.81, -0.6],
      [-0.11, 0.67, 0.7, 0.86],
      [-0.07, 0.98, -0.56, 0.44],
    ]);
    expect(d.params.W[2]).toEqual([0.04, 0.59, -0.88]);
  });

  it('keeps weights in [−scale, scale], rounds to the decimals asked, biases and h0 zero, no −0', () => {
    const s = charModel({ text: 'the quick brown fox', hidden: 6, scale: 0.3, seed: 5, decimals: 2 });
    for (const M of [s.params.U, s.params.W, s.params.V]) {
      for (const v of M.flat()) {
        expect(Math.abs(v)).toBeLessThanOrEqual(0.3);
        expect(Math.round(v * 100) / 100).toBe(v);
        expect(Object.is(v, -0)).toBe(false);
      }
    }
    expect(s.params.b).toEqual([0, 0, 0, 0, 0, 0]);
    expect(s.params.c.every((v) => v === 0)).toBe(true);
    expect(s.h0).toEqual([0, 0, 0, 0, 0, 0]);
    expect(charModel({ ...HELLO, scale: 0 }).params.W.flat().every((v) => v === 0)).toBe(true);
  });

  it('has the vocabulary of distinct characters in order of first appearance, one-hot x, next-character y', () => {
    const text = 'abracadabra';
    const s = charModel({ text, hidden: 2, scale: 1, seed: 0 });
    expect(s.inputLabels).toEqual(['a', 'b', 'r', 'c', 'd']);
    expect(s.outputLabels).toEqual(s.inputLabels);
    expect(s.x).toHaveLength(text.length - 1); // T = length − 1
    s.x.forEach((row, t) => {
      expect(row).toHaveLength(5);
      expect(row.filter((v) => v === 1)).toHaveLength(1);
      expect(row.filter((v) => v === 0)).toHaveLength(4);
      expect(s.inputLabels![row.indexOf(1)]).toBe(text[t]);
      expect(s.outputLabels![s.y[t]]).toBe(text[t + 1]);
    });
    expect(s.y).toEqual([1, 2, 0, 3, 0, 4, 0, 1, 2, 0]);
    expect(valid(s)).toBe(s);
    expect(validateScenario(s)).toMatchObject({ ok: true, dims: { T: 10, n: 2, m: 5, k: 5 } });
  });

  it('counts characters, not UTF-16 code units (an emoji is one character)', () => {
    const s = charModel({ text: 'a😀a😀b', hidden: 2, scale: 1, seed: 0 });
    expect(s.inputLabels).toEqual(['a', '😀', 'b']);
    expect(s.y).toEqual([1, 0, 1, 2]);
    expect(valid(s).x).toHaveLength(4);
  });

  it('makes valid scenarios up to the limits (T = LIMITS.T, n = LIMITS.n, m = LIMITS.m)', () => {
    const longText = 'ab'.repeat(LIMITS.T / 2) + 'c'; // T = LIMITS.T exactly
    expect(validateScenario(charModel({ text: longText, hidden: 2, scale: 1, seed: 1 }))).toMatchObject({
      ok: true,
      dims: { T: LIMITS.T, m: 3 },
    });
    const wide = Array.from({ length: LIMITS.m }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('');
    expect(validateScenario(charModel({ text: wide, hidden: 1, scale: 1, seed: 1 }))).toMatchObject({
      ok: true,
      dims: { m: LIMITS.m, k: LIMITS.m },
    });
    expect(validateScenario(charModel({ ...HELLO, hidden: LIMITS.n }))).toMatchObject({ ok: true, dims: { n: LIMITS.n } });
  });

  it('quotes the text in its title, cut short with … so the title stays within LIMITS.text', () => {
    expect(charModel(HELLO).title).toBe('“hello”: predict the next character');
    expect(charModel({ ...HELLO, title: 'mine' }).title).toBe('mine');
    const tail = '”: predict the next character';
    const fits = 'a'.repeat(LIMITS.text - 1 - tail.length);
    expect(charModel({ ...HELLO, text: fits }).title).toBe(`“${fits}${tail}`);
    for (const text of [fits + 'b', 'x'.repeat(LIMITS.T), '😀'.repeat(150), 'a' + '😀'.repeat(150)]) {
      const title = charModel({ ...HELLO, text }).title!;
      expect(title.length).toBeLessThanOrEqual(LIMITS.text);
      expect(title.length).toBeGreaterThanOrEqual(LIMITS.text - 1); // at most one code unit short (an emoji is two)
      expect(title.endsWith(`…${tail}`)).toBe(true);
      expect(text.startsWith(title.slice(1, -tail.length - 1))).toBe(true);
      expect(title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/); // no half of a character
    }
    expect(() => charModel({ ...HELLO, title: 't'.repeat(LIMITS.text + 1) })).toThrow(/^title: is longer than 200 characters$/);
  });

  it('makes valid scenarios of random texts, sizes and seeds', () => {
    const rng = createRng(77);
    const alphabet = 'abcdefgh .,😀é';
    for (let i = 0; i < 60; i++) {
      const chars = Array.from(alphabet);
      const len = 2 + rng.int(300);
      const text = Array.from({ length: len }, () => chars[rng.int(chars.length)]).join('');
      const opts = { text, hidden: 1 + rng.int(8), scale: rng.next() * 5, seed: rng.int(1e6) - 5e5, decimals: rng.int(2) ? 2 : undefined };
      const v = validateScenario(charModel(opts));
      if (!v.ok) expect.fail(`${JSON.stringify(opts)}: ${v.errors[0].message}`);
      expect(v.dims.T).toBe(Array.from(text).length - 1);
      expect(v.dims.n).toBe(opts.hidden);
    }
  });

  it('refuses options no scenario can be made from, naming the option', () => {
    const bad: [Partial<CharModelOptions>, RegExp][] = [
      [{ text: '' }, /^text: needs at least 2 characters/],
      [{ text: 'a' }, /^text: needs at least 2 characters/],
      [{ text: '😀' }, /^text: needs at least 2 characters/],
      [{ text: 'x'.repeat(LIMITS.T + 2) }, /^text: 1002 characters give T = 1001, past the limit of 1000/],
      [{ text: Array.from({ length: LIMITS.m + 1 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('') }, /^text: 257 distinct characters, past the limit of 256/],
      [{ hidden: 0 }, /^hidden: 0 is not a whole number 1…128$/],
      [{ hidden: LIMITS.n + 1 }, /^hidden: 129 is not a whole number/],
      [{ hidden: 2.5 }, /^hidden: 2\.5 is not a whole number/],
      [{ hidden: NaN }, /^hidden: NaN is not a whole number/],
      [{ scale: -1 }, /^scale: -1 is not a number 0…100$/],
      [{ scale: 101 }, /^scale: 101 is not a number/],
      [{ scale: Infinity }, /^scale: Infinity is not a number/],
      [{ scale: NaN }, /^scale: NaN is not a number/],
      [{ seed: 1.5 }, /^seed: 1\.5 is not a whole number$/],
      [{ seed: NaN }, /^seed: NaN is not a whole number/],
      [{ seed: 2 ** 53 }, /^seed: \d+ is not a whole number/],
    ];
    for (const [opts, message] of bad) {
      let err: unknown;
      try {
        charModel({ ...HELLO, ...opts });
      } catch (e) {
        err = e;
      }
      expect(err, JSON.stringify(opts)).toBeInstanceOf(GenerateError);
      expect((err as Error).message, JSON.stringify(opts)).toMatch(message);
    }
  });
});

describe('randomScenario', () => {
  it('is deterministic and valid, dense or one-hot', () => {
    for (const oneHot of [false, true]) {
      const o = { T: 7, n: 3, m: 5, k: 4, scale: 2, seed: 11, oneHot };
      const s = randomScenario(o);
      expect(randomScenario({ ...o })).toEqual(s);
      expect(validateScenario(s)).toMatchObject({ ok: true, dims: { T: 7, n: 3, m: 5, k: 4 } });
      if (oneHot) for (const row of s.x) expect(row.filter((v) => v === 1)).toHaveLength(1);
      for (const y of s.y) expect(y >= 0 && y < 4).toBe(true);
    }
  });
});

describe('presets', () => {
  it('have distinct ids, and hello has no generation options', () => {
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(PRESETS.find((p) => p.id === 'hello')?.gen).toBeUndefined();
    expect(presetScenario('no-such-preset')).toBeUndefined();
  });

  for (const p of PRESETS) {
    it(`${p.id} generates a valid scenario, the same every time, that a trace can be computed for`, () => {
      const s = presetScenario(p.id)!;
      expect(presetScenario(p.id)).toEqual(s);
      const v = validateScenario(s);
      if (!v.ok) expect.fail(v.errors[0].message);
      if (p.gen) {
        expect(v.dims).toEqual({ T: Array.from(p.gen.text).length - 1, n: p.gen.hidden, m: s.inputLabels!.length, k: s.inputLabels!.length });
        expect(s).toEqual(charModel({ ...p.gen, decimals: 2 }));
      }
      const tr = traceOf(s);
      expect(Number.isFinite(tr.loss)).toBe(true);
    });
  }

  it('hands out copies: changing one does not change the next', () => {
    const a = presetScenario('hello')!;
    a.params.W[0][0] = 99;
    expect(presetScenario('hello')!.params.W[0][0]).not.toBe(99);
  });
});

describe('scenarioToFile', () => {
  const sources: [string, Scenario][] = [
    ...PRESETS.map((p): [string, Scenario] => [p.id, presetScenario(p.id)!]),
    ['charModel full precision', charModel(HELLO)],
    ['random dense', randomScenario({ T: 5, n: 3, m: 2, k: 3, scale: 1.5, seed: 8 })],
    ['random one-hot', randomScenario({ T: 9, n: 4, m: 6, k: 6, scale: 0.7, seed: 9, oneHot: true })],
    ['minimal (no h0, no labels, no title)', { format: 'bptt-scenario/1', x: [[0.5]], y: [0], params: { U: [[1]], W: [[0.5]], V: [[1], [-1]], b: [0], c: [0, 0.1] } }],
  ];
  for (const [name, s] of sources) {
    it(`round-trips ${name} through JSON to identical trace numbers`, () => {
      const file = scenarioToFile(s);
      const back = JSON.parse(JSON.stringify(file)) as unknown;
      const v = validateScenario(back);
      if (!v.ok) expect.fail(v.errors[0].message);
      expect(v.scenario.h0).toHaveLength(s.params.W.length); // always explicit
      expect(v.scenario.title).toBe(s.title);
      expect(v.scenario.inputLabels).toEqual(s.inputLabels);
      expect(traceOf(v.scenario)).toEqual(traceOf(s)); // exact, not approximate
      expect(scenarioToFile(v.scenario)).toEqual(file); // a fixed point
    });
  }

  it('copies: editing the file leaves the scenario alone', () => {
    const s = charModel(HELLO);
    const file = scenarioToFile(s);
    file.params.U[0][0] = 42;
    file.x[0][0] = 42;
    expect(s.params.U[0][0]).not.toBe(42);
    expect(s.x[0][0]).not.toBe(42);
  });
});
