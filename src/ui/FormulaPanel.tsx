import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type MouseEvent } from 'react';
import { stepAt, stepKey } from '../core';
import { useApp } from '../store/store';
import { FACTS, formulaView, type FormulaView } from './formulas';
import { renderTex, Tex } from './Tex';
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

/**
 * One formula row. `live` false keeps the row showing what it showed before
 * (the panel brings a new step's rows in one per frame, see useStagedRows), or
 * an empty row of about the same height if it showed nothing yet.
 */
function Row({ tex, className, label, live }: { tex: string; className: string; label?: string; live: boolean }) {
  // What the row shows follows `tex` while live (state derived during render, React's pattern for it).
  const [current, setCurrent] = useState<string | null>(live ? tex : null);
  if (live && current !== tex) setCurrent(tex);
  if (current === null) return <div className={`formula-row ${className} pending`} aria-hidden="true" />;
  const key = fitKey(className, current);
  const fit = fitAttrs(fitCache.get(key));
  return (
    <div className={`formula-row ${className}${fit.className}`} aria-label={label} data-fit-key={key} style={fit.style}>
      <Tex tex={current} display />
    </div>
  );
}

/**
 * How many rows of the panel show the current step. A new step's formulas
 * reach the page one row per frame: the browser styles and lays out each
 * KaTeX row (a few hundred elements) in a frame of its own instead of all of
 * them in one long frame, which would stutter the diagram's animation.
 */
function useStagedRows(views: FormulaView[], total: number): number {
  // A new step starts with none of its rows live: the commit that brings the
  // step's heading and detail panel adds no formula to that frame's work.
  const [staged, setStaged] = useState<{ views: FormulaView[]; rows: number }>({ views, rows: 0 });
  const rows = staged.views === views ? staged.rows : 0;
  useEffect(() => {
    if (rows >= total) return;
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      // After this frame: the next row's DOM is made in a task, laid out in the next frame.
      timer = window.setTimeout(() => setStaged({ views, rows: rows + 1 }), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [views, rows, total]);
  return rows;
}

/**
 * Measures the rows of the panel that have no fit yet, all reads first (one
 * layout), then scales them (a transform and the row's height: the formulas
 * are not laid out again).
 */
function fitRows(panel: HTMLElement): void {
  const todo: [HTMLElement, string, Fit][] = [];
  for (const r of panel.querySelectorAll<HTMLElement>('.formula-row[data-fit-key]')) {
    const key = r.dataset.fitKey ?? '';
    const tex = r.firstElementChild as HTMLElement | null;
    if (fitCache.has(key) || !tex) continue;
    const ratio = r.clientWidth / Math.max(1, tex.offsetWidth);
    todo.push([r, key, { scale: ratio >= 1 ? 1 : Math.max(MIN_FIT, ratio * 0.98), height: tex.offsetHeight }]);
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

/** Renders, while the browser is idle, the KaTeX of the steps next to this one, one formula per slice. */
function usePrerender(ctx: Parameters<typeof formulaView>[0], index: number) {
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((f: (d: IdleDeadline) => void) => window.setTimeout(() => f({ didTimeout: false, timeRemaining: () => 8 }), 60));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const total = ctx.trace.T * 14 + 1;
    // The likely next step first; small slices, so a key press never waits long.
    const steps = [index + 1, index - 1, index + 2].filter((i) => i >= 0 && i < total);
    const texts: string[] = [];
    let id = 0;
    const work = (deadline: IdleDeadline) => {
      while (deadline.timeRemaining() > 6) {
        if (texts.length === 0) {
          const next = steps.shift();
          if (next === undefined) return;
          texts.push(...rowsOf(formulaView(ctx, stepAt(ctx.trace.T, next)), false).map(([, tex]) => tex));
          continue;
        }
        renderTex(texts.shift() as string, true);
      }
      id = idle(work);
    };
    id = idle(work);
    return () => cancel(id);
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

/** How many staged rows a view has (its facts come with the last one). */
function rowCount(v: FormulaView, compact: boolean): number {
  return rowsOf(v, compact).length;
}

/** One step's formula; its rows from `first` on (panel-wide numbering) are live while below `live`. */
function OneFormula({ view, compact, first, live }: { view: FormulaView; compact: boolean; first: number; live: number }) {
  let r = first;
  const isLive = () => r++ < live;
  const rows = rowCount(view, compact);
  return (
    <section className="formula" data-formula-id={view.id}>
      <h3>
        <span className={`badge badge-${view.id[0]}`}>{view.id === 'END' ? 'L' : view.id}</span> {view.title}
      </h3>
      {!compact && <Row tex={view.general} className="general" label="general form" live={isLive()} />}
      <Row tex={view.atT} className="at-t" label="at this step" live={isLive()} />
      {view.numeric && <Row tex={view.numeric} className="numeric" label="with numbers" live={isLive()} />}
      {view.extra?.map((e) => (
        <div key={e.label + e.tex.length}>
          <span className="extra-label">{e.label}</span>
          <Row tex={e.tex} className="extra" live={isLive()} />
        </div>
      ))}
      {view.facts.length > 0 && first + rows <= live && (
        <div className="facts">
          {view.facts.map((f) => (
            <details key={f} className="fact" data-fact={f}>
              <summary>{FACTS[f].title}</summary>
              <Tex tex={FACTS[f].tex} display />
              <p>{FACTS[f].text}</p>
            </details>
          ))}
        </div>
      )}
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
  const live = useStagedRows(views, total);
  // Rows seen for the first time are measured before the frame is painted.
  useLayoutEffect(() => {
    if (ref.current) fitRows(ref.current);
  }, [views, live]);
  usePrerender(ctx, index);
  return (
    <div className="formula-panel" ref={ref} {...handlers} data-hover={hover ?? ''} data-step={live >= total ? stepKey(step) : 'pending'}>
      <div className="step-heading">
        {PHASE_NAME[step.phase]}
        {step.phase !== 'end' && <>, t = {step.t}</>}
        <span className="step-count">
          step {index + 1} of {trace.T * 14 + 1}
        </span>
      </div>
      {hover && <style>{`.formula-panel [data-term="${CSS.escape(hover)}"] { background: var(--hover-bg); border-radius: 3px; outline: 2px solid var(--hover-ring); }`}</style>}
      {views.map((v, i) => (
        <OneFormula key={`f${i}`} view={v} compact={compact} first={firsts[i]} live={live} />
      ))}
    </div>
  );
}
