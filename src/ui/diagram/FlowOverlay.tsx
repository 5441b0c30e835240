// selection.transition() and .interrupt() are installed by d3-transition as a side effect;
// d3's umbrella package is marked side-effect free, so import it explicitly.
import 'd3-transition';
import { easeCubicInOut, easeLinear, scaleLinear, select, type Selection } from 'd3';
import { useEffect, useRef } from 'react';
import { norm2, type FlowPart, type FlowSpec, type StepView, type Trace } from '../../core';
import { useApp } from '../../store/store';
import { QUANTITY_COLORS } from '../colors';
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
 *
 * It is drawn in two layers from one geometry and one clock: the strands under
 * the diagram's labels (∇h, tanh, Wᵀ, a stay readable where strands cross them),
 * the gate ring and the veils over the cells (`marks`).
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

/** Where each kind of flow part is drawn and in what colour. */
const COLOR: Record<FlowPart['kind'], string> = {
  out: QUANTITY_COLORS.gradO,
  'next-in': QUANTITY_COLORS.gradH,
  'next-bus': QUANTITY_COLORS.gradA,
  'next-up': QUANTITY_COLORS.W,
  'gate-in': QUANTITY_COLORS.gradH,
  'gate-out': QUANTITY_COLORS.gradA,
};

/** The strands of a step's flow (the step view's FlowSpec) on the diagram's layout: one per unit while n is small, one band otherwise. */
export function flowGeometry(spec: FlowSpec, n: number, layout: Layout, gradLimit: number): Flow {
  const width = scaleLinear()
    .domain([0, gradLimit || 1])
    .range([0.75, Math.max(3, Math.min(8, layout.cellW * 0.16))])
    .clamp(true);
  const { cellW, level } = layout;
  const units = n <= MAX_STRANDS ? n : 1;
  const mag = (v: ArrayLike<number>, i: number) => (units === 1 ? norm2(v) : Math.abs(v[i]));
  const spread = (i: number) => (units === 1 ? 0 : (i - (units - 1) / 2) * Math.min(4, 14 / units));
  const bottom = (lv: 'out' | 'hid' | 'pre') => level[lv].y + level[lv].h;
  const x2 = (tt: number, f: number) => layout.subX(tt, 2) + cellW * f;
  const yb = busY(layout, 'bwd');
  const midGate = (bottom('hid') + level.pre.y) / 2;
  const midBus = (bottom('hid') + yb) / 2;
  /** The path of unit i of a part. */
  const path = (p: FlowPart, i: number): string => {
    const xi = x2(p.t, 0.5) + spread(i) * 1.5;
    switch (p.kind) {
      case 'out':
        return `M${xi},${bottom('out')}V${level.hid.y}`;
      case 'gate-in':
        return `M${xi},${bottom('hid')}V${midGate}`;
      case 'gate-out':
        return `M${xi},${midGate}V${level.pre.y}`;
      case 'next-in':
        // ∇h^(t+1)_i leaves its cell, is scaled by H^(t+1)_i (the strand's width changes) …
        return `M${xi},${bottom('hid')}V${midBus}`;
      case 'next-bus':
        // … and runs back along the recurrent edge as ∇a^(t+1)_i = H_i ∇h_i …
        return `M${xi},${midBus}V${yb + spread(i)}H${x2(p.t - 1, BUS_X) + 10}`;
      case 'next-up': {
        // … where Wᵀ mixes the units: up from the bus into each ∇h^(t)_j.
        const xs = x2(p.t, BUS_X) + 10;
        const xj = x2(p.t, BUS_X) + spread(i) * 1.5;
        return `M${xs},${yb + spread(i)}H${xj}V${bottom('hid')}`;
      }
    }
  };
  const segments: Segment[] = [];
  for (const p of spec.parts)
    for (let i = 0; i < units; i++) segments.push({ d: path(p, i), width: width(mag(p.values, i)), color: COLOR[p.kind], start: p.start, span: p.span, kind: p.kind });
  const rings: Ring[] = spec.gate === null ? [] : [{ x: layout.subX(spec.gate, 1) - 2, y: level.hid.y - 2, w: cellW + 4, h: level.hid.h + 4 }];
  const lv = spec.target.q === 'gradH' ? 'hid' : 'pre';
  const veils: Veil[] = [{ x: layout.subX(spec.target.t, 2) - 1, y: level[lv].y - 1, w: cellW + 2, h: level[lv].h + 2, at: spec.target.at }];
  return { segments, veils, rings };
}

type G = Selection<SVGGElement, unknown, null, undefined>;

/** What a layer of the flow draws: the strands, or the ring and veils on top of the cells. */
export type FlowLayer = 'strands' | 'marks';

function draw(g: G, flow: Flow, ms: number, mode: 'grow' | 'rest' | 'retract', layer: FlowLayer): void {
  const strands = layer === 'strands';
  const paths = g
    .selectAll<SVGPathElement, Segment>('path.flow')
    .data(strands ? flow.segments : [])
    .join('path')
    .attr('class', (s) => `flow flow-${s.kind}`)
    .attr('d', (s) => s.d)
    .attr('fill', 'none')
    .attr('stroke', (s) => s.color)
    .attr('stroke-width', (s) => s.width)
    .attr('stroke-linecap', 'round');
  g.selectAll<SVGRectElement, Ring>('rect.gate-ring')
    .data(strands ? [] : flow.rings)
    .join('rect')
    .attr('class', 'gate-ring')
    .attr('x', (r) => r.x)
    .attr('y', (r) => r.y)
    .attr('width', (r) => r.w)
    .attr('height', (r) => r.h)
    .attr('rx', 3);
  const veils = g
    .selectAll<SVGRectElement, Veil>('rect.veil')
    .data(!strands && mode === 'grow' && ms > 0 ? flow.veils : [])
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

export function FlowOverlay({ layer }: { layer: FlowLayer }) {
  const ref = useRef<SVGGElement>(null);
  const { layout, scales } = useDiagram();
  const view = useApp((s) => s.view);
  const trace = useApp((s) => s.trace);
  const n = trace.n;
  // The step shown before, and of which trace: a new scenario animates nothing.
  const prev = useRef<{ view: StepView; trace: Trace } | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const g = select(el) as G;
    const old = prev.current?.trace === trace ? prev.current.view : null;
    prev.current = { view, trace };
    const moved = old !== null && old.index !== view.index;
    // The direction and speed of the move that brought this step (read, not subscribed).
    const { direction, speed } = useApp.getState();
    const ms = duration('flow', speed);
    // Interrupt whatever was running and start from a clean slate: one owner, d3.
    g.selectAll('*').interrupt('flow');
    g.selectAll('*').remove();
    if (direction < 0 && moved && old.flow && ms > 0) {
      const back = g.append('g').attr('class', 'flow-retract');
      draw(back as unknown as G, flowGeometry(old.flow, n, layout, scales.limit.grad), ms * 0.6, 'retract', layer);
    }
    if (view.flow) {
      const front = g.append('g').attr('class', 'flow-current');
      draw(front as unknown as G, flowGeometry(view.flow, n, layout, scales.limit.grad), ms, direction > 0 && moved ? 'grow' : 'rest', layer);
    }
  }, [view, trace, n, layout, scales, layer]);

  // Cleanup on unmount: stop transitions and empty the group d3 owns.
  useEffect(() => {
    const el = ref.current;
    return () => {
      if (!el) return;
      select(el).selectAll('*').interrupt('flow').remove();
    };
  }, []);

  return <g ref={ref} className={layer === 'strands' ? 'flow-overlay' : 'flow-marks'} data-testid={layer === 'strands' ? 'flow-overlay' : 'flow-marks'} data-step={view.key} pointerEvents="none" />;
}
