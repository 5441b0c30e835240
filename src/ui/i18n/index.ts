/**
 * The UI's message catalogue: a typed object per language, no library. English
 * (en.ts) is the source of truth; zh-TW.ts `satisfies` its widened type, so a
 * missing or extra key is a compile error, never a blank on screen. The core's
 * own words (narration, step labels, formula titles) are core/messages.ts.
 */
import { useEffect } from 'react';
import type { Lang, Widen } from '../../core/messages';
import { useApp } from '../../store/store';
import { en } from './en';
import { zhTW } from './zh-TW';

export type UiMessages = Widen<typeof en>;

const CATALOGUES: Record<Lang, UiMessages> = { en, 'zh-TW': zhTW };

/** The names of the languages, each in itself (the switch shows them so). */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', 'zh-TW': '繁體中文' };

/** The UI's words in a language (outside React, or for a language other than the current one). */
export function t(lang: Lang): UiMessages {
  return CATALOGUES[lang];
}

/** The UI's words in the current language; the component renders again when it changes. */
export function useT(): UiMessages {
  return CATALOGUES[useApp((s) => s.lang)];
}

/** Keeps `<html lang>` and the document's title in the current language (screen readers, fonts, hyphenation). */
export function useDocumentLang(): void {
  const lang = useApp((s) => s.lang);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = CATALOGUES[lang].app.title;
  }, [lang]);
}
