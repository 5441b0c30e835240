import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { computedAt, stepAt } from '../../core';
import { useApp } from '../../store/store';
import { fmt, fmtLoss, isolateBidi, sup } from '../../core/format';
import { PRESENTER_MIN_FONT, useTypeScale } from '../typeScale';
import { makeLayout, PLACE, visibleColumns, type DrawnVector, type Layout } from '../layout';
import { duration } from '../motion';
import { SYMBOL, vectorAt } from '../quantities';
import { useT } from '../i18n';
import { formatNumber } from '../../core';
import { useScales } from '../scales';
import { DiagramContext, useDiagram } from './context';
import { CellCanvas, COLUMN } from './CellCanvas';
import { BackwardEdges, ForwardEdges } from './Edges';
import { FlowOverlay } from './FlowOverlay';
import { Stack } from './Stack';


/** A label as the column header shows it: isolated when it holds right-to-left text, so it cannot turn the header around. */
function labelOf(labels: string[] | undefined, i: number): string {
  const l = labels?.[i];
  return l === undefined ? String(i) : isolateBidi(l);
}

/** A label that stays visible without quotes: a space is shown as ␣. */
function visible(label: string): string {
  return label === ' ' ? '␣' : label;
}

/** Header of column t: the time step, and for a character model "input → target". */
const ColumnHeader = memo(function ColumnHeader({ t }: { t: number }) {
  const { layout, scenario, model } = useDiagram();
  const isCurrent = useApp((s) => stepAt(s.dims.T, s.index).t === t && s.index < s.stepTotal - 1);
  const x = layout.colX(t) + layout.colW / 2;
  const m = model.m;
  let xi = -1;
  for (let j = 0; j < m; j++) if (model.x[(t - 1) * m + j] === 1) xi = j;
  const y = model.y[t - 1];
  const words = useT().diagram;
  const ts = useTypeScale();
  const hasLabels = !!scenario.inputLabels && xi >= 0;
  // "t = 43" where it fits between its neighbours (type scaled up in presenter mode), else the number alone.
  const label = `t = ${t}`;
  const fits = label.length * 12.5 * ts * 0.62 <= layout.colX(t + 1) - layout.colX(t) - 4;
  return (
    <g className={`col-header${isCurrent ? ' current' : ''}`}>
      <text x={x} y={14} textAnchor="middle" className="col-t">
        {fits ? label : t}
      </text>
      {layout.showNumbers ? (
        <text x={x} y={29} textAnchor="middle" className="col-chars">
          {hasLabels ? (
            <>
              <tspan className="q-x">“{labelOf(scenario.inputLabels, xi)}”</tspan> → <tspan className="q-y">“{labelOf(scenario.outputLabels, y)}”</tspan>
            </>
          ) : (
            <>
              {words.target} <tspan className="q-y">{labelOf(scenario.outputLabels, y)}</tspan>
            </>
          )}
        </text>
      ) : (
        hasLabels && (
          <text x={x} y={29} textAnchor="middle" className="col-chars narrow">
            <tspan className="q-x">{visible(labelOf(scenario.inputLabels, xi))}</tspan>→<tspan className="q-y">{visible(labelOf(scenario.outputLabels, y))}</tspan>
          </text>
        )
      )}
    </g>
  );
});

/** L^(t) at the top of column t, written once F5 has computed it. */
const LossBox = memo(function LossBox({ t }: { t: number }) {
  const { layout, trace } = useDiagram();
  const from = computedAt(trace.T, 'L', t);
  // One small number per box (as Stack): a step re-renders only the boxes whose state moved.
  const state = useApp((s) => (s.index >= from ? 1 : 0) | (from >= s.spanFrom && from <= s.index ? 2 : 0) | (s.hover === `L@${t}` ? 4 : 0));
  const visible = (state & 1) !== 0;
  const current = (state & 2) !== 0;
  const hovered = (state & 4) !== 0;
  const { y, h } = layout.level.L;
  const x = layout.colX(t);
  const w = layout.cellW * 2 + layout.subGap;
  return (
    <g
      className={`loss-box${current ? ' current' : ''}${hovered ? ' hovered' : ''}`}
      data-q="L"
      data-t={t}
      data-visible={visible ? 'true' : 'false'}
      onMouseEnter={() => useApp.getState().setHover(`L@${t}`)}
      onMouseLeave={() => useApp.getState().setHover(null)}
    >
      <rect x={x} y={y} width={w} height={h} rx={4} />
      <text x={x + w / 2} y={y + h / 2} dy="0.35em" textAnchor="middle">
        {layout.showNumbers ? (
          <>
            L{sup(t)}
            {visible && <tspan className="loss-value">{` = ${fmtLoss(trace.lossAt[t - 1])}`}</tspan>}
          </>
        ) : (
          visible && <tspan className="loss-value narrow">{fmt(trace.lossAt[t - 1], 2)}</tspan>
        )}
      </text>
    </g>
  );
});

/** A soft band behind the column of the current step. */
function CurrentColumn() {
  const { layout } = useDiagram();
  const t = useApp((s) => stepAt(s.dims.T, s.index).t);
  const end = useApp((s) => s.index === s.stepTotal - 1);
  const phase = useApp((s) => stepAt(s.dims.T, s.index).phase);
  if (end) return null;
  const pad = 8;
  return (
    <rect
      className={`current-column ${phase}`}
      x={layout.colX(t) - pad}
      y={2}
      width={layout.colW + 2 * pad}
      height={layout.height - 4}
      rx={8}
    />
  );
}

/** The value under the pointer, always readable whatever the cell size. */
function Tooltip() {
  const { layout } = useDiagram();
  const ref = useRef<HTMLDivElement>(null);
  const hover = useApp((s) => s.hover);
  const unit = useApp((s) => s.hoverUnit);
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const index = useApp((s) => s.index);
  const words = useT().diagram;
  // Keep the tooltip inside the diagram's visible part (a phone's narrow window
  // above all): to the left of the cell when the right has no room, clamped.
  useLayoutEffect(() => {
    const el = ref.current;
    const pane = el?.closest<HTMLElement>('.diagram-scroll');
    if (!el || !pane) return;
    const w = el.offsetWidth;
    const h = el.offsetHeight;
    const left = pane.scrollLeft + 4;
    const right = pane.scrollLeft + pane.clientWidth - 4;
    let x = Number(el.dataset.x);
    if (x + w > right) x = x - layout.cellW - 12 - w;
    el.style.left = `${Math.max(left, Math.min(x, right - w))}px`;
    const top = pane.scrollTop + 4 + h / 2;
    const bottom = pane.scrollTop + pane.clientHeight - 4 - h / 2;
    el.style.top = `${Math.max(top, Math.min(Number(el.dataset.y), bottom))}px`;
  });
  if (!hover || unit === null) return null;
  const m = /^(\w+)@(\d+)$/.exec(hover);
  if (!m || !(m[1] in PLACE)) return null;
  const q = m[1] as DrawnVector;
  const t = Number(m[2]);
  const shown = q === 'x' || (q === 'h' && t === 0) || index >= computedAt(trace.T, q, t);
  const v = vectorAt(model, trace, q, t)[unit];
  const { level, sub } = PLACE[q];
  const x = layout.subX(t, sub) + layout.cellW + 6;
  const y = layout.cellY(level, unit) + layout.cellH / 2;
  return (
    <div className="tooltip" role="tooltip" ref={ref} data-x={x} data-y={y} style={{ left: x, top: y }}>
      <b>
        {SYMBOL[q]}
        {sup(t)}
        <sub>{unit + 1}</sub>
      </b>{' '}
      = {shown ? fmt(v, 4) : words.notComputed}
      <div className="tooltip-meaning">{words.meaning[q]}</div>
    </div>
  );
}

/** The unrolled network: h^(0), then one column per t, scrolled to keep the current t in view. */
export function Diagram() {
  const dims = useApp((s) => s.dims);
  const scales = useScales();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [paneHeight, setPaneHeight] = useState(480);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setPaneHeight(el.clientHeight);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const ts = useTypeScale();
  const presenter = useApp((s) => s.presenter);
  const layout = useMemo(() => makeLayout(dims, paneHeight, ts, presenter ? PRESENTER_MIN_FONT : 0), [dims, paneHeight, ts, presenter]);
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const scenario = useApp((s) => s.scenario);
  const ctx = useMemo(() => ({ layout, scales, model, trace, scenario }), [layout, scales, model, trace, scenario]);
  const t = useApp((s) => stepAt(s.dims.T, s.index).t);
  const speed = useApp((s) => s.speed);
  const lang = useApp((s) => s.lang);
  const words = useT().diagram;

  // Only the columns in (or near) the visible window are drawn: a long sequence
  // would otherwise put tens of thousands of nodes into one SVG and every
  // repaint would pay for all of them.
  const [view, setView] = useState({ left: 0, width: 2000 });
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      setView((v) => (v.left === el.scrollLeft && v.width === el.clientWidth ? v : { left: el.scrollLeft, width: el.clientWidth }));
    };
    read();
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const ro = new ResizeObserver(onScroll);
    ro.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      ro.disconnect();
      cancelAnimationFrame(frame);
    };
  }, []);
  const [from, to] = visibleColumns(layout, dims.T, view.left, view.width, t);

  // Keep the current column in view (centred when it has to move). The scroll
  // position comes from `view` (kept by the scroll listener), not from the
  // element: reading scrollLeft here would make the browser lay out the page
  // in the middle of every step.
  const viewRef = useRef(view);
  useLayoutEffect(() => {
    viewRef.current = view;
  }, [view]);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const { left: scrollLeft, width } = viewRef.current;
    const left = layout.colX(t) - 24;
    const right = layout.colX(t) + layout.colW + 24;
    if (left < scrollLeft || right > scrollLeft + width) {
      const target = Math.max(0, (left + right) / 2 - width / 2);
      // Further than a window away it jumps: the columns in between are not drawn (visibleColumns).
      const smooth = duration('scroll', speed) > 0 && Math.abs(target - scrollLeft) <= width;
      el.scrollTo({ left: target, behavior: smooth ? 'smooth' : 'auto' });
    }
  }, [t, layout, speed]);

  const columns: number[] = [];
  for (let tt = from; tt <= to; tt++) columns.push(tt);
  return (
    <DiagramContext.Provider value={ctx}>
      {/* Focusable, so that a keyboard can reach (and ↑ ↓ scroll) a diagram wider or taller than its pane. */}
      <div className="diagram-scroll" ref={scrollRef} data-testid="diagram" tabIndex={0} role="group" aria-label={words.label}>
        <div className="diagram-inner" style={{ width: layout.width, height: layout.height }}>
          {/* Layers, each its own <svg>: a step repaints and re-lays out the band and the
              columns it changed, not the whole diagram. */}
          <div className="diagram-layers" role="img" aria-label={words.image(formatNumber(dims.T, lang))}>
            <svg className="diagram-layer" width={layout.width} height={layout.height}>
              <CurrentColumn />
            </svg>
            {/* The gradient flow's strands, in a layer of their own (its frames repaint nothing else), under the labels they cross. */}
            <svg className="diagram-layer flow-strands" width={layout.width} height={layout.height} aria-hidden="true">
              <FlowOverlay layer="strands" />
            </svg>
            <svg className="diagram-layer" width={layout.width} height={layout.height}>
              <defs>
                <marker id="arrow-fwd" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                  <path d="M0,0L10,5L0,10z" className="arrow-fwd" />
                </marker>
                <marker id="arrow-bwd" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                  <path d="M0,0L10,5L0,10z" className="arrow-bwd" />
                </marker>
              </defs>
              <RowLabels />
              <ForwardEdges from={from} to={to} />
              <Stack q="h" t={0} />
              <text className="col-t" x={layout.colX(0) + layout.cellW / 2} y={14} textAnchor="middle">
                t = 0
              </text>
            </svg>
            {columns.map((tt) => (
              <ColumnLayer key={tt} t={tt} layout={layout} />
            ))}
          </div>
          {!layout.showNumbers && <CellCanvas from={from} to={to} />}
          {/* The flow's gate ring and the veils over the cells it is about to fill, on top of the cells. */}
          <svg className="flow-layer" width={layout.width} height={layout.height} aria-hidden="true">
            <FlowOverlay layer="marks" />
          </svg>
          <Tooltip />
        </div>
      </div>
    </DiagramContext.Provider>
  );
}

/**
 * Column t in an <svg> of its own, placed over the column's box (its recurrent
 * edges overflow into the neighbours): the browser repaints and lays out only
 * the columns a step changed.
 */
const ColumnLayer = memo(function ColumnLayer({ t, layout }: { t: number; layout: Layout }) {
  const x0 = layout.colX(t) - layout.colGap;
  const w = layout.colW + layout.colGap;
  return (
    <svg className="diagram-layer" style={{ left: x0 }} width={w} height={layout.height} viewBox={`${x0} 0 ${w} ${layout.height}`}>
      <BackwardEdges t={t} />
      <g className="column" data-column={t}>
        <ColumnHeader t={t} />
        <LossBox t={t} />
        {COLUMN.map((q) => (
          <Stack key={q} q={q} t={t} />
        ))}
      </g>
    </svg>
  );
});

/** Level names in the left margin. */
const RowLabels = memo(function RowLabels() {
  const { layout } = useDiagram();
  const m = useT().diagram.rows;
  const rows: [string, number][] = [
    [m.loss, layout.level.L.y + layout.level.L.h / 2],
    [m.output, layout.level.out.y + layout.level.out.h / 2],
    [m.hidden, layout.level.hid.y + layout.level.hid.h / 2],
    [m.pre, layout.level.pre.y + layout.level.pre.h / 2],
    [m.input, layout.level.inp.y + layout.level.inp.h / 2],
  ];
  return (
    <g className="row-labels">
      {rows.map(([name, y]) => (
        <text key={name} x={4} y={y} dy="0.35em">
          {name}
        </text>
      ))}
    </g>
  );
});
