/**
 * Hardening (issue 21): nothing a link, a file or a fast hand does can break
 * the app, lose the step or run code. Each test fails on a page error, a
 * console error, a dialog or a script run by the input.
 *
 * The links' expectations come from the app's own pure parts (parseHash,
 * resolveSource, validateScenario, the step keys): for each hash the test
 * predicts the scenario, step and mode it names, or the notice / refusal it
 * must give, and checks the page comes to show exactly that.
 */
import { chromium, expect, test, type CDPSession, type Page } from '@playwright/test';
import katex from 'katex';
import { readFileSync } from 'node:fs';
import { coarseStops, LIMITS, parseScenario, parseStepKey, PRESETS, scenarioErrorText, stepAt, stepCount, stepKey, validateScenario, type Lang, type ScenarioError } from '../src/core';
import { resolveSource, type ScenarioSource } from '../src/store/scenarioSource';
import { clip, parseHash, stepIndexOf, type LinkProblem } from '../src/store/urlHash';
import { en } from '../src/ui/i18n/en';
import { zhTW } from '../src/ui/i18n/zh-TW';
import { isolateBidi } from '../src/core/format';
import { collectConsoleErrors, open } from './util';

/** mulberry32: the same sequence for a seed on every run. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
const pickOf = (r: () => number) => <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Fails the test on any dialog (alert, confirm, prompt) and marks scripts a payload could run. */
function guard(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return dialogs;
}
/** Whether a payload ran: every hostile input here sets window.__pwned when it runs. */
const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);

// ---------------------------------------------------------------- what the page shows

interface Shown {
  steps: (string | null)[];
  sizes: string;
  title: string;
  loss: string;
  notice: string | null;
  banner: string | null;
  hash: string;
}
const STEP_VIEWS = ['[data-testid=step-label]', '.formula-panel', '[data-testid=narration]', '[data-testid=detail-panel]'];

async function shown(page: Page): Promise<Shown> {
  return page.evaluate((views) => {
    const text = (s: string) => document.querySelector(s)?.textContent ?? null;
    return {
      steps: views.map((s) => document.querySelector(s)?.getAttribute('data-step') ?? null),
      sizes: text('[data-testid=sizes]') ?? '',
      title: text('[data-testid=scenario-title]') ?? '',
      loss: text('[data-testid=total-loss]') ?? '',
      notice: text('[data-testid=link-notice]'),
      banner: text('.error-banner'),
      hash: location.hash,
    };
  }, STEP_VIEWS);
}

/** How long a link or a key may take to show its step before a test fails: a bound for a stuck page, not a speed target. */
const REST_MS = 10_000;

/** Waits until every view shows the step `key`, with or without the notice and the refusal banner. */
async function rest(page: Page, key: string, notice: boolean, banner: boolean, what: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([views, k, n, b]) =>
        (views as string[]).every((s) => document.querySelector(s)?.getAttribute('data-step') === k) &&
        !!document.querySelector('[data-testid=link-notice]') === n &&
        !!document.querySelector('.error-banner') === b,
      [STEP_VIEWS, key, notice, banner] as const,
      { timeout: REST_MS, polling: 'raf' },
    );
  } catch {
    throw new Error(`${what}: expected ${key}${notice ? ' with the notice' : ''}${banner ? ' with the refusal' : ''} within ${REST_MS / 1000} s, the page shows ${JSON.stringify(await shown(page))}`);
  }
}


// ---------------------------------------------------------------- what a link names

type Mode = 'fine' | 'coarse';
/** What the app shows: the scenario's source and size, the walk's position and mode, the language. */
interface World {
  source: ScenarioSource;
  T: number;
  index: number;
  mode: Mode;
  lang: Lang;
}
const snap = (T: number, mode: Mode, i: number) => (mode === 'fine' ? i : (coarseStops(T).find((x) => x >= i) ?? stepCount(T) - 1));
const keyOf = (w: World) => stepKey(stepAt(w.T, w.index));

interface Prediction {
  world: World;
  /** The link notice's parts, in order; none: no notice. */
  notes: string[];
  /** The source's refusal: the banner says it, the previous scenario stays. */
  refused: ScenarioError | null;
  /** A hash that names nothing (`#hidden=3`): nothing changes. */
  nothing: boolean;
}

/** What the app must show after the hash `raw` (as location.hash holds it), from the state `w`. */
function predict(raw: string, w: World): Prediction {
  const h = parseHash(raw);
  if (!h) return { world: w, notes: [], refused: null, nothing: true };
  const problems: LinkProblem[] = [...h.problems];
  const mode = h.mode ?? w.mode;
  const next: World = { ...w, mode, lang: h.lang ?? w.lang, index: snap(w.T, mode, w.index) };
  let ok = true;
  let refused: ScenarioError | null = null;
  if (JSON.stringify(h.source) !== JSON.stringify(w.source)) {
    if (h.source.kind === 'file') {
      ok = false;
      problems.push({ kind: 'fileNotStored', name: clip(h.source.name) });
    } else {
      const r = resolveSource(h.source);
      const v = 'error' in r ? null : validateScenario(r.value);
      if ('error' in r) refused = r.detail;
      else if (v && !v.ok) refused = v.errors[0];
      else if (v?.ok) {
        next.source = h.source;
        next.T = v.dims.T;
      }
      ok = refused === null;
    }
  }
  if (ok) {
    const index = h.step === undefined ? undefined : parseStepKey(next.T, h.step);
    if (h.step !== undefined && index === undefined) problems.push({ kind: 'noSuchStep', key: clip(h.step), T: next.T });
    next.index = snap(next.T, mode, index ?? 0);
  }
  // Worded in the page's language.
  const words = next.lang === 'zh-TW' ? zhTW.link : en.link;
  return { world: next, notes: problems.map(words.problem), refused, nothing: false };
}

/** Sets location.hash as a user would (a hashchange follows); returns the hash as the browser keeps it, or null when it is the current one. */
async function setHash(page: Page, hash: string): Promise<string | null> {
  return page.evaluate(
    (h) =>
      new Promise<string | null>((resolve) => {
        const before = location.hash;
        location.hash = h;
        const now = location.hash;
        if (now === before) return resolve(null);
        window.addEventListener('hashchange', () => resolve(now), { once: true });
      }),
    hash,
  );
}

/**
 * Follows a link as a user would (location.hash, then its hashchange) and waits, in the page, until it
 * shows what `predict` says (2 s at most): one round trip. Null when the hash is the current one.
 */
async function followLink(page: Page, hash: string, w: World): Promise<Prediction | null> {
  // The hash as the browser keeps it (the WHATWG URL hash setter, percent-encoding included).
  const url = new URL('http://x/');
  url.hash = hash;
  const raw = url.hash;
  let p = predict(raw, w);
  const r = await page.evaluate(
    async ([h, views, k, n, b]) => {
      const before = location.hash;
      location.hash = h as string;
      const now = location.hash;
      if (now === before) return null;
      await new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }));
      const at = () =>
        (views as string[]).every((v) => document.querySelector(v)?.getAttribute('data-step') === k) &&
        !!document.querySelector('[data-testid=link-notice]') === n &&
        !!document.querySelector('.error-banner') === b;
      const t0 = performance.now();
      while (!at() && performance.now() - t0 < 2000) await new Promise((resolve) => requestAnimationFrame(resolve));
      return { now, at: at() };
    },
    [hash, STEP_VIEWS, keyOf(p.world), p.notes.length > 0, p.refused !== null] as const,
  );
  if (r === null) return null;
  // Should the browser keep it otherwise, the prediction is made again from what it kept.
  if (r.now !== raw) p = predict(r.now, w);
  if (!r.at || r.now !== raw) await rest(page, keyOf(p.world), p.notes.length > 0, p.refused !== null, `${JSON.stringify(r.now.slice(0, 120))}`);
  return p;
}

/** Checks the page against a prediction, at rest (waited for unless `rested`), address included; returns the new state. */
async function expectPrediction(page: Page, p: Prediction, what: string, rested = false): Promise<World> {
  const w = p.world;
  if (!rested) await rest(page, keyOf(w), p.notes.length > 0, p.refused !== null, what);
  const s = await shown(page);
  // The header's sizes (the embedded player has no header).
  if (!(await page.getByTestId('embed-bar').count())) expect(s.sizes, what).toContain(`T = ${w.T} ·`);
  if (p.notes.length) for (const n of p.notes) expect(s.notice, what).toContain(n);
  // One line, whatever the link held.
  expect((s.notice ?? '').length, what).toBeLessThan(500);
  if (p.refused) {
    // The refusal names its field, in the app's language.
    expect(s.banner, what).toContain(scenarioErrorText(p.refused, w.lang));
    expect(s.banner, what).toContain(p.refused.field);
  }
  if (!names(s.hash, w)) await expectAddress(page, w, what);
  return w;
}

/** Whether an address names the state w, and nothing it cannot show (a coarse walk opens a step at its stop: `#mode=coarse` alone is F5@1). */
function names(hash: string, w: World): boolean {
  const h = parseHash(hash);
  return !!h && h.problems.length === 0 && JSON.stringify(h.source) === JSON.stringify(w.source) && (h.mode ?? 'fine') === w.mode && snap(w.T, w.mode, stepIndexOf(w.T, h.step)) === w.index;
}

/** The address names what is shown, once its write is due (at most WRITE_MS after the last change). */
async function expectAddress(page: Page, w: World, what: string): Promise<void> {
  let hash = '';
  await expect
    .poll(async () => names((hash = await page.evaluate(() => location.hash)), w), { timeout: REST_MS })
    .toBe(true)
    .catch(() => {
      throw new Error(`${what}: the address ${hash.slice(0, 200)} does not name ${JSON.stringify(w)}`);
    });
}

// ---------------------------------------------------------------- hashes, random and adversarial

const PRESET_IDS = PRESETS.map((p) => p.id);
const UNICODE = ['שלום עולם', 'مرحبا بالعالم', '\u202eabc\u202c def', '漢字かな交じり', '👩‍👩‍👧 family', 'e\u0301\u0301\u0301', '\u200d\u200c\ufeff', 'ab\u0000cd'];

/** One hash, from parts a link can hold: sources, steps, modes, languages, unknown keys, junk. */
function randomHash(r: () => number): string {
  const pick = pickOf(r);
  const parts: string[] = [];
  const src = r();
  if (src < 0.35) parts.push(`preset=${pick(PRESET_IDS)}`);
  else if (src < 0.42) parts.push(`preset=${pick(['nope', '', 'HELLO', 'x'.repeat(300), '%zz', 'hello%00', '__proto__', 'constructor'])}`);
  else if (src < 0.72) {
    const word = Array.from({ length: 2 + Math.floor(r() * 12) }, () => pick([...'abcdefgh ']));
    const text = pick([
      word.join(''), word.join(''), 'hello world', pick(UNICODE), 'a', '', '%E0%A4%A', '%', 'a&b=c',
      'ab'.repeat(501), // T = 1001: past the limit
      'a'.repeat(100_000),
      Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join(''), // 300 distinct characters: past the vocabulary
    ]);
    parts.push(`text=${encodeURIComponent(text)}`);
    if (r() < 0.7) parts.push(`hidden=${pick(['1', '3', '4', '8', '0', '-1', '129', '1e9', '1.5', 'abc', '', '9'.repeat(400), '-0'])}`);
    if (r() < 0.5) parts.push(`scale=${pick(['0.5', '0', '1', '-1', '101', '1e308', 'NaN', 'Infinity', '-1e-320'])}`);
    if (r() < 0.5) parts.push(`seed=${pick(['1', '7', '-3', '1.5', '1e300', 'x', '9007199254740993'])}`);
  } else if (src < 0.77) parts.push(`file=${encodeURIComponent(pick(['a.json', '', '../../etc/passwd', '<img src=x onerror=window.__pwned=1>', pick(UNICODE)]))}`);
  if (r() < 0.65) {
    parts.push(`step=${pick(['F1@1', 'F2@2', 'F5@3', 'B3@2', 'B2@4', 'B1@4', 'END', 'G5@1', 'G3@2', 'F5@43', 'B1@10', 'B3@7', 'B2@2', 'F9@9', 'zz', '', 'F1@0', 'F1@1e9', 'B3@-1', 'END@1', 'f1@1', 'F1@01', '%', 'F1%401', 'B2@' + '9'.repeat(30)])}`);
  }
  if (r() < 0.2) parts.push(`mode=${pick(['fine', 'coarse', 'coarse', 'sideways', ''])}`);
  if (r() < 0.08) parts.push(`lang=${pick(['en', 'zh-TW', 'fr', 'zh-tw'])}`);
  const unknown = r() < 0.2 ? 1 + Math.floor(r() * 3) : 0;
  for (let i = 0; i < unknown; i++) parts.push(`${encodeURIComponent(pick(['zoom', 'x', '', '\u202ekey', 'ключ', '漢字', 'k'.repeat(1000), 'step2', 'Preset', '<script>']))}=${pick(['1', '', '%zz'])}`);
  if (r() < 0.1) parts.push(pick(['&'.repeat(200), '%', '%zz', '=', '==', '%E0%A4%A', '#', '?', '+']));
  for (let i = parts.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [parts[i], parts[j]] = [parts[j], parts[i]];
  }
  if (r() < 0.06) return '#' + Array.from({ length: Math.floor(r() * 40) }, () => pick([...'a=&%#?+ 9@Fz', '\u202e', 'ש', '\u0000'])).join('');
  return '#' + parts.join(pick(['&', '&', '&', '&&']));
}

test.describe('links', () => {
  test('300 seeded random and adversarial hashes: each shows what it names or says why; the address names what is shown', async ({ page }) => {
    test.setTimeout(110_000);
    const errors = collectConsoleErrors(page);
    const dialogs = guard(page);
    await open(page, './#preset=hello&step=F1@1');
    let world: World = { source: { kind: 'preset', id: 'hello' }, T: 4, index: 0, mode: 'fine', lang: 'en' };
    const r = rng(21);
    const counts = { shown: 0, notice: 0, refused: 0, nothing: 0 };
    let done = 0;
    for (let i = 0; done < 300; i++) {
      const hash = randomHash(r);
      const p = await followLink(page, hash, world);
      if (p === null) continue;
      world = await expectPrediction(page, p, `hash ${i} ${JSON.stringify(hash.slice(0, 120))}`, true);
      done++;
      if (p.nothing) counts.nothing++;
      else if (p.refused) counts.refused++;
      else if (p.notes.length) counts.notice++;
      else counts.shown++;
    }
    test.info().annotations.push({ type: 'outcomes', description: JSON.stringify(counts) });
    // The mix is the one intended: each kind of outcome is well represented.
    for (const [k, n] of Object.entries(counts)) expect(n, `${k} in ${JSON.stringify(counts)}`).toBeGreaterThanOrEqual(k === 'nothing' ? 1 : 30);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(await pwned(page)).toBeNull();
  });

  test('full loads of hard links, at the limits too: the state named or a message, each first render reported', async ({ page }) => {
    test.setTimeout(60_000);
    const errors = collectConsoleErrors(page);
    const dialogs = guard(page);
    const r = rng(7);
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,';
    let limitText = letters;
    while (limitText.length < 1001) limitText += letters[Math.floor(r() * letters.length)];
    const hashes = [
      '#preset=long&step=B3@20&mode=coarse',
      // T = 1000, n = 128, m = k = 64: every size at its limit.
      `#text=${encodeURIComponent(limitText)}&hidden=128&scale=0.1&seed=1&step=B3@500`,
      // The same at the default weight scale: gradients explode to about 1e220 (their squares overflow float64).
      `#text=${encodeURIComponent(limitText)}&hidden=128&step=B3@10`,
      `#text=${'a'.repeat(100_000)}&step=F1@1`,
      '#preset=hello&step=F9@9&zoom=1&lang=zh-TW',
      '#file=lecture.json&step=B3@2',
      '#step=%E0%A4%A&&&&&preset=%zz',
      `#preset=hello&step=B2@2&${'&'.repeat(5000)}&${encodeURIComponent('\u202e<script>')}=1`,
      '#text=hello%20world&hidden=129&seed=-1',
      '#preset=saturated&step=END&mode=sideways',
      // 10 000 unknown parameters: three named, the rest counted.
      `#preset=hello&step=B3@2&${Array.from({ length: 10_000 }, (_, i) => `k${i}=1`).join('&')}`,
      // The embedded player says why it was refused too.
      '#embed&preset=nope&step=B3@2',
      '#embed=1&text=a&step=F1@1',
    ];
    // Each load's time to the first render is reported, not asserted (speed lives in the benchmarks).
    const renders: number[] = [];
    // One load first, not counted: the others measure each link, not the browser compiling the app cold beside another worker.
    await page.goto('./#preset=hello');
    await page.getByTestId('step-label').waitFor();
    for (const hash of hashes) {
      const what = `load ${hash.slice(0, 60)}`;
      await page.goto('about:blank');
      const t0 = Date.now();
      await page.goto(`./${hash}`);
      await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
      await page.getByTestId('step-label').waitFor();
      renders.push(Date.now() - t0);
      const fresh: World = { source: { kind: 'preset', id: 'hello' }, T: 4, index: 0, mode: 'fine', lang: 'en' };
      // The hash as the page read it (WHATWG URL parsing, as the browser's): the app may have corrected the address since.
      await expectPrediction(page, predict(new URL(hash, 'http://x/').hash, fresh), what);
    }
    test.info().annotations.push({ type: 'first renders (ms)', description: renders.join(', ') });
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  test('a link opened while playing: the walk goes on from its step, or stops for a new scenario; the address follows', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await open(page, './#preset=long&step=F1@1');
    await page.selectOption('select[aria-label="Playback speed"]', '4');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await expect(page.locator('button.play')).toHaveAttribute('aria-pressed', 'true');
    const T = 43;
    const from = parseStepKey(T, 'B3@20') ?? -1;
    await setHash(page, '#preset=long&step=B3@20');
    // Paused once it has played on past the step linked.
    await expect.poll(async () => parseStepKey(T, (await page.getByTestId('step-label').getAttribute('data-step')) ?? '') ?? -1).toBeGreaterThan(from);
    await page.keyboard.press('Space');
    await expect(page.locator('button.play')).toHaveAttribute('aria-pressed', 'false');
    let s = await shown(page);
    const at = parseStepKey(T, s.steps[0] ?? '') ?? -1;
    // It played on from B3@20 (a step every 350 ms), not from where it was.
    expect(at, JSON.stringify(s)).toBeGreaterThan(from);
    expect(at, JSON.stringify(s)).toBeLessThanOrEqual(from + 6);
    await rest(page, s.steps[0] ?? '', false, false, 'paused after the link');
    await expectAddress(page, { source: { kind: 'preset', id: 'long' }, T, index: at, mode: 'fine', lang: 'en' }, 'paused after the link');
    // A link to a step that does not exist, while playing: the notice, and the walk goes on.
    await page.keyboard.press('Space');
    await setHash(page, '#preset=long&step=F9@99');
    await expect(page.getByTestId('link-notice')).toContainText('step “F9@99” is not a step of this scenario (T = 43)');
    // A new scenario stops the walk at its step.
    await setHash(page, '#preset=hello&step=F2@2');
    await rest(page, 'F2@2', false, false, 'a new scenario while playing');
    await expect(page.locator('button.play')).toHaveAttribute('aria-pressed', 'false');
    // Still there a while later (a slower machine only waits longer: never a false failure).
    await page.waitForTimeout(500);
    s = await shown(page);
    expect(s.steps).toEqual(['F2@2', 'F2@2', 'F2@2', 'F2@2']);
    expect(parseHash(s.hash)).toMatchObject({ source: { kind: 'preset', id: 'hello' }, step: 'F2@2' });
    expect(errors).toEqual([]);
  });

  test('back and forward walk the links opened, each shown as corrected; a walk made since is kept in its entry', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await open(page, './#preset=hello&step=F1@1');
    const go = (dir: 'back' | 'forward') =>
      page.evaluate(
        (d) =>
          new Promise<string>((resolve) => {
            window.addEventListener('hashchange', () => resolve(location.hash), { once: true });
            if (d === 'back') history.back();
            else history.forward();
          }),
        dir,
      );
    await setHash(page, '#preset=hello&step=B3@2');
    await rest(page, 'B3@2', false, false, 'A');
    await setHash(page, '#preset=long&step=F5@7&zz=1');
    await rest(page, 'F5@7', true, false, 'B, with an unknown parameter');
    await setHash(page, '#preset=saturated&step=END');
    await rest(page, 'END', false, false, 'C');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await rest(page, 'G4@1', false, false, 'C, walked back two steps');
    await expectAddress(page, { source: { kind: 'preset', id: 'saturated' }, T: 8, index: parseStepKey(8, 'G4@1') ?? -1, mode: 'fine', lang: 'en' }, 'C, walked');
    await go('back');
    // B's entry holds its corrected address: no notice the second time.
    await rest(page, 'F5@7', false, false, 'back to B');
    expect(await shown(page).then((x) => x.sizes)).toContain('T = 43 ·');
    await go('back');
    await rest(page, 'B3@2', false, false, 'back to A');
    await go('forward');
    await rest(page, 'F5@7', false, false, 'forward to B');
    await go('forward');
    await rest(page, 'G4@1', false, false, 'forward to C, where the walk left it');
    await expectAddress(page, { source: { kind: 'preset', id: 'saturated' }, T: 8, index: parseStepKey(8, 'G4@1') ?? -1, mode: 'fine', lang: 'en' }, 'forward to C');
    expect(errors).toEqual([]);
  });
});

// ---------------------------------------------------------------- files

type Json = Record<string, unknown> & { params: Record<string, unknown> };
const HELLO_TEXT = readFileSync('tests/fixtures/hello.scenario.json', 'utf8');
const hello = (): Json => JSON.parse(HELLO_TEXT) as Json;
const edit = (f: (s: Json) => void): string => {
  const s = hello();
  f(s);
  return JSON.stringify(s);
};
const rows = (r: number, c: number, v = 0) => Array.from({ length: r }, () => new Array<number>(c).fill(v));

/** A payload that sets window.__pwned if it is ever run as markup, script, TeX link or handler. */
const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const HREF = String.raw`\href{javascript:window.__pwned=1}{click}`;
const HTMLCLASS = String.raw`\htmlClass{pwn}{x}`;
const RTL = '\u202eevil\u202c שלום مرحبا';

interface Refused {
  name: string;
  body: string | Buffer;
  /** The fields the message must name (both when two disagree). */
  fields: string[];
}

/** Files that must be refused, each with the fields its message names. */
function refusedFiles(): Refused[] {
  const r = (name: string, body: string | Buffer, ...fields: string[]): Refused => ({ name, body, fields });
  const h = hello();
  const big = 'x'.repeat(20 * 1024 * 1024);
  return [
    // Not JSON, or not an object.
    r('truncated.json', HELLO_TEXT.slice(0, 200), 'file', 'truncated.json'),
    r('empty.json', '', 'file'),
    r('bad-utf8.json', Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]), 'file'),
    r('utf16.json', Buffer.from('\ufeff' + HELLO_TEXT.slice(0, 40), 'utf16le'), 'file'),
    r(`${IMG}.json`, 'not json at all', 'file'),
    r('null.json', 'null', 'scenario'),
    r('number.json', '42', 'scenario'),
    r('list.json', JSON.stringify([h]), 'scenario'),
    r('string.json', JSON.stringify(HELLO_TEXT), 'scenario'),
    // The format.
    r('no-format.json', edit((s) => delete s.format), 'format'),
    r('trace-format.json', edit((s) => (s.format = 'bptt-trace/1')), 'format'),
    // x: shapes and types.
    r('no-x.json', edit((s) => delete s.x), 'x'),
    r('x-object.json', edit((s) => (s.x = { 0: [1, 0, 0, 0] })), 'x'),
    r('x-empty.json', edit((s) => (s.x = [])), 'x'),
    r('x-row-number.json', edit((s) => (s.x = [5, 6, 7, 8])), 'x'),
    r('x-ragged.json', edit((s) => (s.x as number[][])[2].push(0)), 'x', 'x[0]'),
    r('x-string.json', edit((s) => ((s.x as unknown[][])[1][1] = '1')), 'x[1][1]'),
    r('x-huge.json', edit((s) => ((s.x as number[][])[0][0] = 1e300)), 'x[0][0]'),
    r('x-null.json', edit((s) => ((s.x as unknown[][])[3][0] = null)), 'x[3][0]'),
    // params.
    r('no-params.json', edit((s) => delete (s as Record<string, unknown>).params), 'params'),
    r('params-list.json', edit((s) => ((s as Record<string, unknown>).params = [[1]])), 'params'),
    r('no-W.json', edit((s) => delete s.params.W), 'params.W'),
    r('W-ragged.json', edit((s) => (s.params.W as number[][])[1].pop()), 'params.W', 'n = 3'),
    r('U-rows.json', edit((s) => (s.params.U as number[][]).pop()), 'params.U', 'params.W'),
    r('U-cols.json', edit((s) => (s.params.U as number[][])[0].push(1)), 'params.U', 'x[0]'),
    r('V-cols.json', edit((s) => (s.params.V as number[][])[3].pop()), 'params.V', 'params.W'),
    r('b-long.json', edit((s) => (s.params.b as number[]).push(0)), 'params.b', 'params.W'),
    r('c-vs-V.json', edit((s) => (s.params.V as number[][]).pop()), 'params.c', 'params.V', 'k = 3'),
    r('h0-short.json', edit((s) => (s.h0 = [0])), 'h0', 'params.W'),
    r('W-infinity.json', edit((s) => ((s.params.W as unknown[][])[0][0] = '-Infinity')), 'params.W[0][0]'),
    // y.
    r('no-y.json', edit((s) => delete s.y), 'y'),
    r('y-short.json', edit((s) => (s.y as number[]).pop()), 'y', 'x'),
    r('y-class.json', edit((s) => ((s.y as number[])[2] = 4)), 'y[2]', 'params.V'),
    r('y-float.json', edit((s) => ((s.y as number[])[0] = 0.5)), 'y[0]'),
    // Labels and title: types and sizes.
    r('inputLabels-short.json', edit((s) => (s.inputLabels = ['h', 'e', 'l'])), 'inputLabels', 'x[0]'),
    r('outputLabels-long.json', edit((s) => (s.outputLabels = ['h', 'e', 'l', 'o', IMG])), 'outputLabels', 'params.V'),
    r('label-number.json', edit((s) => ((s.inputLabels as unknown[])[1] = 7)), 'inputLabels[1]'),
    r('label-long.json', edit((s) => ((s.outputLabels as string[])[0] = RTL.repeat(20))), 'outputLabels[0]'),
    r('title-long.json', edit((s) => (s.title = IMG.repeat(10))), 'title'),
    r('title-object.json', edit((s) => (s.title = { toString: SCRIPT })), 'title'),
    // Sizes past the limits.
    r('T-past.json', edit((s) => ((s.x = rows(LIMITS.T + 1, 4)), (s.y = new Array(LIMITS.T + 1).fill(0)))), 'x', `${LIMITS.T}`),
    r('n-past.json', edit((s) => (s.params.W = rows(LIMITS.n + 1, LIMITS.n + 1))), 'params.W', `${LIMITS.n}`),
    r('k-past.json', edit((s) => (s.params.V = rows(LIMITS.k + 1, 3))), 'params.V', `${LIMITS.k}`),
    r('m-past.json', edit((s) => (s.x = rows(4, LIMITS.m + 1))), 'x', `${LIMITS.m}`),
    // 20 MB: a title of 20 million characters, and 20 MB that is not JSON.
    r('20mb-title.json', edit((s) => (s.title = big)), 'title'),
    r('20mb-text.json', big, 'file'),
    // Options and lessons.
    r('options-truncate.json', edit((s) => (s.options = { truncate: 0 })), 'options.truncate'),
    r('options-key.json', edit((s) => (s.options = { [IMG]: 1 })), 'options["<img src=x onerror='),
    r('lesson-object.json', edit((s) => (s.lesson = { step: 'F1@1', note: IMG })), 'lesson'),
    r('lesson-step.json', edit((s) => (s.lesson = [{ step: 'B2@2', note: 'not a step at T = 4' }])), 'lesson[0].step'),
    r('lesson-note.json', edit((s) => (s.lesson = [{ step: 'F1@1', note: { html: IMG } }])), 'lesson[0].note'),
    r('lesson-long.json', edit((s) => (s.lesson = [{ step: 'F1@1', note: SCRIPT.repeat(100) }])), 'lesson[0].note'),
  ];
}

async function openFile(page: Page, name: string, body: string | Buffer): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/json', buffer: typeof body === 'string' ? Buffer.from(body) : body });
}

/** Everything on the page that would mean markup from a file was made live. */
const liveMarkup = (page: Page) =>
  page.evaluate(() => ({
    pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
    imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('__pwned')).length,
    links: document.querySelectorAll('a[href^="javascript"], [href^="javascript"]').length,
    pwnClass: document.querySelectorAll('.pwn').length,
    polluted: ({} as Record<string, unknown>).polluted ?? null,
  }));
const NOTHING_LIVE = { pwned: null, imgs: 0, scripts: 0, links: 0, pwnClass: 0, polluted: null };

test.describe('files', () => {
  test('malformed and hostile scenario files through Open…: refused naming the field(s), the previous scenario kept', async ({ page }) => {
    test.setTimeout(90_000);
    const errors = collectConsoleErrors(page);
    const dialogs = guard(page);
    await open(page, './#preset=hello&step=F2@2');
    const before = await shown(page);
    const files = refusedFiles();
    expect(files.length).toBeGreaterThanOrEqual(40);
    for (const f of files) {
      const what = `${f.name.slice(0, 40)} (${f.body.length} bytes)`;
      await openFile(page, f.name, f.body);
      const banner = page.locator('.error-banner');
      await expect(banner, what).toBeVisible({ timeout: 5000 });
      const text = (await banner.textContent()) ?? '';
      for (const field of f.fields) expect(text, what).toContain(field);
      // The message is the validator's (a file that is not JSON: the parser's reason, which differs between engines).
      const v = typeof f.body === 'string' ? parseScenario(f.body) : null;
      if (v && !v.ok && v.errors[0].rule !== 'notJson') expect(text, what).toContain(scenarioErrorText(v.errors[0], 'en'));
      else expect(text, what).toMatch(/file: .* is not valid JSON/);
      // One line, however large the file.
      expect(text.length, what).toBeLessThan(400);
      // What was shown stays: the scenario, its loss, the step.
      const now = await shown(page);
      expect([now.title, now.loss, now.sizes, now.steps], what).toEqual([before.title, before.loss, before.sizes, before.steps]);
      await banner.getByRole('button').click();
      await expect(banner, what).toHaveCount(0);
    }
    expect(await liveMarkup(page)).toEqual(NOTHING_LIVE);
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

/** A scenario file accepted although hostile: its title, labels and note must be shown as text. */
interface Hostile {
  name: string;
  title: string;
  inputLabels: string[];
  outputLabels: string[];
  note?: string;
  /** The file's text, when it is not the scenario as JSON.stringify writes it. */
  text?: string;
}

/** The direction controls: in a formula they would turn its closing quote and bracket around. */
const BIDI_CONTROLS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;

/** What KaTeX shows for the app's `\text{“label”}` (formulas.ts: TeX's specials and direction controls become ?), as text. */
function texShown(label: string): string {
  const html = katex.renderToString(`\\text{“${label.replace(/[\\{}$&#^_%~]/g, '?').replace(BIDI_CONTROLS, '?')}”}`, { output: 'html', throwOnError: false, strict: 'ignore' });
  const text = html.replace(/<[^>]+>/g, '');
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
}

function hostileFiles(): Hostile[] {
  const long = (c: string) => c.repeat(Math.floor(LIMITS.text / c.length)).slice(0, LIMITS.text);
  return [
    {
      name: 'markup.json',
      title: `${IMG} ${SCRIPT}`,
      inputLabels: [IMG, SCRIPT, HREF, HTMLCLASS],
      outputLabels: [HTMLCLASS, IMG, String.raw`$x$ & % # ^ _ ~ {} \ \\`, SCRIPT],
      note: `${IMG} $${HREF}$ and $${HTMLCLASS}$ and $\\url{javascript:window.__pwned=1}$ ${SCRIPT} ${HREF}`,
    },
    {
      name: `${SCRIPT}.json`,
      title: `${RTL} ${HREF}`,
      inputLabels: [RTL, 'ש', '\u202e', 'مرحبا'],
      outputLabels: ['\u2067x', '\u2069\u202eclosed early?', '\u200f', '\u061c'],
      note: `${RTL} $\\htmlData{x=1}{y}$ $\\includegraphics{x}$`,
    },
    {
      name: 'long.json',
      title: long('title, very long '),
      inputLabels: [long('a'), long('漢'), long('b '), long('👩‍👩‍👧')],
      outputLabels: [long('<'), long('ש'), long('c'), long('\\')],
    },
  ];
}

function hostileScenario(h: Hostile): string {
  if (h.text) return h.text;
  return edit((s) => {
    s.title = h.title;
    s.inputLabels = h.inputLabels;
    s.outputLabels = h.outputLabels;
    if (h.note) s.lesson = [{ step: 'F1@1', note: h.note }];
  });
}

/** The diagram as an exported SVG, as the page's DOMParser reads it: its elements and text. */
async function exportedSvg(page: Page): Promise<{ bad: number; text: string; size: number }> {
  await page.getByRole('button', { name: 'Export ▾', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Diagram as SVG' }).click()]);
  const svg = readFileSync(await download.path(), 'utf8');
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const bad = doc.querySelectorAll('script, img, foreignObject, parsererror, [onerror], [onload], a[href^="javascript"]').length;
    return { bad, text: doc.documentElement.textContent ?? '', size: text.length };
  }, svg);
}

test.describe('files shown as text', () => {
  test('hostile titles, labels and lesson notes are accepted and shown as text: header, diagram, formula, narration, note, exported SVG', async ({ page }) => {
    test.setTimeout(90_000);
    const errors = collectConsoleErrors(page);
    const dialogs = guard(page);
    await open(page, './#preset=hello&step=F2@2');
    for (const h of hostileFiles()) {
      const what = h.name;
      await openFile(page, h.name, hostileScenario(h));
      await rest(page, 'F1@1', false, false, `${what} opened`);
      const s = await shown(page);
      // The header: the title, character for character.
      expect(s.title, what).toBe(h.title);
      expect(s.loss, what).toBe('L = 5.2020');
      // The diagram's first column: “input” → “target” (hello: h → e, labels 0 and 1), each isolated
      // when it holds right-to-left text, so an override in one cannot turn the arrow or the other around.
      const col = (await page.locator('.col-chars').first().textContent()) ?? '';
      expect(col, what).toContain(`“${isolateBidi(h.inputLabels[0])}” → “${isolateBidi(h.outputLabels[1])}”`);
      // The narration names the input by its label, isolated the same way.
      const narration = (await page.getByTestId('narration').textContent()) ?? '';
      expect(narration, what).toContain(`the input “${isolateBidi(h.inputLabels[0])}” with the memory`);
      // The lesson note, as text but for its $…$ (typeset untrusted).
      if (h.note) {
        const note = page.getByTestId('lesson-note');
        await expect(note, what).toBeVisible();
        const noteText = (await note.textContent()) ?? '';
        for (const plain of h.note.split(/\$[^$]*\$/)) expect(noteText, what).toContain(plain.trim());
      }
      // F5 names the target by its label, in \text{}.
      await setHash(page, `#file=${encodeURIComponent(h.name)}&step=F5@1`);
      await rest(page, 'F5@1', false, false, `${what} at F5@1`);
      const tex = await page.locator('.formula-panel .katex-html').allTextContents();
      expect(tex.join(' '), what).toContain(texShown(h.outputLabels[1]));
      expect(tex.join(' '), what).not.toMatch(BIDI_CONTROLS);
      await expect(page.locator('.formula-panel .katex-error'), what).toHaveCount(0);
      // The exported diagram: the labels as text, nothing that runs.
      const svg = await exportedSvg(page);
      expect(svg.bad, what).toBe(0);
      expect(svg.text, what).toContain(h.inputLabels[0]);
      expect(await liveMarkup(page), what).toEqual(NOTHING_LIVE);
    }
    expect(errors).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  test('a 20 MB file of a valid scenario (whitespace) and one with __proto__ keys: accepted, nothing polluted; a refusal after keeps them', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await open(page, './#preset=long&step=F2@2');
    const padded = HELLO_TEXT.replace('{', '{' + ' \n'.repeat(10 * 1024 * 1024));
    expect(padded.length).toBeGreaterThan(20 * 1024 * 1024);
    await openFile(page, 'padded.json', padded);
    await rest(page, 'F1@1', false, false, '20 MB of whitespace');
    expect((await shown(page)).sizes).toContain('T = 4 ·');
    const proto = HELLO_TEXT.replace('{', '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "toString": 5,').replace('"title": "hello: predict the next character"', '"title": "__proto__"');
    await openFile(page, 'proto.json', proto);
    await expect(page.getByTestId('scenario-title')).toHaveText('__proto__');
    expect(await liveMarkup(page)).toEqual(NOTHING_LIVE);
    // A refused file now keeps this one.
    await openFile(page, 'c-vs-V.json', edit((s) => (s.params.V as number[][]).pop()));
    await expect(page.locator('.error-banner')).toContainText('params.c: has 4 numbers, but params.V has 3 rows (k = 3)');
    await expect(page.getByTestId('scenario-title')).toHaveText('__proto__');
    await expect(page.getByTestId('total-loss')).toHaveText('L = 5.2020');
    expect(errors).toEqual([]);
  });
});

// ---------------------------------------------------------------- the step survives

const labelStep = (page: Page) => page.evaluate(() => document.querySelector('[data-testid=step-label]')?.getAttribute('data-step') ?? null);

/**
 * Records in sessionStorage (which outlives a reload) the step each document's
 * label last showed, keyed by the document's timeOrigin: what was on screen
 * when a reload came, however soon after a press.
 */
async function recordShownSteps(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const key = `shown:${performance.timeOrigin}`;
    const save = () => {
      const step = document.querySelector('[data-testid=step-label]')?.getAttribute('data-step');
      if (step) sessionStorage.setItem(key, step);
    };
    new MutationObserver(save).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step'] });
  });
}

test.describe('the step survives', () => {
  for (const mode of ['fine', 'coarse'] as const) {
    test(`a reload at once after a press keeps the step (${mode} walk)`, async ({ page }) => {
      const errors = collectConsoleErrors(page);
      await recordShownSteps(page);
      await open(page, `./#preset=long&step=${mode === 'coarse' ? 'G5@20&mode=coarse' : 'B3@20'}`);
      const keys = ['ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown', 'End', 'ArrowLeft', 'Home', 'ArrowRight'];
      const gaps: number[] = [];
      for (const key of keys) {
        const [before, origin] = await page.evaluate(() => [document.querySelector('[data-testid=step-label]')?.getAttribute('data-step') ?? null, performance.timeOrigin] as const);
        await page.keyboard.press(key);
        const pressed = Date.now();
        const reload = page.reload();
        gaps.push(Date.now() - pressed);
        await reload;
        await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
        const shownThen = await page.evaluate((k) => sessionStorage.getItem(k), `shown:${origin}`);
        expect(shownThen, `${mode}: ${key} from ${before} moved`).not.toBe(before);
        expect(await labelStep(page), `${mode}: ${key} from ${before}, reloaded ${gaps.at(-1)} ms after the press`).toBe(shownThen);
        await rest(page, shownThen ?? '', false, false, `${mode}: after the reload`);
      }
      // The reload is sent with no wait after the press returns (the runner's own delay, under load, is the gap).
      expect([...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 2)]).toBeLessThan(50);
      test.info().annotations.push({ type: 'press → reload (ms)', description: gaps.join(', ') });
      expect(errors).toEqual([]);
    });
  }
});

// ---------------------------------------------------------------- a fast hand

const KEYS = ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowLeft', 'Home', 'End', 'PageUp', 'PageDown', 'PageDown', ' ', 'f', 'c', 'n', 'p', 'm', '1', '2', '3', 'Escape'] as const;
const KEY_CODES: Record<string, [string, number]> = {
  ArrowRight: ['ArrowRight', 39], ArrowLeft: ['ArrowLeft', 37], Home: ['Home', 36], End: ['End', 35], PageUp: ['PageUp', 33], PageDown: ['PageDown', 34],
  ' ': ['Space', 32], f: ['KeyF', 70], c: ['KeyC', 67], n: ['KeyN', 78], p: ['KeyP', 80], m: ['KeyM', 77], '1': ['Digit1', 49], '2': ['Digit2', 50], '3': ['Digit3', 51], Escape: ['Escape', 27],
};

/** Sends keys as the browser's own input (CDP), each keydown and keyup queued without waiting for the page. */
async function pressAll(cdp: CDPSession, keys: readonly string[]): Promise<void> {
  const sent: Promise<unknown>[] = [];
  for (const key of keys) {
    const [code, windowsVirtualKeyCode] = KEY_CODES[key];
    const text = key.length === 1 ? key : undefined;
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: text ? 'keyDown' : 'rawKeyDown', key, code, windowsVirtualKeyCode, text }));
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code, windowsVirtualKeyCode }));
  }
  await Promise.all(sent);
}

test.describe('a fast hand', () => {
  test('2 000 seeded random presses (arrows, Home, End, PageUp/Down, Space, F, C, N, P, M, 1–3, Escape): no error; at rest label, narration, formula, detail and address agree', async ({ baseURL }) => {
    test.setTimeout(110_000);
    // As a user's Chrome runs: with its limit on history writes (200 in 10 s), which Playwright turns off by default.
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      ignoreDefaultArgs: ['--disable-ipc-flooding-protection'],
    });
    try {
      const page = await browser.newPage({ baseURL, viewport: { width: 1280, height: 720 } });
      const errors = collectConsoleErrors(page);
      const dialogs = guard(page);
      // Every history write, timed: Chrome ignores those past 200 in 10 s, and the address would stick.
      await page.addInitScript(() => {
        const w = window as unknown as { historyWrites: number[] };
        w.historyWrites = [];
        for (const name of ['pushState', 'replaceState'] as const) {
          const original = history[name].bind(history);
          history[name] = (...args: Parameters<History['pushState']>) => {
            w.historyWrites.push(performance.now());
            original(...args);
          };
        }
      });
      await open(page, './#preset=hello&step=F1@1');
      const cdp = await page.context().newCDPSession(page);
      const r = rng(2000);
      const pick = pickOf(r);
      const T = 4;
      let sent = 0;
      const visited = new Set<string>();
      while (sent < 2000) {
        const batch = Array.from({ length: 50 + Math.floor(r() * 100) }, () => pick(KEYS)).slice(0, 2000 - sent);
        await pressAll(cdp, batch);
        sent += batch.length;
        // Checkpoint: stop autoplay if it runs, then everything at rest must show one step, the address too.
        if ((await page.locator('button.play').getAttribute('aria-pressed')) === 'true') await pressAll(cdp, [' ']);
        const at = await page.evaluate(async (views) => {
          const steps = () => views.map((v) => document.querySelector(v)?.getAttribute('data-step') ?? null);
          const t0 = performance.now();
          while (new Set(steps()).size !== 1 && performance.now() - t0 < 2000) await new Promise((resolve) => requestAnimationFrame(resolve));
          const radio = [...document.querySelectorAll('[role=radio][aria-checked="true"]')].find((e) => /^(fine|coarse)$/.test(e.textContent?.trim() ?? ''));
          return { steps: steps(), mode: radio?.textContent?.trim() as Mode | undefined, presenter: document.documentElement.classList.contains('presenter') };
        }, STEP_VIEWS);
        expect(new Set(at.steps).size, `after ${sent} presses: ${JSON.stringify(at.steps)}`).toBe(1);
        const key = at.steps[0] ?? '';
        expect(at.mode, `after ${sent} presses`).toBeDefined();
        // The address names the step and the walk shown (written within WRITE_MS of the last change).
        await expectAddress(page, { source: { kind: 'preset', id: 'hello' }, T, index: parseStepKey(T, key) ?? -1, mode: at.mode ?? 'fine', lang: 'en' }, `after ${sent} presses, at ${key}`);
        visited.add(key);
      }
      // The walk went far and wide: its checkpoints rested on many different steps.
      expect(visited.size, [...visited].join(' ')).toBeGreaterThan(8);
      // Never more than 200 history writes in any 10 s, however fast the presses came.
      const writes = await page.evaluate(() => (window as unknown as { historyWrites: number[] }).historyWrites);
      let most = 0;
      for (let i = 0, j = 0; i < writes.length; i++) {
        while (writes[i] - writes[j] > 10_000) j++;
        most = Math.max(most, i - j + 1);
      }
      test.info().annotations.push({ type: 'history writes', description: `${writes.length} in all, at most ${most} in 10 s` });
      expect(most).toBeLessThanOrEqual(200);
      expect(errors).toEqual([]);
      expect(dialogs).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
