import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo } from 'react';
import { fillGrids, gridTex } from './texGrids';
import { katexOptions } from './texOptions';

/** KaTeX's HTML by TeX source: a step revisited costs no KaTeX. Bounded, the oldest forgotten first. */
const cache = new Map<string, string>();
const CACHE_SIZE = 400;

function renderTex(tex: string, display: boolean): string {
  const key = (display ? 'D' : 'I') + tex;
  let html = cache.get(key);
  if (html === undefined) {
    html = renderWithGrids(tex, display) ?? katex.renderToString(tex, katexOptions(display));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  } else cache.delete(key);
  cache.set(key, html);
  return html;
}

/** KaTeX's HTML with the matrices of numbers as grids (texGrids), and the MathML of the TeX as written; null when it has none. */
function renderWithGrids(tex: string, display: boolean): string | null {
  const g = gridTex(tex);
  if (!g) return null;
  const html = katex.renderToString(g.tex, { ...katexOptions(display), output: 'html' });
  const mathml = katex.renderToString(tex, { ...katexOptions(display), output: 'mathml' });
  return fillGrids(html, mathml, g.grids);
}

/** One KaTeX formula (HTML with MathML beside it, for screen readers), memoised on its TeX string. */
export const Tex = memo(function Tex({ tex, display = false, className }: { tex: string; display?: boolean; className?: string }) {
  return <span className={className ? `tex ${className}` : 'tex'} dangerouslySetInnerHTML={{ __html: renderTex(tex, display) }} />;
});
