import type { DetailKey, ParamName } from '../../core';
import { useApp } from '../../store/store';
import { ContributionView, FinalGradients } from './ContributionView';
import { HMatrixView } from './HMatrixView';

function DetailBody({ detail }: { detail: DetailKey }) {
  if (detail === 'END') return <FinalGradients />;
  const [what, t] = detail.split('@');
  return what === 'H' ? <HMatrixView t={Number(t)} /> : <ContributionView name={what as ParamName} t={Number(t)} />;
}

/**
 * The step's object drawn on its own (the step view's detail): H^(t) on B3/B4/B5
 * steps, the contribution on G steps, all gradients at the end; empty on the
 * other steps. It renders in the same commit as the rest of the step.
 */
export function DetailPanel() {
  const view = useApp((s) => s.view);
  return (
    <div className="detail-panel" data-testid="detail-panel" data-step={view.key} data-detail={view.detail ?? ''}>
      {view.detail && <DetailBody detail={view.detail} />}
    </div>
  );
}
