import type { StateCreator } from 'zustand';
import { isLang, langFromLocales, stepView, type Lang } from '../core';
import type { AppState } from './store';
import { parseHash } from './urlHash';

/** The language of every word the app shows (UI, narration, formula titles); formulas are the same in both. */
export interface LangSlice {
  lang: Lang;
  /**
   * Changes the language; the step's view is worded again at once. `remember`
   * (the reader's own choice in the switch) keeps it for the next visit.
   */
  setLang: (lang: Lang, remember?: boolean) => void;
}

export const LANG_STORAGE_KEY = 'bptt-visualizer.lang';

function storedLang(): Lang | undefined {
  try {
    const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(LANG_STORAGE_KEY);
    return isLang(v) ? v : undefined;
  } catch {
    return undefined; // storage refused (a sandboxed iframe, private mode)
  }
}

/**
 * The language to start in: the address's (`#lang=zh-TW`), else the one the
 * reader chose last time, else the browser's (navigator.languages), else
 * English. Read before the first render, so a zh-TW link never flashes English.
 */
export function initialLang(): Lang {
  if (typeof location !== 'undefined') {
    const fromHash = parseHash(location.hash)?.lang;
    if (fromHash) return fromHash;
  }
  const stored = storedLang();
  if (stored) return stored;
  if (typeof navigator === 'undefined') return 'en';
  return langFromLocales(navigator.languages?.length ? navigator.languages : [navigator.language]);
}

export const createLangSlice: StateCreator<AppState, [], [], LangSlice> = (set, get) => ({
  lang: initialLang(),
  setLang: (lang, remember = false) => {
    if (remember) {
      try {
        localStorage.setItem(LANG_STORAGE_KEY, lang);
      } catch {
        // Not kept: the address still carries a language other than English.
      }
    }
    const s = get();
    if (lang === s.lang) return;
    set({ lang, view: stepView(s, s.index, s.spanFrom, lang) });
  },
});
