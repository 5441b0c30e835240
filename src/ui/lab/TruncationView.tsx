import { interpolateRdBu, scaleDiverging, type ScaleDiverging } from 'd3';
import { useMemo, useState } from 'react';
import { paramShape, PARAM_NAMES, type ParamName, type TraceOptions } from '../../core';
import { fmt } from '../../core/format';
import { useApp } from '../../store/store';
import { QUANTITY_COLORS } from '../colors';
import { Grid } from '../details/Heatmap';
import { useT } from '../i18n';
import { keepArrows } from './EditView';
import { useFrameThrottle } from './hooks';
import { droppedByT, fullTraceOf, paramDifferences } from './labMath';
import { LogChart } from './LogChart';

/** A number field that keeps what is being typed until it is a valid value (then applied) or the field is left. */
export function DraftNumber({ value, valid, apply, label, testId, ...rest }: { value: number; valid: (v: number) => boolean; apply: (v: number) => void; label: string; testId?: string; min?: number; max?: number; step?: number | 'any' }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      type="number"
      aria-label={label}
      value={draft ?? String(value)}
      data-testid={testId}
      {...rest}
      onChange={(e) => {
        setDraft(e.target.value);
        const v = Number(e.target.value);
        if (e.target.value.trim() !== '' && valid(v)) apply(v);
      }}
      onBlur={() => setDraft(null)}
    />
  );
}

const blueRed = (t: number) => interpolateRdBu(1 - t);

/** Three grids on one diverging scale: full BPTT's gradient, the one shown, and their difference. */
function SideBySide({ name }: { name: ParamName }) {
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const m = useT().lab.truncate;
  const full = fullTraceOf(model, trace);
  const [rows, cols] = paramShape(name, trace);
  const a = full.grads[name];
  const b = trace.grads[name];
  const diff = useMemo(() => a.map((v, i) => v - b[i]), [a, b]);
  const scale: ScaleDiverging<string> = useMemo(() => {
    let l = 0;
    for (let i = 0; i < a.length; i++) l = Math.max(l, Math.abs(a[i]), Math.abs(b[i]));
    return scaleDiverging<string>(blueRed)
      .domain([-(l || 1), 0, l || 1])
      .clamp(true);
  }, [a, b]);
  const cell = Math.max(1, Math.min(22, Math.floor(120 / Math.max(rows, cols))));
  const grids: [string, Float64Array][] = [
    [m.fullLabel, a],
    [m.shownLabel, b],
    [m.diffLabel, diff],
  ];
  return (
    <div className="lab-side-by-side">
      {grids.map(([what, values]) => (
        <figure key={what}>
          <svg width={cols * cell + 2} height={rows * cell + 2} role="img" aria-label={m.gridLabel(name, what)}>
            <Grid values={values} rows={rows} cols={cols} cell={cell} scale={scale} showNumbers={cell >= 22} x={1} y={1} testId={`side-${what}`} />
          </svg>
          <figcaption>{what}</figcaption>
        </figure>
      ))}
    </div>
  );
}

/**
 * E3 and E4 as controls: a window K and a clipping threshold C, which show the
 * scenario again with those trace options (the walk, the formulas and the flow
 * follow), and what they changed against full BPTT: per t the part of ∇h^(t)
 * truncation dropped, per parameter the relative difference, side by side.
 */
export function TruncationView() {
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const setOptions = useApp((s) => s.setOptions);
  const m = useT().lab.truncate;
  const { T } = trace;
  const options = trace.options;
  const K = options.truncate;
  const C = options.clip;
  const apply = useFrameThrottle((o: TraceOptions) => setOptions(o));
  const full = fullTraceOf(model, trace);
  const diffs = useMemo(() => paramDifferences(full, trace), [full, trace]);
  const dropped = useMemo(() => (K !== undefined && K < T ? droppedByT(full, trace) : null), [full, trace, K, T]);
  const [param, setParam] = useState<ParamName>('W');
  const defaultK = Math.max(1, Math.min(T - 1, Math.max(2, Math.round(T / 4))));
  const defaultC = Number((trace.gradNorm / 2).toPrecision(2)) || 1;
  const ts = Array.from({ length: T }, (_, i) => i + 1);
  return (
    <div className="lab-truncate">
      <h3>{m.heading}</h3>
      <div className="lab-controls">
        <label>
          <input type="checkbox" checked={K !== undefined} onChange={(e) => setOptions({ ...options, truncate: e.target.checked ? defaultK : undefined })} data-testid="truncate-on" /> {m.truncate}
        </label>
        <DraftNumber value={K ?? defaultK} min={1} max={T} step={1} label={m.window} valid={(v) => Number.isInteger(v) && v >= 1} apply={(v) => setOptions({ ...options, truncate: v })} testId="truncate-k" />
        <input type="range" min={1} max={T} step={1} value={K ?? defaultK} aria-label={m.window} onChange={(e) => apply({ ...options, truncate: Number(e.target.value) })} onKeyDown={keepArrows} data-testid="truncate-k-range" />
      </div>
      <p className="muted lab-small">{m.truncateHint}</p>
      <div className="lab-controls">
        <label>
          <input type="checkbox" checked={C !== undefined} onChange={(e) => setOptions({ ...options, clip: e.target.checked ? defaultC : undefined })} data-testid="clip-on" /> {m.clip}
        </label>
        <DraftNumber value={C ?? defaultC} min={0} step="any" label={m.threshold} valid={(v) => Number.isFinite(v) && v > 0} apply={(v) => setOptions({ ...options, clip: v })} testId="clip-c" />
        <span className="lab-stat" data-testid="clip-state">
          {C === undefined ? m.noClip(fmt(trace.gradNorm, 4)) : trace.gradNorm > C ? m.clipped(fmt(trace.gradNorm, 4), fmt(C / trace.gradNorm, 4)) : m.notClipped(fmt(trace.gradNorm, 4))}
        </span>
      </div>
      <h4>{m.dropped}</h4>
      {dropped ? (
        <LogChart
          x={ts}
          testId="dropped-chart"
          label={m.chartLabel}
          xLabel="t"
          series={[
            { key: 'full', label: m.legendFull, log10: Array.from(dropped.full, Math.log10), color: QUANTITY_COLORS.gradH, dots: true },
            { key: 'dropped', label: m.legendDropped, log10: Array.from(dropped.dropped, Math.log10), color: QUANTITY_COLORS.gradA, dots: true, dash: '4 2' },
          ]}
        />
      ) : (
        <p className="muted lab-small">{m.nothingDropped}</p>
      )}
      <table className="lab-table" data-testid="param-diffs">
        <thead>
          <tr>
            <th scope="col">{m.gradient}</th>
            <th scope="col">{m.full}</th>
            <th scope="col">{m.shown}</th>
            <th scope="col">{m.relDiff}</th>
          </tr>
        </thead>
        <tbody>
          {diffs.map((d) => (
            <tr key={d.name} data-param={d.name}>
              <th scope="row">∇{d.name} L</th>
              <td>{fmt(d.full, 4)}</td>
              <td>{fmt(d.shown, 4)}</td>
              <td>{d.full > 0 ? fmt(d.diff / d.full, 4) : fmt(d.diff, 4)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="lab-controls">
        <label>
          {m.param}{' '}
          <select value={param} onChange={(e) => setParam(e.target.value as ParamName)}>
            {[...PARAM_NAMES].reverse().map((p) => (
              <option key={p} value={p}>
                ∇{p} L
              </option>
            ))}
          </select>
        </label>
        <span className="lab-small">{m.sideBySide(param)}</span>
      </div>
      <SideBySide name={param} />
    </div>
  );
}
