import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo } from 'react';

/** Only the two commands that tie formula terms to diagram elements are trusted. */
const trust = (ctx: { command: string }) => ctx.command === '\\htmlClass' || ctx.command === '\\htmlData';
const strict = (code: string) => (code === 'htmlExtension' ? 'ignore' : 'warn');

/**
 * One KaTeX formula. Memoised on its TeX string: re-rendering the panel with the
 * same formula costs nothing. MathML is kept beside the HTML for screen readers.
 */
export const Tex = memo(function Tex({ tex, display = false, className }: { tex: string; display?: boolean; className?: string }) {
  const html = katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', throwOnError: false, trust, strict });
  return <span className={className ? `tex ${className}` : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
});
