import { useCallback, useState } from 'react';
import { jacobianNorms, meanH, spectralNorm } from '../../core';
import { fmt } from '../../core/format';
import { useApp } from '../../store/store';
import { QUANTITY_COLORS } from '../colors';
import { useT } from '../i18n';
import { useDeferred } from './hooks';
import { STEP_BUDGET } from './labMath';
import { LogChart } from './LogChart';

/** Most lags walked: each costs an n × n matrix product and a spectral norm (a few n³), computed after the paint past the budget. */
export function maxLagOf(s: number, n: number): number {
  return Math.min(s, Math.max(10, Math.floor((3 * STEP_BUDGET) / n ** 3)));
}

/**
 * E2: ‖∂h^(s)/∂h^(s−d)‖ = ‖∏ H^(r) W‖ against the lag d, from a loss's step s
 * back, beside σ_max(W) (its bound, since H ≤ 1) and the mean tanh slope H̄:
 * vanishing and exploding gradients as a picture.
 */
export function JacobianView() {
  const trace = useApp((s) => s.trace);
  const m = useT().lab.jacobian;
  const { T, n } = trace;
  const [anchor, setAnchor] = useState<number | null>(null);
  const s = Math.max(1, Math.min(T, anchor ?? T));
  const L = maxLagOf(s, n);
  const compute = useCallback(() => {
    const norms = jacobianNorms(trace, { s }, L);
    const sigma = spectralNorm(trace.W, n, n);
    const hBar = meanH(trace, Math.max(1, s - L + 1), s);
    return { norms, sigma, hBar };
  }, [trace, s, L, n]);
  const r = useDeferred(compute, L * n ** 3 <= STEP_BUDGET);
  const lags = Array.from({ length: L + 1 }, (_, d) => d);
  let verdict: string | null = null;
  if (r && L >= 10) {
    const ratio = 10 ** (r.norms.log10Norm[10] - r.norms.log10Norm[1]);
    verdict = `${m.ratio(fmt(ratio, 3))}: ${ratio < 0.1 ? m.vanishes : ratio > 10 ? m.explodes : m.neither}`;
  }
  return (
    <div className="lab-jacobian">
      <h3>{m.heading}</h3>
      <div className="lab-controls">
        <label>
          {m.anchor}{' '}
          <input type="number" min={1} max={T} step={1} value={s} onChange={(e) => Number.isInteger(Number(e.target.value)) && setAnchor(Number(e.target.value))} data-testid="jacobian-anchor" />
        </label>
        {r && (
          <>
            <span className="lab-stat" data-testid="sigma-max">
              {m.sigma(fmt(r.sigma, 3))}
            </span>
            <span className="lab-stat" data-testid="mean-h">
              {m.meanH(fmt(r.hBar, 3))}
            </span>
          </>
        )}
      </div>
      {r ? (
        <LogChart
          x={lags}
          testId="jacobian-chart"
          label={m.chartLabel}
          xLabel={m.lag}
          series={[
            { key: 'product', label: m.product, log10: r.norms.log10Norm, color: QUANTITY_COLORS.gradH, dots: true },
            { key: 'bound', label: m.bound, log10: lags.map((d) => d * Math.log10(r.sigma)), color: QUANTITY_COLORS.W, dash: '5 3', sets: false },
            { key: 'withH', label: m.withH, log10: lags.map((d) => d * Math.log10(r.sigma * r.hBar)), color: QUANTITY_COLORS.H, dash: '2 2', sets: false },
          ]}
        />
      ) : (
        <p className="lab-small">…</p>
      )}
      {verdict && (
        <p className="lab-check-line" data-testid="jacobian-verdict">
          {verdict}
        </p>
      )}
      {L < s && <p className="muted lab-small">{m.lags(L, s)}</p>}
      <p className="muted lab-small">{m.explain}</p>
    </div>
  );
}
