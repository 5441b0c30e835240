import { LAB_TABS, type LabTab } from '../../store/labSlice';
import { useApp } from '../../store/store';
import { useT } from '../i18n';
import { CheckView } from './CheckView';
import { EditView } from './EditView';
import { ItemizedView } from './ItemizedView';
import { JacobianView } from './JacobianView';
import { TrainView } from './TrainView';
import { TruncationView } from './TruncationView';
import './lab.css';

const VIEWS: Record<LabTab, () => React.JSX.Element> = {
  itemized: ItemizedView,
  jacobian: JacobianView,
  truncate: TruncationView,
  check: CheckView,
  edit: EditView,
  train: TrainView,
};

/**
 * The gradient lab (model.md E1–E6), above the formula when open: one view at
 * a time, so only what is on screen is computed. Every view reads the store's
 * trace, and the controls that change it (options, edits, training) show the
 * scenario again at the same step.
 */
export function LabPanel() {
  const open = useApp((s) => s.labOpen);
  const tab = useApp((s) => s.labTab);
  const setTab = useApp((s) => s.setLabTab);
  const setOpen = useApp((s) => s.setLabOpen);
  const m = useT().lab;
  if (!open) return null;
  const View = VIEWS[tab];
  return (
    <section className="lab-panel" id="lab-panel" aria-label={m.region} data-testid="lab-panel" data-tab={tab}>
      <div className="lab-head">
        <h2>{m.heading}</h2>
        <div className="lab-tabs" role="tablist" aria-label={m.tabs}>
          {LAB_TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`lab-tab-${id}`}
              aria-selected={id === tab}
              aria-controls="lab-view"
              className={id === tab ? 'on' : undefined}
              onClick={() => setTab(id)}
              data-testid={`lab-tab-${id}`}
            >
              {m.tab[id]}
            </button>
          ))}
        </div>
        <button type="button" className="lab-close" onClick={() => setOpen(false)} aria-label={m.close} title={m.close}>
          ×
        </button>
      </div>
      <div className="lab-view" id="lab-view" role="tabpanel" aria-labelledby={`lab-tab-${tab}`}>
        <View />
      </div>
    </section>
  );
}
