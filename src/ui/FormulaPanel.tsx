import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type MouseEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { stepAt, stepKey } from '../core';
import { useApp } from '../store/store';
import { FACTS, formulaView, type FactId, type FormulaView } from './formulas';
import { cancelIdle, hasIdle, requestIdle } from './idle';
import { prerenderTex, Tex } from './Tex';
import { useShownStep } from './useAfterPaint';

const PHASE_NAME = { forward: 'Forward', backward: 'Backward', end: 'Result' } as const;

/** Hovering a formula term highlights its diagram element (and the term itself, via the store). */
function useTermHover() {
  const setHover = useApp((s) => s.setHover);
  return {
    onMouseOver: (e: MouseEvent) => {
      const el = (e.target as HTMLElement).closest('[data-term]');
      setHover(el ? el.getAttribute('data-term') : null);
    },
    onMouseLeave: () => setHover(null),
  };
}

/**
 * How each formula fits the panel, by row class and TeX: the scale (1 = as is)
 * and its natural height. A row is measured once, in the layout its own render
 * needs anyway (a layout effect right after the commit), and scaled before the
 * frame is painted by a transform, which does not lay the formula out again (a
 * smaller font size would: the whole KaTeX tree is in em). A step revisited
 * takes its fit from here and needs no measuring. Below MIN_FIT a row keeps
 * that scale and scrolls sideways instead.
 */
interface Fit {
  scale: number;
  /** The formula's height unscaled, px. */
  height: number;
}
const fitCache = new Map<string, Fit>();
const fitKey = (className: string, tex: string) => `${className}|${tex}`;
const MIN_FIT = 0.6;

/** The row's class and style for a fit: its height shrinks with the formula's scale. */
function fitAttrs(fit: Fit | undefined): { className: string; style?: CSSProperties } {
  if (fit === undefined || fit.scale >= 1) return { className: '' };
  const style = { height: `${fit.scale * fit.height}px`, '--fit': String(fit.scale) } as CSSProperties;
  return { className: fit.scale === MIN_FIT ? ' fitted scrolls' : ' fitted', style };
}

/** Where a row is in bringing in the panel's new step (see useStagedRows). */
type RowMode = 'old' | 'made' | 'laid' | 'live';
/** Frames a row takes to come in: made, laid out, shown. */
const ROW_STAGES = 3;

/**
 * One formula row. While `old` it keeps showing what it showed before (or an
 * empty row of about the same height if it showed nothing yet). Then the new
 * formula comes in beside it over three frames, so that no frame pays for a
 * whole KaTeX row (a hundred-odd elements): `made`, its DOM is made but not
 * displayed; `laid`, it is styled and laid out, hidden, at its natural width
 * (where a ResizeObserver measures it, see fitRows); `live`, the same DOM
 * replaces the old formula and is painted. Memoised: a stage changes one
 * row's mode, and only that row renders again.
 */
const Row = memo(function Row({ tex, className, label, mode }: { tex: string; className: string; label?: string; mode: RowMode }) {
  // What the row shows follows `tex` while live (state derived during render, React's pattern for it).
  const [current, setCurrent] = useState<string | null>(mode === 'live' ? tex : null);
  if (mode === 'live' && current !== tex) setCurrent(tex);
  const next = (mode === 'made' || mode === 'laid') && current !== tex ? <Tex key={tex} tex={tex} display className={mode === 'made' ? 'incoming unlaid' : 'incoming'} /> : null;
  if (current === null)
    return (
      <div className={`formula-row ${className} pending`} aria-hidden="true">
        {next}
      </div>
    );
  const key = fitKey(className, current);
  const fit = fitAttrs(fitCache.get(key));
  // The previous step's formula, still shown under the new step's heading, is dimmed.
  const stale = current !== tex ? ' stale' : '';
  return (
    <div className={`formula-row ${className}${fit.className}${stale}`} role={label ? 'group' : undefined} aria-label={label} data-fit-key={key} style={fit.style}>
      <Tex key={current} tex={current} display />
      {next}
    </div>
  );
});

/**
 * Frames a new step waits before its first row comes in: the step's heading
 * comes first (stage 0), then the detail panel (which follows the side panels
 * by one more frame, see DetailPanel), each in a frame of its own.
 */
const LEAD_STAGES = 1;

/**
 * What a hidden stage of a row takes here (ms, a moving average of what was
 * measured), so that it is done only in an idle period it fits in.
 */
const hiddenCost = { made: 3, laid: 6 };
/** How long a hidden stage waits for an idle period it fits in before it runs anyway. */
const HIDDEN_WAIT_MS = 120;

/**
 * How far the panel has brought a new step in, one stage at a time: after the
 * lead, row ⌊stage / ROW_STAGES⌋ is coming in (see Row), the rows before it
 * are live. A row's hidden stages (made, laid out) run in idle time between
 * frames, each when the idle period left is long enough for it, its style and
 * layout forced there (`layout`): the frames of an animation running meanwhile
 * keep their budget. The stage that shows a row is committed after a frame,
 * for the next one.
 */
function useStagedRows(views: FormulaView[], total: number, layout: () => void): number {
  // A new step starts at stage 0: the commit that brings the step's heading and
  // the narration adds no formula to that frame's work.
  const [staged, setStaged] = useState<{ views: FormulaView[]; stage: number }>({ views, stage: 0 });
  const stage = staged.views === views ? staged.stage : 0;
  const last = LEAD_STAGES + ROW_STAGES * total;
  useEffect(() => {
    if (stage >= last) return;
    const next = stage + 1;
    const phase = next > LEAD_STAGES ? (next - LEAD_STAGES) % ROW_STAGES : 0;
    const commit = () => setStaged({ views, stage: next });
    let timer = 0;
    let frame = 0;
    let idle = 0;
    // Without real idle periods (Safari), a stage a frame, as the shown ones.
    if (phase === 0 || !hasIdle) {
      frame = requestAnimationFrame(() => {
        // After this frame: the next stage is committed in a task, rendered in the next frame.
        timer = window.setTimeout(commit, 0);
      });
    } else {
      const kind = phase === 1 ? 'made' : 'laid';
      const since = performance.now();
      const work = (deadline: IdleDeadline) => {
        idle = 0;
        if (deadline.timeRemaining() < hiddenCost[kind] + 1 && performance.now() - since < HIDDEN_WAIT_MS) {
          idle = requestIdle(work, HIDDEN_WAIT_MS);
          return;
        }
        const t0 = performance.now();
        flushSync(commit);
        if (kind === 'laid') layout();
        hiddenCost[kind] = 0.7 * hiddenCost[kind] + 0.3 * (performance.now() - t0);
      };
      idle = requestIdle(work, HIDDEN_WAIT_MS);
    }
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      cancelIdle(idle);
    };
  }, [views, stage, last, layout]);
  return Math.max(0, stage - LEAD_STAGES);
}

/**
 * Sizes of incoming formulas (laid out, hidden, in the frame before they are
 * shown), taken by a ResizeObserver: it runs after that frame's layout, so
 * reading them forces nothing. Showing the formula then needs no measuring.
 */
const incomingSize = new WeakMap<Element, { width: number; height: number; rowWidth: number }>();
let sizeObserver: ResizeObserver | null = null;
function observeIncoming(panel: HTMLElement): void {
  if (typeof ResizeObserver === 'undefined') return;
  sizeObserver ??= new ResizeObserver((entries) => {
    // Sizes taken while KaTeX's fonts still load would be those of a fallback font.
    const fontsLoading = document.fonts?.status === 'loading';
    for (const e of entries) {
      const box = e.borderBoxSize?.[0];
      const row = e.target.parentElement;
      if (box && row && !fontsLoading) incomingSize.set(e.target, { width: box.inlineSize, height: box.blockSize, rowWidth: row.clientWidth });
      sizeObserver?.unobserve(e.target);
    }
  });
  for (const el of panel.querySelectorAll('.formula-row > .tex.incoming:not(.unlaid)')) if (!incomingSize.has(el)) sizeObserver.observe(el);
}

const refitPending = new WeakSet<HTMLElement>();

/**
 * Scales the rows of the panel that have no fit yet: from the size their
 * formula had as it came in, or else measured, all reads first (one layout).
 * A transform and the row's height do it: the formulas are not laid out again.
 */
function fitRows(panel: HTMLElement): void {
  // Measured with a fallback font, a fit would be wrong for good (it is cached):
  // while KaTeX's fonts load, rows wait unscaled, and are fitted once they are in.
  if (document.fonts?.status === 'loading') {
    if (!refitPending.has(panel)) {
      refitPending.add(panel);
      void document.fonts.ready.then(() => {
        refitPending.delete(panel);
        if (panel.isConnected) fitRows(panel);
      });
    }
    return;
  }
  const todo: [HTMLElement, string, Fit][] = [];
  for (const r of panel.querySelectorAll<HTMLElement>('.formula-row[data-fit-key]')) {
    const key = r.dataset.fitKey ?? '';
    const tex = r.firstElementChild as HTMLElement | null;
    if (fitCache.has(key) || !tex) continue;
    const size = incomingSize.get(tex) ?? { width: tex.offsetWidth, height: tex.offsetHeight, rowWidth: r.clientWidth };
    const ratio = size.rowWidth / Math.max(1, size.width);
    todo.push([r, key, { scale: ratio >= 1 ? 1 : Math.max(MIN_FIT, ratio * 0.98), height: size.height }]);
  }
  for (const [r, key, fit] of todo) {
    fitCache.set(key, fit);
    const { className, style } = fitAttrs(fit);
    if (!className) continue;
    r.className += className;
    r.style.height = String(style?.height ?? '');
    r.style.setProperty('--fit', String(fit.scale));
  }
}

/**
 * The panel's width the cached fits were taken at. The side pane narrows with
 * the window (below 1270 px): when its width changes, every fit is taken again,
 * the shown rows' at once (a resize is rare; this one forced layout is fine).
 */
let fitWidth = -1;
function useRefitOnResize(ref: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const panel = ref.current;
    if (!panel || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const width = Math.round(entries[0]?.contentRect.width ?? 0);
      if (width === 0 || width === fitWidth) return;
      const first = fitWidth < 0;
      fitWidth = width;
      if (first) return;
      fitCache.clear();
      for (const r of panel.querySelectorAll<HTMLElement>('.formula-row[data-fit-key]')) {
        r.classList.remove('fitted', 'scrolls');
        r.style.removeProperty('height');
        r.style.removeProperty('--fit');
        if (r.firstElementChild) incomingSize.delete(r.firstElementChild);
      }
      fitRows(panel);
    });
    ro.observe(panel);
    return () => ro.disconnect();
  }, [ref]);
}

/**
 * Has the KaTeX of the steps next to this one made ahead (see prerenderTex): the
 * steps' formulas are worked out while the browser is idle, one step per slice,
 * the likely next step first.
 */
function usePrerender(ctx: Parameters<typeof formulaView>[0], index: number) {
  useEffect(() => {
    const total = ctx.trace.T * 14 + 1;
    const steps = [index + 1, index - 1, index + 2].filter((i) => i >= 0 && i < total);
    let id = 0;
    const work = (deadline: IdleDeadline) => {
      while (deadline.timeRemaining() > 4) {
        const next = steps.shift();
        if (next === undefined) return;
        const view = formulaView(ctx, stepAt(ctx.trace.T, next));
        prerenderTex([...rowsOf(view, false).map(([, tex]) => tex), ...view.facts.map((f) => FACTS[f].tex)], true);
      }
      id = requestIdle(work);
    };
    id = requestIdle(work);
    return () => cancelIdle(id);
  }, [ctx, index]);
}

/** The rows of a view, as (class, TeX) pairs. */
function rowsOf(v: FormulaView, compact: boolean): [string, string][] {
  const rows: [string, string][] = [];
  if (!compact) rows.push(['general', v.general]);
  rows.push(['at-t', v.atT]);
  if (v.numeric) rows.push(['numeric', v.numeric]);
  for (const e of v.extra ?? []) rows.push(['extra', e.tex]);
  return rows;
}

/**
 * A formula's background facts (J1–J4), as closed <details>. The facts shown
 * stay until the new ones are live (with the formula's last row): a fact two
 * steps share is kept, not made again, and stays open if it was opened.
 */
function Facts({ facts, live }: { facts: FactId[]; live: boolean }) {
  const [shown, setShown] = useState<FactId[]>(live ? facts : []);
  if (live && shown.join() !== facts.join()) setShown(facts);
  if (shown.length === 0) return null;
  return (
    <div className="facts">
      {shown.map((f) => (
        <details key={f} className="fact" data-fact={f}>
          <summary>{FACTS[f].title}</summary>
          <Tex tex={FACTS[f].tex} display />
          <p>{FACTS[f].text}</p>
        </details>
      ))}
    </div>
  );
}

/** How many staged rows a view has (its facts come with the last one). */
function rowCount(v: FormulaView, compact: boolean): number {
  return rowsOf(v, compact).length;
}

/** One step's formula; its rows are numbered from `first` on, panel-wide, for the stage (see useStagedRows). */
function OneFormula({ view, compact, first, stage }: { view: FormulaView; compact: boolean; first: number; stage: number }) {
  let r = first;
  const live = Math.floor(stage / ROW_STAGES);
  const phase = stage % ROW_STAGES;
  const mode = (): RowMode => {
    const i = r++;
    return i < live ? 'live' : i === live && phase > 0 ? (phase === 1 ? 'made' : 'laid') : 'old';
  };
  const rows = rowCount(view, compact);
  return (
    <section className="formula" data-formula-id={view.id}>
      <h2>
        <span className={`badge badge-${view.id[0]}`}>{view.id === 'END' ? 'L' : view.id}</span> {view.title}
      </h2>
      {!compact && <Row tex={view.general} className="general" label="general form" mode={mode()} />}
      <Row tex={view.atT} className="at-t" label="at this step" mode={mode()} />
      {view.numeric && <Row tex={view.numeric} className="numeric" label="with numbers" mode={mode()} />}
      {view.extra?.map((e) => (
        <div key={e.label + e.tex.length}>
          <span className="extra-label">{e.label}</span>
          <Row tex={e.tex} className="extra" mode={mode()} />
        </div>
      ))}
      <Facts facts={view.facts} live={first + rows <= live} />
    </section>
  );
}

/**
 * The formula of the current step in KaTeX: general form, t filled in, numbers.
 * In the coarse walk a stop shows every formula of its (phase, t) group.
 */
export function FormulaPanel() {
  // One painted frame behind the walk: a key press paints the diagram first and
  // the formulas right after; presses in quick succession skip the ones between.
  const { model, trace, scenario, index, spanFrom } = useShownStep();
  const hover = useApp((s) => s.hover);
  const ctx = useMemo(() => ({ model, trace, scenario }), [model, trace, scenario]);
  const views = useMemo(() => {
    const out: FormulaView[] = [];
    for (let i = spanFrom; i <= index; i++) out.push(formulaView(ctx, stepAt(trace.T, i)));
    return out;
  }, [ctx, trace, index, spanFrom]);
  const step = stepAt(trace.T, index);
  const handlers = useTermHover();
  const ref = useRef<HTMLDivElement>(null);
  const compact = views.length > 1;
  const firsts: number[] = [];
  let total = 0;
  for (const v of views) {
    firsts.push(total);
    total += rowCount(v, compact);
  }
  // Brings the panel's style and layout up to date (a hidden row's, in idle time).
  const layout = useCallback(() => void ref.current?.offsetHeight, []);
  const stage = useStagedRows(views, total, layout);
  // Rows seen for the first time are measured before the frame is painted.
  useLayoutEffect(() => {
    if (!ref.current) return;
    fitRows(ref.current);
    observeIncoming(ref.current);
  }, [views, stage]);
  useRefitOnResize(ref);
  usePrerender(ctx, index);
  return (
    <div className="formula-panel" ref={ref} {...handlers} data-hover={hover ?? ''} data-step={stage >= ROW_STAGES * total ? stepKey(step) : 'pending'}>
      <div className="step-heading">
        {PHASE_NAME[step.phase]}
        {step.phase !== 'end' && <>, t = {step.t}</>}
        <span className="step-count">
          step {index + 1} of {trace.T * 14 + 1}
        </span>
      </div>
      {hover && <style>{`.formula-panel [data-term="${CSS.escape(hover)}"] { background: var(--hover-bg); border-radius: 3px; outline: 2px solid var(--hover-ring); }`}</style>}
      {views.map((v, i) => (
        <OneFormula key={`f${i}`} view={v} compact={compact} first={firsts[i]} stage={stage} />
      ))}
    </div>
  );
}
