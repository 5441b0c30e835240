import { memo, type ReactNode } from 'react';
import { computedAt } from '../../core';
import { useApp } from '../../store/store';
import { QUANTITY_COLORS, textOn } from '../colors';
import { fmt, fmtBelow } from '../../core/format';
import { PLACE, type DrawnVector } from '../layout';
import { FAMILY, SATURATED, SYMBOL, vectorAt } from '../quantities';
import { useDiagram } from './context';

/** Index from which a vector is shown: inputs and h^(0) are given, the rest is computed. */
export function shownFrom(T: number, q: DrawnVector, t: number): number {
  if (q === 'x' || (q === 'h' && t === 0)) return -1;
  return computedAt(T, q, t);
}

/** Bits of a stack's state, read with one selector: computed, current, hovered. */
const SHOWN = 1;
const CURRENT = 2;
const HOVERED = 4;

/** The hovered unit: the cell under the pointer carries its index. */
function unitOf(target: EventTarget): number | null {
  const i = (target as Element).getAttribute?.('data-i');
  return i === null || i === undefined ? null : Number(i);
}

/**
 * One vector of the diagram as a column of cells on its family's diverging scale.
 * It subscribes to one small number (computed? current? hovered?), so a step
 * re-renders just the few stacks whose state changed. While numbers fit in the
 * cells, the cells are SVG rectangles with their numbers; below that size the
 * stack is one rectangle over the cells <CellCanvas> paints.
 */
export const Stack = memo(function Stack({ q, t }: { q: DrawnVector; t: number }) {
  const { layout, scales, model, trace } = useDiagram();
  const T = trace.T;
  const key = `${q}@${t}`;
  const from = shownFrom(T, q, t);
  const state = useApp((s) => (s.index >= from ? SHOWN : 0) | (from >= s.spanFrom && from <= s.index ? CURRENT : 0) | (s.hover === key ? HOVERED : 0));
  const visible = (state & SHOWN) !== 0;
  const current = (state & CURRENT) !== 0;
  const hovered = (state & HOVERED) !== 0;
  const { level, sub } = PLACE[q];
  const x = layout.subX(t, sub);
  const values = vectorAt(model, trace, q, t);
  const scale = scales.scale[FAMILY[q]];
  const { cellW, cellH, showNumbers } = layout;
  const y0 = layout.cellY(level, 0);
  const color = QUANTITY_COLORS[q];
  // As large as the cell allows: the numbers must read on a projector.
  const fontSize = layout.numberFont;
  const cells: ReactNode[] = [];
  if (showNumbers) {
    for (let i = 0; i < values.length; i++) {
      const fill = visible ? scale(values[i]) : 'var(--cell-empty)';
      cells.push(<rect key={i} data-i={i} className="cell" x={x} y={y0 + i * cellH} width={cellW} height={cellH} fill={fill} />);
      if (visible) {
        // A saturated unit's slope (H below 0.1) never reads as 0.10 itself, as in the detail panel.
        cells.push(
          <text key={`n${i}`} className="cell-num" x={x + cellW / 2} y={y0 + i * cellH + cellH / 2} dy="0.35em" textAnchor="middle" fill={textOn(fill)} fontSize={fontSize}>
            {q === 'H' ? fmtBelow(values[i], SATURATED) : fmt(values[i], 2)}
          </text>,
        );
      }
    }
  } else {
    // Cells too small for numbers: <CellCanvas> paints the computed ones; here one
    // rectangle is the stack's hover target (and its grey face while not computed).
    cells.push(
      <rect
        key="face"
        className={visible ? 'cell cell-face cell-hit' : 'cell cell-face'}
        x={x}
        y={y0}
        width={cellW}
        height={values.length * cellH}
        fill={visible ? 'transparent' : 'var(--cell-empty)'}
      />,
    );
  }
  return (
    <g
      className={`stack${current ? ' current' : ''}${hovered ? ' hovered' : ''}`}
      data-q={q}
      data-t={t}
      data-visible={visible ? 'true' : 'false'}
      onMouseMove={(e) => {
        let unit = unitOf(e.target);
        if (!showNumbers) {
          // One rectangle stands for the whole stack: find the unit from the pointer.
          const svg = (e.currentTarget as SVGGElement).ownerSVGElement;
          const top = svg ? svg.getBoundingClientRect().top : 0;
          unit = Math.max(0, Math.min(values.length - 1, Math.floor((e.clientY - top - y0) / cellH)));
        }
        const s = useApp.getState();
        if (s.hover !== key || s.hoverUnit !== unit) s.setHover(key, unit);
      }}
      onMouseLeave={() => useApp.getState().setHover(null)}
    >
      {showNumbers && (
        <text className="stack-label" x={x + 1} y={y0 - 4} fill={color}>
          {SYMBOL[q]}
          <tspan className="sup" dy={-4} fontSize="0.75em">
            {t}
          </tspan>
        </text>
      )}
      {cells}
      <rect
        className="stack-frame"
        x={x - 1}
        y={y0 - 1}
        width={cellW + 2}
        height={values.length * cellH + 2}
        stroke={current || hovered ? color : 'var(--frame)'}
      />
    </g>
  );
});
