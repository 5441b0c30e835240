import type { KatexOptions } from 'katex';

/** Only the two commands that tie formula terms to diagram elements are trusted. */
const trust = (ctx: { command: string }) => ctx.command === '\\htmlClass' || ctx.command === '\\htmlData';
const strict = (code: string) => (code === 'htmlExtension' ? 'ignore' : 'warn');

/** KaTeX's options, the same on the main thread and in the worker: HTML with MathML beside it, for screen readers. */
export function katexOptions(display: boolean): KatexOptions {
  return { displayMode: display, output: 'htmlAndMathml', throwOnError: false, trust, strict };
}

/** A rendered formula's cache key: its TeX and whether it is displayed. */
export const texKey = (tex: string, display: boolean): string => (display ? 'D' : 'I') + tex;

/** The formula a cache key names (texKey read back). */
export const texJobOf = (key: string): TexJob => ({ tex: key.slice(1), display: key[0] === 'D' });

/** What the main thread asks the TeX worker, and what it answers (one HTML string per job, same order). */
export interface TexJob {
  tex: string;
  display: boolean;
}
