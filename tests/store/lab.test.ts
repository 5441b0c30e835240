/**
 * The lab slice: trace options (E3, E4), edits and a training iteration's
 * parameters show the scenario again at the same step, with the trace of the
 * new scenario; edits are remembered until another scenario is loaded.
 */
import { describe, expect, it } from 'vitest';
import { computeTrace, indexOf, scenarioToFile, stepAt, stepKey, toModel, type Trace } from '../../src/core';
import { isEdited } from '../../src/store/labSlice';
import { createAppStore } from '../../src/store/store';

const key = (s: ReturnType<typeof createAppStore>) => stepKey(stepAt(s.getState().dims.T, s.getState().index));
const same = (a: Trace, b: Trace) => {
  expect(a.loss).toBe(b.loss);
  expect(Array.from(a.gradH)).toEqual(Array.from(b.gradH));
  for (const p of ['c', 'V', 'b', 'W', 'U'] as const) expect(Array.from(a.grads[p])).toEqual(Array.from(b.grads[p]));
};

describe('setOptions (E3, E4)', () => {
  it('recomputes the trace with the options, keeps the step, and the B3 formula says it is truncated', () => {
    const s = createAppStore();
    s.getState().loadSource({ kind: 'preset', id: 'long' });
    s.getState().goTo(indexOf(43, 'B3', 20));
    expect(s.getState().view.formulas[0].note).toBeUndefined();
    expect(s.getState().setOptions({ truncate: 5, clip: 2 })).toBe(true);
    const st = s.getState();
    expect(key(s)).toBe('B3@20');
    expect(st.scenario.options).toEqual({ truncate: 5, clip: 2 });
    expect(st.trace.options).toEqual({ truncate: 5, clip: 2 });
    same(st.trace, computeTrace(toModel(st.scenario), { truncate: 5, clip: 2 }));
    expect(st.view.formulas[0].note).toContain('K = 5');
    expect(st.view.formulas[0].general).toContain('\\approx');
    // Save scenario keeps them.
    expect(scenarioToFile(st.scenario).options).toEqual({ truncate: 5, clip: 2 });
    // Off again: full BPTT, the options gone from the scenario.
    expect(s.getState().setOptions({})).toBe(true);
    expect(s.getState().scenario.options).toBeUndefined();
    same(s.getState().trace, computeTrace(toModel(s.getState().scenario)));
    expect(s.getState().view.formulas[0].note).toBeUndefined();
  });

  it('refuses options no trace can use, keeping what it showed', () => {
    const s = createAppStore();
    const before = s.getState().trace;
    expect(s.getState().setOptions({ truncate: 0 })).toBe(false);
    expect(s.getState().trace).toBe(before);
    expect(s.getState().loadError).toContain('options.truncate');
  });
});

describe('setEntry and resetEdits', () => {
  it('changes one weight, recomputes the trace at the same step, and resets to the original', () => {
    const s = createAppStore();
    s.getState().goTo(indexOf(4, 'G4', 2));
    const original = s.getState().scenario;
    const loss0 = s.getState().trace.loss;
    expect(s.getState().setEntry('W', 1 * 3 + 2, 1.5)).toBe(true);
    let st = s.getState();
    expect(key(s)).toBe('G4@2');
    expect(st.scenario.params.W[1][2]).toBe(1.5);
    expect(st.trace.loss).not.toBe(loss0);
    same(st.trace, computeTrace(toModel(st.scenario)));
    expect(isEdited(st)).toBe(true);
    expect(st.labEdit?.original).toBe(original);
    // A second edit keeps the first original.
    expect(s.getState().setEntry('x', 0, 0.5)).toBe(true);
    expect(s.getState().setEntry('h0', 2, -0.25)).toBe(true);
    st = s.getState();
    expect(st.scenario.x[0][0]).toBe(0.5);
    expect(st.scenario.h0?.[2]).toBe(-0.25);
    expect(st.labEdit?.original).toBe(original);
    // Options survive a reset; the weights do not.
    s.getState().setOptions({ truncate: 2 });
    expect(s.getState().resetEdits()).toBe(true);
    st = s.getState();
    expect(st.scenario.params).toEqual(original.params);
    expect(st.scenario.x).toEqual(original.x);
    expect(st.scenario.options).toEqual({ truncate: 2 });
    expect(isEdited(st)).toBe(false);
    expect(key(s)).toBe('G4@2');
  });

  it('refuses a value past the limits or an index off the quantity', () => {
    const s = createAppStore();
    const before = s.getState().scenario;
    expect(s.getState().setEntry('W', 0, Number.NaN)).toBe(false);
    expect(s.getState().setEntry('W', 0, 2e6)).toBe(false);
    expect(s.getState().setEntry('W', 9, 1)).toBe(false);
    expect(s.getState().setEntry('b', -1, 1)).toBe(false);
    expect(s.getState().scenario).toBe(before);
  });

  it('forgets the edits when another scenario is loaded', () => {
    const s = createAppStore();
    s.getState().setEntry('U', 0, 0.1);
    expect(isEdited(s.getState())).toBe(true);
    s.getState().loadSource({ kind: 'preset', id: 'long' });
    expect(isEdited(s.getState())).toBe(false);
    expect(s.getState().resetEdits()).toBe(false);
  });

  it('setParams shows a training iteration’s parameters', () => {
    const s = createAppStore();
    const p = structuredClone(s.getState().scenario.params);
    p.c[0] = 0.75;
    expect(s.getState().setParams(p)).toBe(true);
    expect(s.getState().scenario.params.c[0]).toBe(0.75);
    expect(s.getState().model.c[0]).toBe(0.75);
  });
});

describe('the lab panel state', () => {
  it('opens on a tab, and keeps the checked entry', () => {
    const s = createAppStore();
    expect(s.getState().labOpen).toBe(false);
    s.getState().setLabTab('check');
    expect(s.getState().labOpen).toBe(true);
    expect(s.getState().labTab).toBe('check');
    s.getState().setCheck({ param: 'W', index: 4 });
    expect(s.getState().check).toEqual({ param: 'W', index: 4 });
  });
});
