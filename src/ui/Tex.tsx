import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useLayoutEffect, useRef } from 'react';
import { requestIdle } from './idle';
import { katexOptions, texJobOf, texKey, type TexJob } from './texOptions';

/**
 * Rendered formulas by TeX source, parsed into DOM: a step revisited, or
 * rendered ahead while idle, costs one clone of the nodes (several times
 * cheaper than KaTeX plus the HTML parser, which would otherwise run in the
 * task right before the frame that shows the row).
 */
const cache = new Map<string, DocumentFragment>();
const CACHE_SIZE = 400;

/** Puts a formula in a size-bounded map, most recently used last: the oldest goes first. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  if (map.size >= CACHE_SIZE) map.delete(map.keys().next().value as string);
  map.set(key, value);
}

/** KaTeX's HTML parsed into an (inert) fragment; the time it took, for the idle loop's estimate. */
function parse(key: string, html: string): DocumentFragment {
  const t0 = performance.now();
  const template = document.createElement('template');
  template.innerHTML = html;
  parseCost.learn(html.length, performance.now() - t0);
  remember(cache, key, template.content);
  return template.content;
}

/** KaTeX's HTML (with MathML beside it, for screen readers) of a formula, as a parsed fragment, cached. */
function renderTex(tex: string, display: boolean): DocumentFragment {
  const key = texKey(tex, display);
  const frag = cache.get(key);
  if (frag !== undefined) {
    remember(cache, key, frag);
    return frag;
  }
  // Made ahead by the worker: only the parse is left.
  const html = ready.get(key);
  if (html !== undefined) {
    ready.delete(key);
    return parse(key, html);
  }
  const t0 = performance.now();
  const made = katex.renderToString(tex, katexOptions(display));
  const out = parse(key, made);
  renderCost.learn(made.length, performance.now() - t0);
  return out;
}

/**
 * How long a piece of work takes on this machine, per character of HTML
 * (a moving average of what was measured): idle time is only spent on a piece
 * that fits in what is left of it, so working ahead never delays a frame.
 */
class CostPerChar {
  constructor(private msPerChar: number) {}
  learn(chars: number, ms: number): void {
    if (chars > 0) this.msPerChar = 0.7 * this.msPerChar + 0.3 * (ms / chars);
  }
  fits(chars: number, deadline: IdleDeadline): boolean {
    return deadline.timeRemaining() > 1 + chars * this.msPerChar;
  }
}
// Starting guesses (KaTeX rows are ~10–60 k characters): a parse of 30 k about 2 ms, KaTeX and a parse about 5 ms.
const parseCost = new CostPerChar(0.00007);
const renderCost = new CostPerChar(0.00017);

/** HTML the worker made, not parsed yet, by key; and the keys it is working on. */
const ready = new Map<string, string>();
const asked = new Set<string>();
/** The keys of each batch sent, in order (the worker answers batches in order). */
const inFlight: string[][] = [];
/** TeX to render on the main thread while idle, when there is no worker. */
const local: TexJob[] = [];

let worker: Worker | null | undefined;
function texWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./tex.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<string[]>) => {
      const jobs = inFlight.shift() ?? [];
      jobs.forEach((key, i) => {
        asked.delete(key);
        if (!cache.has(key) && e.data[i] !== undefined) remember(ready, key, e.data[i]);
      });
      scheduleIdle();
    };
    worker.onerror = () => {
      // No worker after all (a host that will not serve it as a script): render here, while idle.
      worker?.terminate();
      worker = null;
      for (const key of asked) local.push(texJobOf(key));
      asked.clear();
      inFlight.length = 0;
      scheduleIdle();
    };
  } catch {
    worker = null;
  }
  return worker;
}

/**
 * Renders formulas ahead, for the steps next to the current one: KaTeX in the
 * worker, then each parse in the main thread's idle time, one at a time and
 * only when it fits (else at use, still without KaTeX). Formulas already made
 * or on their way are skipped.
 */
export function prerenderTex(texs: string[], display: boolean): void {
  const jobs = texs.filter((tex) => {
    const key = texKey(tex, display);
    return !cache.has(key) && !ready.has(key) && !asked.has(key);
  });
  if (jobs.length === 0) return;
  const w = texWorker();
  if (w) {
    const keys = jobs.map((tex) => texKey(tex, display));
    keys.forEach((key) => asked.add(key));
    inFlight.push(keys);
    w.postMessage(jobs.map((tex): TexJob => ({ tex, display })));
  } else {
    local.push(...jobs.map((tex) => ({ tex, display })));
    scheduleIdle();
  }
}

let idleId = 0;
function scheduleIdle(): void {
  if (idleId) return;
  idleId = requestIdle((deadline) => {
    idleId = 0;
    for (;;) {
      const first = ready.entries().next();
      if (!first.done) {
        const [key, html] = first.value;
        if (!parseCost.fits(html.length, deadline)) break;
        ready.delete(key);
        parse(key, html);
        continue;
      }
      const job = local[0];
      if (job === undefined) return;
      // A TeX source is ~10× shorter than its HTML.
      if (!renderCost.fits(job.tex.length * 10, deadline)) break;
      local.shift();
      renderTex(job.tex, job.display);
    }
    scheduleIdle();
  });
}

/**
 * One KaTeX formula, memoised on its TeX string. React owns the span; its
 * children are a clone of the cached fragment, put in before the frame is painted.
 */
export const Tex = memo(function Tex({ tex, display = false, className }: { tex: string; display?: boolean; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    // importNode clones straight into this document (the template's is inert).
    ref.current?.replaceChildren(document.importNode(renderTex(tex, display), true));
  }, [tex, display]);
  return <span ref={ref} className={className ? `tex ${className}` : 'tex'} />;
});
