import { useMemo, type MouseEvent } from 'react';
import { numericalCheck, paramShape, PARAM_NAMES, type CheckTarget, type Model, type ParamName, type Trace } from '../../core';
import { fmt } from '../../core/format';
import { useApp } from '../../store/store';
import { useT } from '../i18n';
import './lab.css';

const QUANTITY_OF: Record<string, 'h' | 'a' | 'o'> = { gradH: 'h', gradA: 'a', gradO: 'o' };

/** Whether a check target names an entry of this trace's sizes. */
export function validTarget(target: CheckTarget, trace: Trace): boolean {
  if ('param' in target) {
    const [rows, cols] = paramShape(target.param, trace);
    return Number.isInteger(target.index) && target.index >= 0 && target.index < rows * cols;
  }
  const len = target.quantity === 'o' ? trace.k : trace.n;
  return Number.isInteger(target.t) && target.t >= 1 && target.t <= trace.T && Number.isInteger(target.index) && target.index >= 0 && target.index < len;
}

/** The entry in words, 1-based as in the diagram: ∇W L [2, 3], ∇h⁽⁴⁾ L [1]. */
export function targetLabel(target: CheckTarget, trace: Trace): string {
  if ('param' in target) {
    const [, cols] = paramShape(target.param, trace);
    const i = Math.floor(target.index / cols) + 1;
    const j = (target.index % cols) + 1;
    return cols === 1 ? `∇${target.param} L [${i}]` : `∇${target.param} L [${i}, ${j}]`;
  }
  return `∇${target.quantity}${supT(target.t)} L [${target.index + 1}]`;
}

function supT(t: number): string {
  const d = '⁰¹²³⁴⁵⁶⁷⁸⁹';
  return `⁽${Array.from(String(t), (c) => d[Number(c)]).join('')}⁾`;
}

/**
 * The gradient entry under a click in a grid: the grid is the nearest element
 * with data-rows / data-cols (a <g> of rects, or a canvas host), named by its
 * data-testid (a contribution's term or running sum, a final gradient, the
 * contribution's left factor ∇a⁽ᵗ⁾ / ∇o⁽ᵗ⁾, a lab grid), the cell by where
 * in its box the pointer is.
 */
export function checkTargetAt(target: Element, clientX: number, clientY: number): CheckTarget | null {
  const grid = target.closest('[data-rows][data-cols]');
  if (!grid) return null;
  const rows = Number(grid.getAttribute('data-rows'));
  const cols = Number(grid.getAttribute('data-cols'));
  const r = grid.getBoundingClientRect();
  if (!(rows > 0 && cols > 0 && r.width > 0 && r.height > 0)) return null;
  const i = Math.max(0, Math.min(rows - 1, Math.floor(((clientY - r.top) / r.height) * rows)));
  const j = Math.max(0, Math.min(cols - 1, Math.floor(((clientX - r.left) / r.width) * cols)));
  const id = grid.getAttribute('data-testid') ?? '';
  const owner = grid.closest('[data-check]');
  const param = (name: string | null | undefined) => (PARAM_NAMES as readonly string[]).includes(name ?? '') ? (name as ParamName) : null;
  if (id === 'contribution-grid' || id === 'running-sum') {
    const p = param(grid.closest('[data-param]')?.getAttribute('data-param'));
    return p ? { param: p, index: i * cols + j } : null;
  }
  if (id.startsWith('final-')) {
    const p = param(id.slice('final-'.length));
    return p ? { param: p, index: i * cols + j } : null;
  }
  if (id === 'factor-left') {
    const box = grid.closest('[data-param][data-t]');
    const p = box?.getAttribute('data-param');
    const t = Number(box?.getAttribute('data-t'));
    // ∇o^(t) is the left factor of c's and V's terms, ∇a^(t) of b's, W's and U's.
    return p ? { quantity: p === 'c' || p === 'V' ? 'o' : 'a', t, index: i } : null;
  }
  if (owner) {
    const what = owner.getAttribute('data-check') ?? '';
    const p = param(what);
    if (p) return { param: p, index: i * cols + j };
    const q = QUANTITY_OF[what];
    if (q) return { quantity: q, t: Number(owner.getAttribute('data-check-t')), index: i * cols + j };
  }
  return null;
}

/** An onClick for a figure of gradient grids: a click on an entry asks for its numerical check (E6). */
export function useCheckClick(): (e: MouseEvent) => void {
  const setCheck = useApp((s) => s.setCheck);
  return (e: MouseEvent) => {
    const target = checkTargetAt(e.target as Element, e.clientX, e.clientY);
    if (target) setCheck(target);
  };
}

/** E6 for one entry, in a small table: the central difference, the BPTT value and their relative error. */
export function CheckResult({ model, trace, target, eps = 1e-5 }: { model: Model; trace: Trace; target: CheckTarget; eps?: number }) {
  const m = useT().lab.check;
  const r = useMemo(() => numericalCheck(model, target, { trace, eps }), [model, trace, target, eps]);
  const options = trace.options.truncate !== undefined || trace.options.clip !== undefined;
  const agree = r.relError < 1e-6;
  return (
    <div className="lab-check-result" data-testid="check-result" data-rel-error={r.relError} data-agree={agree}>
      <div className="lab-check-title">{m.entry(targetLabel(target, trace))}</div>
      <table className="lab-table">
        <tbody>
          <tr>
            <th scope="row">{m.numeric}</th>
            <td data-testid="check-numeric">{r.numeric.toPrecision(10).replace('-', '−')}</td>
          </tr>
          <tr>
            <th scope="row">{m.bptt}</th>
            <td data-testid="check-bptt">{r.bptt.toPrecision(10).replace('-', '−')}</td>
          </tr>
          <tr>
            <th scope="row">{m.relError}</th>
            <td data-testid="check-rel">
              {r.relError === 0 ? '0' : r.relError.toExponential(2).replace('-', '−')} · <b className={agree ? 'lab-ok' : 'lab-bad'}>{agree ? m.agree : m.differ}</b>
            </td>
          </tr>
        </tbody>
      </table>
      {options && !agree && <p className="muted lab-small">{m.options}</p>}
      <p className="muted lab-small">ε = {fmt(eps, 6).replace(/0+$/, '')}</p>
    </div>
  );
}

/**
 * The numerical check of the clicked entry, beside the grids it was clicked in
 * (the detail panel's contribution, running sum and final gradients): shown
 * when the checked entry belongs to one of `params` (or, for ∇a⁽ᵗ⁾ / ∇o⁽ᵗ⁾, to step t).
 */
export function CheckNote({ params, t }: { params: readonly ParamName[]; t?: number }) {
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const target = useApp((s) => s.check);
  const setCheck = useApp((s) => s.setCheck);
  const m = useT().lab.check;
  if (!target || !validTarget(target, trace)) return null;
  const here = 'param' in target ? params.includes(target.param) : t !== undefined && target.t === t;
  if (!here) return null;
  return (
    <div className="lab-check-note" data-testid="check-note">
      <CheckResult model={model} trace={trace} target={target} />
      <button type="button" className="lab-small-button" onClick={() => setCheck(null)}>
        {m.clear}
      </button>
    </div>
  );
}
