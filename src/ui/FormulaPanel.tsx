import { useLayoutEffect, useMemo, useRef, type MouseEvent } from 'react';
import { stepAt } from '../core';
import { useApp } from '../store/store';
import { FACTS, formulaView, type FormulaView } from './formulas';
import { Tex } from './Tex';

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
 * A formula row that shrinks its font until the formula fits the panel's width
 * (down to 60 %), so wide matrices stay readable instead of being cut off.
 */
function Row({ tex, className, label }: { tex: string; className: string; label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.fontSize = '';
    const ratio = el.clientWidth / el.scrollWidth;
    if (ratio < 1) el.style.fontSize = `${Math.max(0.6, ratio * 0.98) * 100}%`;
  }, [tex]);
  return (
    <div className={`formula-row ${className}`} aria-label={label} ref={ref}>
      <Tex tex={tex} display />
    </div>
  );
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
  const views = useMemo(() => {
    const out: FormulaView[] = [];
    for (let i = spanFrom; i <= index; i++) out.push(formulaView({ model, trace, scenario }, stepAt(trace.T, i)));
    return out;
  }, [model, trace, scenario, index, spanFrom]);
  const step = stepAt(trace.T, index);
  const handlers = useTermHover();
  return (
    <div className="formula-panel" {...handlers} data-hover={hover ?? ''}>
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
