import { memo } from 'react';
import { useScales } from '../scales';
import { fmt } from '../../core/format';
import { exponentOf, type Family } from '../colors';
import { useT } from '../i18n';

const ROWS: [Family, string][] = [
  ['act', 'x, h, ŷ, H'],
  ['pre', 'a'],
  ['logit', 'o'],
  ['grad', '∇o, ∇h, ∇a'],
];

/** A scale's end as the legend's narrow column can hold it: 2 decimals, or two digits and the exponent once it is large (−1.4e4; −7e222 past 1e100). */
function bound(v: number): string {
  if (Math.abs(v) < 1e4) return fmt(v, 2);
  return v.toExponential(Math.abs(v) < 1e100 ? 1 : 0).replace('e+', 'e').replace('-', '−');
}

/** The colour scales, stated: one diverging scale per family, blue negative, red positive. */
export const Legend = memo(function Legend() {
  const { scale, limit } = useScales();
  const m = useT().details;
  return (
    <div className="legend" aria-label={m.legend}>
      {ROWS.map(([fam, label]) => {
        const l = limit[fam] || 1;
        // Enough stops for the bar to follow a square-root scale's curve near 0.
        const stops = Array.from({ length: 21 }, (_, i) => scale[fam]((i / 10 - 1) * l));
        const sqrt = exponentOf(scale[fam]) === 0.5;
        return (
          <div className="legend-row" key={fam} title={sqrt ? m.sqrtScale : undefined}>
            <span className="legend-name">
              {label}
              {sqrt && <span className="legend-sqrt"> (√)</span>}
            </span>
            <span className="legend-min">{bound(-l)}</span>
            <span className="legend-bar" style={{ background: `linear-gradient(to right, ${stops.join(', ')})` }} />
            <span className="legend-max">{bound(l)}</span>
          </div>
        );
      })}
    </div>
  );
});
