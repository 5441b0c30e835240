/**
 * npm run bench:ui [-- --dist DIR] [--only CASE[,CASE]] [--presses N] [--json]
 * npm run bench:ui -- --soak [--minutes M] [--dist DIR]
 *
 * What a student sees, in Debian's Chromium (1280×720, CPU throttled 4× with
 * CDP Emulation.setCPUThrottlingRate), against a built app: scripts/bench-ui.sh
 * builds the working tree, or --dist serves a dist directory built elsewhere
 * (before/after comparisons in alternating runs).
 *
 * Complete-step latency: from a → or ← keydown's timeStamp to the end of the
 * first frame in which every element showing the step (`[data-step]`: step
 * label, formula panel once every row is in, detail panel, narration) reads
 * the new step; see bench/ui-page.js for how that frame and its end are found.
 * Presses come 300–400 ms apart (uniform, fixed seed); a press whose step is
 * not complete by then is followed 0–100 ms after it completes instead, and
 * counted as late. 100 presses per case, half forward then half back, in walks
 * that start (through the URL hash) near t = 1 and near t = T. Cases: `hello`,
 * T = 64 n = 32, T = 1000 n = 128 m = k = 64 (character models from
 * deterministic texts). The blank page (one keydown listener that changes
 * nothing, complete at its keydown) is the method's floor, at 4× and 1×.
 *
 * Autoplay: the backward phase of T = 32, n = 16 with animations (?motion=1)
 * from B1@32 at speed 4: the share of frames (rAF intervals) over 20 ms while
 * playing, against the same page paused just before.
 *
 * Edit: the gradient lab's Edit view at T = 1000, n = 128, m = k = 64, one
 * weight W[1, 1] typed into its field 22 times (2 warm-ups): from the input
 * event's timeStamp to the end of the first frame painted after the edited
 * entry shows its new value (the whole trace recomputed, the diagram, the
 * formula and the loss repainted in the same commit). Target p95 ≤ 250 ms.
 *
 * Soak (--soak, alone; not part of npm test): autoplay on `long` with
 * animations (?motion=1) at speed 4, looping (at the end: Home, then play
 * again), for M minutes (30 by default), CPU unthrottled. Every 30 s the walk
 * pauses, goes to F1@1 (the DOM's size depends on the step shown) and, after
 * a forced GC (CDP HeapProfiler.collectGarbage), is measured — the JS heap in use
 * (performance.memory, precise with --enable-precise-memory-info), the
 * elements in the document and CDP Memory.getDOMCounters (nodes alive,
 * detached ones included; event listeners) — then goes on from where it was.
 * Growth is taken from the first sample at 2 minutes (caches filled) to the
 * last; targets < 10 MB of heap and < 5 % of nodes.
 *
 * Targets are printed, not enforced; the run fails when the page logs an error
 * or a step does not complete.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseStepKey, stepAt, stepKey } from '../src/core/steps';

interface PressRecord {
  t0: number;
  from: string | null;
  to: string | null;
  tDone: number;
  tEnd: number;
}
declare global {
  interface Window {
    __uiBench: {
      arm(blank?: boolean): void;
      done(i: number, timeoutMs: number): Promise<PressRecord>;
      waitStep(key: string, timeoutMs: number): Promise<void>;
      startFrames(): void;
      stopFrames(): number[];
    };
  }
}

const argv = process.argv.slice(2);
const arg = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const JSON_OUT = argv.includes('--json');
const DIST = resolve(arg('--dist') ?? '');
const PRESSES = Number(arg('--presses') ?? 100);
const ONLY = (arg('--only') ?? '').split(',');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SOAK = argv.includes('--soak');
const SOAK_MINUTES = Number(arg('--minutes') ?? 30);
if (!existsSync(join(DIST, 'index.html')) || !(PRESSES >= 2) || !(SOAK_MINUTES >= 2.5) || !existsSync(CHROMIUM)) {
  console.error(`usage: node --import tsx bench/ui.bench.ts --dist DIR [--only CASE] [--presses N ≥ 2] [--json] | --soak [--minutes M ≥ 2.5]; needs DIR/index.html and Chromium at ${CHROMIUM}`);
  process.exit(2);
}
const wanted = (id: string) => ONLY.some((o) => id.includes(o));
const THROTTLE = 4;
const TIMEOUT_MS = 20_000;
const log = (msg: string) => JSON_OUT || process.stderr.write(msg + '\n');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

/** mulberry32: uniform [0, 1) from a fixed seed, so every run presses at the same intervals. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}
/** T + 1 characters over the first m of ALPHABET, each at least once: a character model with m = k. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.';
function text(T: number, m: number): string {
  const r = rng(T * 1000 + m);
  let s = ALPHABET.slice(0, m);
  while (s.length < T + 1) s += ALPHABET[Math.floor(r() * m)];
  return s;
}
/** scale: the weights' range; at T = 1000, n = 128 the default (0.8) makes ‖∇h‖ overflow to Infinity. */
const charHash = (T: number, n: number, m: number, scale: number) => `text=${encodeURIComponent(text(T, m))}&hidden=${n}&scale=${scale}&seed=1`;

// ---------------------------------------------------------------- serving and pages

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.png': 'image/png', '.svg': 'image/svg+xml', '.wasm': 'application/wasm', '.json': 'application/json' };
const BLANK = '<!doctype html><title>blank</title><link rel="icon" href="data:,"><p>a blank page</p><script>addEventListener("keydown", () => {})</script>';
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  if (path === '/blank.html') return void res.writeHead(200, { 'content-type': 'text/html' }).end(BLANK);
  const file = join(DIST, path === '/' ? 'index.html' : path);
  readFile(file).then(
    (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
    () => res.writeHead(404).end(),
  );
});

const pageErrors: string[] = [];
let base = '';
async function open(browser: Browser, path: string, step: string | null, throttle = THROTTLE): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(`${path}: ${String(e)}`));
  page.on('console', (m) => void (m.type() === 'error' && pageErrors.push(`${path}: console: ${m.text()}`)));
  await page.addInitScript({ path: fileURLToPath(new URL('./ui-page.js', import.meta.url)) });
  await page.goto(base + path);
  if (step !== null) {
    await page.locator('html[data-ready="true"]').waitFor({ state: 'attached', timeout: 60_000 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.evaluate(([k, t]) => window.__uiBench.waitStep(k, t), [step, TIMEOUT_MS] as const);
  }
  if (throttle !== 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  return page;
}

// ---------------------------------------------------------------- statistics

/** Nearest rank: the p95 of 100 presses is the 95th smallest. */
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const r1 = (x: number) => Math.round(x * 10) / 10;

// ---------------------------------------------------------------- complete-step latency

interface PressCase {
  id: string;
  title: string;
  /** URL hash without the step, and the T it gives (null: the blank page). */
  hash: string | null;
  T: number;
  /** Where the walks start (through the URL hash); the presses are shared among them. */
  starts: string[];
  throttle: number;
  target: { p95: number; median?: number } | null;
}

const CASES: PressCase[] = [
  { id: 'blank4', title: 'blank page, CPU 4×', hash: null, T: 1000, starts: ['F1@1'], throttle: 4, target: null },
  { id: 'blank1', title: 'blank page, CPU 1×', hash: null, T: 1000, starts: ['F1@1'], throttle: 1, target: null },
  { id: 'hello', title: 'hello (T=4, n=3)', hash: 'preset=hello', T: 4, starts: ['F1@1'], throttle: 4, target: { p95: 100, median: 50 } },
  { id: 'T64', title: 'T=64, n=32, m=k=27', hash: charHash(64, 32, 27, 0.5), T: 64, starts: ['F1@1', 'F5@64', 'B1@64', 'B1@2'], throttle: 4, target: { p95: 150 } },
  { id: 'T1000', title: 'T=1000, n=128, m=k=64', hash: charHash(1000, 128, 64, 0.1), T: 1000, starts: ['F1@1', 'F5@1000', 'B1@1000', 'B1@2'], throttle: 4, target: { p95: 250 } },
];

interface PressSummary {
  case: string;
  title: string;
  presses: number;
  median_ms: number;
  p95_ms: number;
  max_ms: number;
  throttle: number;
  /** Presses whose step was not complete when the next press was due. */
  late: number;
  target_p95_ms: number | null;
  target_median_ms: number | null;
}

async function runPresses(browser: Browser, c: PressCase): Promise<PressSummary> {
  const key = (i: number) => stepKey(stepAt(c.T, i));
  const page = await open(browser, c.hash === null ? 'blank.html' : `#${c.hash}&step=${c.starts[0]}`, c.hash === null ? null : c.starts[0], c.throttle);
  await page.evaluate((blank) => window.__uiBench.arm(blank), c.hash === null);
  const gap = rng(0x9e3779b9);
  let sent = 0;
  let next = performance.now();
  let late = 0;
  const latencies: number[] = [];
  const press = async (arrow: 'ArrowRight' | 'ArrowLeft', expected: string | null): Promise<{ ms: number; late: boolean }> => {
    await new Promise((r) => setTimeout(r, next - performance.now()));
    const at = performance.now();
    await page.keyboard.press(arrow);
    const rec = await page.evaluate(([i, t]) => window.__uiBench.done(i, t), [sent++, TIMEOUT_MS] as const);
    if (expected !== null && rec.to !== expected) throw new Error(`${c.id}: expected ${expected} after ${arrow} from ${rec.from}, the page shows ${rec.to}`);
    const g = 300 + 100 * gap();
    const isLate = performance.now() > at + g;
    next = isLate ? performance.now() + g - 300 : at + g;
    return { ms: rec.tEnd - rec.t0, late: isLate };
  };
  // Warm-up, not counted: the first presses after a load compile and cache what later ones reuse.
  let i = c.hash === null ? 0 : (parseStepKey(c.T, c.starts[0]) ?? 0);
  await press('ArrowRight', c.hash === null ? null : key(i + 1));
  await press('ArrowLeft', c.hash === null ? null : key(i));
  for (const [s, start] of c.starts.entries()) {
    const count = Math.floor(PRESSES / c.starts.length) + (s < PRESSES % c.starts.length ? 1 : 0);
    const startIndex = parseStepKey(c.T, start);
    if (startIndex === undefined) throw new Error(`${start} is no step of T = ${c.T}`);
    if (i !== startIndex && c.hash !== null) {
      await page.evaluate((h) => void (location.hash = h), `#${c.hash}&step=${start}`);
      await page.evaluate(([k, t]) => window.__uiBench.waitStep(k, t), [start, TIMEOUT_MS] as const);
    }
    i = startIndex;
    for (let p = 0; p < count; p++) {
      const forward = p < Math.ceil(count / 2);
      i += forward ? 1 : -1;
      if (c.hash !== null && (i < 0 || i > 14 * c.T)) throw new Error(`${c.id}: ${count} presses from ${start} walk off the steps`);
      const r = await press(forward ? 'ArrowRight' : 'ArrowLeft', c.hash === null ? null : key(i));
      late += Number(r.late);
      latencies.push(r.ms);
    }
    log(`   ${c.id}: ${latencies.length} presses from ${start}`);
  }
  await page.context().close();
  return {
    case: c.id,
    title: c.title,
    presses: latencies.length,
    median_ms: r1(quantile(latencies, 0.5)),
    p95_ms: r1(quantile(latencies, 0.95)),
    max_ms: r1(Math.max(...latencies)),
    throttle: c.throttle,
    late,
    target_p95_ms: c.target?.p95 ?? null,
    target_median_ms: c.target?.median ?? null,
  };
}

// ---------------------------------------------------------------- autoplay frames

const LONG_MS = 20;
const PAUSED_S = 8;
const PLAY_S = 20;
const longShare = (stamps: number[]) => {
  const frames = stamps.slice(1).map((t, i) => t - stamps[i]);
  return { frames: frames.length, share: frames.filter((f) => f > LONG_MS).length / frames.length, longest: r1(Math.max(...frames)) };
};

async function runAutoplay(browser: Browser) {
  const from = 'B1@32';
  const page = await open(browser, `?motion=1#${charHash(32, 16, 16, 0.5)}&step=${from}`, from);
  await page.selectOption('select[aria-label="Playback speed"]', '4');
  // The select keeps the focus, and the app ignores keys typed into it.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => window.__uiBench.startFrames());
  await page.waitForTimeout(PAUSED_S * 1000);
  const paused = longShare(await page.evaluate(() => window.__uiBench.stopFrames()));
  await page.evaluate(() => window.__uiBench.startFrames());
  await page.keyboard.press('Space');
  await page.locator('button.play[aria-pressed="true"]').waitFor({ state: 'attached', timeout: 5_000 });
  await page.waitForTimeout(PLAY_S * 1000);
  const playing = longShare(await page.evaluate(() => window.__uiBench.stopFrames()));
  const to = (await page.getAttribute('[data-testid=step-label]', 'data-step')) ?? '?';
  await page.context().close();
  const pp = (x: number) => r1(100 * x);
  return {
    case: 'autoplay',
    title: 'autoplay backward, T=32, n=16, speed 4',
    throttle: THROTTLE,
    frames: playing.frames,
    over_20ms_pct: pp(playing.share),
    paused_frames: paused.frames,
    paused_over_20ms_pct: pp(paused.share),
    excess_pp: r1(pp(playing.share) - pp(paused.share)),
    target_excess_pp: 1,
    longest_ms: playing.longest,
    from,
    to,
    steps_played: (parseStepKey(32, to) ?? NaN) - (parseStepKey(32, from) ?? NaN),
  };
}

// ---------------------------------------------------------------- an edit of one weight (the gradient lab)

/**
 * In-page probe (a string: see ui-page.js on why): an edit starts at the
 * `input` event of the lab's value field; it is recomputed once the edited
 * entry reads a new value, and painted at the end of the next frame.
 */
const EDIT_PROBE = `(() => {
  const raf = window.requestAnimationFrame.bind(window);
  const recs = [];
  let cur = null;
  const entry = () => document.querySelector('[data-testid=edit-entry]')?.textContent ?? '';
  addEventListener('input', (e) => {
    if (e.target?.dataset?.testid !== 'edit-value') return;
    cur = { t0: e.timeStamp, from: entry(), seen: false, tEnd: NaN };
    cur.done = new Promise((r) => (cur.resolve = r));
    recs.push(cur);
  }, true);
  new MutationObserver(() => {
    const c = cur;
    if (!c || c.seen || entry() === c.from) return;
    c.seen = true;
    raf(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { c.tEnd = performance.now(); ch.port1.close(); c.resolve(); };
      ch.port2.postMessage(0);
    });
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
  window.__edit = {
    async wait(i, ms) {
      const deadline = performance.now() + ms;
      while (!recs[i] && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const c = recs[i];
      if (!c) throw new Error('edit ' + i + ': no input event');
      await Promise.race([c.done, new Promise((_, no) => setTimeout(() => no(new Error('edit ' + i + ': not painted')), ms))]);
      return c.tEnd - c.t0;
    },
  };
})()`;

const EDITS = 20;
const EDIT_TARGET_MS = 250;

async function runEdit(browser: Browser) {
  const step = 'B3@500';
  const page = await open(browser, `#${charHash(1000, 128, 64, 0.1)}&step=${step}`, step);
  await page.keyboard.press('l');
  await page.click('[data-testid=lab-tab-edit]');
  await page.locator('[data-testid=edit-value]').waitFor({ timeout: TIMEOUT_MS });
  await page.evaluate(EDIT_PROBE);
  const ms: number[] = [];
  for (let i = 0; i < EDITS + 2; i++) {
    // Values a weight of this scenario could have (|W| ≤ 0.1), a different one each time.
    await page.fill('[data-testid=edit-value]', String((i % 2 ? 0.05 : -0.05) + i / 1000));
    const t = await page.evaluate(([k, to]) => (window as unknown as { __edit: { wait(i: number, ms: number): Promise<number> } }).__edit.wait(k, to), [i, TIMEOUT_MS] as const);
    if (i >= 2) ms.push(t);
    await page.waitForTimeout(150);
  }
  await page.context().close();
  return { case: 'edit', title: 'edit W[1,1], T=1000, n=128, m=k=64', throttle: THROTTLE, edits: ms.length, median_ms: r1(quantile(ms, 0.5)), p95_ms: r1(quantile(ms, 0.95)), max_ms: r1(Math.max(...ms)), target_p95_ms: EDIT_TARGET_MS };
}

// ---------------------------------------------------------------- soak

const SAMPLE_S = 30;
const WARM_S = 120;
interface SoakSample {
  t_s: number;
  heap_mb: number;
  elements: number;
  nodes: number;
  listeners: number;
  step: string;
  loops: number;
}

async function runSoak(browser: Browser): Promise<void> {
  const page = await open(browser, '?motion=1#preset=long&step=F1@1', 'F1@1', 1);
  const cdp = await page.context().newCDPSession(page);
  await page.selectOption('select[aria-label="Playback speed"]', '4');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  const samples: SoakSample[] = [];
  let loops = 0;
  const t0 = Date.now();
  const label = () => page.evaluate(() => document.querySelector('[data-testid=step-label]')?.getAttribute('data-step') ?? '?');
  // Each sample is taken at the same step, F1@1 (the DOM's size depends on the step shown): the walk pauses,
  // goes Home, settles, is measured, and goes on from where it was (a second or so out of every 30).
  const sample = async () => {
    const playing = (await page.getAttribute('button.play', 'aria-pressed')) === 'true';
    const step = await label();
    if (playing) await page.keyboard.press('Space');
    await page.keyboard.press('Home');
    await page.waitForTimeout(1000);
    await cdp.send('HeapProfiler.collectGarbage');
    const m = await page.evaluate(() => ({
      heap: (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize,
      elements: document.getElementsByTagName('*').length,
    }));
    const c = await cdp.send('Memory.getDOMCounters');
    await page.evaluate((h) => void (location.hash = h), `#preset=long&step=${step}`);
    await page.evaluate(([k, t]) => window.__uiBench.waitStep(k, t), [step, TIMEOUT_MS] as const);
    if (playing) await page.keyboard.press('Space');
    const row: SoakSample = { t_s: Math.round((Date.now() - t0) / 1000), heap_mb: Math.round(m.heap / 1e4) / 100, elements: m.elements, nodes: c.nodes, listeners: c.jsEventListeners, step, loops };
    samples.push(row);
    log(`   ${String(row.t_s).padStart(5)} s  heap ${row.heap_mb.toFixed(2).padStart(7)} MB  elements ${String(row.elements).padStart(6)}  nodes ${String(row.nodes).padStart(7)}  listeners ${String(row.listeners).padStart(5)}  ${row.step} (loop ${loops + 1})`);
  };
  for (let next = SAMPLE_S; next <= SOAK_MINUTES * 60; next += SAMPLE_S) {
    while (Date.now() - t0 < next * 1000) {
      await page.waitForTimeout(Math.min(1000, next * 1000 - (Date.now() - t0)));
      // At the end of the walk: back to the start, and play again.
      if ((await page.getAttribute('button.play', 'aria-pressed')) !== 'true') {
        loops++;
        await page.keyboard.press('Home');
        await page.keyboard.press('Space');
      }
    }
    await sample();
  }
  await page.context().close();
  const base = samples.find((x) => x.t_s >= WARM_S) ?? samples[0];
  const last = samples[samples.length - 1];
  const pct = (a: number, b: number) => Math.round((1000 * (b - a)) / a) / 10;
  const heapGrowth = Math.round((last.heap_mb - base.heap_mb) * 100) / 100;
  const nodeGrowth = { elements: pct(base.elements, last.elements), nodes: pct(base.nodes, last.nodes) };
  if (JSON_OUT) {
    console.log(JSON.stringify({ case: 'soak', minutes: SOAK_MINUTES, loops, samples, from_s: base.t_s, heap_growth_mb: heapGrowth, element_growth_pct: nodeGrowth.elements, node_growth_pct: nodeGrowth.nodes, chromium: browser.version() }));
    return;
  }
  console.log(`bench:ui --soak  ${DIST}  Chromium ${browser.version()}, 1280×720, CPU 1×: autoplay on long (T = 43) at speed 4 with animations, ${SOAK_MINUTES} min, ${loops} loop${loops === 1 ? '' : 's'} completed`);
  console.log('sampled at F1@1 after a forced GC; "playing" is the step the walk was at');
  console.log(['     t', 'heap MB', 'elements', '  nodes', 'listeners', 'playing'].join('  '));
  for (const x of samples) console.log([`${x.t_s} s`.padStart(6), x.heap_mb.toFixed(2).padStart(7), String(x.elements).padStart(8), String(x.nodes).padStart(7), String(x.listeners).padStart(9), x.step].join('  '));
  const ok = (b: boolean) => (b ? 'ok' : 'MISS');
  console.log(`growth from ${base.t_s} s to ${last.t_s} s: heap ${heapGrowth >= 0 ? '+' : ''}${heapGrowth} MB (target < 10, ${ok(heapGrowth < 10)}); ` +
    `elements ${nodeGrowth.elements >= 0 ? '+' : ''}${nodeGrowth.elements} %, nodes ${nodeGrowth.nodes >= 0 ? '+' : ''}${nodeGrowth.nodes} % (target < 5 %, ${ok(nodeGrowth.elements < 5 && nodeGrowth.nodes < 5)})`);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', ...(SOAK ? ['--enable-precise-memory-info'] : [])] });
  if (SOAK) {
    try {
      log(`== soak: ${SOAK_MINUTES} min of autoplay on long, sampled every ${SAMPLE_S} s (load ${load()})`);
      await runSoak(browser);
    } finally {
      await browser.close();
      server.close();
    }
    if (pageErrors.length) throw new Error(`the page reported errors:\n  ${pageErrors.slice(0, 20).join('\n  ')}`);
    return;
  }
  const loadBefore = load();
  const rows: PressSummary[] = [];
  try {
    for (const c of CASES.filter((c) => wanted(c.id))) {
      log(`== ${c.title}: ${PRESSES} presses (load ${load()})`);
      rows.push(await runPresses(browser, c));
    }
    const auto = wanted('autoplay') ? (log(`== autoplay: ${PAUSED_S} s paused, ${PLAY_S} s playing (load ${load()})`), await runAutoplay(browser)) : null;
    const edit = wanted('edit') ? (log(`== edit: ${EDITS} edits of one weight at T = 1000 (load ${load()})`), await runEdit(browser)) : null;
    const meta = { chromium: browser.version(), viewport: '1280x720', dist: DIST, load_before: loadBefore, load_after: load() };
    if (JSON_OUT) {
      for (const r of [...rows, ...(auto ? [auto] : []), ...(edit ? [edit] : [])]) console.log(JSON.stringify({ ...r, ...meta }));
    } else {
      console.log(`bench:ui  ${DIST}  Chromium ${meta.chromium}, 1280×720, CPU ${THROTTLE}×  load average ${loadBefore} → ${meta.load_after}`);
      console.log('complete-step latency, keydown → end of the first frame showing the whole step (ms)');
      console.log(['case'.padEnd(26), 'presses', 'median', '   p95', '   max', 'late', ' target'].join(' '));
      for (const r of rows) {
        const t = r.target_p95_ms === null ? '' : `p95 ≤ ${r.target_p95_ms}${r.target_median_ms === null ? '' : `, median ≤ ${r.target_median_ms}`}`;
        const ok = r.target_p95_ms === null ? '' : r.p95_ms <= r.target_p95_ms && (r.target_median_ms === null || r.median_ms <= r.target_median_ms) ? '  ok' : '  MISS';
        console.log([r.title.padEnd(26), String(r.presses).padStart(7), r.median_ms.toFixed(1).padStart(6), r.p95_ms.toFixed(1).padStart(6), r.max_ms.toFixed(0).padStart(6), String(r.late).padStart(4), ` ${t}${ok}`].join(' '));
      }
      if (edit) {
        const ok = edit.p95_ms <= edit.target_p95_ms ? 'ok' : 'MISS';
        console.log(`${edit.title}: ${edit.edits} edits, input → end of the frame painting the recomputed trace: median ${edit.median_ms} ms, p95 ${edit.p95_ms} ms, max ${edit.max_ms.toFixed(0)} ms (target p95 ≤ ${edit.target_p95_ms}, ${ok})`);
      }
      if (auto) {
        console.log(`${auto.title}: ${auto.over_20ms_pct}% of ${auto.frames} frames over ${LONG_MS} ms, paused ${auto.paused_over_20ms_pct}% of ${auto.paused_frames}:` +
          ` playing − paused = ${auto.excess_pp} pp (target ≤ 1${auto.excess_pp <= 1 ? ', ok' : ', MISS'}); longest ${auto.longest_ms} ms; played ${auto.from} → ${auto.to} (${auto.steps_played} steps)`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  if (pageErrors.length) throw new Error(`the page reported errors:\n  ${pageErrors.slice(0, 20).join('\n  ')}`);
}

main().catch((e: unknown) => {
  console.error('bench:ui failed:', e instanceof Error ? e.message : e);
  process.exit(1);
});
