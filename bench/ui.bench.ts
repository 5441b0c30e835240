/**
 * npm run bench:ui: how fast the built app answers the keyboard and animates, in
 * Debian's Chromium with the CPU throttled 4× (DevTools Emulation.setCPUThrottlingRate).
 * scripts/bench-ui.sh builds the app, serves it with `vite preview` and runs this
 * file with UI_BENCH_URL set to the served app:
 *
 *   node --import tsx bench/ui.bench.ts [--json] [--presses N] [--seconds S] [--speed X] [--throttle R] [--only CASE] [--css RULES]
 *
 * Case A, keypress → next painted frame: ArrowRight / ArrowLeft presses on `hello`
 * (T = 4, n = 3; walked to the end and back, 200 presses) and on a generated
 * character model with T = 64, n = 32 (4 runs of 50 ArrowRight presses started
 * through the URL hash at F1@1, F1@33, B1@64 and B1@32: half forward, half
 * backward). Each press waits for its frame and the new step label before the
 * next, so presses never queue, and then a random delay of 0–33 ms (two frame
 * periods, fixed seed), so presses land at a random phase of the display refresh
 * as a person's do: pressed right after a frame, every press would wait a whole
 * refresh period for the next one. Method: see bench/ui-page.js (keydown timeStamp
 * → first rAF after the event → a MessageChannel task posted from it, i.e. the
 * frame's style, layout and paint are done); Event Timing durations (which run
 * to the frame's presentation, in 8 ms steps, reported only when ≥ 16 ms) are
 * printed beside as a cross-check.
 * A "no-op press" row (← on the first step, which changes nothing) gives the
 * floor of the method: the wait for the next refresh (8 ms on average) and the
 * CPU throttle's own pauses, with the app doing nothing. The T = 64 run is also split by the
 * phase of the step a press lands on. Before them, a blank page (one keydown
 * listener that changes nothing) is measured the same way, throttled and not:
 * the method's floor on any page, app or not.
 *
 * Case B, autoplay of the backward phase at T = 32, n = 16 with animations on
 * (?motion=1), from B1@32, at playback speed 4 (one step per 350 ms) for 20 s:
 * every frame's length from a requestAnimationFrame loop, and the share longer
 * than 20 ms; each long frame is put down to what the page changed in it (a
 * MutationObserver: the step, a formula row, the detail panel, the diagram, the
 * gradient flow alone, nothing).
 *
 * bench/ui-profile.ts breaks a press down further (CPU profile, trace phases).
 *
 * Targets are printed, not enforced. The run fails (exit 1) only when the page
 * throws or logs an error, or the app stops answering.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseStepKey, stepAt, stepCount, stepKey, type Phase } from '../src/core/steps';
import type { LoafEntry, PressRecord } from './ui-types';

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const JSON_OUT = argv.includes('--json');
function opt(name: string, def: number): number {
  const i = argv.indexOf(name);
  if (i < 0) return def;
  const v = Number(argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) {
    console.error(`${name} needs a positive number`);
    process.exit(2);
  }
  return v;
}
const PRESSES = Math.round(opt('--presses', 200));
const B_SECONDS = opt('--seconds', 20);
const B_SPEED = opt('--speed', 4);
const THROTTLE = opt('--throttle', 4);
/** --only SUBSTRING: run the cases whose id contains it (A:blank, A:hello, A:T64n32, B:autoplay). */
const ONLY = argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] ?? '') : '';
/** --css RULES: a style sheet added to the page (experiments: what a rule changes in the figures). */
const CSS = argv.includes('--css') ? (argv[argv.indexOf('--css') + 1] ?? '') : '';
const BASE = process.env.UI_BENCH_URL;
if (!BASE) {
  console.error('UI_BENCH_URL is not set: run npm run bench:ui (scripts/bench-ui.sh serves the app)');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PAGE_SCRIPT = fileURLToPath(new URL('./ui-page.js', import.meta.url));
const WARMUP = 4;
const rawPresses: (PressRecord & { case: string; step: string })[] = [];
const FLOOR = 20;
/** Presses land at a random phase of the 60 Hz refresh: uniform over two frame periods. */
const PHASE_MS = 2 * (1000 / 60);
/** Fixed-seed delays (mulberry32) uniform over PHASE_MS, so two runs press at the same phases. */
function phases(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return (((r ^ (r >>> 14)) >>> 0) / 4294967296) * PHASE_MS;
  };
}
const phase = phases(0x9e3779b9);
const STEP_TIMEOUT_MS = 15_000;

const log = (msg: string) => {
  if (!JSON_OUT) process.stderr.write(msg + '\n');
};

// ---------------------------------------------------------------- page side

// ---------------------------------------------------------------- statistics

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  // Nearest rank: the p95 of 200 presses is the 190th smallest.
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (xs: number[]) => quantile(xs, 0.5);
const p95 = (xs: number[]) => quantile(xs, 0.95);
const max = (xs: number[]) => (xs.length ? Math.max(...xs) : NaN);
const r1 = (x: number) => Math.round(x * 10) / 10;

// ---------------------------------------------------------------- browser

const pageErrors: string[] = [];

async function openPage(browser: Browser, path: string, expectedStep: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${path}: uncaught ${String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(`${path}: console error: ${m.text()}`);
  });
  page.on('crash', () => pageErrors.push(`${path}: the page crashed`));
  await page.addInitScript({ path: PAGE_SCRIPT });
  if (CSS) await page.addInitScript((css) => addEventListener('DOMContentLoaded', () => document.head.append(Object.assign(document.createElement('style'), { textContent: css }))), CSS);
  await page.goto(new URL(path, BASE).href);
  await page.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.evaluate(([k, t]) => window.__uiBench.waitStep(k, t), [expectedStep, STEP_TIMEOUT_MS] as const);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  return page;
}

// ---------------------------------------------------------------- case A

/**
 * The method's floor on any page: a blank page whose keydown listener changes
 * nothing, measured the same way (keydown timeStamp → rAF → MessageChannel task),
 * with presses at random phases drawn the same way (its own seed). Whatever it takes is the wait for the
 * next refresh and the browser's own cost, not the app's.
 */
const BLANK_PRESSES = 100;
const BLANK_PAGE = `<!doctype html><title>blank</title><p>a blank page</p><script>
window.recs = [];
addEventListener('keydown', (e) => {
  const r = { key: e.key, t0: e.timeStamp, tListener: performance.now(), tHandled: NaN, tRaf: NaN, tPainted: NaN, scrolled: false };
  r.tHandled = performance.now();
  requestAnimationFrame(() => {
    r.tRaf = performance.now();
    const c = new MessageChannel();
    c.port1.onmessage = () => { r.tPainted = performance.now(); recs.push(r); };
    c.port2.postMessage(0);
  });
});
// Resolves once press k is recorded, two frames have passed and then delay ms (as settle in ui-page.js).
window.settle = (k, delay) => new Promise((done) => {
  const poll = () => (recs.length > k ? requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(recs[k]), delay))) : setTimeout(poll, 2));
  poll();
});
</script>`;
interface BlankWindow {
  settle(k: number, delay: number): Promise<PressRecord>;
}

async function runBlankFloor(browser: Browser, throttle: number): Promise<PressSample[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await page.setContent(BLANK_PAGE);
  if (throttle !== 1) await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  const delay = phases(0x2545f491);
  const out: PressSample[] = [];
  for (let k = 0; k < WARMUP + BLANK_PRESSES; k++) {
    await page.keyboard.press('ArrowRight');
    const rec = await page.evaluate(([i, d]) => (window as unknown as BlankWindow).settle(i, d), [k, delay()] as const);
    if (k >= WARMUP) out.push({ rec, phase: 'forward', et: null, loaf: null });
  }
  await context.close();
  return out;
}

type Arrow = 'ArrowRight' | 'ArrowLeft';
interface Segment {
  /** Fine index the run starts from (reached through the URL hash). */
  start: number;
  keys: Arrow[];
}
interface PressCase {
  id: string;
  title: string;
  /** URL hash without the step. */
  hash: string;
  T: number;
  n: number;
  targetMs: number;
  segments: Segment[];
}

/** `count` presses from `start`, turning around at either end of the walk. */
function bounce(T: number, start: number, count: number): Arrow[] {
  const last = stepCount(T) - 1;
  const keys: Arrow[] = [];
  let i = start;
  let dir = 1;
  while (keys.length < count) {
    if (i + dir < 0 || i + dir > last) dir = -dir;
    keys.push(dir > 0 ? 'ArrowRight' : 'ArrowLeft');
    i += dir;
  }
  return keys;
}

const TEXT64 = 'the quick brown fox jumps over the lazy dog. pack my box, wizards';
const TEXT32 = 'pack my box with five dozen jugs!';
if (TEXT64.length !== 65 || TEXT32.length !== 33) throw new Error('bench texts must give T = 64 and T = 32');
const genHash = (text: string, hidden: number) => `text=${encodeURIComponent(text)}&hidden=${hidden}&scale=0.5&seed=1`;

function pressCases(): PressCase[] {
  const helloT = 4;
  const T = 64;
  const per = Math.ceil(PRESSES / 4);
  // Forward phase: from F1@1 and F1@33; backward: from B1@64 (its first step) and B1@32.
  const starts = [0, 5 * 32, 5 * T, 5 * T + 32 * 9];
  return [
    { id: 'A:hello', title: 'A  hello (T=4, n=3)', hash: 'preset=hello', T: helloT, n: 3, targetMs: 16, segments: [{ start: 0, keys: bounce(helloT, 0, PRESSES) }] },
    {
      id: 'A:T64n32',
      title: 'A  generated T=64, n=32',
      hash: genHash(TEXT64, 32),
      T,
      n: 32,
      targetMs: 33,
      segments: starts.map((start, k) => ({ start, keys: bounce(T, start, Math.min(per, PRESSES - k * per)) })).filter((s) => s.keys.length > 0),
    },
  ];
}

interface PressSample {
  rec: PressRecord;
  phase: Phase;
  /** Event Timing duration (null: under the 16 ms reporting threshold). */
  et: number | null;
  loaf: LoafEntry | null;
}

async function runPressCase(browser: Browser, c: PressCase): Promise<{ samples: PressSample[]; floor: PressSample[] }> {
  const first = c.segments[0].start;
  const page = await openPage(browser, `./#${c.hash}&step=${stepKey(stepAt(c.T, first))}`, stepKey(stepAt(c.T, first)));
  const samples: { rec: PressRecord; phase: Phase }[] = [];
  const press = async (key: Arrow, index: number): Promise<PressRecord> => {
    await page.keyboard.press(key);
    const expected = stepKey(stepAt(c.T, index));
    const rec = await page.evaluate(([k, t, d]) => window.__uiBench.settle(k, t, d), [expected, STEP_TIMEOUT_MS, phase()] as const);
    if (!rec) throw new Error(`${c.id}: the ${key} press reached no keydown listener`);
    return rec;
  };
  await page.evaluate(() => window.__uiBench.arm());
  // The floor: ← on the first step changes nothing, so its "next paint" is the
  // measurement's own cost (input delivery, waiting for the frame) plus the
  // app's keydown handler alone.
  const floorRecs: PressRecord[] = [];
  if (first === 0) {
    for (let k = 0; k < FLOOR; k++) floorRecs.push(await press('ArrowLeft', 0));
  }
  // Warm-up (not counted): a few presses there and back.
  let i = first;
  for (let w = 0; w < WARMUP; w++) {
    const key: Arrow = w < WARMUP / 2 ? (i < stepCount(c.T) - 1 ? 'ArrowRight' : 'ArrowLeft') : i > first ? 'ArrowLeft' : 'ArrowRight';
    i += key === 'ArrowRight' ? 1 : -1;
    await press(key, i);
  }
  // Entries so far (page load, floor, warm-up) are kept aside: only presses' own entries match them.
  const events = await page.evaluate(() => window.__uiBench.takeEvents());
  const loafs = await page.evaluate(() => window.__uiBench.takeLoafs());
  for (const seg of c.segments) {
    if (i !== seg.start) {
      const key = stepKey(stepAt(c.T, seg.start));
      await page.evaluate((h) => {
        location.hash = h;
      }, `#${c.hash}&step=${key}`);
      await page.evaluate(([k, t]) => window.__uiBench.waitStep(k, t), [key, STEP_TIMEOUT_MS] as const);
      i = seg.start;
    }
    for (const key of seg.keys) {
      i += key === 'ArrowRight' ? 1 : -1;
      const rec = await press(key, i);
      samples.push({ rec, phase: stepAt(c.T, i).phase });
      rawPresses.push({ case: c.id, step: stepKey(stepAt(c.T, i)), ...rec });
    }
    log(`   ${c.id}: ${samples.length} presses`);
  }
  events.push(...(await page.evaluate(() => window.__uiBench.takeEvents())));
  loafs.push(...(await page.evaluate(() => window.__uiBench.takeLoafs())));
  await page.context().close();
  const join = (rec: PressRecord, phase: Phase): PressSample => {
    const ev = events.find((e) => Math.abs(e.startTime - rec.t0) < 1);
    const loaf = loafs.find((l) => l.startTime <= rec.tListener && rec.tListener <= l.startTime + l.duration) ?? null;
    return { rec, phase, et: ev ? ev.duration : null, loaf };
  };
  return { samples: samples.map(({ rec, phase }) => join(rec, phase)), floor: floorRecs.map((rec) => join(rec, 'forward')) };
}

interface PressSummary {
  case: string;
  title: string;
  presses: number;
  median_ms: number;
  p95_ms: number;
  max_ms: number;
  target_ms: number | null;
  /** Where the median press spends its time (medians of each part). */
  input_delay_median_ms: number;
  handler_render_median_ms: number;
  handler_render_p95_ms: number;
  to_frame_median_ms: number;
  frame_render_median_ms: number;
  frame_render_p95_ms: number;
  event_timing_median_ms: number | string;
  event_timing_p95_ms: number | string;
  event_timing_reported: number;
  long_animation_frames: number;
  loaf_style_layout_median_ms: number | null;
  /** The slowest tenth of the presses, medians of each part: where a p95 press spends its time. */
  tail: { presses: number; scrolled: number; input_delay_ms: number; handler_render_ms: number; to_frame_ms: number; frame_render_ms: number };
}

function summarize(id: string, title: string, target: number | null, samples: PressSample[]): PressSummary {
  const lat = samples.map((s) => s.rec.tPainted - s.rec.t0);
  // Event Timing reports only durations ≥ 16 ms: the rest count as "< 16".
  const et = samples.map((s) => s.et ?? -1);
  const etStat = (v: number) => (Number.isNaN(v) ? NaN : v < 0 ? '<16' : v);
  const loafs = samples.map((s) => s.loaf).filter((l): l is LoafEntry => l !== null);
  return {
    case: id,
    title,
    presses: samples.length,
    median_ms: r1(median(lat)),
    p95_ms: r1(p95(lat)),
    max_ms: r1(max(lat)),
    target_ms: target,
    input_delay_median_ms: r1(median(samples.map((s) => s.rec.tListener - s.rec.t0))),
    handler_render_median_ms: r1(median(samples.map((s) => s.rec.tHandled - s.rec.tListener))),
    handler_render_p95_ms: r1(p95(samples.map((s) => s.rec.tHandled - s.rec.tListener))),
    to_frame_median_ms: r1(median(samples.map((s) => s.rec.tRaf - s.rec.tHandled))),
    frame_render_median_ms: r1(median(samples.map((s) => s.rec.tPainted - s.rec.tRaf))),
    frame_render_p95_ms: r1(p95(samples.map((s) => s.rec.tPainted - s.rec.tRaf))),
    event_timing_median_ms: etStat(median(et)),
    event_timing_p95_ms: etStat(p95(et)),
    event_timing_reported: samples.filter((s) => s.et !== null).length,
    long_animation_frames: loafs.length,
    loaf_style_layout_median_ms: loafs.length ? r1(median(loafs.map((l) => l.startTime + l.duration - l.styleAndLayoutStart))) : null,
    tail: tailOf(samples),
  };
}

/** The slowest tenth of the presses, split into the press's parts (medians over them). */
function tailOf(samples: PressSample[]): PressSummary['tail'] {
  const slow = [...samples].sort((a, b) => b.rec.tPainted - b.rec.t0 - (a.rec.tPainted - a.rec.t0)).slice(0, Math.max(1, Math.round(samples.length / 10)));
  const part = (f: (r: PressRecord) => number) => r1(median(slow.map((s) => f(s.rec))));
  return {
    presses: slow.length,
    scrolled: slow.filter((s) => s.rec.scrolled).length,
    input_delay_ms: part((r) => r.tListener - r.t0),
    handler_render_ms: part((r) => r.tHandled - r.tListener),
    to_frame_ms: part((r) => r.tRaf - r.tHandled),
    frame_render_ms: part((r) => r.tPainted - r.tRaf),
  };
}

// ---------------------------------------------------------------- case B

interface FrameSummary {
  case: string;
  title: string;
  frames: number;
  long_frame_share: number;
  long_frame_ms: number;
  target_share: number;
  longest_ms: number;
  median_frame_ms: number;
  p95_frame_ms: number;
  seconds: number;
  speed: number;
  steps_played: number;
  from_step: string;
  to_step: string;
  long_animation_frames: number;
  loaf_script_median_ms: number | null;
  loaf_style_layout_median_ms: number | null;
  /** The same rAF loop on the same page, paused, for IDLE_SECONDS: what the machine alone costs. */
  idle_frames: number;
  idle_long_frame_share: number;
  idle_longest_ms: number;
  /** Long frames by the heaviest change they render or make (step, formula row, detail panel, diagram, flow only, no change). */
  long_frames_by_change: Record<string, number>;
}

/** Seconds of the paused page measured before playing (the noise floor of case B). */
const IDLE_SECONDS = 4;
const LONG_FRAME_MS = 20;
const longShare = (frames: number[]) => (frames.length ? Math.round((10000 * frames.filter((f) => f > LONG_FRAME_MS).length) / frames.length) / 10000 : NaN);
const intervals = (stamps: number[]) => stamps.slice(1).map((t, i) => t - stamps[i]);

async function runAutoplayCase(browser: Browser): Promise<FrameSummary> {
  const T = 32;
  const from = 'B1@32';
  const page = await openPage(browser, `./?motion=1#${genHash(TEXT32, 16)}&step=${from}`, from);
  await page.selectOption('select[aria-label="Playback speed"]', String(B_SPEED));
  // The select keeps the focus, and the app ignores keys typed into a select.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(([k, t]) => window.__uiBench.waitStep(k, t), [from, STEP_TIMEOUT_MS] as const);
  // The floor: the same page at rest, with the same frame loop, on this machine now.
  await page.evaluate(() => window.__uiBench.startFrames());
  await page.waitForTimeout(IDLE_SECONDS * 1000);
  const idle = intervals(await page.evaluate(() => window.__uiBench.stopFrames()));
  await page.evaluate(() => window.__uiBench.takeLoafs());
  await page.evaluate(() => window.__uiBench.startFrames());
  await page.keyboard.press('Space');
  await page.locator('button.play[aria-pressed="true"]').waitFor({ state: 'attached', timeout: 5_000 });
  log(`   B: playing for ${B_SECONDS} s at speed ${B_SPEED}`);
  await page.waitForTimeout(B_SECONDS * 1000);
  const stamps = await page.evaluate(() => window.__uiBench.stopFrames());
  const tags = await page.evaluate(() => window.__uiBench.frameTags());
  const to = (await page.evaluate(() => window.__uiBench.step())) ?? '?';
  const stillPlaying = await page.locator('button.play[aria-pressed="true"]').count();
  const loafs = await page.evaluate(() => window.__uiBench.takeLoafs());
  if (stillPlaying) await page.keyboard.press('Space');
  await page.context().close();
  // UI_BENCH_LOAFS=1: the scripts of each long animation frame (≥ 50 ms), for a closer look.
  if (process.env.UI_BENCH_LOAFS)
    for (const l of loafs)
      log(
        `   LoAF ${l.duration.toFixed(0)} ms (style+layout ${(l.startTime + l.duration - l.styleAndLayoutStart).toFixed(0)}): ` +
          l.scripts.map((s) => `${s.invokerType} ${s.invoker} ${s.sourceFunctionName}@${s.sourceCharPosition} ${s.duration.toFixed(0)} (forced ${s.forcedStyleAndLayoutDuration.toFixed(0)})`).join('; '),
      );
  const frames = intervals(stamps);
  // Two rAF loops would record each frame twice (intervals of 0): the figures would be wrong.
  if (frames.some((f) => f <= 0) || idle.some((f) => f <= 0)) throw new Error('case B: the frame loop recorded a frame twice');
  return {
    case: 'B:autoplay-backward-T32n16',
    title: `B  autoplay backward T=32, n=16, speed ${B_SPEED}`,
    frames: frames.length,
    long_frame_share: longShare(frames),
    long_frame_ms: LONG_FRAME_MS,
    target_share: 0.01,
    longest_ms: r1(max(frames)),
    median_frame_ms: r1(median(frames)),
    p95_frame_ms: r1(p95(frames)),
    seconds: B_SECONDS,
    speed: B_SPEED,
    steps_played: (parseStepKey(T, to) ?? NaN) - (parseStepKey(T, from) ?? NaN),
    from_step: from,
    to_step: to,
    long_animation_frames: loafs.length,
    loaf_script_median_ms: loafs.length ? r1(median(loafs.map((l) => l.scripts.reduce((a, s) => a + s.duration, 0)))) : null,
    loaf_style_layout_median_ms: loafs.length ? r1(median(loafs.map((l) => l.startTime + l.duration - l.styleAndLayoutStart))) : null,
    idle_frames: idle.length,
    idle_long_frame_share: longShare(idle),
    idle_longest_ms: r1(max(idle)),
    long_frames_by_change: longFramesByChange(frames, tags),
  };
}

/** The change bits of ui-page.js's startFrames(), heaviest first. */
const CHANGES: [number, string][] = [
  [1, 'step'],
  [2, 'formula row'],
  [4, 'detail panel'],
  [8, 'diagram'],
  [16, 'flow only'],
];

/**
 * Long frames by what the page changed in them: frame i's interval renders the
 * changes made before its rAF (tags[i]) and runs the tasks that make the next
 * frame's (tags[i + 1]). Each long frame counts once, under the heaviest change.
 */
function longFramesByChange(frames: number[], tags: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  frames.forEach((f, i) => {
    if (f <= LONG_FRAME_MS) return;
    const bits = (tags[i] ?? 0) | (tags[i + 1] ?? 0);
    let name = CHANGES.find(([b]) => bits & b)?.[1] ?? 'no change';
    if (name === 'formula row') name += ` (${[[32, 'made'], [64, 'laid out'], [128, 'shown']].filter(([b]) => bits & (b as number)).map(([, n]) => n).join('+') || 'other'})`;
    out[name] = (out[name] ?? 0) + 1;
  });
  return out;
}

// ---------------------------------------------------------------- output

function pad(s: string | number, w: number, left = false): string {
  const t = String(s);
  return left ? t.padEnd(w) : t.padStart(w);
}

function printPressTable(rows: PressSummary[]): void {
  console.log('Case A: keypress → next painted frame (ms; keydown timeStamp → rAF → MessageChannel task)');
  console.log('  each press is sent once the page has settled from the previous one (label and formula panel caught up, the page idle, two more frames),');
  console.log("  as between a person's presses, after a random 0–33 ms so it lands at a random phase of the 60 Hz refresh");
  console.log(
    [pad('case', 34, true), pad('presses', 7), pad('median', 7), pad('p95', 7), pad('target', 8), pad('max', 7), pad('handler+', 9), pad('frame', 7), pad('ET med', 7), pad('ET p95', 7)].join(' '),
  );
  console.log([pad('', 34, true), pad('', 7), pad('', 7), pad('', 7), pad('p95 ≤', 8), pad('', 7), pad('render', 9), pad('render', 7), pad('', 7), pad('', 7)].join(' '));
  for (const r of rows) {
    const ok = r.target_ms === null ? '' : r.p95_ms <= r.target_ms ? ' ok' : ' MISS';
    console.log(
      [
        pad(r.title, 34, true),
        pad(r.presses, 7),
        pad(r.median_ms.toFixed(1), 7),
        pad(r.p95_ms.toFixed(1), 7),
        pad(r.target_ms === null ? '' : `${r.target_ms}${ok}`, 8),
        pad(r.max_ms.toFixed(1), 7),
        pad(r.handler_render_median_ms.toFixed(1), 9),
        pad(r.frame_render_median_ms.toFixed(1), 7),
        pad(r.event_timing_median_ms, 7),
        pad(r.event_timing_p95_ms, 7),
      ].join(' '),
    );
  }
  for (const r of rows) {
    if (r.title.startsWith(' ')) continue;
    const t = r.tail;
    console.log(
      `  slowest ${t.presses} of ${r.title.trim()} (${t.scrolled} scrolled the diagram), medians: input delay ${t.input_delay_ms}, handler+render ${t.handler_render_ms}, wait for the frame ${t.to_frame_ms}, frame render ${t.frame_render_ms} ms`,
    );
  }
  console.log(
    '  handler+render: keydown listeners + zustand update + React re-render/commit/effects (median); frame render: rAF callbacks + style + layout + paint of the next frame (median).',
  );
  console.log('  ET: Event Timing keydown duration (to presentation, 8 ms steps; < 16 when not reported).');
  console.log('  no-op press: ← on the first step, which changes nothing: the floor of the method under this throttle.');
  console.log('  blank page: a page with one keydown listener that changes nothing, same method, phases drawn the same way: the floor on any page, app or not.');
  const blank = rows.find((r) => r.case === `A:blank${THROTTLE}`);
  for (const r of rows) {
    if (blank && r.target_ms !== null && blank.p95_ms > r.target_ms)
      console.log(`  ${r.title.trim()}: its target (p95 ≤ ${r.target_ms} ms) is below the blank page's p95 in this run (${blank.p95_ms} ms at ${THROTTLE}×): no page meets it by this method here.`);
  }
}

function printFrameTable(b: FrameSummary): void {
  console.log(`Case B: autoplay with animations (?motion=1), frames from a rAF loop, ${b.seconds} s at speed ${b.speed} (one step per ${Math.round(1400 / b.speed)} ms)`);
  console.log([pad('case', 40, true), pad('frames', 7), pad('>20 ms', 8), pad('target', 8), pad('longest', 8), pad('median', 7), pad('p95', 7), pad('steps', 6)].join(' '));
  const share = `${(b.long_frame_share * 100).toFixed(1)}%`;
  console.log(
    [
      pad(b.title, 40, true),
      pad(b.frames, 7),
      pad(share, 8),
      pad(`≤1% ${b.long_frame_share <= b.target_share ? 'ok' : 'MISS'}`, 8),
      pad(b.longest_ms.toFixed(1), 8),
      pad(b.median_frame_ms.toFixed(1), 7),
      pad(b.p95_frame_ms.toFixed(1), 7),
      pad(b.steps_played, 6),
    ].join(' '),
  );
  console.log(
    `  floor: the same page paused, ${IDLE_SECONDS} s before playing: ${b.idle_frames} frames, ${(b.idle_long_frame_share * 100).toFixed(1)}% > ${b.long_frame_ms} ms, longest ${b.idle_longest_ms.toFixed(1)} ms (long frames there are the machine's, not the app's)`,
  );
  console.log(
    `  long frames by what changed in them: ${Object.entries(b.long_frames_by_change)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none'}`,
  );
  console.log(`  played ${b.from_step} → ${b.to_step}; long animation frames (≥ 50 ms): ${b.long_animation_frames}` + (b.loaf_script_median_ms === null ? '' : `, median script ${b.loaf_script_median_ms} ms, style+layout ${b.loaf_style_layout_median_ms} ms`));
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const started = Date.now();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    log(`== Chromium ${browser.version()}, 1280×720, CPU throttled ${THROTTLE}× (CDP Emulation.setCPUThrottlingRate)`);
    const rows: PressSummary[] = [];
    if ('A:blank'.includes(ONLY) || ONLY.startsWith('A:blank')) {
      for (const rate of [THROTTLE, 1]) {
        log(`== A  blank page, CPU ${rate}×: ${BLANK_PRESSES} presses`);
        rows.push(summarize(`A:blank${rate}`, `A  blank page (floor), CPU ${rate}×`, null, await runBlankFloor(browser, rate)));
      }
    }
    for (const c of pressCases().filter((p) => p.id.includes(ONLY))) {
      log(`== ${c.title}: ${c.segments.reduce((a, s) => a + s.keys.length, 0)} presses (+${WARMUP} warm-up, not counted)`);
      const { samples, floor } = await runPressCase(browser, c);
      rows.push(summarize(c.id, c.title, c.targetMs, samples));
      if (floor.length) rows.push(summarize(`${c.id}:noop`, '   … no-op press (← on step 1)', null, floor));
      if (c.T > 4) {
        for (const phase of ['forward', 'backward'] as const) {
          const sub = samples.filter((s) => s.phase === phase);
          if (sub.length) rows.push(summarize(`${c.id}:${phase}`, `   … landing on ${phase} steps`, null, sub));
        }
      }
    }
    const b = 'B:autoplay'.includes(ONLY) ? (log(`== B  autoplay backward T=32, n=16 with ?motion=1`), await runAutoplayCase(browser)) : null;
    const meta = { chromium: browser.version(), throttle: THROTTLE, viewport: '1280x720', method: 'keydown.timeStamp -> requestAnimationFrame -> MessageChannel task' };
    if (JSON_OUT) {
      for (const r of rows) console.log(JSON.stringify({ ...r, ...meta }));
      if (b) console.log(JSON.stringify({ ...b, chromium: meta.chromium, throttle: THROTTLE, viewport: meta.viewport, method: 'requestAnimationFrame timestamp deltas' }));
    } else {
      console.log(`UI bench: Chromium ${meta.chromium}, viewport 1280×720, CPU throttled ${THROTTLE}×; targets are reported, not enforced`);
      console.log();
      printPressTable(rows);
      if (b) {
        console.log();
        printFrameTable(b);
      }
    }
    // UI_BENCH_RAW=FILE: every press's record, for a closer look.
    if (process.env.UI_BENCH_RAW) writeFileSync(process.env.UI_BENCH_RAW, JSON.stringify(rawPresses));
    log(`== done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await browser.close();
  }
  if (pageErrors.length) {
    console.error(`The page reported ${pageErrors.length} error(s):`);
    for (const e of pageErrors.slice(0, 20)) console.error('  ' + e);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('bench:ui failed:', e instanceof Error ? e.message : e);
    for (const p of pageErrors.slice(0, 20)) console.error('  ' + p);
    process.exit(1);
  },
);
