import { memo, useEffect, useLayoutEffect, useRef, type MouseEvent, type RefObject } from 'react';
import { factView, type FactId, type FormulaView, type Lang, type StepView } from '../core';
import { neighbourViews, useApp } from '../store/store';
import { prerenderTex, Tex } from './Tex';
import { useT } from './i18n';
import { RELAYOUT } from './LectureTools';
import { PRESENTER_MIN_FONT } from './typeScale';

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

/** Below this scale a formula keeps it and scrolls sideways instead: smaller would not be readable. */
const MIN_FIT = 0.6;
/**
 * Scales a row wider than the panel by a transform (the formula is not laid
 * out again, as a smaller font size would make it) and sets the row's height
 * to the scaled one, from the formula's natural size. In presenter mode a
 * formula is never scaled below PRESENTER_MIN_FONT: it scrolls instead.
 * Writes only what changes.
 */
function applyFit(row: HTMLElement, tex: HTMLElement, width: number, height: number): void {
  const presenter = document.documentElement.classList.contains('presenter');
  const katex = presenter ? tex.querySelector('.katex') : null;
  const min = katex ? Math.max(MIN_FIT, PRESENTER_MIN_FONT / parseFloat(getComputedStyle(katex).fontSize)) : MIN_FIT;
  const ratio = row.clientWidth / Math.max(1, width);
  const scale = ratio >= 1 ? 1 : Math.max(min, ratio * 0.98);
  const scrolls = scale === min && scale < 1;
  const h = scale < 1 ? `${scale * height}px` : '';
  if (row.classList.contains('fitted') !== scale < 1) row.classList.toggle('fitted', scale < 1);
  if (row.classList.contains('scrolls') !== scrolls) {
    row.classList.toggle('scrolls', scrolls);
    // A row that scrolls sideways can be scrolled from the keyboard too.
    if (scrolls) row.tabIndex = 0;
    else row.removeAttribute('tabindex');
  }
  if (row.style.height !== h) row.style.height = h;
  if (row.style.getPropertyValue('--fit') !== String(scale)) row.style.setProperty('--fit', String(scale));
}

/**
 * Each formula is fitted when its size is known: a ResizeObserver reports it
 * after the frame's own layout and before its paint, so a new step is fitted
 * in the frame that shows it without forcing a layout of its own (a transform
 * does not change the observed size: no loop).
 */
const fitObserver =
  typeof ResizeObserver === 'undefined'
    ? null
    : new ResizeObserver((entries) => {
        for (const e of entries) {
          const tex = e.target as HTMLElement;
          const row = tex.parentElement;
          const box = e.borderBoxSize?.[0];
          if (row && box) applyFit(row, tex, box.inlineSize, box.blockSize);
        }
      });

/** Fits every row of the panel at once (a resize, presenter mode, KaTeX's fonts in: all reads, then all writes). */
function fitRows(panel: HTMLElement): void {
  const rows = [...panel.querySelectorAll<HTMLElement>('.formula-row')].map((r) => {
    const tex = r.firstElementChild as HTMLElement | null;
    return { r, tex, width: tex?.offsetWidth ?? 0, height: tex?.offsetHeight ?? 0 };
  });
  for (const { r, tex, width, height } of rows) if (tex) applyFit(r, tex, width, height);
}

/** Fits the rows again when the panel's width changes, KaTeX's fonts come in or the type scale changes. */
function useFit(ref: RefObject<HTMLDivElement | null>): void {
  useLayoutEffect(() => {
    const panel = ref.current;
    if (!panel) return;
    const refit = () => fitRows(panel);
    document.fonts?.addEventListener('loadingdone', refit);
    window.addEventListener(RELAYOUT, refit);
    let width = panel.clientWidth;
    const ro = new ResizeObserver(() => {
      if (panel.clientWidth === width) return;
      width = panel.clientWidth;
      fitRows(panel);
    });
    ro.observe(panel);
    return () => {
      document.fonts?.removeEventListener('loadingdone', refit);
      window.removeEventListener(RELAYOUT, refit);
      ro.disconnect();
    };
  }, [ref]);
}

const Row = memo(function Row({ tex, className, label }: { tex: string; className: string; label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current?.firstElementChild;
    if (!el || !fitObserver) return;
    fitObserver.observe(el);
    return () => fitObserver.unobserve(el);
  }, []);
  return (
    <div ref={ref} className={`formula-row ${className}`} role={label ? 'group' : undefined} aria-label={label}>
      <Tex tex={tex} display />
    </div>
  );
});

/** A formula's background facts (J1–J4), as closed <details>. */
function Facts({ facts }: { facts: FactId[] }) {
  const lang = useApp((s) => s.lang);
  if (facts.length === 0) return null;
  return (
    <div className="facts">
      {facts.map((f) => (
        <Fact key={f} id={f} lang={lang} />
      ))}
    </div>
  );
}

function Fact({ id, lang }: { id: FactId; lang: Lang }) {
  const fact = factView(id, lang);
  return (
    <details className="fact" data-fact={id}>
      <summary>{fact.title}</summary>
      <Tex tex={fact.tex} display />
      <p>{fact.text}</p>
    </details>
  );
}

/** One step's formula: general form (not in a compact coarse stop), t filled in, numbers, extra lines. */
const OneFormula = memo(function OneFormula({ view, compact }: { view: FormulaView; compact: boolean }) {
  const m = useT().formula;
  return (
    <section className="formula" data-formula-id={view.id}>
      <h2>
        <span className={`badge badge-${view.id[0]}`}>{view.id === 'END' ? 'L' : view.id}</span> {view.title}
      </h2>
      {!compact && <Row tex={view.general} className="general" label={m.general} />}
      <Row tex={view.atT} className="at-t" label={m.atT} />
      {view.numeric && <Row tex={view.numeric} className="numeric" label={m.numeric} />}
      {view.note && <p className="formula-note">{view.note}</p>}
      {view.extra?.map((e) => (
        <div key={e.label}>
          <span className="extra-label">{e.label}</span>
          <Row tex={e.tex} className="extra" />
        </div>
      ))}
      <Facts facts={view.facts} />
    </section>
  );
});

/** Every formula row's TeX of a view (what FormulaPanel renders as display formulas). */
function texOf(v: StepView): string[] {
  return v.formulas.flatMap((f) => [...(v.compact ? [] : [f.general]), f.atT, ...(f.numeric ? [f.numeric] : []), ...(f.extra ?? []).map((e) => e.tex)]);
}

/**
 * The formula of the current step in KaTeX: general form, t filled in, numbers.
 * In the coarse walk a stop shows every formula of its (phase, t) group.
 * It renders the store's step view in the same commit as the diagram: what is
 * shown is always one step, whole.
 */
export function FormulaPanel() {
  const view = useApp((s) => s.view);
  const hover = useApp((s) => s.hover);
  const handlers = useTermHover();
  const ref = useRef<HTMLDivElement>(null);
  useFit(ref);
  // The formulas of the next and previous stops, made while idle.
  useEffect(() => prerenderTex(neighbourViews(useApp.getState()).flatMap(texOf)), [view]);
  // The term the pointer is on (here or in the diagram) is outlined: a class on its elements, no inline style sheet.
  useLayoutEffect(() => {
    const panel = ref.current;
    if (!panel || !hover) return;
    const on = panel.querySelectorAll(`[data-term="${CSS.escape(hover)}"]`);
    on.forEach((el) => el.classList.add('term-hover'));
    return () => on.forEach((el) => el.classList.remove('term-hover'));
  }, [hover, view]);
  return (
    <div className="formula-panel" ref={ref} {...handlers} data-hover={hover ?? ''} data-step={view.key} data-testid="formula-panel">
      <div className="step-heading">
        {view.heading}
        <span className="step-count">{view.count}</span>
      </div>
      {view.formulas.map((v, i) => (
        <OneFormula key={`f${i}`} view={v} compact={view.compact} />
      ))}
    </div>
  );
}
