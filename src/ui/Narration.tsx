import { useMemo } from 'react';
import { stepAt } from '../core';
import { useApp } from '../store/store';
import { narrate } from './narration';

/** The current step in one sentence: a polite live region, visible for anyone reading along. */
export function Narration() {
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const scenario = useApp((s) => s.scenario);
  const index = useApp((s) => s.index);
  const spanFrom = useApp((s) => s.spanFrom);
  const text = useMemo(() => {
    const parts: string[] = [];
    // In the coarse walk, the stop's group is summed up by its first and last sentences.
    const first = narrate(stepAt(trace.T, spanFrom), { model, trace, scenario });
    const last = narrate(stepAt(trace.T, index), { model, trace, scenario });
    parts.push(first);
    if (index !== spanFrom) parts.push('…', last.replace(/^(Forward|Backward), t = \d+: /, ''));
    return parts.join(' ');
  }, [model, trace, scenario, index, spanFrom]);
  return (
    <p className="narration" role="status" aria-live="polite" data-testid="narration">
      {text}
    </p>
  );
}
