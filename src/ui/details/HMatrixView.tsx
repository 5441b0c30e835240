import { rowAt } from '../../core';
import { useApp } from '../../store/store';
import { fmtBelow, sup } from '../../core/format';
import { useScales } from '../scales';
import { useTypeScale } from '../typeScale';
import { Grid } from './Heatmap';
import { SATURATED } from '../quantities';
import { useT } from '../i18n';

/**
 * H^(t) as what it is: an n × n diagonal matrix, 1 − (h_i^(t))² on the diagonal and
 * zeros elsewhere, with saturated units (H near 0) marked.
 */
export function HMatrixView({ t }: { t: number }) {
  const trace = useApp((s) => s.trace);
  const m = useT().details;
  const { scale } = useScales();
  const n = trace.n;
  const d = rowAt(trace.Hdiag, t, n);
  const full = new Float64Array(n * n);
  for (let i = 0; i < n; i++) full[i * n + i] = d[i];
  const ts = useTypeScale();
  const cell = Math.max(3, Math.min(28 * ts, Math.floor((150 * ts) / n)));
  const saturated: number[] = [];
  d.forEach((v, i) => v < SATURATED && saturated.push(i + 1));
  return (
    <div className="h-matrix" data-t={t}>
      <h3>
        H{sup(t)} = diag(1 − (h{sup(t)})²), {n} × {n}
      </h3>
      <svg width={n * cell + 4} height={n * cell + 4} role="img" aria-label={m.hLabel(t, n)}>
        <Grid values={full} rows={n} cols={n} cell={cell} scale={scale.act} showNumbers={cell >= 26} x={2} y={2} marked={(i, j) => i === j && d[i] < SATURATED} format={(v) => fmtBelow(v, SATURATED, 2)} testId="h-matrix" />
      </svg>
      <p className="muted">
        {m.hOffDiagonal(fmtBelow(Math.min(...d), SATURATED, 3))}{' '}
        {saturated.length > 0 ? <b className="saturated">{m.hSaturated(String(SATURATED), saturated)}</b> : m.hNoneSaturated}
      </p>
    </div>
  );
}
