import { curveBasis, line } from 'd3';
import { memo, type ReactNode } from 'react';
import { computedAt } from '../../core';
import { useApp } from '../../store/store';
import type { Layout } from '../layout';
import { useDiagram } from './context';

const curve = line<[number, number]>().curve(curveBasis);

/** Bus height of the forward (W) and backward (Wᵀ) recurrent edges in the gap below h. */
export function busY(layout: Layout, which: 'fwd' | 'bwd'): number {
  const top = layout.level.hid.y + layout.level.hid.h;
  const gap = layout.level.pre.y - top;
  return top + gap * (which === 'fwd' ? 0.34 : 0.68);
}

/** The path of a recurrent edge from (x1, y1) through the bus to (x2, y2). */
export function busPath(x1: number, y1: number, x2: number, y2: number, yb: number): string {
  return curve([
    [x1, y1],
    [x1, yb],
    [x1, yb],
    [x2, yb],
    [x2, yb],
    [x2, y2],
  ]) as string;
}

/** Where edges meet a stack: vertical edges near its right side, clear of its label; recurrent ones in the middle. */
export const EDGE_X = 0.86;
export const BUS_X = 0.62;

/** Geometry of the edges of column t, shared with the gradient flow overlay. */
export function edgeGeometry(layout: Layout, t: number) {
  const { cellW, level } = layout;
  const sx = (tt: number, sub: 0 | 1 | 2, f: number) => layout.subX(tt, sub) + cellW * f;
  const bottom = (lv: keyof Layout['level']) => level[lv].y + level[lv].h;
  const lossRight = layout.subX(t, 1) + cellW;
  return {
    U: { x: sx(t, 0, EDGE_X), y1: level.inp.y, y2: bottom('pre') },
    tanh: { x: sx(t, 0, EDGE_X), y1: level.pre.y, y2: bottom('hid') },
    V: { x: sx(t, 0, EDGE_X), y1: level.hid.y, y2: bottom('out') },
    loss: { x: sx(t, 1, EDGE_X), y1: level.out.y, y2: bottom('L') },
    W: busPath(sx(t - 1, 0, BUS_X), bottom('hid'), sx(t, 0, BUS_X), level.pre.y, busY(layout, 'fwd')),
    /** The middle of the gap between columns t − 1 and t, where W and Wᵀ are named. */
    gapMid: t === 1 ? (layout.colX(0) + cellW + layout.colX(1)) / 2 : (layout.subX(t - 1, 2) + cellW + layout.colX(t)) / 2,
    // Backward
    B1: `M${lossRight},${level.L.y + level.L.h / 2}H${sx(t, 2, EDGE_X)}V${level.out.y}`,
    VT: { x: sx(t, 2, EDGE_X), y1: bottom('out'), y2: level.hid.y },
    Hgate: { x: sx(t, 2, EDGE_X), y1: bottom('hid'), y2: level.pre.y },
    WT: (tNext: number) => busPath(sx(tNext, 2, BUS_X), level.pre.y, sx(tNext - 1, 2, BUS_X), bottom('hid'), busY(layout, 'bwd')),
  };
}

function vline(x: number, y1: number, y2: number): string {
  return `M${x},${y1}V${y2}`;
}

function Label({ x, y, children, cls }: { x: number; y: number; children: ReactNode; cls: string }) {
  return (
    <text className={`edge-label ${cls}`} x={x} y={y} dy="0.35em">
      {children}
    </text>
  );
}

/** Forward edges and their parameter labels, for the drawn columns from … to. */
export const ForwardEdges = memo(function ForwardEdges({ from, to }: { from: number; to: number }) {
  const { layout } = useDiagram();
  const setHover = useApp((s) => s.setHover);
  const items: ReactNode[] = [];
  const labels = layout.showNumbers;
  for (let t = from; t <= to; t++) {
    const g = edgeGeometry(layout, t);
    const withLabel = labels || t === from;
    items.push(
      <g key={t} className="fwd-edges">
        <path d={vline(g.U.x, g.U.y1, g.U.y2)} markerEnd="url(#arrow-fwd)" />
        <path d={vline(g.tanh.x, g.tanh.y1, g.tanh.y2)} markerEnd="url(#arrow-fwd)" />
        <path d={vline(g.V.x, g.V.y1, g.V.y2)} markerEnd="url(#arrow-fwd)" />
        <path d={vline(g.loss.x, g.loss.y1, g.loss.y2)} markerEnd="url(#arrow-fwd)" />
        <path d={g.W} markerEnd="url(#arrow-fwd)" data-edge={`W@${t}`} />
        {withLabel && (
          <g onMouseLeave={() => setHover(null)}>
            <g onMouseEnter={() => setHover('U')}>
              <Label x={g.U.x + 4} y={(g.U.y1 + g.U.y2) / 2} cls="p-U">
                U
              </Label>
            </g>
            <Label x={g.tanh.x + 4} y={(g.tanh.y1 + g.tanh.y2) / 2} cls="fn">
              tanh
            </Label>
            <g onMouseEnter={() => setHover('V')}>
              <Label x={g.V.x - 11} y={(g.V.y1 + g.V.y2) / 2} cls="p-V">
                V
              </Label>
            </g>
            <g onMouseEnter={() => setHover('W')}>
              <Label x={g.gapMid - 5} y={busY(layout, 'fwd') - 7} cls="p-W">
                W
              </Label>
            </g>
            {layout.showNumbers && (
              <>
                <g onMouseEnter={() => setHover('b')}>
                  <Label x={layout.subX(t, 0) - 16} y={layout.level.pre.y + 8} cls="p-b">
                    +b
                  </Label>
                </g>
                <g onMouseEnter={() => setHover('c')}>
                  <Label x={layout.subX(t, 0) - 16} y={layout.level.out.y + 8} cls="p-c">
                    +c
                  </Label>
                </g>
              </>
            )}
          </g>
        )}
      </g>,
    );
  }
  return <g>{items}</g>;
});

/** The backward edges of column t, each drawn once the gradient it carries is computed. */
export const BackwardEdges = memo(function BackwardEdges({ t }: { t: number }) {
  const { layout, trace } = useDiagram();
  const T = trace.T;
  // Which of the column's gradients are computed, as one number: one subscription per column.
  const shown = useApp((s) => (s.index >= computedAt(T, 'gradO', t) ? 1 : 0) | (s.index >= computedAt(T, 'gradH', t) ? 2 : 0) | (s.index >= computedAt(T, 'gradA', t) ? 4 : 0));
  const showB1 = (shown & 1) !== 0;
  const showH = (shown & 2) !== 0;
  const showA = (shown & 4) !== 0;
  const g = edgeGeometry(layout, t);
  return (
    <g className="bwd-edges" data-t={t}>
      {showB1 && <path d={g.B1} markerEnd="url(#arrow-bwd)" />}
      {showH && <path d={vline(g.VT.x, g.VT.y1, g.VT.y2)} markerEnd="url(#arrow-bwd)" data-edge={`VT@${t}`} />}
      {showH && t < T && <path d={g.WT(t + 1)} markerEnd="url(#arrow-bwd)" data-edge={`WT@${t + 1}`} />}
      {showA && <path d={vline(g.Hgate.x, g.Hgate.y1, g.Hgate.y2)} markerEnd="url(#arrow-bwd)" />}
      {showH && layout.showNumbers && (
        <text className="edge-label p-V" x={g.VT.x + 4} y={(g.VT.y1 + g.VT.y2) / 2} dy="0.35em">
          Vᵀ
        </text>
      )}
      {showH && layout.showNumbers && t < T && (
        <text className="edge-label p-W" x={edgeGeometry(layout, t + 1).gapMid - 7} y={busY(layout, 'bwd') - 7} dy="0.35em">
          Wᵀ
        </text>
      )}
    </g>
  );
});
