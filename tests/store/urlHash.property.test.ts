/**
 * Property tests of the URL hash (urlHash.ts): whatever a link holds, parseHash
 * returns a state the app can act on (or null for a hash that names nothing)
 * and never throws; every state the app writes reads back as itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGS, PRESETS, stepAt, stepCount, stepKey, type Lang } from '../../src/core';
import type { ScenarioSource } from '../../src/store/scenarioSource';
import { clip, formatHash, parseHash, stepIndexOf, type HashState } from '../../src/store/urlHash';
import { en } from '../../src/ui/i18n/en';

const KNOWN = ['preset', 'text', 'hidden', 'scale', 'seed', 'file', 'step', 'mode', 'lang', 'embed'];

/** Strings as links hold them: the parameters' names and values, steps, escapes (broken ones too), separators, unicode and RTL. */
const piece = fc.oneof(
  fc.constantFrom(...KNOWN, 'zoom', 'Step', 'PRESET', ''),
  fc.constantFrom('B2@2', 'F9@9', 'zz', 'END', 'F1@1', 'B3@0', 'G5@-1', 'F1@1e9', 'hello', 'long', 'fine', 'coarse', 'zh-TW', 'en', '1', '0'),
  fc.constantFrom('=', '&', '&&&', '#', '?', '+', '%', '%2', '%zz', '%E0%A4%A', '%00', '%FF', '%C0%80', '%ED%A0%80', '%26', '%3D'),
  fc.constantFrom('-1', '1e308', '-1e308', 'NaN', 'Infinity', '0x10', '9'.repeat(400), '1.5', ' 4 '),
  fc.constantFrom('\u202eRTL', 'שלום', 'مرحبا', '漢字', '👩‍👩‍👧', '\u0000', '\ufeff', '\u200d'),
  fc.string({ unit: 'binary', maxLength: 12 }),
  // Lone surrogates: no address holds one, but the parser must not care.
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 3 }),
);
const hashArb = fc.oneof(
  fc.tuple(fc.boolean(), fc.array(piece, { maxLength: 16 })).map(([hashMark, ps]) => (hashMark ? '#' : '') + ps.join('')),
  fc.array(fc.tuple(piece, piece), { maxLength: 8 }).map((kv) => '#' + kv.map(([k, v]) => `${k}=${v}`).join('&')),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }).map((s) => '#' + s),
);

/** The state's shape: what the app reads from it is always of the kind it expects. */
function expectWellFormed(h: HashState): void {
  const src = h.source;
  expect(['preset', 'generated', 'file']).toContain(src.kind);
  if (src.kind === 'preset') expect(typeof src.id).toBe('string');
  if (src.kind === 'file') expect(typeof src.name).toBe('string');
  if (src.kind === 'generated') {
    expect(typeof src.opts.text).toBe('string');
    for (const v of [src.opts.hidden, src.opts.scale, src.opts.seed]) expect(typeof v).toBe('number');
  }
  if (h.step !== undefined) expect(typeof h.step).toBe('string');
  expect([undefined, 'fine', 'coarse']).toContain(h.mode);
  expect([undefined, ...LANGS]).toContain(h.lang);
  expect([undefined, true]).toContain(h.embed);
  expect(Array.isArray(h.problems)).toBe(true);
  // Each problem is one short line of plain text, whatever the link held: a value is quoted at most
  // 24 characters, with no control or direction-changing character (a U+202E would turn the rest of
  // the notice around) and no half of a surrogate pair cut off.
  for (const p of h.problems.map(en.link.problem)) {
    expect(typeof p).toBe('string');
    expect(p).not.toMatch(/[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
    expect(p.length).toBeLessThan(80);
    expect(p).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
  }
}

describe('parseHash, property-based', () => {
  it('any string gives a well-formed state or null, never a throw', () => {
    fc.assert(
      fc.property(hashArb, (hash) => {
        const h = parseHash(hash);
        if (h !== null) expectWellFormed(h);
      }),
      { numRuns: 3000 },
    );
  });

  it('null only for a hash that names nothing; a parameter the app does not know is always listed', () => {
    fc.assert(
      fc.property(hashArb, (hash) => {
        const h = parseHash(hash);
        const params = [...new URLSearchParams(hash.replace(/^#/, ''))];
        const keys = params.map(([k]) => k);
        if (h === null) {
          // Nothing to show: a generator's number without its text, an empty step, embed=0.
          for (const [k, v] of params) expect(['hidden', 'scale', 'seed'].includes(k) || (k === 'step' && v === '') || (k === 'embed' && v === '0'), `${hash} → null`).toBe(true);
          return;
        }
        // The first three are named, the others counted.
        const unknown = [...new Set(keys)].filter((k) => !KNOWN.includes(k));
        const said = h.problems.map(en.link.problem);
        for (const k of unknown.slice(0, 3)) expect(said.some((p) => p.startsWith(`“${clip(k).replace(/…$/, '')}`)), `${JSON.stringify(k)} in ${JSON.stringify(said)}`).toBe(true);
        if (unknown.length > 3) expect(said).toContain(`${unknown.length - 3} more are not link parameters either`);
        expect(said.filter((p) => p.endsWith('is not a link parameter'))).toHaveLength(Math.min(3, unknown.length));
      }),
      { numRuns: 2000 },
    );
  });

  it('at the limits: 100 000 characters, 10 000 parameters, a long run of broken escapes', () => {
    const cases = [
      '#text=' + 'a'.repeat(100_000),
      '#' + 'x'.repeat(100_000),
      '#' + '&'.repeat(10_000),
      '#' + Array.from({ length: 10_000 }, (_, i) => `k${i}=${i}`).join('&'),
      '#step=' + '%'.repeat(50_000),
      '#preset=' + '%E0%A4'.repeat(10_000),
    ];
    for (const hash of cases) {
      const t0 = performance.now();
      const h = parseHash(hash);
      expect(performance.now() - t0, hash.slice(0, 20)).toBeLessThan(500);
      if (h) expectWellFormed(h);
    }
    // 10 000 unknown parameters: three named, the rest counted, in one short notice.
    expect(parseHash('#' + Array.from({ length: 10_000 }, (_, i) => `k${i}=${i}`).join('&'))?.problems.map(en.link.problem)).toEqual([
      '“k0” is not a link parameter',
      '“k1” is not a link parameter',
      '“k2” is not a link parameter',
      '9997 more are not link parameters either',
    ]);
  });

  it('stepIndexOf gives a step of the walk for any step text and any T', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.option(fc.oneof(piece, fc.string({ maxLength: 12 })), { nil: undefined }), (T, step) => {
        const i = stepIndexOf(T, step);
        expect(Number.isInteger(i)).toBe(true);
        expect(i).toBeGreaterThanOrEqual(0);
        expect(i).toBeLessThan(stepCount(T));
      }),
      { numRuns: 2000 },
    );
  });
});

/** A state the app writes: a source, a position in a T-step walk, the mode, embed and the language. */
const textArb = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', ' ', '&', '=', '#', '%', '+', '@', '?', '\u202e', '漢'), maxLength: 20 }));
const sourceArb: fc.Arbitrary<ScenarioSource> = fc.oneof(
  fc.constantFrom(...PRESETS.map((p) => p.id)).map((id) => ({ kind: 'preset' as const, id })),
  fc.record({
    text: textArb,
    hidden: fc.integer({ min: 1, max: 128 }),
    // −0 is written as "0": not a state the app makes (the dialog's number fields give 0).
    scale: fc.double({ min: 0, max: 100, noNaN: true }).filter((x) => !Object.is(x, -0)),
    seed: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  }).map((opts) => ({ kind: 'generated' as const, opts })),
  textArb.map((name) => ({ kind: 'file' as const, name })),
);
const stateArb = fc
  .record({
    source: sourceArb,
    T: fc.integer({ min: 1, max: 1000 }),
    mode: fc.constantFrom<'fine' | 'coarse'>('fine', 'coarse'),
    embed: fc.boolean(),
    lang: fc.constantFrom<Lang>(...LANGS),
    alwaysLang: fc.boolean(),
    at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  })
  .map((s) => ({ ...s, index: Math.floor(s.at * stepCount(s.T)) }));

describe('formatHash ∘ parseHash', () => {
  it('every state the app writes reads back as itself, with no problem', () => {
    fc.assert(
      fc.property(stateArb, ({ source, T, index, mode, embed, lang, alwaysLang }) => {
        const hash = formatHash(source, T, index, mode, embed, lang, alwaysLang);
        const h = parseHash(hash);
        expect(h, hash).not.toBeNull();
        expect(h?.source).toEqual(source);
        expect(h?.step).toBe(stepKey(stepAt(T, index)));
        expect(stepIndexOf(T, h?.step)).toBe(index);
        expect(h?.mode).toBe(mode === 'coarse' ? 'coarse' : undefined);
        expect(h?.embed).toBe(embed ? true : undefined);
        expect(h?.lang).toBe(lang !== 'en' || alwaysLang ? lang : undefined);
        expect(h?.problems).toEqual([]);
        // Written again, the same address: a reload does not change the link.
        expect(formatHash(h!.source, T, stepIndexOf(T, h!.step), h!.mode ?? 'fine', h!.embed ?? false, h!.lang ?? 'en', alwaysLang)).toBe(hash);
        // As the address bar keeps it: the browser percent-encodes what the hash leaves raw, and it still reads the same.
        const viaUrl = new URL('http://x/' + hash).hash;
        expect(parseHash(viaUrl)).toEqual(h);
      }),
      { numRuns: 2000 },
    );
  });
});
