import { stepAt } from '../../core';
import { useApp } from '../../store/store';
import { ContributionView, FinalGradients, useContributionStep } from './ContributionView';
import { HMatrixView } from './HMatrixView';

/** The step's object drawn on its own: H^(t) on B3/B4/B5 steps, the contribution on G steps, all gradients at the end. */
export function DetailPanel() {
  const T = useApp((s) => s.dims.T);
  const index = useApp((s) => s.index);
  const step = stepAt(T, index);
  const contrib = useContributionStep();
  let body = null;
  if (contrib) body = <ContributionView name={contrib.name} t={contrib.t} />;
  else if (step.id === 'B4' || step.id === 'B5') body = <HMatrixView t={step.t} />;
  else if (step.id === 'B3') body = <HMatrixView t={step.t + 1} />;
  else if (step.id === 'END') body = <FinalGradients />;
  if (!body) return null;
  return <div className="detail-panel" data-testid="detail-panel">{body}</div>;
}
