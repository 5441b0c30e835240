import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
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
 * How much each formula must shrink to fit the panel (1 = not at all), by row
 * class and TeX. Measured off the critical path — while idle for the steps next
 * to this one, or just after the paint for a step reached by a jump — so a key
 * press never waits for a forced layout.
 */
const fitCache = new Map<string, number>();
const fitKey = (className: string, tex: string) => `${className}|${tex}`;
const MIN_FIT = 0.6;

function Row({ tex, className, label }: { tex: string; className: string; label?: string }) {
  const fit = fitCache.get(fitKey(className, tex));
  return (
    <div className={`formula-row ${className}`} aria-label={label} data-fit-key={fitKey(className, tex)} style={fit && fit < 1 ? { fontSize: `${fit * 100}%` } : undefined}>
      <Tex tex={tex} display />
    </div>
  );
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

/** Measures rows in a hidden box of the panel's width: all writes, then all reads. */
function measure(box: HTMLElement, rows: [string, string][]): void {
  const todo = rows.filter(([c, tex]) => !fitCache.has(fitKey(c, tex)));
  if (todo.length === 0) return;
  box.replaceChildren(
    ...todo.map(([c, tex]) => {
      const d = document.createElement('div');
      d.className = `formula-row ${c}`;
      d.innerHTML = renderTex(tex, true);
      return d;
    }),
  );
  const ratios = Array.from(box.children, (d) => d.clientWidth / Math.max(1, d.scrollWidth));
  todo.forEach(([c, tex], i) => fitCache.set(fitKey(c, tex), ratios[i] >= 1 ? 1 : Math.max(MIN_FIT, ratios[i] * 0.98)));
  box.replaceChildren();
}

/** Applies the measured fits to the rows on screen (after a measurement that came late). */
function applyFits(panel: HTMLElement): void {
  for (const r of panel.querySelectorAll<HTMLElement>('.formula-row[data-fit-key]')) {
    const fit = fitCache.get(r.dataset.fitKey ?? '');
    r.style.fontSize = fit && fit < 1 ? `${fit * 100}%` : '';
  }
}

/** Renders and measures, while the browser is idle, the formulas of the steps next to this one. */
function usePrerender(ctx: Parameters<typeof formulaView>[0], index: number, box: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((f: (d: IdleDeadline) => void) => window.setTimeout(() => f({ didTimeout: false, timeRemaining: () => 8 }), 60));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const total = ctx.trace.T * 14 + 1;
    // The likely next step first; one step per idle slice, so a key press never waits long.
    const queue = [index + 1, index - 1, index + 2].filter((i) => i >= 0 && i < total);
    let id = 0;
    const work = (deadline: IdleDeadline) => {
      while (queue.length > 0 && deadline.timeRemaining() > 4) {
        const rows = rowsOf(formulaView(ctx, stepAt(ctx.trace.T, queue.shift() as number)), false);
        for (const [, tex] of rows) renderTex(tex, true);
        if (box.current) measure(box.current, rows);
      }
      if (queue.length > 0) id = idle(work);
    };
    id = idle(work);
    return () => cancel(id);
  }, [ctx, index, box]);
}

function OneFormula({ view, compact }: { view: FormulaView; compact: boolean }) {
  return (
    <section className="formula" data-formula-id={view.id}>
      <h3>
        <span className={`badge badge-${view.id[0]}`}>{view.id === 'END' ? 'L' : view.id}</span> {view.title}
      </h3>
      {!compact && <Row tex={view.general} className="general" label="general form" />}
      <Row tex={view.atT} className="at-t" label="at this step" />
      {view.numeric && <Row tex={view.numeric} className="numeric" label="with numbers" />}
      {view.extra?.map((e) => (
        <div key={e.label + e.tex.length}>
          <span className="extra-label">{e.label}</span>
          <Row tex={e.tex} className="extra" />
        </div>
      ))}
      {view.facts.length > 0 && (
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
  const box = useRef<HTMLDivElement>(null);
  // Rows not measured yet (a jump, the first view): measure just after the paint.
  useEffect(() => {
    const rows = views.flatMap((v) => rowsOf(v, views.length > 1));
    if (rows.every(([c, tex]) => fitCache.has(fitKey(c, tex)))) return;
    const id = requestAnimationFrame(() =>
      setTimeout(() => {
        if (!box.current || !ref.current) return;
        measure(box.current, rows);
        applyFits(ref.current);
      }, 0),
    );
    return () => cancelAnimationFrame(id);
  }, [views]);
  usePrerender(ctx, index, box);
  return (
    <div className="formula-panel" ref={ref} {...handlers} data-hover={hover ?? ''} data-step={stepKey(step)}>
      <div className="step-heading">
        {PHASE_NAME[step.phase]}
        {step.phase !== 'end' && <>, t = {step.t}</>}
        <span className="step-count">
          step {index + 1} of {trace.T * 14 + 1}
        </span>
      </div>
      {hover && <style>{`.formula-panel [data-term="${CSS.escape(hover)}"] { background: var(--hover-bg); border-radius: 3px; outline: 2px solid var(--hover-ring); }`}</style>}
      {views.map((v) => (
        <OneFormula key={`f${views.indexOf(v)}`} view={v} compact={views.length > 1} />
      ))}
      {/* Filled and emptied by measure() only: React never renders into it. */}
      <div className="formula-measure" ref={box} aria-hidden="true" />
    </div>
  );
}
