// selection.transition() and .interrupt() are installed by d3-transition as a side effect;
// d3's umbrella package is marked side-effect free, so import it explicitly.
import 'd3-transition';
import { easeCubicInOut, easeLinear, scaleLinear, select, type Selection } from 'd3';
import { useEffect, useRef } from 'react';
import { rowAt, stepAt, type Model, type Step, type Trace } from '../../core';
import { useApp } from '../../store/store';
import { useShownStep } from '../useAfterPaint';
import { QUANTITY_COLORS } from '../colors';
import { b3Sources } from '../formulas';
import type { Layout } from '../layout';
import { duration } from '../motion';
import { BUS_X, busY } from './Edges';
import { useDiagram } from './context';

/**
 * The gradient flowing backwards on B2, B3 and B5 steps. React renders one
 * empty <g>; d3 owns everything inside it: per-unit strands whose width is
 * proportional to |value|, drawn from source to target in stages (a transition
 * on stroke-dashoffset), and a veil over the target cells that lifts when the
 * strands arrive. A new step interrupts the running transition and draws the
 * new step's final picture; stepping back retracts the departing step's strands.
 */

interface Segment {
  d: string;
  width: number;
  color: string;
  /** Start and length of the segment's draw, as fractions of the whole flow. */
  start: number;
  span: number;
  kind: string;
}

interface Veil {
  x: number;
  y: number;
  w: number;
  h: number;
  /** When the veil lifts, as a fraction of the flow. */
  at: number;
}

/** An outline around the H stack that gates the flow. */
interface Ring {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface Flow {
  segments: Segment[];
  veils: Veil[];
  rings: Ring[];
}

const MAX_STRANDS = 10;

/** Strands (one per unit while n is small, one band otherwise) of a step's backward flow. */
export function flowOf(step: Step, model: Model, trace: Trace, layout: Layout, gradLimit: number): Flow | null {
  const { n } = trace;
  const t = step.t;
  if (step.id !== 'B2' && step.id !== 'B3' && step.id !== 'B5') return null;
  const width = scaleLinear()
    .domain([0, gradLimit || 1])
    .range([0.75, Math.max(3, Math.min(8, layout.cellW * 0.16))])
    .clamp(true);
  const { cellW, level } = layout;
  const segments: Segment[] = [];
  const veils: Veil[] = [];
  const rings: Ring[] = [];
  const units = n <= MAX_STRANDS ? n : 1;
  const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((acc, a) => acc + a * a, 0));
  const mag = (v: ArrayLike<number>, i: number) => (units === 1 ? norm(v) : Math.abs(v[i]));
  const spread = (i: number) => (units === 1 ? 0 : (i - (units - 1) / 2) * Math.min(4, 14 / units));
  const bottom = (lv: 'out' | 'hid' | 'pre') => level[lv].y + level[lv].h;
  const x2 = (tt: number, f: number) => layout.subX(tt, 2) + cellW * f;
  const veil = (tt: number, lv: 'hid' | 'pre', at: number) =>
    veils.push({ x: layout.subX(tt, 2) - 1, y: level[lv].y - 1, w: cellW + 2, h: level[lv].h + 2, at });

  if (step.id === 'B5') {
    // ∇h^(t) down through the tanh slope H^(t) into ∇a^(t): each strand's width changes at the gate.
    const gh = rowAt(trace.gradH, t, n);
    const ga = rowAt(trace.gradA, t, n);
    const mid = (bottom('hid') + level.pre.y) / 2;
    for (let i = 0; i < units; i++) {
      const xi = x2(t, 0.5) + spread(i) * 1.5;
      segments.push({ d: `M${xi},${bottom('hid')}V${mid}`, width: width(mag(gh, i)), color: QUANTITY_COLORS.gradH, start: 0, span: 0.4, kind: 'gate-in' });
      segments.push({ d: `M${xi},${mid}V${level.pre.y}`, width: width(mag(ga, i)), color: QUANTITY_COLORS.gradA, start: 0.4, span: 0.4, kind: 'gate-out' });
    }
    rings.push({ x: layout.subX(t, 1) - 2, y: level.hid.y - 2, w: cellW + 4, h: level.hid.h + 4 });
    veil(t, 'pre', 0.82);
    return { segments, veils, rings };
  }

  // V^T ∇o^(t): down from the output's gradient into the top of ∇h^(t).
  const { fromNext, fromOut } = b3Sources(model, trace, t);
  const outStart = step.id === 'B2' ? 0 : 0.5;
  for (let j = 0; j < units; j++) {
    const xj = x2(t, 0.5) + spread(j) * 1.5;
    segments.push({ d: `M${xj},${bottom('out')}V${level.hid.y}`, width: width(mag(fromOut, j)), color: QUANTITY_COLORS.gradO, start: outStart, span: 0.35, kind: 'out' });
  }
  if (step.id === 'B3') {
    const gh = rowAt(trace.gradH, t + 1, n);
    const ga = rowAt(trace.gradA, t + 1, n);
    const yb = busY(layout, 'bwd');
    const mid = (bottom('hid') + yb) / 2;
    for (let i = 0; i < units; i++) {
      const xi = x2(t + 1, 0.5) + spread(i) * 1.5;
      // ∇h^(t+1)_i leaves its cell, is scaled by H^(t+1)_i (the strand's width changes) …
      segments.push({ d: `M${xi},${bottom('hid')}V${mid}`, width: width(mag(gh, i)), color: QUANTITY_COLORS.gradH, start: 0, span: 0.18, kind: 'next-in' });
      // … and runs back along the recurrent edge as ∇a^(t+1)_i = H_i ∇h_i.
      const xe = x2(t, BUS_X) + 10;
      segments.push({
        d: `M${xi},${mid}V${yb + spread(i)}H${xe}`,
        width: width(mag(ga, i)),
        color: QUANTITY_COLORS.gradA,
        start: 0.18,
        span: 0.32,
        kind: 'next-bus',
      });
    }
    // Wᵀ mixes the units: up from the bus into each ∇h^(t)_j with |(Wᵀ ∇a^(t+1))_j|.
    for (let j = 0; j < units; j++) {
      const xs = x2(t, BUS_X) + 10;
      const xj = x2(t, BUS_X) + spread(j) * 1.5;
      segments.push({
        d: `M${xs},${yb + spread(j)}H${xj}V${bottom('hid')}`,
        width: width(mag(fromNext, j)),
        color: QUANTITY_COLORS.W,
        start: 0.5,
        span: 0.35,
        kind: 'next-up',
      });
    }
    rings.push({ x: layout.subX(t + 1, 1) - 2, y: level.hid.y - 2, w: cellW + 4, h: level.hid.h + 4 });
  }
  veil(t, 'hid', 0.86);
  return { segments, veils, rings };
}

type G = Selection<SVGGElement, unknown, null, undefined>;

function draw(g: G, flow: Flow, ms: number, mode: 'grow' | 'rest' | 'retract'): void {
  const paths = g
    .selectAll<SVGPathElement, Segment>('path.flow')
    .data(flow.segments)
    .join('path')
    .attr('class', (s) => `flow flow-${s.kind}`)
    .attr('d', (s) => s.d)
    .attr('fill', 'none')
    .attr('stroke', (s) => s.color)
    .attr('stroke-width', (s) => s.width)
    .attr('stroke-linecap', 'round');
  g.selectAll<SVGRectElement, Ring>('rect.gate-ring')
    .data(flow.rings)
    .join('rect')
    .attr('class', 'gate-ring')
    .attr('x', (r) => r.x)
    .attr('y', (r) => r.y)
    .attr('width', (r) => r.w)
    .attr('height', (r) => r.h)
    .attr('rx', 3);
  const veils = g
    .selectAll<SVGRectElement, Veil>('rect.veil')
    .data(mode === 'grow' && ms > 0 ? flow.veils : [])
    .join('rect')
    .attr('class', 'veil')
    .attr('x', (v) => v.x)
    .attr('y', (v) => v.y)
    .attr('width', (v) => v.w)
    .attr('height', (v) => v.h);
  if (ms === 0 || mode === 'rest') {
    paths.attr('pathLength', null).attr('stroke-dasharray', null).attr('stroke-dashoffset', null).attr('stroke-opacity', 0.8);
    return;
  }
  // pathLength = 1 measures dashes in fractions of the path: no getTotalLength(),
  // which would make the browser lay out the page in the middle of the step.
  const len = 1;
  paths.attr('pathLength', len).attr('stroke-dasharray', `${len} ${len}`).attr('stroke-opacity', 0.85);
  paths.each(function (s) {
    const p = select(this);
    if (mode === 'grow') {
      p.attr('stroke-dashoffset', len)
        .transition('flow')
        .delay(s.start * ms)
        .duration(s.span * ms)
        .ease(easeCubicInOut)
        .attr('stroke-dashoffset', 0);
    } else {
      // Retract: later segments first, each shrinking back towards its source.
      p.attr('stroke-dashoffset', 0)
        .transition('flow')
        .delay((1 - s.start - s.span) * ms)
        .duration(s.span * ms)
        .ease(easeCubicInOut)
        .attr('stroke-dashoffset', len)
        .on('end', function () {
          select(this).remove();
        });
    }
  });
  veils
    .attr('opacity', 1)
    .transition('flow')
    .delay((v) => v.at * ms)
    .duration(ms * 0.12)
    .ease(easeLinear)
    .attr('opacity', 0)
    .remove();
}

export function FlowOverlay() {
  const ref = useRef<SVGGElement>(null);
  const { layout, scales } = useDiagram();
  // One painted frame behind the walk (as the side panels): a key press's frame
  // carries the diagram's values, the flow comes in the frame after.
  const { model, trace, index } = useShownStep();
  const current = useApp((s) => s.trace);
  const prevIndex = useRef<number | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const g = select(el) as G;
    const T = trace.T;
    const step = stepAt(T, index);
    const prev = prevIndex.current;
    prevIndex.current = index;
    // The direction and speed of the move that brought this step (read, not
    // subscribed: a press changes them a frame before the step gets here).
    const { direction, speed } = useApp.getState();
    const ms = duration('flow', speed);
    // Interrupt whatever was running and start from a clean slate: one owner, d3.
    g.selectAll('*').interrupt('flow');
    g.selectAll('*').remove();
    // A new scenario: the diagram's layout is already the new one; wait for the walk to catch up.
    if (trace !== current) return;
    const flow = flowOf(step, model, trace, layout, scales.limit.grad);
    if (direction < 0 && prev !== null && prev !== index && ms > 0) {
      const old = flowOf(stepAt(T, prev), model, trace, layout, scales.limit.grad);
      if (old) {
        const back = g.append('g').attr('class', 'flow-retract');
        draw(back as unknown as G, old, ms * 0.6, 'retract');
      }
    }
    if (flow) {
      const front = g.append('g').attr('class', 'flow-current');
      draw(front as unknown as G, flow, ms, direction > 0 && prev !== null && prev !== index ? 'grow' : 'rest');
    }
  }, [index, model, trace, current, layout, scales]);

  // Cleanup on unmount: stop transitions and empty the group d3 owns.
  useEffect(() => {
    const el = ref.current;
    return () => {
      if (!el) return;
      select(el).selectAll('*').interrupt('flow').remove();
    };
  }, []);

  return <g ref={ref} className="flow-overlay" data-testid="flow-overlay" pointerEvents="none" />;
}
