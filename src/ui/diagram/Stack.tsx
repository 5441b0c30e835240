import { memo } from 'react';
import { computedAt } from '../../core';
import { useApp } from '../../store/store';
import { QUANTITY_COLORS, textOn } from '../colors';
import { fmt } from '../format';
import { PLACE, type DrawnVector } from '../layout';
import { FAMILY, SYMBOL, vectorAt } from '../quantities';
import { useDiagram } from './context';

/** Index from which a vector is shown: inputs and h^(0) are given, the rest is computed. */
export function shownFrom(T: number, q: DrawnVector, t: number): number {
  if (q === 'x' || (q === 'h' && t === 0)) return -1;
  return computedAt(T, q, t);
}

/**
 * One vector of the diagram as a column of cells on its family's diverging scale.
 * It subscribes to three booleans only (computed? current? hovered?), so a step
 * re-renders just the few stacks whose state changed.
 */
export const Stack = memo(function Stack({ q, t }: { q: DrawnVector; t: number }) {
  const { layout, scales } = useDiagram();
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const T = trace.T;
  const key = `${q}@${t}`;
  const from = shownFrom(T, q, t);
  const visible = useApp((s) => s.index >= from);
  const current = useApp((s) => from >= s.spanFrom && from <= s.index);
  const hovered = useApp((s) => s.hover === key);
  const setHover = useApp((s) => s.setHover);
  const { level, sub } = PLACE[q];
  const x = layout.subX(t, sub);
  const values = vectorAt(model, trace, q, t);
  const scale = scales.scale[FAMILY[q]];
  const { cellW, cellH, showNumbers } = layout;
  const y0 = layout.cellY(level, 0);
  const color = QUANTITY_COLORS[q];
  // As large as the cell allows: the numbers must read on a projector.
  const fontSize = Math.min(12.5, cellH * 0.62);
  return (
    <g
      className={`stack${current ? ' current' : ''}${hovered ? ' hovered' : ''}`}
      data-q={q}
      data-t={t}
      data-visible={visible ? 'true' : 'false'}
      onMouseLeave={() => setHover(null)}
    >
      {showNumbers && (
        <text className="stack-label" x={x + 1} y={y0 - 4} fill={color}>
          {SYMBOL[q]}
          <tspan className="sup" dy={-4} fontSize="0.75em">
            {t}
          </tspan>
        </text>
      )}
      {Array.from(values, (v, i) => {
        const fill = visible ? scale(v) : 'none';
        return (
          <g key={i} onMouseEnter={() => setHover(key, i)}>
            <rect
              className="cell"
              x={x}
              y={y0 + i * cellH}
              width={cellW}
              height={cellH}
              fill={visible ? fill : 'var(--cell-empty)'}
            />
            {visible && showNumbers && (
              <text className="cell-num" x={x + cellW / 2} y={y0 + i * cellH + cellH / 2} dy="0.35em" textAnchor="middle" fill={textOn(fill)} fontSize={fontSize}>
                {fmt(v, 2)}
              </text>
            )}
          </g>
        );
      })}
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
