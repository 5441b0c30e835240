import { create, type StateCreator } from 'zustand';
import {
  coarseStops,
  computeTrace,
  groupStart,
  stepAt,
  stepCount,
  stepView,
  toModel,
  validateScenario,
  type Dims,
  type FactId,
  type Model,
  type Scenario,
  type ScenarioError,
  type Step,
  type StepView,
  type Trace,
} from '../core';
import { createLangSlice, type LangSlice } from './langSlice';
import { createLabSlice, type LabSlice } from './labSlice';
import { createLectureSlice, type LectureSlice } from './lectureSlice';
import { createQuizSlice, QUIZ_RESET, type QuizSlice } from './quizSlice';
import { DEFAULT_SOURCE, resolveSource, type ScenarioSource } from './scenarioSource';
import type { LinkProblem } from './urlHash';

/** The scenario and what is derived from it, computed once per scenario change. */
export interface ScenarioSlice {
  source: ScenarioSource;
  scenario: Scenario;
  dims: Dims;
  model: Model;
  trace: Trace;
  /** Number of fine steps, and the fine indices of the coarse stops. */
  stepTotal: number;
  coarse: number[];
  /** Message of the last refused scenario (the app keeps what it showed). */
  loadError: string | null;
  /** Its errors with their rules' codes, for the header to word in the app's language (empty when none). */
  loadErrors: ScenarioError[];
  /** Validates and shows a scenario; on refusal keeps the current one and sets loadError. */
  loadScenario: (value: unknown, source: ScenarioSource, stepIndex?: number) => boolean;
  loadSource: (source: ScenarioSource, stepIndex?: number) => boolean;
  dismissError: () => void;
  /** What a link asked for that the app could not show (an unknown step, a file not stored here), in one line; null when nothing. */
  notice: LinkProblem[] | null;
  setNotice: (notice: LinkProblem[] | null) => void;
}

export type WalkMode = 'fine' | 'coarse';

/** The current position of the walk: a fine step index (coarse stops are fine indices too). */
export interface StepSlice {
  index: number;
  /** +1 after a move forward, −1 after a move back: animations play or reverse with it. */
  direction: 1 | -1;
  /**
   * First fine index of the current stop: the step itself in the fine walk, the
   * start of the (phase, t) group in the coarse one. Steps in spanFrom … index are
   * "what this stop computed" and are highlighted.
   */
  spanFrom: number;
  /** Everything the stop shows (stepView): computed once per move, rendered by every view. */
  view: StepView;
  mode: WalkMode;
  goTo: (index: number) => void;
  next: () => void;
  prev: () => void;
  first: () => void;
  last: () => void;
  /** A whole t forward / back (PageDown / PageUp). */
  nextT: () => void;
  prevT: () => void;
  setMode: (mode: WalkMode) => void;
}

export interface PlaybackSlice {
  playing: boolean;
  /** Steps per second multiplier: 0.25 … 4. */
  speed: number;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  setSpeed: (speed: number) => void;
  /** One tick of autoplay: the next step, pausing at the end. */
  tick: () => void;
}

/** What the pointer is on: a term key shared by the diagram and the formulas (`h@3`, `W`). */
export interface HoverSlice {
  hover: string | null;
  /** The unit (cell) under the pointer within the hovered vector, if any. */
  hoverUnit: number | null;
  setHover: (key: string | null, unit?: number | null) => void;
}

/** The background facts (J1–J4) the student has opened: open on every step that shows them, until closed. */
export interface FactsSlice {
  openFacts: readonly FactId[];
  setFactOpen: (id: FactId, open: boolean) => void;
}

export type AppState = ScenarioSlice & StepSlice & PlaybackSlice & HoverSlice & FactsSlice & LectureSlice & LangSlice & LabSlice & QuizSlice;

function derive(scenario: Scenario, dims: Dims) {
  const model = toModel(scenario);
  return { scenario, dims, model, trace: computeTrace(model, scenario.options), stepTotal: stepCount(dims.T), coarse: coarseStops(dims.T) };
}

const clamp = (i: number, total: number) => Math.max(0, Math.min(total - 1, i));

/** The walk position fields for a new index: direction of the move, the highlighted span and the stop's view. */
function position(
  s: Pick<AppState, 'index' | 'mode' | 'coarse' | 'model' | 'trace' | 'scenario' | 'lang'>,
  index: number,
): Pick<StepSlice, 'index' | 'direction' | 'spanFrom' | 'view'> {
  let spanFrom = index;
  if (s.mode === 'coarse') {
    let prev = -1;
    for (const stop of s.coarse) {
      if (stop >= index) break;
      prev = stop;
    }
    spanFrom = prev + 1;
  }
  return { index, direction: index >= s.index ? 1 : -1, spanFrom, view: stepView(s, index, spanFrom, s.lang) };
}

/** The views of the stops a → and a ← would show next (the sheets FormulaPanel makes ahead). */
export function neighbourViews(s: AppState): StepView[] {
  return ([1, -1] as const).map((d) => neighbour(s, d)).filter((i) => i !== s.index).map((i) => position(s, i).view);
}

const createScenarioSlice: StateCreator<AppState, [], [], ScenarioSlice> = (set, get) => {
  const initial = resolveSource(DEFAULT_SOURCE);
  const v = validateScenario('value' in initial ? initial.value : null);
  if (!v.ok) throw new Error('the default preset is invalid: ' + v.errors[0].message);
  return {
    source: DEFAULT_SOURCE,
    ...derive(v.scenario, v.dims),
    loadError: null,
    loadErrors: [],
    loadScenario: (value, source, stepIndex = 0) => {
      const r = validateScenario(value);
      if (!r.ok) {
        const more = r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : '';
        set({ loadError: r.errors[0].message + more, loadErrors: r.errors });
        return false;
      }
      const d = derive(r.scenario, r.dims);
      const mode = get().mode;
      const index = mode === 'coarse' ? (d.coarse.find((x) => x >= stepIndex) ?? d.stepTotal - 1) : clamp(stepIndex, d.stepTotal);
      set({ ...d, source, loadError: null, loadErrors: [], ...position({ ...d, index: 0, mode, lang: get().lang }, index), playing: false, hover: null, hoverUnit: null, ...QUIZ_RESET });
      return true;
    },
    loadSource: (source, stepIndex) => {
      const r = resolveSource(source);
      if ('error' in r) {
        set({ loadError: r.error, loadErrors: [r.detail] });
        return false;
      }
      return get().loadScenario(r.value, source, stepIndex);
    },
    dismissError: () => set({ loadError: null, loadErrors: [] }),
    notice: null,
    setNotice: (notice) => set({ notice }),
  };
};

/** The next stop after (dir = 1) or before (dir = −1) index i in the current mode. */
/** The step a → (+1) or ← (−1) goes to from the current one: the next fine step, or the next coarse stop. */
export function neighbour(s: Pick<AppState, 'index' | 'mode' | 'stepTotal' | 'coarse'>, dir: 1 | -1): number {
  const i = s.index;
  if (s.mode === 'fine') return clamp(i + dir, s.stepTotal);
  const stops = s.coarse;
  if (dir > 0) return stops.find((x) => x > i) ?? i;
  for (let j = stops.length - 1; j >= 0; j--) if (stops[j] < i) return stops[j];
  return 0;
}

/** Snaps an index to the mode's grid: a coarse stop is the end of a (phase, t) group. */
function snap(s: AppState, i: number): number {
  if (s.mode === 'fine') return i;
  return s.coarse.find((x) => x >= i) ?? s.stepTotal - 1;
}

const createStepSlice: StateCreator<AppState, [], [], Omit<StepSlice, 'view'>> = (set, get) => {
  const move = (target: number) => {
    const s = get();
    const index = clamp(target, s.stepTotal);
    if (index !== s.index) set(position(s, index));
  };
  /** PageDown / PageUp: the same formula at the next / previous t; a phase boundary lands on its first step. */
  const moveT = (dir: 1 | -1) => {
    const s = get();
    const T = s.dims.T;
    const step: Step = stepAt(T, s.index);
    let target: number;
    if (step.phase === 'forward') {
      const t = step.t + dir;
      target = t < 1 ? 0 : t > T ? groupStart(T, 'backward', T) : s.index + 5 * dir;
    } else if (step.phase === 'backward') {
      const t = step.t - dir; // the backward walk runs t = T … 1
      target = t > T ? groupStart(T, 'forward', T) : t < 1 ? groupStart(T, 'end', T) : s.index + 9 * dir;
    } else {
      target = dir > 0 ? s.index : groupStart(T, 'backward', 1);
    }
    move(snap(s, target));
  };
  return {
    index: 0,
    direction: 1,
    spanFrom: 0,
    mode: 'fine',
    goTo: (i) => move(snap(get(), i)),
    next: () => move(neighbour(get(), 1)),
    prev: () => move(neighbour(get(), -1)),
    first: () => move(get().mode === 'coarse' ? get().coarse[0] : 0),
    last: () => move(get().stepTotal - 1),
    nextT: () => moveT(1),
    prevT: () => moveT(-1),
    setMode: (mode) => {
      set({ mode });
      const s = get();
      set(position(s, snap(s, s.index)));
    },
  };
};

const createPlaybackSlice: StateCreator<AppState, [], [], PlaybackSlice> = (set, get) => ({
  playing: false,
  speed: 1,
  play: () => {
    const s = get();
    // Playing from the end starts over.
    if (s.index >= s.stepTotal - 1) set(position(s, s.mode === 'coarse' ? s.coarse[0] : 0));
    set({ playing: true });
  },
  pause: () => set({ playing: false }),
  togglePlay: () => (get().playing ? get().pause() : get().play()),
  setSpeed: (speed) => set({ speed: Math.max(0.25, Math.min(4, speed)) }),
  tick: () => {
    const s = get();
    if (!s.playing) return;
    const n = neighbour(s, 1);
    if (n === s.index) {
      set({ playing: false });
      return;
    }
    set({ ...position(s, n), playing: n < s.stepTotal - 1 });
  },
});

const createHoverSlice: StateCreator<AppState, [], [], HoverSlice> = (set) => ({
  hover: null,
  hoverUnit: null,
  setHover: (hover, unit = null) => set({ hover, hoverUnit: unit }),
});

const createFactsSlice: StateCreator<AppState, [], [], FactsSlice> = (set, get) => ({
  openFacts: [],
  setFactOpen: (id, open) => {
    const was = get().openFacts;
    if (was.includes(id) !== open) set({ openFacts: open ? [...was, id] : was.filter((f) => f !== id) });
  },
});

/** A fresh store (the app has one; tests make their own). */
export const createAppStore = () =>
  create<AppState>()((...a) => {
    const scenario = createScenarioSlice(...a);
    const lang = createLangSlice(...a);
    return {
      ...scenario,
      ...createStepSlice(...a),
      view: stepView(scenario, 0, 0, lang.lang),
      ...createPlaybackSlice(...a),
      ...createHoverSlice(...a),
      ...createFactsSlice(...a),
      ...createLectureSlice(...a),
      ...lang,
      ...createLabSlice(...a),
      ...createQuizSlice(...a),
    };
  });

export const useApp = createAppStore();
