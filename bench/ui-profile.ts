/**
 * Where the time of a keypress goes: walks a scenario with ArrowRight under the
 * DevTools CPU profiler, then again under a timeline trace, and prints the
 * functions with the most inclusive and self time and the renderer main thread's
 * time per trace event (style, layout, paint, …), per press. Serve an unminified
 * build so the names mean something:
 *
 *   npx vite build --outDir /tmp/ui-prof --minify false
 *   npx vite preview --outDir /tmp/ui-prof --host 127.0.0.1 --port 4998 --strictPort &
 *   UI_BENCH_URL=http://127.0.0.1:4998/ node --import tsx bench/ui-profile.ts \
 *     [--hash 'text=...&hidden=32&scale=0.5&seed=1'] [--T 64] [--start 160] [--presses 40] [--throttle 4]
 *
 * With --play S (and --motion, --speed X) it profiles S seconds of autoplay from
 * --start instead, with bench:ui's requestAnimationFrame loop running, and
 * reports per step played. The trace pass runs on a new document (cold caches,
 * as the bench). The per-press medians end with the whole press (keydown to the end of its
 * frame, forced style and layout included): busy, allStyle, allLayout, allPaint.
 * Environment: DUMP_PRESS=k (events of press k; DUMP_MIN_US; DUMP_AFTER_MS: and that long after its frame),
 * TDUR=1 (thread CPU times instead of wall times), DUMP_ARGS=name (with DUMP_PRESS: the raw arguments of that event), DUMP_RAW=name (every such event as recorded), DUMP_INVAL=k (invalidations of press k), PROFILE_UNDER=fn (profile only below fn), DUMP_SLOW=N (the N latest-painted presses and the tasks before their frame; DUMP_SLOW_EVENTS=M events of each task), DUMP_FORCED=1 (who forced style or layout outside a frame), DUMP_LONG=N and DUMP_LONG_MS (long tasks; DUMP_ALL), DUMP_INTERVAL=s (all events of the long autoplay intervals whose row names s), DUMP_GAPS=N (gaps between
 * frames over 20 ms and their tasks), DUMP_PAINT=1 (paint by layer), DUMP_EVENT=name (how often and how long events of that name ran),
 * PRESS_ROWS=1 (every press's frame row), TRACE_CATS (trace categories).
 */
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { stepAt, stepKey } from '../src/core/steps';
import type {} from './ui-types';

const argv = process.argv.slice(2);
const str = (name: string, def: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : def);
const num = (name: string, def: number) => Number(str(name, String(def)));
const BASE = process.env.UI_BENCH_URL ?? 'http://127.0.0.1:4998/';
const HASH = str('--hash', `text=${encodeURIComponent('the quick brown fox jumps over the lazy dog. pack my box, wizards')}&hidden=32&scale=0.5&seed=1`);
const T = num('--T', 64);
const START = num('--start', 160);
const PRESSES = num('--presses', 40);
const THROTTLE = num('--throttle', 4);
const TOP = num('--top', 40);
const PLAY = num('--play', 0);
const SPEED = num('--speed', 4);
const MOTION = argv.includes('--motion');
/** --css RULES: a style sheet added to the page (experiments: hide a part, see what its frames cost). */
const CSS = str('--css', '');
const UNIT = PLAY ? 'step' : 'press';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function open(page: Page, index: number, reload = false): Promise<void> {
  const key = stepKey(stepAt(T, index));
  // A new document: the trace then starts with cold caches (rendered formulas, fits), as the bench does.
  // (Through about:blank: a goto that changes only the hash stays in the document, whose
  // pagehide may then write its own step into the address that a reload would open.)
  if (reload) await page.goto('about:blank');
  await page.goto(new URL(`./${MOTION ? '?motion=1' : ''}#${HASH}&step=${key}`, BASE).href);
  await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
  await page.evaluate(([k, t]) => window.__uiBench.waitStep(k, t), [key, 15_000] as const);
  await page.waitForTimeout(300);
  await page.evaluate(() => window.__uiBench.arm());
}

async function walk(page: Page, from: number, presses: number): Promise<void> {
  for (let k = 1; k <= presses; k++) {
    await page.keyboard.press('ArrowRight');
    // settle: the press's frame is painted and the label moved, then one more frame.
    await page.evaluate(([k, t]) => window.__uiBench.settle(k, t), [stepKey(stepAt(T, from + k)), 15_000] as const);
  }
}

/** Autoplay for PLAY seconds from the current step; the number of steps played. */
async function play(page: Page): Promise<number> {
  await page.selectOption('select[aria-label="Playback speed"]', String(SPEED));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const from = await page.evaluate(() => window.__uiBench.step());
  // As in bench:ui case B: a rAF loop makes every refresh a frame, idle or not.
  await page.evaluate(() => window.__uiBench.startFrames(true));
  await page.keyboard.press('Space');
  await page.waitForTimeout(PLAY * 1000);
  await page.keyboard.press('Space');
  const to = await page.evaluate(() => window.__uiBench.step());
  const idx = (k: string | null) => Array.from({ length: 14 * T + 1 }, (_, i) => stepKey(stepAt(T, i))).indexOf(k ?? '');
  return idx(to) - idx(from);
}

function frameName(cf: CallFrame): string {
  const file = cf.url.split('/').pop() ?? '';
  return `${cf.functionName || '(anonymous)'} ${file}:${cf.lineNumber + 1}`;
}

function report(profile: Profile, presses: number): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  // PROFILE_UNDER=name: only the samples with that function on their stack (e.g. the
  // synchronous render of a key press, flushSyncWorkAcrossRoots_impl).
  const under = process.env.PROFILE_UNDER;
  const hasUnder = (id: number) => {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) if (byId.get(cur)!.callFrame.functionName === under) return true;
    return false;
  };
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    const node = byId.get(id)!;
    if (under && !hasUnder(id)) return;
    const name = frameName(node.callFrame);
    if (node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') return;
    total += dt;
    self.set(name, (self.get(name) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const nm = frameName(byId.get(cur)!.callFrame);
      if (seen.has(nm)) continue;
      seen.add(nm);
      incl.set(nm, (incl.get(nm) ?? 0) + dt);
    }
  });
  const show = (title: string, m: Map<string, number>) => {
    console.log(`\n${title} (ms per ${UNIT}, ${presses} ${UNIT}s; busy JS total ${(total / presses).toFixed(1)} ms/${UNIT})`);
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, TOP)
      .forEach(([k, v]) => console.log(`${(v / presses).toFixed(2).padStart(8)}  ${k}`));
  };
  show('Inclusive time', incl);
  show('Self time', self);
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time: unlike dur, not stretched when other processes take the cores. */
  tdur?: number;
  tid: number;
  pid: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  args?: { name?: string; data?: any; beginData?: any; elementCount?: number };
}

async function trace(cdp: CDPSession, run: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as TraceEvent[]));
  });
  const done = new Promise<void>((r) => cdp.once('Tracing.tracingComplete', () => r()));
  await cdp.send('Tracing.start', { categories: process.env.TRACE_CATS ?? 'devtools.timeline,blink,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  await run();
  await cdp.send('Tracing.end');
  await done;
  return events;
}

function reportTrace(events: TraceEvent[], presses: number): void {
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return;
  // TDUR=1: thread CPU time instead of wall time (the throttle's pauses and other processes left out; ×THROTTLE less).
  if (process.env.TDUR) for (const e of events) if (e.ph === 'X' && e.tdur !== undefined) e.dur = e.tdur;
  // DUMP_RAW=name: every event of that name, as recorded (phases B/E/X/I with their arguments).
  if (process.env.DUMP_RAW) for (const e of events.filter((x) => x.name === process.env.DUMP_RAW).slice(0, 40)) console.log(JSON.stringify(e));
  const sums = new Map<string, { ms: number; count: number }>();
  for (const e of events) {
    if (e.pid !== main.pid || e.tid !== main.tid || e.ph !== 'X' || !e.dur) continue;
    const s = sums.get(e.name) ?? { ms: 0, count: 0 };
    s.ms += e.dur / 1000;
    s.count++;
    sums.set(e.name, s);
  }
  console.log(`\nRenderer main thread, trace events (inclusive ms per ${UNIT}, ${presses} ${UNIT}s)`);
  [...sums.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, 25)
    .forEach(([k, v]) => console.log(`${(v.ms / presses).toFixed(2).padStart(8)}  ${k} ×${(v.count / presses).toFixed(1)}`));

  // Each frame's rendering update (WebFrameWidgetImpl::UpdateLifecycle) split by phase;
  // style and layout forced by script (outside the frame's update) counted apart.
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur);
  const frames = onMain.filter((e) => e.name === 'WebFrameWidgetImpl::UpdateLifecycle');
  const PHASES = ['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit'];
  const inside = (outer: TraceEvent, e: TraceEvent) => e.ts >= outer.ts && e.ts + (e.dur ?? 0) <= outer.ts + (outer.dur ?? 0);
  const rows = frames.map((f) => {
    const row: Record<string, number> = { total: (f.dur ?? 0) / 1000 };
    for (const ph of PHASES) row[ph] = onMain.filter((e) => e.name === ph && inside(f, e)).reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
    return row;
  });
  const big = rows.filter((r) => r.total > 5).sort((a, b) => a.total - b.total);
  if (big.length) {
    const mid = big[Math.floor(big.length / 2)];
    console.log(`\nFrames with a rendering update > 5 ms: ${big.length} (${(big.length / presses).toFixed(1)} per ${UNIT}); the median one, ms:`);
    console.log('  ' + Object.entries(mid).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
  }
  // The frame each key press is answered in: the first rendering update after its keydown.
  const keydowns = onMain.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  if (keydowns.length) {
    const pressRows = keydowns
      .map((k) => {
        const f = frames.find((fr) => fr.ts >= k.ts);
        if (!f) return null;
        const row: Record<string, number> = { keydown: (k.dur ?? 0) / 1000, total: (f.dur ?? 0) / 1000, wait: (f.ts - k.ts - (k.dur ?? 0)) / 1000 };
        for (const ph of PHASES) row[ph] = onMain.filter((e) => e.name === ph && inside(f, e)).reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
        const style = onMain.filter((e) => e.name === 'UpdateLayoutTree' && inside(f, e));
        row.styledElements = style.reduce((a, e) => a + (e.args?.elementCount ?? e.args?.data?.elementCount ?? 0), 0);
        const layout = events.filter((e) => e.name === 'Layout' && e.ph === 'X' && inside(f, e) && e.pid === main.pid && e.tid === main.tid);
        row.layoutDirty = layout.reduce((a, e) => a + (e.args?.beginData?.dirtyObjects ?? 0), 0);
        row.layoutTotal = layout.reduce((a, e) => Math.max(a, e.args?.beginData?.totalObjects ?? 0), 0);
        // Layouts that started at the document's root (not only at relayout boundaries).
        row.layoutFull = layout.filter((e) => e.args?.beginData?.partialLayout === false).length;
        row.paints = onMain.filter((e) => e.name === 'Paint' && inside(f, e)).length;
        // Full layerizations (not the repaint-only path): the compositor's layers were rebuilt.
        row.fullLayerize = onMain.filter((e) => e.name === 'PaintArtifactCompositor::Update' && inside(f, e)).length;
        // From the keydown to the frame's end, forced style and layout included: where the press's time went.
        const span = { ts: k.ts, dur: f.ts + (f.dur ?? 0) - k.ts } as TraceEvent;
        const inSpan = (name: string) => onMain.filter((e) => e.name === name && inside(span, e)).reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
        // Tasks overlapping the press, clipped to it (the keydown's own task starts before its event).
        const spanEnd = span.ts + (span.dur ?? 0);
        row.busy = onMain.filter((e) => e.name === 'RunTask').reduce((a, e) => a + Math.max(0, Math.min(spanEnd, e.ts + (e.dur ?? 0)) - Math.max(span.ts, e.ts)) / 1000, 0);
        row.allStyle = inSpan('UpdateLayoutTree');
        row.allLayout = inSpan('Layout');
        row.allPaint = inSpan('PrePaint') + inSpan('Paint') + inSpan('Layerize');
        return row;
      })
      .filter((r): r is Record<string, number> => r !== null);
    // PRESS_ROWS=1: every press's row (press k, counted from 0 as DUMP_PRESS).
    if (process.env.PRESS_ROWS) {
      pressRows.forEach((r, k) => console.log(`  press ${String(k).padStart(3)}: ` + Object.entries(r).map(([n, v]) => `${n} ${Number.isInteger(v) ? v : v.toFixed(1)}`).join(', ')));
    }
    if (process.env.DUMP_PRESS) {
      const k = keydowns[Number(process.env.DUMP_PRESS)];
      const f = frames.find((fr) => fr.ts >= k.ts);
      const end = (f ? f.ts + (f.dur ?? 0) : k.ts + 50_000) + Number(process.env.DUMP_AFTER_MS ?? 0) * 1000;
      for (const e of onMain.filter((x) => x.ts >= k.ts && x.ts <= end && (x.dur ?? 0) > Number(process.env.DUMP_MIN_US ?? 200)))
        console.log(`   ${((e.ts - k.ts) / 1000).toFixed(1).padStart(6)} +${((e.dur ?? 0) / 1000).toFixed(1).padStart(5)}  ${e.name} ${e.args?.data?.type ?? e.args?.data?.functionName ?? ''}${e.name === 'FunctionCall' && e.args?.data?.url ? ' ' + String(e.args.data.url).split('/').pop() + ':' + e.args.data.lineNumber : ''} ${e.name === 'Paint' || e.name === process.env.DUMP_ARGS ? JSON.stringify(e.args) : e.name.includes('RunTask') ? JSON.stringify(e.args) : ''}`);
    }
    // DUMP_SLOW=N: the N presses whose frame came latest, each part of them.
    if (process.env.DUMP_SLOW) {
      const late = pressRows
        .map((r, k) => ({ k, r, end: r.keydown + r.wait + r.total }))
        .sort((a, b) => b.end - a.end)
        .slice(0, Number(process.env.DUMP_SLOW));
      console.log('\nThe latest-painted presses (press number: its parts, ms):');
      for (const { k, r, end } of late) {
        console.log(`  #${k} ${end.toFixed(1)}: ` + Object.entries(r).map(([n, v]) => `${n} ${Number.isInteger(v) ? v : v.toFixed(1)}`).join(', '));
        // What ran on the main thread between the keydown and its frame (the wait).
        const kd = keydowns[k];
        const f = frames.find((fr) => fr.ts >= kd.ts);
        if (!f) continue;
        const tasks = onMain.filter((e) => e.name === 'RunTask' && e.ts > kd.ts + (kd.dur ?? 0) && e.ts < f.ts && (e.dur ?? 0) > 300);
        const what = (t: TraceEvent) =>
          onMain
            .filter((e) => e !== t && inside(t, e) && (e.dur ?? 0) > 300 && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask')
            .slice(0, Number(process.env.DUMP_SLOW_EVENTS ?? 3))
            .map((e) => `${e.name}${e.args?.data?.type ? ':' + e.args.data.type : ''}${e.args?.data?.functionName ? ':' + e.args.data.functionName : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`)
            .join(', ');
        for (const t of tasks) console.log(`      +${((t.ts - kd.ts) / 1000).toFixed(1)} task ${((t.dur ?? 0) / 1000).toFixed(1)} ms: ${what(t)}`);
        console.log(`      +${((f.ts - kd.ts) / 1000).toFixed(1)} frame`);
      }
    }
    // DUMP_INVAL=k: what press k invalidated before its frame was painted (needs TRACE_CATS with
    // disabled-by-default-devtools.timeline.invalidationTracking), by kind, reason and node.
    if (process.env.DUMP_INVAL) {
      const k = keydowns[Number(process.env.DUMP_INVAL)];
      const f = frames.find((fr) => fr.ts >= k.ts);
      const end = f ? f.ts + (f.dur ?? 0) : k.ts + 50_000;
      const count = new Map<string, number>();
      for (const e of events) {
        if (!e.name.includes('InvalidationTracking') || e.ts < k.ts || e.ts > end) continue;
        const d = e.args?.data ?? {};
        const key = `${e.name.replace('InvalidationTracking', '')} ${d.reason ?? d.changedClass ?? d.changedAttribute ?? d.changedId ?? ''} ${String(d.nodeName ?? '').slice(0, 70)}`;
        count.set(key, (count.get(key) ?? 0) + 1);
      }
      console.log(`\nInvalidations of press ${process.env.DUMP_INVAL} up to its frame:`);
      for (const [key, v] of [...count.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`  ${String(v).padStart(4)}  ${key}`);
    }
    const keys = Object.keys(pressRows[0] ?? {});
    const med = (k: string) => {
      const v = pressRows.map((r) => r[k]).sort((a, b) => a - b);
      return v[Math.floor(v.length / 2)];
    };
    console.log(`\nThe frame answering each key press (${pressRows.length} presses), medians:`);
    console.log('  ' + keys.map((k) => `${k} ${Number.isInteger(med(k)) ? med(k) : med(k).toFixed(1)}`).join(', '));
  }
  // Paint by the layer painted (the trace names its root node).
  if (process.env.DUMP_PAINT) {
    const by = new Map<string, { ms: number; count: number }>();
    for (const e of onMain.filter((x) => x.name === 'Paint')) {
      const k = String(e.args?.data?.nodeName ?? '?');
      const v = by.get(k) ?? { ms: 0, count: 0 };
      v.ms += (e.dur ?? 0) / 1000;
      v.count++;
      by.set(k, v);
    }
    console.log(`\nPaint by layer root (inclusive ms per ${UNIT}):`);
    [...by.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12).forEach(([k, v]) => console.log(`${(v.ms / presses).toFixed(2).padStart(8)}  ×${(v.count / presses).toFixed(1)}  ${k}`));
  }
  // Long gaps between frames (autoplay): what ran in them.
  if (process.env.DUMP_GAPS) {
    const starts = frames.map((f) => f.ts).sort((a, b) => a - b);
    const gaps = starts.slice(1).map((t, i) => ({ from: starts[i], to: t, ms: (t - starts[i]) / 1000 })).filter((g) => g.ms > 20);
    console.log(`\nGaps between frames > 20 ms: ${gaps.length}`);
    for (const g of gaps.slice(0, Number(process.env.DUMP_GAPS))) {
      console.log(`  gap ${g.ms.toFixed(1)} ms`);
      const top = onMain.filter((e) => e.ts >= g.from && e.ts < g.to && e.name === 'RunTask' && (e.dur ?? 0) > 1000);
      for (const t of top) {
        const inner = onMain
          .filter((e) => e.ts >= t.ts && e.ts + (e.dur ?? 0) <= t.ts + (t.dur ?? 0) && e !== t && (e.dur ?? 0) > 800 && ['FunctionCall', 'TimerFire', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'Paint', 'Layerize', 'PrePaint', 'FireAnimationFrame', 'HTMLDocumentParser::PumpTokenizerIfPossible', 'RunMicrotasks', 'V8.GC_SCAVENGER', 'MajorGC', 'MinorGC'].includes(e.name))
          .map((e) => `${e.name}${e.args?.data?.functionName ? ':' + e.args.data.functionName : ''} ${((e.dur ?? 0) / 1000).toFixed(1)}`);
        console.log(`    task ${((t.dur ?? 0) / 1000).toFixed(1)} ms: ${inner.join(', ')}`);
      }
    }
  }
  // The same by thread CPU time, which other load on the machine does not stretch
  // (the throttle's slowdown is in it).
  {
    const tasks = onMain.filter((e) => e.name === 'RunTask');
    const cpu = tasks.reduce((a, e) => a + (e.tdur ?? 0) / 1000, 0);
    const over = (ms: number) => (tasks.filter((e) => (e.tdur ?? 0) > ms * 1000).length / presses).toFixed(2);
    console.log(`\nMain-thread CPU: ${(cpu / presses).toFixed(1)} ms per ${UNIT}; tasks over 12 ms: ${over(12)}, over 16 ms: ${over(16)}, over 24 ms: ${over(24)} per ${UNIT}`);
  }
  // Autoplay: the intervals between the frame loop's rAFs (console.timeStamp marks), by
  // what they render (the changes made before the interval's rAF) and make (those of the next).
  if (PLAY) {
    const marks = events
      .filter((e) => e.name === 'TimeStamp' && String(e.args?.data?.message ?? '').startsWith('frame '))
      .sort((a, b) => a.ts - b.ts);
    const tagName = (tags: number) => {
      const parts: string[] = [];
      if (tags & 1) parts.push('step');
      if (tags & 2) parts.push(tags & 32 ? 'made' : tags & 64 ? 'laid' : tags & 128 ? 'shown' : 'panel');
      if (tags & 4) parts.push('detail');
      if (tags & 8) parts.push('diagram');
      if (tags & 16) parts.push('flow');
      return parts.join('+') || '-';
    };
    const KINDS = ['FunctionCall', 'TimerFire', 'UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'MajorGC', 'MinorGC'];
    const groups = new Map<string, { n: number; long: number; ms: number[]; parts: Record<string, number> }>();
    const allByName = new Map<string, number>();
    let allLong = 0;
    for (let k = 0; k + 1 < marks.length; k++) {
      const from = marks[k].ts;
      const to = marks[k + 1].ts;
      const tags = Number(String(marks[k].args?.data?.message).slice(6));
      const next = Number(String(marks[k + 1].args?.data?.message).slice(6));
      const key = `render ${tagName(tags).padEnd(26)} make ${tagName(next)}`;
      const g = groups.get(key) ?? { n: 0, long: 0, ms: [], parts: {} };
      const wall = (to - from) / 1000;
      g.n++;
      g.ms.push(wall);
      if (wall > 20) {
        g.long++;
        // Top-level events only (not nested in another of the kinds).
        const inIv = onMain.filter((e) => e.ts >= from && e.ts < to && KINDS.includes(e.name));
        for (const e of inIv) {
          if (inIv.some((o) => o !== e && KINDS.includes(o.name) && o.ts <= e.ts && o.ts + (o.dur ?? 0) >= e.ts + (e.dur ?? 0) && (o.dur ?? 0) > (e.dur ?? 0))) continue;
          const name = e.name === 'TimerFire' ? 'FunctionCall' : e.name;
          g.parts[name] = (g.parts[name] ?? 0) + (e.dur ?? 0) / 1000;
        }
        // How many elements were styled, and how many layout objects were dirty.
        g.parts.styled = (g.parts.styled ?? 0) + inIv.filter((e) => e.name === 'UpdateLayoutTree').reduce((a, e) => a + (e.args?.elementCount ?? e.args?.data?.elementCount ?? 0), 0);
        g.parts.dirty = (g.parts.dirty ?? 0) + inIv.filter((e) => e.name === 'Layout').reduce((a, e) => a + (e.args?.beginData?.dirtyObjects ?? 0), 0);
        // DUMP_INTERVAL=substring: every main-thread event of these long intervals, by name (inclusive).
        if (process.env.DUMP_INTERVAL && key.includes(process.env.DUMP_INTERVAL)) {
          for (const e of onMain) if (e.ts >= from && e.ts < to) allByName.set(e.name, (allByName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
          allLong++;
        }
      }
      groups.set(key, g);
    }
    console.log(`\nFrame intervals by what they render and make (${marks.length - 1} intervals; long: > 20 ms; mean ms of the long ones, and their mean counts of styled elements and dirty layout objects):`);
    for (const [key, g] of [...groups.entries()].sort((a, b) => b[1].long - a[1].long).slice(0, 24)) {
      const med = g.ms.sort((a, b) => a - b)[Math.floor(g.ms.length / 2)];
      const parts = Object.entries(g.parts).sort((a, b) => b[1] - a[1]).map(([n, v]) => `${n} ${(v / Math.max(1, g.long)).toFixed(1)}`).join(', ');
      console.log(`  ${key.padEnd(60)} ${String(g.n).padStart(5)} ${String(g.long).padStart(4)} long, median ${med.toFixed(1)}  ${parts}`);
    }
    if (allLong) {
      console.log(`\nEvents of the ${allLong} long intervals matching "${process.env.DUMP_INTERVAL}" (inclusive mean ms per interval):`);
      console.log('  ' + [...allByName.entries()].filter(([, v]) => v / allLong > 0.3).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(v / allLong).toFixed(1)}`).join(', '));
    }
  }
  // Long tasks (> 16 ms): what ran in them, with the style and layout sizes.
  if (process.env.DUMP_LONG) {
    const longMs = Number(process.env.DUMP_LONG_MS ?? 16);
    const long = onMain.filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > longMs * 1000);
    console.log(`\nTasks > ${longMs} ms: ${long.length} (${(long.length / presses).toFixed(1)} per ${UNIT})`);
    for (const t of long.slice(0, Number(process.env.DUMP_LONG))) {
      const inner = onMain
        .filter((e) => inside(t, e) && e !== t && (e.dur ?? 0) > 500 && ['FunctionCall', 'TimerFire', 'EventDispatch', 'UpdateLayoutTree', 'Layout', 'Paint', 'Layerize', 'PrePaint', 'FireAnimationFrame', 'HTMLDocumentParser::PumpTokenizerIfPossible', 'MajorGC', 'MinorGC'].includes(e.name))
        .map((e) => {
          const fn = e.args?.data?.functionName ? ':' + e.args.data.functionName : '';
          const size = e.name === 'Layout' ? `[${e.args?.beginData?.dirtyObjects}/${e.args?.beginData?.totalObjects}]` : e.name === 'UpdateLayoutTree' ? `[${e.args?.elementCount ?? e.args?.data?.elementCount ?? '?'}]` : '';
          return `${e.name}${fn}${size} ${((e.dur ?? 0) / 1000).toFixed(1)}`;
        });
      console.log(`  task ${((t.dur ?? 0) / 1000).toFixed(1)} ms: ${inner.join(', ')}`);
      if (process.env.DUMP_ALL) {
        // Every event in the task, by name, summed (inclusive: nested events count in both).
        const by = new Map<string, number>();
        for (const e of onMain) if (inside(t, e) && e !== t) by.set(e.name, (by.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
        console.log('      ' + [...by.entries()].filter(([, v]) => v > 0.7).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
      }
    }
  }
  // DUMP_EVENT=substring: how often trace events of that name ran, and how long.
  if (process.env.DUMP_EVENT) {
    const hits = onMain.filter((e) => e.name.includes(String(process.env.DUMP_EVENT)));
    const ms = hits.map((e) => (e.dur ?? 0) / 1000).sort((a, b) => a - b);
    const at = (q: number) => (ms.length ? ms[Math.min(ms.length - 1, Math.floor(q * ms.length))].toFixed(2) : '-');
    console.log(`\nEvents named *${process.env.DUMP_EVENT}*: ${(hits.length / presses).toFixed(2)} per ${UNIT}, ${(ms.reduce((a, v) => a + v, 0) / presses).toFixed(2)} ms per ${UNIT}; median ${at(0.5)}, p90 ${at(0.9)}, max ${at(1)} ms`);
  }
  const forced = onMain.filter((e) => (e.name === 'UpdateLayoutTree' || e.name === 'Layout') && !frames.some((f) => inside(f, e)));
  const forcedMs = forced.reduce((a, e) => a + (e.dur ?? 0) / 1000, 0);
  console.log(`Style/layout forced by script (outside frames): ${(forced.length / presses).toFixed(1)} per ${UNIT}, ${(forcedMs / presses).toFixed(1)} ms per ${UNIT}`);
  // DUMP_FORCED=1: who forced each style/layout (the event's JS stack), counted over the run.
  if (process.env.DUMP_FORCED) {
    const who = new Map<string, { n: number; ms: number }>();
    for (const e of forced) {
      // The trace keeps no JS stack here: name the innermost function call (or task) around it.
      const around = onMain
        .filter((x) => x !== e && x.ts <= e.ts && x.ts + (x.dur ?? 0) >= e.ts + (e.dur ?? 0) && (x.name === 'FunctionCall' || x.name === 'EventDispatch' || x.name === 'TimerFire' || x.name === 'FireAnimationFrame' || x.name === 'FireIdleCallback' || x.name === 'ResizeObserver::BroadcastObservations'))
        .sort((a, b) => b.ts - a.ts);
      const c = around[0];
      const d = c?.args?.data ?? {};
      const k = `${e.name} ← ${c ? `${c.name} ${d.type ?? ''}${d.functionName ?? ''}@${String(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}` : `(no call) in ${onMain.filter((x) => x !== e && x.ts <= e.ts && x.ts + (x.dur ?? 0) >= e.ts + (e.dur ?? 0)).map((x) => x.name + (x.name === 'RunTask' ? JSON.stringify(x.args) : '')).join(' > ')}`}`;
      const w = who.get(k) ?? { n: 0, ms: 0 };
      w.n++;
      w.ms += (e.dur ?? 0) / 1000;
      who.set(k, w);
    }
    for (const [k, w] of [...who.entries()].sort((a, b) => b[1].ms - a[1].ms)) console.log(`  ${(w.n / presses).toFixed(2).padStart(5)}×  ${(w.ms / presses).toFixed(2).padStart(6)} ms  ${k}`);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.addInitScript({ path: fileURLToPath(new URL('./ui-page.js', import.meta.url)) });
  if (CSS) await page.addInitScript((css) => addEventListener('DOMContentLoaded', () => document.head.append(Object.assign(document.createElement('style'), { textContent: css }))), CSS);
  const cdp = await page.context().newCDPSession(page);
  await open(page, START);
  const dom = await page.evaluate(() => ({ elements: document.getElementsByTagName('*').length, svg: document.querySelectorAll('svg *').length }));
  console.log(`T = ${T}, from ${stepKey(stepAt(T, START))}, ${PLAY ? `${PLAY} s of autoplay at speed ${SPEED}` : `${PRESSES} presses`}${MOTION ? ' with motion' : ''}, CPU throttle ${THROTTLE}×; DOM: ${dom.elements} elements (${dom.svg} inside SVG)`);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
  if (!PLAY) await walk(page, START, 3);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const units = PLAY ? await play(page) : (await walk(page, START + 3, PRESSES), PRESSES);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  report(profile, units);
  await cdp.send('Profiler.disable');
  if (!PLAY) {
    await page.evaluate(() => window.__uiBench.watchMutations());
    await walk(page, START + 3 + PRESSES, 10);
    const muts = await page.evaluate(() => window.__uiBench.takeMutations());
    console.log('\nDOM mutations per press (10 presses, MutationObserver records):');
    for (const [k, v] of Object.entries(muts).sort((a, b) => b[1] - a[1])) console.log(`${(v / 10).toFixed(1).padStart(8)}  ${k}`);
  }
  await open(page, START, true);
  if (!PLAY) await walk(page, START, 3);
  let units2 = PRESSES;
  const events = await trace(cdp, async () => {
    if (PLAY) units2 = await play(page);
    else await walk(page, START + 3, PRESSES);
  });
  reportTrace(events, units2);
} finally {
  await browser.close();
}
