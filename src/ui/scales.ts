import { useMemo } from 'react';
import { useApp } from '../store/store';
import { makeScales, type Scales } from './colors';

/** The colour scales of the current scenario: computed once per scenario, shared by every view. */
export function useScales(): Scales {
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  return useMemo(() => makeScales(model, trace), [model, trace]);
}
