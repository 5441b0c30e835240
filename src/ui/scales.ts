import { useApp } from '../store/store';
import type { Trace } from '../core';
import { makeScales, type Scales } from './colors';

/** One Scales per trace: every view shares the same scale objects (and the colour tables keyed on them). */
const byTrace = new WeakMap<Trace, Scales>();

/** The colour scales of the current scenario: computed once per scenario, shared by every view. */
export function useScales(): Scales {
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  let scales = byTrace.get(trace);
  if (!scales) {
    scales = makeScales(model, trace);
    byTrace.set(trace, scales);
  }
  return scales;
}
