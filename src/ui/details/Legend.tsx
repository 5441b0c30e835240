import { memo } from 'react';
import { useScales } from '../scales';
import { fmt } from '../format';
import type { Family } from '../colors';

const ROWS: [Family, string][] = [
  ['act', 'x, h, ŷ, H'],
  ['pre', 'a'],
  ['logit', 'o'],
  ['grad', '∇o, ∇h, ∇a'],
];

/** The colour scales, stated: one diverging scale per family, blue negative, red positive. */
export const Legend = memo(function Legend() {
  const { scale, limit } = useScales();
  return (
    <div className="legend" aria-label="Colour scales">
      {ROWS.map(([fam, label]) => {
        const l = limit[fam] || 1;
        const stops = [-1, -0.5, 0, 0.5, 1].map((f) => scale[fam](f * l));
        return (
          <div className="legend-row" key={fam}>
            <span className="legend-name">{label}</span>
            <span className="legend-min">{fmt(-l, 2)}</span>
            <span className="legend-bar" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }} />
            <span className="legend-max">{fmt(l, 2)}</span>
          </div>
        );
      })}
    </div>
  );
});
