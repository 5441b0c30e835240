import { useMemo, useState } from 'react';
import { paramShape, rowAt, type CheckTarget, type ParamName } from '../../core';
import { useApp } from '../../store/store';
import { Grid } from '../details/Heatmap';
import { useScales } from '../scales';
import { useT } from '../i18n';
import { CheckResult, useCheckClick, validTarget } from './CheckNote';
import { useLabT } from './ItemizedView';
import { DraftNumber } from './TruncationView';

type Which = ParamName | 'gradH' | 'gradA' | 'gradO';
const WHICH: readonly Which[] = ['W', 'U', 'V', 'b', 'c', 'gradH', 'gradA', 'gradO'];
const NAME: Record<Which, string> = { W: '∇W L', U: '∇U L', V: '∇V L', b: '∇b L', c: '∇c L', gradH: '∇h⁽ᵗ⁾ L', gradA: '∇a⁽ᵗ⁾ L', gradO: '∇o⁽ᵗ⁾ L' };
const QUANTITY = { gradH: 'h', gradA: 'a', gradO: 'o' } as const;

/**
 * E6 in the lab: any gradient (the five parameters', or ∇h, ∇a, ∇o at a t) as
 * a grid; a click on an entry, or its row and column typed in, shows the
 * central difference beside BPTT's value.
 */
export function CheckView() {
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const target = useApp((s) => s.check);
  const setCheck = useApp((s) => s.setCheck);
  const walkT = useLabT();
  const m = useT().lab.check;
  const { scale } = useScales();
  const onClick = useCheckClick();
  const [eps, setEps] = useState(1e-5);
  const current = target && validTarget(target, trace) ? target : null;
  const which: Which = current ? ('param' in current ? current.param : (`grad${current.quantity.toUpperCase()}` as Which)) : 'W';
  const t = current && !('param' in current) ? current.t : walkT;
  const isParam = which.length === 1;
  const [rows, cols] = isParam ? paramShape(which as ParamName, trace) : [which === 'gradO' ? trace.k : trace.n, 1];
  const values = useMemo(() => {
    if (which.length === 1) return trace.grads[which as ParamName];
    return rowAt(trace[which as 'gradH' | 'gradA' | 'gradO'], t, which === 'gradO' ? trace.k : trace.n);
  }, [trace, which, t]);
  const cell = Math.max(2, Math.min(26, Math.floor(200 / Math.max(rows, cols))));
  const make = (w: Which, index: number, tt = t): CheckTarget => (w.length === 1 ? { param: w as ParamName, index } : { quantity: QUANTITY[w as keyof typeof QUANTITY], t: tt, index });
  const index = current?.index ?? 0;
  const i = Math.floor(index / cols);
  const j = index % cols;
  return (
    <div className="lab-check">
      <h3>{m.heading}</h3>
      <p className="muted lab-small">{m.explain}</p>
      <div className="lab-controls">
        <label>
          {m.which}{' '}
          <select value={which} onChange={(e) => setCheck(make(e.target.value as Which, 0))} data-testid="check-which">
            {WHICH.map((w) => (
              <option key={w} value={w}>
                {NAME[w]}
              </option>
            ))}
          </select>
        </label>
        {!isParam && (
          <label>
            {m.t} <DraftNumber value={t} min={1} max={trace.T} step={1} label="t" valid={(v) => Number.isInteger(v) && v >= 1 && v <= trace.T} apply={(v) => setCheck(make(which, index, v))} />
          </label>
        )}
        <label>
          i = <DraftNumber value={i + 1} min={1} max={rows} step={1} label="i" valid={(v) => Number.isInteger(v) && v >= 1 && v <= rows} apply={(v) => setCheck(make(which, (v - 1) * cols + j))} testId="check-row" />
        </label>
        {cols > 1 && (
          <label>
            j = <DraftNumber value={j + 1} min={1} max={cols} step={1} label="j" valid={(v) => Number.isInteger(v) && v >= 1 && v <= cols} apply={(v) => setCheck(make(which, i * cols + v - 1))} testId="check-col" />
          </label>
        )}
        <label>
          {m.eps} <DraftNumber value={eps} min={0} step="any" label="ε" valid={(v) => Number.isFinite(v) && v > 0 && v < 1} apply={setEps} />
        </label>
      </div>
      <div className="lab-check-body">
        <div className="lab-check-grid" data-check={which} data-check-t={t} onClick={onClick}>
          <svg width={cols * cell + 2} height={rows * cell + 2} role="img" aria-label={m.gridLabel(NAME[which])}>
            <Grid values={values} rows={rows} cols={cols} cell={cell} scale={isParam ? scale[which as ParamName] : scale.grad} showNumbers={cell >= 26} x={1} y={1} testId="check-grid" />
            {current && <rect className="lab-selected" x={1 + j * cell} y={1 + i * cell} width={cell} height={cell} />}
          </svg>
        </div>
        {current ? <CheckResult model={model} trace={trace} target={current} eps={eps} /> : <p className="lab-small">{m.pick}</p>}
      </div>
    </div>
  );
}
