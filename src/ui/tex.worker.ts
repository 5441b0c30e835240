/**
 * KaTeX off the main thread: the formula panel sends the TeX of the steps next
 * to the current one, this worker turns it into KaTeX's HTML strings, and the
 * main thread only parses them (see prerenderTex in Tex.tsx). renderToString is
 * plain string building, about 60 % of what showing a new formula costs.
 */
import katex from 'katex';
import { katexOptions, type TexJob } from './texOptions';

// The project's TypeScript lib is the DOM's; this file runs in a worker scope.
const scope = self as unknown as { onmessage: ((e: MessageEvent<TexJob[]>) => void) | null; postMessage(message: string[]): void };

scope.onmessage = (e) => {
  scope.postMessage(e.data.map((job) => katex.renderToString(job.tex, katexOptions(job.display))));
};
