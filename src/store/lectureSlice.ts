import type { StateCreator } from 'zustand';
import { parseStepKey, type LessonStop } from '../core';
import type { AppState } from './store';

export type Theme = 'default' | 'projector' | 'dark';
export type Focus = 'both' | 'diagram' | 'formula';

/** The lecture hall: presenter mode, its theme and focus, the embedded player, and lesson bookmarks. */
export interface LectureSlice {
  /** Presenter mode: a larger type scale for the back of a hall, fullscreen where the browser allows. */
  presenter: boolean;
  theme: Theme;
  /** What gets the screen in presenter mode: both panes, the diagram or the formula. */
  focus: Focus;
  /** The compact player for an iframe (`#embed`): no header. */
  embed: boolean;
  setPresenter: (on: boolean) => void;
  setTheme: (theme: Theme) => void;
  setFocus: (focus: Focus) => void;
  setEmbed: (on: boolean) => void;
  /** Replaces the scenario's lesson (kept in walk order); *Save scenario* writes it. */
  setLesson: (lesson: LessonStop[]) => void;
  /** Adds or changes the note of the current step's bookmark; null removes the bookmark. */
  setNoteHere: (note: string | null) => void;
  /** The next (+1) or previous (−1) bookmark from the current step. */
  jumpBookmark: (dir: 1 | -1) => void;
}

/** The fine indices of a lesson's stops for a T-step walk, in order. */
export function bookmarkIndices(lesson: readonly LessonStop[] | undefined, T: number): number[] {
  return (lesson ?? []).map((l) => parseStepKey(T, l.step)).filter((i): i is number => i !== undefined);
}

export const createLectureSlice: StateCreator<AppState, [], [], LectureSlice> = (set, get) => ({
  presenter: false,
  theme: 'default',
  focus: 'both',
  embed: false,
  setPresenter: (presenter) => set(presenter ? { presenter } : { presenter, focus: 'both' }),
  setTheme: (theme) => set({ theme }),
  setFocus: (focus) => set({ focus }),
  setEmbed: (embed) => set({ embed }),
  setLesson: (lesson) => {
    const s = get();
    const T = s.dims.T;
    const sorted = [...lesson].sort((a, b) => (parseStepKey(T, a.step) ?? 0) - (parseStepKey(T, b.step) ?? 0));
    set({ scenario: { ...s.scenario, lesson: sorted } });
  },
  setNoteHere: (note) => {
    const s = get();
    const key = s.view.key;
    const rest = (s.scenario.lesson ?? []).filter((l) => l.step !== key);
    s.setLesson(note === null ? rest : [...rest, { step: key, note }]);
  },
  jumpBookmark: (dir) => {
    const s = get();
    const stops = bookmarkIndices(s.scenario.lesson, s.dims.T);
    const target = dir > 0 ? stops.find((i) => i > s.index) : [...stops].reverse().find((i) => i < s.index);
    if (target === undefined) return;
    // A bookmark is a fine step: the coarse walk switches to the fine one to land on it.
    if (s.mode === 'coarse') s.setMode('fine');
    get().goTo(target);
  },
});
