import { isLang, parseStepKey, stepAt, stepKey, type Lang } from '../core';
import type { ScenarioSource } from './scenarioSource';
import type { WalkMode } from './store';

/**
 * The URL hash keeps what a link must reopen: the scenario's source, the step and
 * the walk mode, e.g. `#preset=hello&step=B3@2` or `#text=hello%20world&hidden=4&seed=7&step=F1@3`,
 * and the language when it is not English (`&lang=zh-TW`): a link without one
 * opens in its reader's language (their last choice in the switch, or their browser's).
 * A scenario opened from a file is kept in localStorage (`#file=NAME`).
 */
export interface HashState {
  source: ScenarioSource;
  step?: string;
  mode?: WalkMode;
  /** `#embed` or `embed=1`: the compact player for an iframe. */
  embed?: boolean;
  /** What the hash holds that the app does not know (the rest is still used), worded by the UI in its language. */
  problems: LinkProblem[];
  lang?: Lang;
}

/**
 * Something a link holds that the app does not know or cannot show; the
 * values are quoted clipped (`clip`), and the UI words each in one short line
 * (i18n `link.problem`, English and 繁體中文).
 */
export type LinkProblem =
  | { kind: 'unknownKey'; key: string }
  | { kind: 'moreUnknown'; count: number }
  | { kind: 'badMode'; value: string }
  | { kind: 'badLang'; value: string }
  | { kind: 'fileNotStored'; name: string }
  | { kind: 'noSuchStep'; key: string; T: number };

export const FILE_STORAGE_KEY = 'bptt-visualizer.file-scenario';

/** Unknown parameters named in a link's notice; the others are counted. */
const MAX_NAMED = 3;
const KNOWN = new Set(['preset', 'text', 'hidden', 'scale', 'seed', 'file', 'step', 'mode', 'lang', 'embed']);
/** Control and direction-changing characters: quoted in a notice they would break its line or turn the rest of it around. */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
/** A value quoted back in a message: short (24 code points), one line of plain text, whatever the link held. */
export const clip = (v: string): string => {
  const chars = Array.from(v.length > 100 ? v.slice(0, 100) : v);
  return (chars.length > 24 ? `${chars.slice(0, 24).join('')}…` : v).replace(UNSAFE, '\ufffd');
};

/** The state a URL hash names; never throws, whatever the hash (unknown parts are listed in `problems`). */
export function parseHash(hash: string): HashState | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const step = p.get('step') ?? undefined;
  const modeRaw = p.get('mode');
  const mode = modeRaw === 'coarse' || modeRaw === 'fine' ? modeRaw : undefined;
  const langRaw = p.get('lang');
  const lang = isLang(langRaw) ? langRaw : undefined;
  let source: ScenarioSource | null = null;
  if (p.has('preset')) source = { kind: 'preset', id: p.get('preset') ?? '' };
  else if (p.has('text')) {
    const num = (k: string, d: number) => (p.has(k) ? Number(p.get(k)) : d);
    source = { kind: 'generated', opts: { text: p.get('text') ?? '', hidden: num('hidden', 4), scale: num('scale', 0.8), seed: num('seed', 1) } };
  } else if (p.has('file')) source = { kind: 'file', name: p.get('file') ?? '' };
  const embed = p.has('embed') && p.get('embed') !== '0' ? true : undefined;
  const problems: LinkProblem[] = [];
  // A few named, the rest counted: the notice stays one line whatever the link holds.
  const unknown = [...new Set(p.keys())].filter((key) => !KNOWN.has(key));
  for (const key of unknown.slice(0, MAX_NAMED)) problems.push({ kind: 'unknownKey', key: clip(key) });
  if (unknown.length > MAX_NAMED) problems.push({ kind: 'moreUnknown', count: unknown.length - MAX_NAMED });
  if (modeRaw !== null && mode === undefined) problems.push({ kind: 'badMode', value: clip(modeRaw) });
  if (langRaw !== null && lang === undefined) problems.push({ kind: 'badLang', value: clip(langRaw) });
  if (!source) return step || mode || embed || lang || problems.length ? { source: { kind: 'preset', id: 'hello' }, step, mode, embed, lang, problems } : null;
  return { source, step, mode, embed, lang, problems };
}

/**
 * The hash of a position; `lang` is written unless it is English, or always
 * with `alwaysLang` (a shared link that must open in the sender's language).
 */
export function formatHash(source: ScenarioSource, T: number, index: number, mode: WalkMode, embed = false, lang: Lang = 'en', alwaysLang = false): string {
  const p = new URLSearchParams();
  if (source.kind === 'preset') p.set('preset', source.id);
  else if (source.kind === 'generated') {
    p.set('text', source.opts.text);
    p.set('hidden', String(source.opts.hidden));
    p.set('scale', String(source.opts.scale));
    p.set('seed', String(source.opts.seed));
  } else p.set('file', source.name);
  p.set('step', stepKey(stepAt(T, index)));
  if (mode === 'coarse') p.set('mode', 'coarse');
  if (embed) p.set('embed', '1');
  if (lang !== 'en' || alwaysLang) p.set('lang', lang);
  // URLSearchParams writes spaces as '+', and '@' as %40: keep the hash readable.
  return '#' + p.toString().replace(/%40/g, '@');
}

/** The fine index a hash's step names for a T-step walk (0 when absent or unknown). */
export function stepIndexOf(T: number, step: string | undefined): number {
  return (step && parseStepKey(T, step)) || 0;
}
