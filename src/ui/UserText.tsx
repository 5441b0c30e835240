import katex from 'katex';
import { memo } from 'react';
import { noteParts } from '../core';

/**
 * A lecturer's note: plain text, with `$…$` spans typeset by KaTeX untrusted
 * (no \htmlClass, \href or other extension: `trust` is off, unlike the app's
 * own formulas) and every other character a text node, never markup.
 */
export const UserText = memo(function UserText({ text }: { text: string }) {
  return (
    <>
      {noteParts(text).map((p, i) =>
        p.math ? (
          <span key={i} className="note-math" dangerouslySetInnerHTML={{ __html: katex.renderToString(p.text, { throwOnError: false, trust: false, strict: 'ignore', output: 'htmlAndMathml', maxSize: 5, maxExpand: 100 }) }} />
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </>
  );
});
