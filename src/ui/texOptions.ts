import type { KatexOptions } from 'katex';

/** Only the two commands that tie formula terms to diagram elements are trusted. */
const trust = (ctx: { command: string }) => ctx.command === '\\htmlClass' || ctx.command === '\\htmlData';
const strict = (code: string) => (code === 'htmlExtension' ? 'ignore' : 'warn');

/** KaTeX's options: HTML with MathML beside it, for screen readers. */
export function katexOptions(display: boolean): KatexOptions {
  return { displayMode: display, output: 'htmlAndMathml', throwOnError: false, trust, strict };
}
