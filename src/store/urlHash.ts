import { parseStepKey, stepAt, stepKey } from '../core';
import type { ScenarioSource } from './scenarioSource';
import type { WalkMode } from './store';

/**
 * The URL hash keeps what a link must reopen: the scenario's source, the step and
 * the walk mode, e.g. `#preset=hello&step=B3@2` or `#text=hello%20world&hidden=4&seed=7&step=F1@3`.
 * A scenario opened from a file is kept in localStorage (`#file=NAME`).
 */
export interface HashState {
  source: ScenarioSource;
  step?: string;
  mode?: WalkMode;
}

export const FILE_STORAGE_KEY = 'bptt-visualizer.file-scenario';

export function parseHash(hash: string): HashState | null {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const step = p.get('step') ?? undefined;
  const modeRaw = p.get('mode');
  const mode = modeRaw === 'coarse' || modeRaw === 'fine' ? modeRaw : undefined;
  let source: ScenarioSource | null = null;
  if (p.has('preset')) source = { kind: 'preset', id: p.get('preset') ?? '' };
  else if (p.has('text')) {
    const num = (k: string, d: number) => (p.has(k) ? Number(p.get(k)) : d);
    source = { kind: 'generated', opts: { text: p.get('text') ?? '', hidden: num('hidden', 4), scale: num('scale', 0.8), seed: num('seed', 1) } };
  } else if (p.has('file')) source = { kind: 'file', name: p.get('file') ?? '' };
  if (!source) return step || mode ? { source: { kind: 'preset', id: 'hello' }, step, mode } : null;
  return { source, step, mode };
}

export function formatHash(source: ScenarioSource, T: number, index: number, mode: WalkMode): string {
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
  // URLSearchParams writes spaces as '+', and '@' as %40: keep the hash readable.
  return '#' + p.toString().replace(/%40/g, '@');
}

/** The fine index a hash's step names for a T-step walk (0 when absent or unknown). */
export function stepIndexOf(T: number, step: string | undefined): number {
  return (step && parseStepKey(T, step)) || 0;
}
