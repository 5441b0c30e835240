import { memo, startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent, type RefObject } from 'react';
import { factView, type FactId, type FormulaView, type Lang, type StepView } from '../core';
import { neighbourViews, useApp } from '../store/store';
import { Tex } from './Tex';
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

/** What fitting a row reads: the formula's natural size, the room the row has and the smallest scale allowed. */
interface Fit {
  row: HTMLElement;
  width: number;
  height: number;
  room: number;
  min: number;
}

/** Reads a row's fit. In presenter mode a formula is never scaled below PRESENTER_MIN_FONT: it scrolls instead. */
function measure(row: HTMLElement, tex: HTMLElement, width: number, height: number): Fit {
  const katex = document.documentElement.classList.contains('presenter') ? tex.querySelector('.katex') : null;
  const min = katex ? Math.max(MIN_FIT, PRESENTER_MIN_FONT / parseFloat(getComputedStyle(katex).fontSize)) : MIN_FIT;
  return { row, width, height, room: row.clientWidth, min };
}

/**
 * Scales a row wider than the panel by a transform (the formula is not laid
 * out again, as a smaller font size would make it) and sets the row's height
 * to the scaled one, from the formula's natural size. Writes only what
 * changes, and reads nothing: rows are measured first, then all written, so
 * the page is laid out once.
 */
function applyFit({ row, width, height, room, min }: Fit): void {
  const ratio = room / Math.max(1, width);
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
        const fits = entries.flatMap((e) => {
          const tex = e.target as HTMLElement;
          const box = e.borderBoxSize?.[0];
          return tex.parentElement && box ? [measure(tex.parentElement, tex, box.inlineSize, box.blockSize)] : [];
        });
        fits.forEach(applyFit);
      });

/** Fits every row of the panel at once (a resize, presenter mode, KaTeX's fonts in). */
function fitRows(panel: HTMLElement): void {
  const fits = [...panel.querySelectorAll<HTMLElement>('.formula-row')].flatMap((r) => {
    const tex = r.firstElementChild as HTMLElement | null;
    return tex ? [measure(r, tex, tex.offsetWidth, tex.offsetHeight)] : [];
  });
  fits.forEach(applyFit);
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

/** A formula's background facts (J1–J4), as <details>: closed until opened, then open wherever they appear. */
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
  const open = useApp((s) => s.openFacts.includes(id));
  const setOpen = useApp((s) => s.setFactOpen);
  return (
    <details className="fact" data-fact={id} open={open} onToggle={(e) => setOpen(id, e.currentTarget.open)}>
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

/**
 * The sheets the panel holds, each with its React key: the current step's and,
 * hidden, the stops a press shows next (and the one just left). These are
 * rendered after the current step is painted, in a transition that a press
 * interrupts, so a press to one of them shows a sheet already laid out: its
 * frame only swaps two sheets. Any other stop (a jump, pressing faster than
 * they are made) is rendered at once, as the current sheet. While autoplay
 * runs there is one sheet, updated in place: each stop shows for a while and
 * its flow animates, and a sheet made ahead would be one more long frame per
 * step (bench:ui's autoplay case).
 */
function useSheets(view: StepView): { key: string; view: StepView }[] {
  const [near, setNear] = useState<readonly StepView[]>([]);
  const playing = useApp((s) => s.playing);
  useEffect(() => {
    let timer = 0;
    // After this step's frame (a rAF, then a task), so the frame that shows the step is not the one that makes the next.
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        const made = playing ? null : [view, ...neighbourViews(useApp.getState())];
        startTransition(() => setNear((was) => made ?? (was.length === 0 ? was : [])));
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [view, playing]);
  return useMemo(() => {
    if (playing) return [{ key: 'playing', view }];
    const byKey = new Map<string, StepView>();
    for (const v of [view, ...near]) if (!byKey.has(v.key)) byKey.set(v.key, v);
    // In walk order, so a press adds and removes sheets at the ends and moves none.
    return [...byKey.values()].sort((a, b) => a.index - b.index).map((v) => ({ key: v.key, view: v }));
  }, [view, near, playing]);
}

/**
 * One stop's heading and formulas. The current sheet is the panel (class
 * `formula-panel`, its step in `data-step`); the others are inert and hidden.
 */
const Sheet = memo(function Sheet({ view, current }: { view: StepView; current: boolean }) {
  return (
    <div
      className={current ? 'formula-sheet formula-panel' : 'formula-sheet'}
      inert={!current}
      aria-hidden={current ? undefined : true}
      data-step={current ? view.key : undefined}
      data-testid={current ? 'formula-panel' : undefined}
    >
      <div className="step-heading">
        {view.heading}
        <span className="step-count">{view.count}</span>
      </div>
      {view.formulas.map((v, i) => (
        <OneFormula key={`f${i}`} view={v} compact={view.compact} />
      ))}
    </div>
  );
});

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
  const sheets = useSheets(view);
  // The term the pointer is on (here or in the diagram) is outlined: a class on its elements, no inline style sheet.
  useLayoutEffect(() => {
    const panel = ref.current?.querySelector('.formula-panel');
    if (!panel || !hover) return;
    const on = panel.querySelectorAll(`[data-term="${CSS.escape(hover)}"]`);
    on.forEach((el) => el.classList.add('term-hover'));
    return () => on.forEach((el) => el.classList.remove('term-hover'));
  }, [hover, view]);
  useKeepFocus(ref, view);
  return (
    <div className="formula-sheets" ref={ref} {...handlers}>
      {sheets.map(({ key, view: v }) => (
        <Sheet key={key} view={v} current={v === view} />
      ))}
    </div>
  );
}

/**
 * Focus in the sheet a press hides (a fact's summary, a row that scrolls) goes
 * to the same place in the sheet shown, or to that sheet, not to the page.
 */
function useKeepFocus(ref: RefObject<HTMLDivElement | null>, view: StepView): void {
  useLayoutEffect(() => {
    const was = document.activeElement;
    const from = was?.closest('.formula-sheet');
    const to = ref.current?.querySelector<HTMLElement>('.formula-panel');
    if (!was || !from || !to || from === to || !ref.current?.contains(from)) return;
    const fact = was.closest('[data-fact]')?.getAttribute('data-fact');
    const rows = [...from.querySelectorAll('.formula-row')];
    const same = fact
      ? to.querySelector<HTMLElement>(`[data-fact="${fact}"] summary`)
      : (to.querySelectorAll<HTMLElement>('.formula-row')[rows.indexOf(was.closest('.formula-row') as Element)] ?? null);
    if (same && same.tabIndex >= 0) same.focus({ preventScroll: true });
    else {
      to.tabIndex = -1;
      to.focus({ preventScroll: true });
    }
  }, [ref, view]);
}
