import { line, scaleLinear } from 'd3';
import { decadeTicks, powerLabel } from './labMath';

export interface LogSeries {
  key: string;
  label: string;
  /** log10 of the values, one per x; a non-finite entry breaks the line there. */
  log10: ArrayLike<number>;
  color: string;
  dash?: string;
  /** Dots at the data points. */
  dots?: boolean;
  /** Whether the y domain follows this series (reference lines do not stretch the chart). */
  sets?: boolean;
}

const W = 440;
const M = { l: 44, r: 12, t: 8, b: 26 };

/**
 * A line chart on a log y axis, drawn from log10 values so that it reads the
 * same whether the numbers are 1e-300 or 1e300 (past float64 they are still
 * finite logs). The domain follows the series marked `sets`, padded; the
 * others are clipped to it.
 */
export function LogChart({ x, series, xLabel, label, height = 150, xTicks, testId, marker }: { x: ArrayLike<number>; series: LogSeries[]; xLabel: string; label: string; height?: number; xTicks?: number[]; testId?: string; marker?: number | null }) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    if (s.sets === false) continue;
    for (let i = 0; i < s.log10.length; i++) {
      const v = s.log10[i];
      if (!Number.isFinite(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(hi >= lo)) [lo, hi] = [-1, 1];
  const pad = Math.max(0.15, (hi - lo) * 0.08);
  const y = scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([height - M.b, M.t]);
  const x0 = x.length ? x[0] : 0;
  const x1 = x.length ? x[x.length - 1] : 1;
  const xs = scaleLinear()
    .domain([x0, x1 > x0 ? x1 : x0 + 1])
    .range([M.l, W - M.r]);
  const path = (s: LogSeries) => {
    const pts: [number, number][] = [];
    const segs: string[] = [];
    const flush = () => {
      if (pts.length) segs.push(line()(pts) ?? '');
      pts.length = 0;
    };
    for (let i = 0; i < x.length; i++) {
      const v = s.log10[i];
      if (Number.isFinite(v)) pts.push([xs(x[i]), y(v)]);
      else flush();
    }
    flush();
    return segs.join('');
  };
  const [d0, d1] = y.domain();
  const yt = decadeTicks(d0, d1, 5);
  const ticksX = xTicks ?? xs.ticks(6).filter((v) => Number.isInteger(v));
  const clip = `lab-clip-${testId ?? 'chart'}`;
  return (
    <figure className="lab-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-label={label}>
        <defs>
          <clipPath id={clip}>
            <rect x={M.l} y={M.t} width={W - M.l - M.r} height={height - M.t - M.b} />
          </clipPath>
        </defs>
        {yt.map((e) => (
          <g key={e} className="lab-tick">
            <line x1={M.l} x2={W - M.r} y1={y(e)} y2={y(e)} />
            <text x={M.l - 4} y={y(e)} dy="0.35em" textAnchor="end">
              {powerLabel(e)}
            </text>
          </g>
        ))}
        {ticksX.map((v) => (
          <text key={v} className="lab-tick-x" x={xs(v)} y={height - M.b + 12} textAnchor="middle">
            {v}
          </text>
        ))}
        <text className="lab-tick-x" x={W - M.r} y={height - 2} textAnchor="end">
          {xLabel}
        </text>
        <line className="lab-axis-line" x1={M.l} x2={W - M.r} y1={height - M.b} y2={height - M.b} />
        {marker !== undefined && marker !== null && <line className="lab-marker" x1={xs(marker)} x2={xs(marker)} y1={M.t} y2={height - M.b} />}
        <g clipPath={`url(#${clip})`}>
          {series.map((s) => (
            <path key={s.key} d={path(s)} fill="none" stroke={s.color} strokeWidth={s.dash ? 1.4 : 2} strokeDasharray={s.dash} data-series={s.key} />
          ))}
          {series
            .filter((s) => s.dots && x.length <= 120)
            .map((s) =>
              Array.from({ length: x.length }, (_, i) =>
                Number.isFinite(s.log10[i]) ? <circle key={`${s.key}${i}`} cx={xs(x[i])} cy={y(s.log10[i])} r={2.2} fill={s.color} /> : null,
              ),
            )}
        </g>
      </svg>
      <figcaption className="lab-chart-legend">
        {series.map((s) => (
          <span key={s.key}>
            <svg width="22" height="8" aria-hidden="true">
              <line x1="1" x2="21" y1="4" y2="4" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash} />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
