import type { StateCreator } from 'zustand';
import { LIMITS, type CheckTarget, type Scenario, type ScenarioParams, type TraceOptions } from '../core';
import { cleanOptions, editShape, withEntry, type EditName, type TrainingRun } from '../ui/lab/labMath';
import type { AppState } from './store';

export type LabTab = 'itemized' | 'jacobian' | 'truncate' | 'check' | 'edit' | 'train';
export const LAB_TABS: readonly LabTab[] = ['itemized', 'jacobian', 'truncate', 'check', 'edit', 'train'];

/** The gradient lab (model.md E1–E6): its panel, the entry checked (E6), edits of the scenario and a training run (E5). */
export interface LabSlice {
  labOpen: boolean;
  labTab: LabTab;
  setLabOpen: (open: boolean) => void;
  setLabTab: (tab: LabTab) => void;
  /** E6: the gradient entry whose numerical check is shown, if any. */
  check: CheckTarget | null;
  setCheck: (target: CheckTarget | null) => void;
  /** The entry selected for editing (flat row-major index into the quantity). */
  editSel: { name: EditName; index: number };
  selectEdit: (name: EditName, index: number) => void;
  /**
   * The scenario before the lab first changed it, and the one it last showed:
   * when the shown scenario is no longer `current`, another was loaded and the
   * edits are forgotten.
   */
  labEdit: { original: Scenario; current: Scenario } | null;
  /** E3, E4: shows the scenario again with these trace options; the step is kept. */
  setOptions: (options: TraceOptions) => boolean;
  /** One entry of U, W, V, b, c, x or h^(0) set to `value`; the trace follows, the step is kept. */
  setEntry: (name: EditName, index: number, value: number) => boolean;
  /** All five parameters replaced (a training iteration's). */
  setParams: (params: ScenarioParams) => boolean;
  /** Back to the parameters, x and h^(0) from before the lab's edits (the options stay). */
  resetEdits: () => boolean;
  /** The last training run (E5) and the iteration whose parameters are shown (null: others are). */
  training: { run: TrainingRun; version: number; running: boolean; shown: number | null; shownParams: ScenarioParams | null } | null;
  setTraining: (t: LabSlice['training']) => void;
}

/** Whether the lab's edits still describe the shown scenario. */
export function isEdited(s: Pick<AppState, 'labEdit' | 'scenario'>): boolean {
  return s.labEdit !== null && s.labEdit.current === s.scenario;
}

export const createLabSlice: StateCreator<AppState, [], [], LabSlice> = (set, get) => {
  /** Shows `next` in place of the scenario at the same step, remembering the scenario before the first change. */
  const replace = (next: Scenario): boolean => {
    const s = get();
    const original = isEdited(s) && s.labEdit ? s.labEdit.original : s.scenario;
    if (!s.loadScenario(next, s.source, s.index)) return false;
    set({ labEdit: { original, current: get().scenario } });
    return true;
  };
  return {
    labOpen: false,
    labTab: 'itemized',
    setLabOpen: (labOpen) => set({ labOpen }),
    setLabTab: (labTab) => set({ labTab, labOpen: true }),
    check: null,
    setCheck: (check) => set({ check }),
    editSel: { name: 'W', index: 0 },
    selectEdit: (name, index) => set({ editSel: { name, index } }),
    labEdit: null,
    setOptions: (options) => {
      const s = get();
      const next: Scenario = { ...s.scenario };
      const clean = cleanOptions(options);
      if (clean) next.options = clean;
      else delete next.options;
      return replace(next);
    },
    setEntry: (name, index, value) => {
      if (!Number.isFinite(value) || Math.abs(value) > LIMITS.magnitude) return false;
      const s = get();
      const [rows, cols] = editShape(name, s.dims);
      if (!Number.isInteger(index) || index < 0 || index >= rows * cols) return false;
      return replace(withEntry(s.scenario, name, index, cols, value));
    },
    setParams: (params) => replace({ ...get().scenario, params }),
    resetEdits: () => {
      const s = get();
      if (!isEdited(s) || !s.labEdit) return false;
      const { original } = s.labEdit;
      const next: Scenario = { ...original };
      if (s.scenario.options) next.options = s.scenario.options;
      else delete next.options;
      if (!s.loadScenario(next, s.source, s.index)) return false;
      set({ labEdit: null });
      return true;
    },
    training: null,
    setTraining: (training) => set({ training }),
  };
};
