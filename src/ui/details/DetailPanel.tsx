import { stepAt, type ParamName, type Step } from '../../core';
import { paramOfStep } from '../formulas';
import { useApp } from '../../store/store';
import { ContributionView, FinalGradients } from './ContributionView';
import { HMatrixView } from './HMatrixView';
import { useAfterPaint, useShownStep } from '../useAfterPaint';

/**
 * What the panel draws at a step, as a key (for tests and tools too): a
 * parameter's contribution at t ("W@3"), H at t ("H@4"; on B3 the H of t + 1
 * that gates its flow), all gradients ("END"), or nothing.
 */
function detailOf(step: Step): string | null {
  const name = paramOfStep(step.id);
  if (name) return `${name}@${step.t}`;
  if (step.id === 'B4' || step.id === 'B5') return `H@${step.t}`;
  if (step.id === 'B3') return `H@${step.t + 1}`;
  return step.id === 'END' ? 'END' : null;
}

function DetailBody({ detail }: { detail: string }) {
  if (detail === 'END') return <FinalGradients />;
  const [what, t] = detail.split('@');
  return what === 'H' ? <HMatrixView t={Number(t)} /> : <ContributionView name={what as ParamName} t={Number(t)} />;
}

/**
 * The step's object drawn on its own: H^(t) on B3/B4/B5 steps, the contribution
 * on G steps, all gradients at the end. It follows the walk two painted frames
 * behind: a key press paints the diagram first, then the formula panel's heading,
 * the narration and the flow (useShownStep), then this panel, in a frame of its
 * own (the formula rows wait a frame for it, see FormulaPanel's LEAD_STAGES).
 * A quick succession of presses skips the panels in between.
 */
export function DetailPanel() {
  const shown = useAfterPaint(useShownStep(), { frames: 2, inTask: true });
  const trace = useApp((s) => s.trace);
  // A new scenario: wait for the shown step to catch up rather than draw a step of the old one.
  if (shown.trace !== trace) return null;
  const detail = detailOf(stepAt(shown.trace.T, shown.index));
  if (!detail) return null;
  return (
    <div className="detail-panel" data-testid="detail-panel" data-detail={detail}>
      <DetailBody detail={detail} />
    </div>
  );
}
