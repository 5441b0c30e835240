import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo, useLayoutEffect, useRef } from 'react';

/** Only the two commands that tie formula terms to diagram elements are trusted. */
const trust = (ctx: { command: string }) => ctx.command === '\\htmlClass' || ctx.command === '\\htmlData';
const strict = (code: string) => (code === 'htmlExtension' ? 'ignore' : 'warn');

/**
 * Rendered formulas by TeX source, parsed into DOM: a step revisited, or
 * rendered ahead while idle, costs one clone of the nodes (several times
 * cheaper than KaTeX plus the HTML parser, which would otherwise run in the
 * task right before the frame that shows the row).
 */
const cache = new Map<string, DocumentFragment>();
const CACHE_SIZE = 400;

/** KaTeX's HTML (with MathML beside it, for screen readers) of a formula, as a parsed fragment, cached. */
export function renderTex(tex: string, display: boolean): DocumentFragment {
  const key = (display ? 'D' : 'I') + tex;
  let frag = cache.get(key);
  if (frag === undefined) {
    const template = document.createElement('template');
    template.innerHTML = katex.renderToString(tex, { displayMode: display, output: 'htmlAndMathml', throwOnError: false, trust, strict });
    frag = template.content;
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(key, frag);
  } else {
    // Most recently used last: the cache drops the oldest first.
    cache.delete(key);
    cache.set(key, frag);
  }
  return frag;
}

/**
 * One KaTeX formula, memoised on its TeX string. React owns the span; its
 * children are a clone of the cached fragment, put in before the frame is painted.
 */
export const Tex = memo(function Tex({ tex, display = false, className }: { tex: string; display?: boolean; className?: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    // importNode clones straight into this document (the template's is inert).
    ref.current?.replaceChildren(document.importNode(renderTex(tex, display), true));
  }, [tex, display]);
  return <span ref={ref} className={className ? `tex ${className}` : 'tex'} />;
});
