import { line, scaleLinear } from 'd3';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { MAX_ITERATIONS, trainingToFile, type Model } from '../../core';
import { fmt } from '../../core/format';
import { useApp } from '../../store/store';
import { QUANTITY_COLORS } from '../colors';
import { download, slug } from '../files';
import { useT } from '../i18n';
import { keepArrows } from './EditView';
import { useFrameThrottle } from './hooks';
import { advanceRun, modelAt, paramsOf, runFinished, startRun, stopRun, type TrainingRun } from './labMath';
import { DraftNumber } from './TruncationView';

/** Most steps the lab runs in one go: the command line takes more. */
const MAX_UI_ITERATIONS = 5000;
/** How long one slice of training may hold the page, ms. */
const SLICE_MS = 30;

/** A default N: a hundred steps where one costs little, fewer at large sizes. */
function defaultSteps(d: { T: number; n: number; m: number; k: number }): number {
  const cost = d.T * (d.n * d.n + d.n * d.m + d.n * d.k);
  return cost <= 2e5 ? 100 : cost <= 4e6 ? 20 : 5;
}

/** The loss against the iterations: a click on the curve (or the slider) reopens that iteration. */
function LossCurve({ run, shown, onPick }: { run: TrainingRun; shown: number | null; onPick: (i: number) => void }) {
  const m = useT().lab.train;
  const N = run.settings.iterations;
  const W = 440;
  const H = 150;
  const M = { l: 48, r: 12, t: 8, b: 24 };
  const last = runFinished(run) ? N : run.done;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i <= last; i++) {
    const v = run.loss[i];
    if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  if (!(hi >= lo)) [lo, hi] = [0, 1];
  const pad = Math.max((hi - lo) * 0.08, 1e-9 * Math.abs(hi), 1e-12);
  const y = scaleLinear()
    .domain([lo - pad, hi + pad])
    .range([H - M.b, M.t]);
  const x = scaleLinear()
    .domain([0, Math.max(1, N)])
    .range([M.l, W - M.r]);
  const pts: [number, number][] = [];
  for (let i = 0; i <= last; i++) if (Number.isFinite(run.loss[i])) pts.push([x(i), y(run.loss[i])]);
  const pick = (e: MouseEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const i = Math.round(x.invert(((e.clientX - r.left) / r.width) * W));
    onPick(Math.max(0, Math.min(run.done, i)));
  };
  return (
    <figure className="lab-chart" data-testid="loss-curve" data-points={pts.length}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={m.curveLabel} onClick={pick} className="lab-clickable">
        {y.ticks(4).map((v) => (
          <g key={v} className="lab-tick">
            <line x1={M.l} x2={W - M.r} y1={y(v)} y2={y(v)} />
            <text x={M.l - 4} y={y(v)} dy="0.35em" textAnchor="end">
              {fmt(v, Math.abs(hi - lo) < 0.1 ? 4 : 2)}
            </text>
          </g>
        ))}
        {x
          .ticks(5)
          .filter(Number.isInteger)
          .map((v) => (
            <text key={v} className="lab-tick-x" x={x(v)} y={H - M.b + 12} textAnchor="middle">
              {v}
            </text>
          ))}
        <text className="lab-tick-x" x={W - M.r} y={H - 2} textAnchor="end">
          {m.iteration}
        </text>
        <line className="lab-axis-line" x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} />
        <path d={line()(pts) ?? ''} fill="none" stroke={QUANTITY_COLORS.L} strokeWidth={2} />
        {pts.length <= 120 && pts.map(([px, py], i) => <circle key={i} cx={px} cy={py} r={2} fill={QUANTITY_COLORS.L} />)}
        {shown !== null && Number.isFinite(run.loss[shown]) && <circle className="lab-shown" cx={x(shown)} cy={y(run.loss[shown])} r={5} />}
      </svg>
    </figure>
  );
}

/**
 * E5 in the lab: a learning rate and N steps of gradient descent with the
 * scenario's trace options, run a slice at a time so the page stays live. The
 * loss curve fills in; the trained parameters become the scenario's (ŷ in the
 * diagram improves); any iteration is reopened (its walk on screen) from the
 * run's snapshots, exactly; the run exports as bptt-training/1.
 */
export function TrainView() {
  const model = useApp((s) => s.model);
  const dims = useApp((s) => s.dims);
  const scenario = useApp((s) => s.scenario);
  const training = useApp((s) => s.training);
  const setTraining = useApp((s) => s.setTraining);
  const setParams = useApp((s) => s.setParams);
  const m = useT().lab.train;
  const [lr, setLr] = useState(0.1);
  const [steps, setSteps] = useState(() => defaultSteps(dims));
  const stopRef = useRef(false);
  const timer = useRef(0);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  /** Shows iteration i of the run: its parameters become the scenario's. */
  const show = (run: TrainingRun, i: number, version: number) => {
    const at: Model = modelAt(run, i);
    if (!setParams(paramsOf(at))) return;
    const s = useApp.getState();
    setTraining({ run, version, running: false, shown: i, shownParams: s.scenario.params });
  };
  const reopen = useFrameThrottle((i: number) => {
    const t = useApp.getState().training;
    if (t && !t.running) show(t.run, i, t.version);
  });

  const start = () => {
    const run = startRun(model, { iterations: steps, lr, options: scenario.options });
    stopRef.current = false;
    let version = 0;
    setTraining({ run, version, running: true, shown: null, shownParams: null });
    const slice = () => {
      if (stopRef.current) stopRun(run);
      advanceRun(run, performance.now() + SLICE_MS);
      version++;
      if (!runFinished(run)) {
        setTraining({ run, version, running: true, shown: null, shownParams: null });
        timer.current = window.setTimeout(slice, 0);
        return;
      }
      // Done: the trained parameters are shown; stopped by a loss past float64, the last iteration whose loss was finite.
      show(run, run.diverged ? Math.max(0, run.done - 1) : run.done, version);
    };
    timer.current = window.setTimeout(slice, 0);
  };

  const run = training?.run ?? null;
  const running = training?.running ?? false;
  const current = training && training.shownParams === scenario.params ? training.shown : null;
  const N = run?.settings.iterations ?? 0;
  const validN = Number.isInteger(steps) && steps >= 1 && steps <= Math.min(MAX_ITERATIONS, MAX_UI_ITERATIONS);
  const lastLoss = run ? run.loss[runFinished(run) && !run.diverged ? N : Math.max(0, run.done - 1)] : NaN;
  const opts = scenario.options;
  return (
    <div className="lab-train">
      <h3>{m.heading}</h3>
      <div className="lab-controls">
        <label>
          {m.lr} <DraftNumber value={lr} min={0} step="any" label={m.lr} valid={(v) => Number.isFinite(v) && v > 0} apply={setLr} testId="train-lr" />
        </label>
        <label>
          {m.steps} <DraftNumber value={steps} min={1} max={MAX_UI_ITERATIONS} step={1} label={m.steps} valid={(v) => Number.isInteger(v) && v >= 1 && v <= MAX_UI_ITERATIONS} apply={setSteps} testId="train-n" />
        </label>
        {running ? (
          <button type="button" className="lab-small-button" onClick={() => (stopRef.current = true)}>
            {m.stop}
          </button>
        ) : (
          <button type="button" className="lab-primary" disabled={!validN} onClick={start} data-testid="train-start">
            {m.train(steps)}
          </button>
        )}
      </div>
      {opts && <p className="muted lab-small">{m.options(JSON.stringify(opts))}</p>}
      {run && (
        <>
          <p className="lab-stat" data-testid="train-progress" data-done={run.done} data-running={running} data-losses={Array.from(run.loss.subarray(0, run.done + 1), (v) => v.toPrecision(17)).join(',')}>
            {m.progress(run.done, N)} · {m.loss(fmt(run.loss[0], 4), fmt(lastLoss, 4))}
          </p>
          <LossCurve run={run} shown={current} onPick={(i) => !running && reopen(i)} />
          {run.diverged && <p className="lab-bad lab-small">{m.diverged(run.done)}</p>}
          {!running && (
            <div className="lab-controls">
              <label>
                {m.show}{' '}
                <input type="range" min={0} max={run.done} step={1} value={current ?? run.done} onChange={(e) => reopen(Number(e.target.value))} onKeyDown={keepArrows} data-testid="train-iteration" />
              </label>
              <span className="lab-stat" data-testid="train-shown">
                {current !== null ? m.shown(current) : m.changed}
              </span>
              <button
                type="button"
                className="lab-small-button"
                disabled={run.diverged}
                onClick={() => download(`${slug(scenario.title ?? 'scenario')}.training.json`, trainingToFile({ loss: run.loss, model: run.current }, run.settings))}
                data-testid="train-export"
              >
                {m.export}
              </button>
            </div>
          )}
          <p className="muted lab-small">{m.reproducible}</p>
        </>
      )}
    </div>
  );
}
