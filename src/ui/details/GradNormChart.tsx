import { line, scaleLinear, scaleLog } from 'd3';
import { memo, useMemo } from 'react';
import { computedAt, norm2 as norm, rowAt, type Trace } from '../../core';
import { useApp } from '../../store/store';
import { QUANTITY_COLORS } from '../colors';
import { fmt } from '../../core/format';
import { useT } from '../i18n';

const W = 340;
const H = 70;
const M = { l: 40, r: 26, t: 6, b: 14 };

/** How many of t = T, T−1, … have `q` computed by step `index`. */
function doneCount(T: number, q: 'gradH' | 'gradA', index: number): number {
  let c = 0;
  for (let t = T; t >= 1 && index >= computedAt(T, q, t); t--) c++;
  return c;
}

/**
 * ‖∇h^(t)‖ and ‖∇a^(t)‖ against t on a log scale, filled in as the backward walk
 * computes them: vanishing or exploding gradients are plain to see. The chart
 * itself renders only when a point is added or taken away.
 */
export function GradNormChart() {
  const trace = useApp((s) => s.trace);
  const index = useApp((s) => s.index);
  return <NormChart trace={trace} doneH={doneCount(trace.T, 'gradH', index)} doneA={doneCount(trace.T, 'gradA', index)} />;
}

const NormChart = memo(function NormChart({ trace, doneH, doneA }: { trace: Trace; doneH: number; doneA: number }) {
  const T = trace.T;
  const m = useT().details;
  const { nh, na, x, y } = useMemo(() => {
    // Domains fixed per scenario, so the chart does not rescale while it fills.
    const nh: number[] = [];
    const na: number[] = [];
    for (let t = 1; t <= T; t++) {
      nh.push(norm(rowAt(trace.gradH, t, trace.n)));
      na.push(norm(rowAt(trace.gradA, t, trace.n)));
    }
    // Only finite positive norms go on a log scale: a gradient that overflowed float64 (an exploding one at large T) is left off.
    const pos = [...nh, ...na].filter((v) => v > 0 && Number.isFinite(v));
    const lo = pos.length ? Math.min(...pos) : 1e-3;
    const hi = pos.length ? Math.max(...pos) : 1;
    const y = scaleLog()
      .domain([lo / 1.5, hi * 1.5])
      .range([H - M.b, M.t]);
    const x = scaleLinear()
      .domain([1, Math.max(2, T)])
      .range([M.l, W - M.r]);
    return { nh, na, x, y };
  }, [trace, T]);
  const path = (vals: number[], count: number) => {
    const pts: [number, number][] = [];
    for (let t = T; t > T - count; t--) if (vals[t - 1] > 0 && Number.isFinite(vals[t - 1])) pts.push([x(t), y(vals[t - 1])]);
    return pts.length ? (line()(pts) ?? '') : '';
  };
  // Powers of ten inside the domain, or its two ends when it spans less than a decade.
  const [d0, d1] = y.domain();
  const pow = [];
  for (let e = Math.ceil(Math.log10(d0)); e <= Math.floor(Math.log10(d1)); e++) pow.push(10 ** e);
  const ticks = pow.length >= 2 ? pow.filter((_, i, a) => a.length <= 4 || i % Math.ceil(a.length / 4) === 0) : [d0, d1];
  return (
    <figure className="norm-chart" data-testid="norm-chart" data-points-h={doneH} data-points-a={doneA}>
      <figcaption>
        <span style={{ color: 'var(--q-gradH)' }}>‖∇h⁽ᵗ⁾‖</span> {m.normAnd} <span style={{ color: 'var(--q-gradA)' }}>‖∇a⁽ᵗ⁾‖</span> {m.normOver}
      </figcaption>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={m.normLabel}>
        {ticks.map((v) => (
          <g key={v} className="tick">
            <line x1={M.l} x2={W - M.r} y1={y(v)} y2={y(v)} />
            <text x={M.l - 4} y={y(v)} dy="0.35em" textAnchor="end">
              {v >= 1e-3 && v < 1e4 ? fmt(v, v >= 10 ? 0 : Math.min(3, Math.max(1, Math.ceil(-Math.log10(v)) + 1))) : v.toExponential(0).replace('e+', 'e').replace('-', '−')}
            </text>
          </g>
        ))}
        {[1, T].map((t) => (
          <text key={t} className="tick" x={x(t)} y={H - 2} textAnchor="middle">
            t = {t}
          </text>
        ))}
        <path d={path(nh, doneH)} stroke={QUANTITY_COLORS.gradH} fill="none" strokeWidth={1.8} />
        <path d={path(na, doneA)} stroke={QUANTITY_COLORS.gradA} fill="none" strokeWidth={1.8} strokeDasharray="4 2" />
        {nh.slice(T - doneH).map((v, i) => (v > 0 && Number.isFinite(v) ? <circle key={`h${T - doneH + 1 + i}`} cx={x(T - doneH + 1 + i)} cy={y(v)} r={2.4} fill={QUANTITY_COLORS.gradH} /> : null))}
        {na.slice(T - doneA).map((v, i) => (v > 0 && Number.isFinite(v) ? <circle key={`a${T - doneA + 1 + i}`} cx={x(T - doneA + 1 + i)} cy={y(v)} r={2} fill={QUANTITY_COLORS.gradA} /> : null))}
      </svg>
    </figure>
  );
});
