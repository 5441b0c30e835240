import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo } from 'react';

/** Only the two commands that tie formula terms to diagram elements are trusted. */
const trust = (ctx: { command: string }) => ctx.command === '\\htmlClass' || ctx.command === '\\htmlData';
const strict = (code: string) => (code === 'htmlExtension' ? 'ignore' : 'warn');

/** Rendered formulas by TeX source: a step revisited, or rendered ahead while idle, costs nothing. */
const cache = new Map<string, string>();
const CACHE_SIZE = 600;

/** KaTeX HTML (with MathML beside it, for screen readers) of a formula, cached. */
export function renderTex(tex: string, display: boolean): string {
  const key = (display ? 'D' : 'I') + tex;
  let html = cache.get(key);
  if (html === undefined) {
    html = katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', throwOnError: false, trust, strict });
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, html);
  }
  return html;
}

/** One KaTeX formula, memoised on its TeX string. */
export const Tex = memo(function Tex({ tex, display = false, className }: { tex: string; display?: boolean; className?: string }) {
  return <span className={className ? `tex ${className}` : 'tex'} dangerouslySetInnerHTML={{ __html: renderTex(tex, display) }} />;
});
