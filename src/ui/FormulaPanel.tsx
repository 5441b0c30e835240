import { useEffect, useLayoutEffect, useMemo, useRef, type MouseEvent } from 'react';
import { stepAt } from '../core';
import { useApp } from '../store/store';
import { FACTS, formulaView, type FormulaView } from './formulas';
import { renderTex, Tex } from './Tex';

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

function Row({ tex, className, label }: { tex: string; className: string; label?: string }) {
  return (
    <div className={`formula-row ${className}`} aria-label={label}>
      <Tex tex={tex} display />
    </div>
  );
}

/**
 * Shrinks the font of each formula row that is wider than the panel (down to
 * 60 %), so wide matrices stay readable instead of being cut off. All writes,
 * then all reads, then all writes: one layout for the whole panel.
 */
function fitRows(panel: HTMLElement): void {
  const rows = Array.from(panel.querySelectorAll<HTMLElement>('.formula-row'));
  for (const r of rows) if (r.style.fontSize) r.style.fontSize = '';
  const ratios = rows.map((r) => r.clientWidth / Math.max(1, r.scrollWidth));
  rows.forEach((r, i) => {
    if (ratios[i] < 1) r.style.fontSize = `${Math.max(0.6, ratios[i] * 0.98) * 100}%`;
  });
}

/** Renders, while the browser is idle, the formulas of the steps next to this one. */
function usePrerender(ctx: Parameters<typeof formulaView>[0], index: number) {
  useEffect(() => {
    const idle = window.requestIdleCallback ?? ((f: () => void) => window.setTimeout(f, 60));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    const id = idle(() => {
      const total = ctx.trace.T * 14 + 1;
      for (const i of [index + 1, index - 1]) {
        if (i < 0 || i >= total) continue;
        const v = formulaView(ctx, stepAt(ctx.trace.T, i));
        for (const tex of [v.general, v.atT, v.numeric, ...(v.extra ?? []).map((e) => e.tex)]) if (tex) renderTex(tex, true);
      }
    });
    return () => cancel(id);
  }, [ctx, index]);
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
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const scenario = useApp((s) => s.scenario);
  const index = useApp((s) => s.index);
  const spanFrom = useApp((s) => s.spanFrom);
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
  useLayoutEffect(() => {
    if (ref.current) fitRows(ref.current);
  }, [views]);
  usePrerender(ctx, index);
  return (
    <div className="formula-panel" ref={ref} {...handlers} data-hover={hover ?? ''}>
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
    </div>
  );
}
