import { useMemo, useState } from 'react';
import { contribution, contributionFactors, paramShape, runningSum, type ParamName } from '../../core';
import { useApp } from '../../store/store';
import { QUANTITY_COLORS } from '../colors';
import { fmt, sup } from '../../core/format';
import { duration } from '../motion';
import { useScales } from '../scales';
import { useTypeScale } from '../typeScale';
import { AnimatedSum } from './AnimatedSum';
import { Grid } from './Heatmap';
import { useT } from '../i18n';
import { CheckNote, useCheckClick } from '../lab/CheckNote';

/** Names of a contribution's two factors, per parameter (G1–G5). */
const FACTORS: Record<ParamName, { left: string; right?: (t: number) => string; leftQ: keyof typeof QUANTITY_COLORS; rightQ?: keyof typeof QUANTITY_COLORS }> = {
  c: { left: '∇o', leftQ: 'gradO' },
  V: { left: '∇o', right: (t) => `h${sup(t)}`, leftQ: 'gradO', rightQ: 'h' },
  b: { left: '∇a', leftQ: 'gradA' },
  W: { left: '∇a', right: (t) => `h${sup(t - 1)}`, leftQ: 'gradA', rightQ: 'h' },
  U: { left: '∇a', right: (t) => `x${sup(t)}`, leftQ: 'gradA', rightQ: 'x' },
};

/**
 * Step t's contribution to one parameter's gradient, drawn as what it is — for a
 * matrix the outer product of two vectors, the factors along the sides — and the
 * running sum it is added into (the add is animated).
 */
export function ContributionView({ name, t }: { name: ParamName; t: number }) {
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const direction = useApp((s) => s.direction);
  const speed = useApp((s) => s.speed);
  const m = useT().details;
  const { scale, limit } = useScales();
  const ts = useTypeScale();
  const [hoverCell, setHoverCell] = useState<[number, number] | null>(null);
  const onCheck = useCheckClick();
  const [rows, cols] = paramShape(name, trace);
  const { left, right } = contributionFactors(model, trace, name, t);
  const term = useMemo(() => contribution(model, trace, name, t), [model, trace, name, t]);
  const sum = useMemo(() => runningSum(model, trace, name, t), [model, trace, name, t]);
  // The sum before this step's add: the terms of T … t + 1 (all zero before t = T).
  const before = useMemo(() => runningSum(model, trace, name, t + 1), [model, trace, name, t]);
  const maxDim = Math.max(rows, cols);
  const cell = Math.max(4, Math.min(32 * ts, Math.floor((128 * ts) / maxDim)));
  const showNumbers = cell >= 30;
  const f = FACTORS[name];
  // Geometry: [left factor] [grid] + [sum]; the right factor is a row above the grid.
  const pad = 18;
  const gridX = pad + cell + 10;
  const gridY = right ? 22 + cell + 8 : 22;
  const sumX = gridX + cols * cell + 36;
  const width = sumX + cols * cell + 8;
  const height = gridY + rows * cell + 20;
  const ms = direction > 0 ? duration('add', speed) : 0;
  const ghost = useMemo(() => ({ values: term, fromX: gridX, fromY: gridY }), [term, gridX, gridY]);
  const s = scale[name];
  const fscale = scale.grad;
  const hv = hoverCell && hoverCell[0] < rows && hoverCell[1] < cols ? hoverCell : null;
  return (
    <div className="contribution" data-param={name} data-t={t} onClick={onCheck}>
      <h3>
        {m.contribution(t, name, right ? `${f.left}${sup(t)} ${f.right?.(t)}ᵀ` : `${f.left}${sup(t)}`)}
      </h3>
      <div className="contribution-figure" style={{ width, height }}>
        <svg width={width} height={height} onMouseLeave={() => setHoverCell(null)} role="img" aria-label={m.contributionLabel(t, name)}>
          <text x={pad + cell / 2} y={gridY + rows * cell + 14} textAnchor="middle" className="grid-label" fill={QUANTITY_COLORS[f.leftQ]}>
            {f.left}
            {sup(t)}
          </text>
          <Grid values={left} rows={rows} cols={1} cell={cell} scale={fscale} showNumbers={false} x={pad} y={gridY} testId="factor-left" />
          {right && (
            <>
              <text
                x={cell >= 14 ? gridX - 4 : gridX + cols * cell}
                y={cell >= 14 ? 22 + cell / 2 : 12}
                dy={cell >= 14 ? '0.35em' : 0}
                textAnchor="end"
                className="grid-label"
                fill={QUANTITY_COLORS[f.rightQ ?? 'h']}
              >
                {f.right?.(t)}ᵀ
              </text>
              <Grid values={right} rows={1} cols={cols} cell={cell} scale={scale.act} showNumbers={false} x={gridX} y={22} />
            </>
          )}
          <Grid
            values={term}
            rows={rows}
            cols={cols}
            cell={cell}
            scale={s}
            showNumbers={showNumbers}
            x={gridX}
            y={gridY}
            onHoverCell={(i, j) => setHoverCell([i, j])}
            testId="contribution-grid"
          />
          <text x={sumX - 18} y={gridY + (rows * cell) / 2} dy="0.35em" textAnchor="middle" className="plus">
            +
          </text>
          <text x={sumX + (cols * cell) / 2} y={gridY - 6} textAnchor="middle" className="grid-label">
            {m.sumOver(trace.T, t)}
          </text>
        </svg>
        <AnimatedSum values={sum} rows={rows} cols={cols} cell={cell} scale={s} showNumbers={showNumbers} x={sumX} y={gridY} before={before} ghost={ghost} ms={ms} testId="running-sum" />
      </div>
      <p className="sum-equation" data-testid="sum-equation">
        {m.sumEquation(trace.T, t)}
      </p>
      <p className="cell-explain" aria-live="off">
        {hv
          ? right
            ? `${f.left}${sup(t)}_${hv[0] + 1} · ${f.right?.(t)}_${hv[1] + 1} = ${fmt(left[hv[0]])} × ${fmt(right[hv[1]])} = ${fmt(term[hv[0] * cols + hv[1]])}`
            : `${f.left}${sup(t)}_${hv[0] + 1} = ${fmt(term[hv[0]])}`
          : m.hoverCell}
      </p>
      <p className="muted scale-note">
        {m.scaleNote(fmt(limit[name], 3))}
      </p>
      <CheckNote params={[name]} t={t} />
    </div>
  );
}

/** All five gradients, complete: the final step's picture. */
export function FinalGradients() {
  const trace = useApp((s) => s.trace);
  const { scale } = useScales();
  const ts = useTypeScale();
  const onCheck = useCheckClick();
  return (
    <>
    <div className="final-grads" onClick={onCheck}>
      {(['c', 'V', 'b', 'W', 'U'] as const).map((name) => {
        const [rows, cols] = paramShape(name, trace);
        const cell = Math.max(3, Math.min(26 * ts, Math.floor((110 * ts) / Math.max(rows, cols))));
        const g = trace.grads[name];
        return (
          <figure key={name} className="final-grad" data-param={name}>
            <svg width={cols * cell + 2} height={rows * cell + 2}>
              <Grid values={g} rows={rows} cols={cols} cell={cell} scale={scale[name]} showNumbers={cell >= 24} x={1} y={1} testId={`final-${name}`} />
            </svg>
            <figcaption>∇{name} L</figcaption>
          </figure>
        );
      })}
    </div>
    <CheckNote params={PARAM_ORDER} />
    </>
  );
}

const PARAM_ORDER = ['c', 'V', 'b', 'W', 'U'] as const;
