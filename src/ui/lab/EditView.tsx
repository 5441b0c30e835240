import { interpolateRdBu, scaleDiverging } from 'd3';
import { useMemo, type KeyboardEvent, type MouseEvent } from 'react';
import { forward, LIMITS, toModel } from '../../core';
import { fmt, sup } from '../../core/format';
import { isEdited } from '../../store/labSlice';
import { useApp } from '../../store/store';
import { Grid } from '../details/Heatmap';
import { useT } from '../i18n';
import { useFrameThrottle } from './hooks';
import { EDIT_NAMES, editShape, editValues, scrubRange, type EditName } from './labMath';
import { DraftNumber } from './TruncationView';

const blueRed = (t: number) => interpolateRdBu(1 - t);
const SYMBOL: Record<EditName, string> = { W: 'W', U: 'U', V: 'V', b: 'b', c: 'c', x: 'x', h0: 'h⁽⁰⁾' };

/** An entry's name, 1-based: W[2, 3], b[1], x⁽⁴⁾[2] (row t of x). */
export function entryLabel(name: EditName, index: number, cols: number): string {
  const i = Math.floor(index / cols) + 1;
  const j = (index % cols) + 1;
  if (name === 'x') return `x${sup(i)}[${j}]`;
  return cols === 1 ? `${SYMBOL[name]}[${i}]` : `${SYMBOL[name]}[${i}, ${j}]`;
}

/** Arrow keys move the selection in the grid (and do not walk the steps while it has the focus). */
function gridKeys(e: KeyboardEvent, index: number, rows: number, cols: number, select: (i: number) => void): void {
  const i = Math.floor(index / cols);
  const j = index % cols;
  const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  const mv = moves[e.key];
  if (!mv) return;
  e.preventDefault();
  e.stopPropagation();
  const ni = Math.max(0, Math.min(rows - 1, i + mv[0]));
  const nj = Math.max(0, Math.min(cols - 1, j + mv[1]));
  select(ni * cols + nj);
}

/** Keys a range input keeps for itself: the walk's keys must not take its arrows. */
export function keepArrows(e: KeyboardEvent): void {
  if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End' || e.key === 'PageUp' || e.key === 'PageDown') e.stopPropagation();
}

/**
 * Edit and see: any entry of U, W, V, b, c, x or h^(0), picked in a grid and
 * scrubbed with a slider or typed; the scenario is shown again at once (one
 * recompute per frame) with the same step, so the trace, the loss, the
 * gradients and every view follow.
 */
export function EditView() {
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const dims = useApp((s) => s.dims);
  const sel = useApp((s) => s.editSel);
  const select = useApp((s) => s.selectEdit);
  const setEntry = useApp((s) => s.setEntry);
  const resetEdits = useApp((s) => s.resetEdits);
  const edited = useApp(isEdited);
  const original = useApp((s) => s.labEdit?.original ?? null);
  const m = useT().lab.edit;
  const name = sel.name;
  const [rows, cols] = editShape(name, dims);
  const index = Math.min(sel.index, rows * cols - 1);
  const values = editValues(name, model);
  const value = values[index];
  const scrub = useFrameThrottle((v: number) => setEntry(name, index, v));
  const key = `${name}|${index}|${rows}|${cols}`;
  // The slider's range comes from the values before the edits, so it does not move under the pointer while scrubbing.
  const base = useMemo(() => (edited && original ? toModel(original) : null), [edited, original]);
  const baseModel = base ?? model;
  const baseRange = useMemo(() => {
    const vs = editValues(name, baseModel);
    return scrubRange(vs[index], vs, LIMITS.magnitude);
  }, [baseModel, name, index]);
  // Only a value typed past the range widens it (a scrub stays inside).
  const range = Math.abs(value) > baseRange.max ? scrubRange(value, [], LIMITS.magnitude) : baseRange;
  const lossBefore = useMemo(() => (base ? forward(base).loss : null), [base]);
  // One colour scale per quantity before the edits: scrubbing does not rebuild its colour table at every frame.
  const scale = useMemo(() => {
    const vs = editValues(name, baseModel);
    let l = 0;
    for (let i = 0; i < vs.length; i++) l = Math.max(l, Math.abs(vs[i]));
    return scaleDiverging<string>(blueRed)
      .domain([-(l || 1), 0, l || 1])
      .clamp(true);
  }, [baseModel, name]);
  const cell = Math.max(2, Math.min(26, Math.floor(Math.min(420 / cols, 200 / rows))));
  const label = entryLabel(name, index, cols);
  const pick = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.querySelector('[data-rows]')?.getBoundingClientRect();
    if (!r) return;
    const i = Math.max(0, Math.min(rows - 1, Math.floor(((e.clientY - r.top) / r.height) * rows)));
    const j = Math.max(0, Math.min(cols - 1, Math.floor(((e.clientX - r.left) / r.width) * cols)));
    select(name, i * cols + j);
  };
  const i = Math.floor(index / cols);
  const j = index % cols;
  return (
    <div className="lab-edit">
      <h3>{m.heading}</h3>
      <p className="muted lab-small">{m.explain}</p>
      <div className="lab-controls">
        <label>
          {m.what}{' '}
          <select value={name} onChange={(e) => select(e.target.value as EditName, 0)} data-testid="edit-which">
            {EDIT_NAMES.map((n) => (
              <option key={n} value={n}>
                {m.names[n]}
              </option>
            ))}
          </select>
        </label>
        <span className="lab-stat" data-testid="edit-loss">
          {m.loss(fmt(trace.loss, 4))}
          {lossBefore !== null && m.was(fmt(lossBefore, 4))}
        </span>
      </div>
      <div className="lab-edit-body">
        <div
          className="lab-edit-grid"
          tabIndex={0}
          role="group"
          aria-label={m.gridLabel(SYMBOL[name])}
          onClick={pick}
          onKeyDown={(e) => gridKeys(e, index, rows, cols, (k) => select(name, k))}
          data-testid="edit-grid"
        >
          <svg width={cols * cell + 2} height={rows * cell + 2} aria-hidden="true">
            <Grid values={values} rows={rows} cols={cols} cell={cell} scale={scale} showNumbers={cell >= 26} x={1} y={1} />
            <rect className="lab-selected" x={1 + j * cell} y={1 + i * cell} width={cell} height={cell} />
          </svg>
        </div>
        <div className="lab-edit-entry">
          <div className="lab-entry-name" data-testid="edit-entry">
            {label} = {fmt(value, 4)}
          </div>
          <input
            type="range"
            min={range.min}
            max={range.max}
            step={range.step}
            value={value}
            aria-label={m.scrub(label)}
            onChange={(e) => scrub(Number(e.target.value))}
            onKeyDown={keepArrows}
            data-testid="edit-range"
          />
          <label>
            {m.value}{' '}
            <DraftNumber key={key} value={value} step="any" label={m.entryValue(label)} valid={(v) => Number.isFinite(v) && Math.abs(v) <= LIMITS.magnitude} apply={(v) => setEntry(name, index, v)} testId="edit-value" />
          </label>
          {edited && (
            <>
              <button type="button" className="lab-small-button" onClick={resetEdits} data-testid="edit-reset">
                {m.reset}
              </button>
              <p className="muted lab-small">{m.edited}</p>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
