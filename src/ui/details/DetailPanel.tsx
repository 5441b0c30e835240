import { stepAt } from '../../core';
import { paramOfStep } from '../formulas';
import { useApp } from '../../store/store';
import { ContributionView, FinalGradients } from './ContributionView';
import { HMatrixView } from './HMatrixView';
import { useAfterPaint, useShownStep } from '../useAfterPaint';

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
  const step = stepAt(shown.trace.T, shown.index);
  const name = paramOfStep(step.id);
  let body = null;
  // What is drawn, as a key for tests and tools: "W@3", "H@4", "END".
  let detail = '';
  if (name) [body, detail] = [<ContributionView name={name} t={step.t} />, `${name}@${step.t}`];
  else if (step.id === 'B4' || step.id === 'B5') [body, detail] = [<HMatrixView t={step.t} />, `H@${step.t}`];
  else if (step.id === 'B3') [body, detail] = [<HMatrixView t={step.t + 1} />, `H@${step.t + 1}`];
  else if (step.id === 'END') [body, detail] = [<FinalGradients />, 'END'];
  if (!body) return null;
  return (
    <div className="detail-panel" data-testid="detail-panel" data-detail={detail}>
      {body}
    </div>
  );
}
