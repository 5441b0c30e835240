import { useMemo } from 'react';
import { stepAt } from '../core';
import { narrate } from './narration';
import { useShownStep } from './useAfterPaint';

/**
 * The current step in one sentence: a polite live region, visible for anyone
 * reading along. It follows the walk one painted frame behind, as the side
 * panels do: a key press's frame carries the diagram and the step label only.
 */
export function Narration() {
  const { model, trace, scenario, index, spanFrom } = useShownStep();
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
