import { color, interpolateViridis, scaleLinear } from 'd3';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { computedAt, type Trace } from '../../core';
import { fmt } from '../../core/format';
import { truncationWindow } from '../../core/formulas';
import { useApp } from '../../store/store';
import { useT } from '../i18n';
import { blocksOf, cachedBlock, fullTraceOf, influenceAt, influenceBlock, influenceWindow, itemize, wholeTriangle, type ItemizedView as Itemized } from './labMath';

/** The walk's t (the end shows t = 1, where every loss has arrived). */
export function useLabT(): number {
  return useApp((s) => (s.view.step.phase === 'end' ? 1 : s.view.step.t));
}

const REST = '#a3a3a3';

/** A part's colour: its loss s on viridis, from s = t (dark) to s = t + P − 1 (yellow). */
function colourOf(d: number, P: number): string {
  return interpolateViridis(P > 1 ? d / (P - 1) : 0);
}
const W = 440;
const LEFT = 40;
const RIGHT = 12;
const top = 4;

/** E1 at the walk's t: the parts of ∇h^(t) from each loss s as stacked bars, one per unit, and their sum. */
const PartsStrip = memo(function PartsStrip({ it, K }: { it: Itemized; K: number }) {
  const m = useT().lab.itemized;
  const n = it.full.length;
  const { t, P, parts, rest, hasRest, full } = it;
  const [hover, setHover] = useState<string | null>(null);
  const rowH = Math.max(2, Math.min(16, Math.floor(190 / n)));
  const gap = rowH >= 8 ? 2 : 0;
  const barH = rowH - gap;
  const height = top + n * rowH + 18;
  const { x, rects } = useMemo(() => {
    let M = 0;
    for (let i = 0; i < n; i++) {
      let pos = 0;
      let neg = 0;
      const add = (v: number) => (v >= 0 ? (pos += v) : (neg -= v));
      for (let d = 0; d < P; d++) add(parts[d * n + i]);
      if (hasRest) add(rest[i]);
      M = Math.max(M, pos, neg, Math.abs(full[i]));
    }
    const x = scaleLinear()
      .domain([-(M || 1) * 1.04, (M || 1) * 1.04])
      .range([LEFT, W - RIGHT]);
    const px = (x(1) - x(0)) || 1;
    const rects: { key: string; x: number; w: number; y: number; fill: string; dropped: boolean }[] = [];
    for (let i = 0; i < n; i++) {
      let pos = 0;
      let neg = 0;
      const y = top + i * rowH;
      const push = (d: number, v: number, fill: string, dropped: boolean) => {
        // A part narrower than a twentieth of a pixel cannot be seen: it is left out of the picture (not of the sum).
        if (Math.abs(v * px) < 0.05) return;
        const from = v >= 0 ? pos : neg + v;
        if (v >= 0) pos += v;
        else neg += v;
        rects.push({ key: `${i},${d}`, x: x(from), w: Math.abs(v) * px, y, fill, dropped });
      };
      for (let d = 0; d < P; d++) push(d, parts[d * n + i], colourOf(d, P), K > 0 && d >= K);
      if (hasRest) push(P, rest[i], REST, K > 0 && P >= K);
    }
    return { x, rects };
  }, [parts, rest, hasRest, full, n, P, rowH, K]);
  const onOver = (e: MouseEvent<SVGSVGElement>) => setHover((e.target as Element).getAttribute('data-part'));
  let readout = m.hoverBar;
  if (hover) {
    const [i, d] = hover.split(',').map(Number);
    if (d === -1) readout = m.sumReadout(t, i + 1, fmt(full[i], 4));
    else if (d < P) readout = m.partReadout(t + d, t, i + 1, fmt(parts[d * n + i], 4));
    else readout = `${m.rest(t + P)}: ${fmt(rest[i], 4)}`;
  }
  const ticks = x.ticks(4);
  return (
    <div className="lab-strip">
      <svg viewBox={`0 0 ${W} ${height}`} width="100%" role="img" aria-label={m.stripLabel(t, n)} onMouseOver={onOver} onMouseLeave={() => setHover(null)} data-testid="itemized-strip" data-parts={P}>
        <defs>
          <pattern id="lab-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="5" height="5" fill="rgba(255,255,255,0.55)" />
            <line x1="0" y1="0" x2="0" y2="5" stroke="#1c1f24" strokeWidth="1.4" />
          </pattern>
        </defs>
        {ticks.map((v) => (
          <g key={v} className="lab-tick">
            <line x1={x(v)} x2={x(v)} y1={top} y2={top + n * rowH} />
            <text x={x(v)} y={height - 4} textAnchor="middle">
              {fmt(v, 2)}
            </text>
          </g>
        ))}
        {rowH >= 10 &&
          Array.from({ length: n }, (_, i) => (
            <text key={i} className="lab-unit" x={LEFT - 6} y={top + i * rowH + barH / 2} dy="0.35em" textAnchor="end">
              {i + 1}
            </text>
          ))}
        {rects.map((r) => (
          <rect key={r.key} data-part={r.key} x={r.x} y={r.y} width={Math.max(r.w, 0.6)} height={barH} fill={r.fill} className="lab-part" />
        ))}
        {rects
          .filter((r) => r.dropped)
          .map((r) => (
            <rect key={`h${r.key}`} x={r.x} y={r.y} width={Math.max(r.w, 0.6)} height={barH} fill="url(#lab-hatch)" pointerEvents="none" />
          ))}
        <line className="lab-zero" x1={x(0)} x2={x(0)} y1={top - 2} y2={top + n * rowH} />
        {Array.from({ length: n }, (_, i) => (
          <rect key={`s${i}`} data-part={`${i},-1`} className="lab-sum" x={x(full[i]) - 1.25} y={top + i * rowH - 1} width={2.5} height={barH + 2} />
        ))}
      </svg>
      <div className="lab-legend-line">
        <span>{m.colour}</span>
        <span className="lab-ramp-label">s = {t}</span>
        <span className="lab-ramp" style={{ background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map((f) => interpolateViridis(f)).join(', ')})` }} />
        <span className="lab-ramp-label">{t + P - 1}</span>
        {hasRest && (
          <>
            <span className="lab-swatch" style={{ background: REST }} />
            <span>{m.rest(t + P)}</span>
          </>
        )}
      </div>
      <p className="lab-readout" aria-live="off">
        {readout}
      </p>
      <p className="lab-check-line" data-testid="itemized-sum-check">
        {m.sumCheck(it.sumError.toExponential(1).replace('-', '−'))}
        {K > 0 && <span className="muted"> · {m.dropped(K)}</span>}
      </p>
    </div>
  );
});

/** Viridis as RGB bytes, 256 entries. */
const VIRIDIS = (() => {
  const lut = new Uint8Array(3 * 256);
  for (let i = 0; i < 256; i++) {
    const c = color(interpolateViridis(i / 255))?.rgb();
    lut[3 * i] = c?.r ?? 0;
    lut[3 * i + 1] = c?.g ?? 0;
    lut[3 * i + 2] = c?.b ?? 0;
  }
  return lut;
})();

/** Not yet reached by the walk, or not computed yet: the triangle's shape in a neutral grey. */
const BLANK = [226, 222, 214];

/**
 * E1's influence I[s][t] = ‖∂L^(s)/∂h^(t)‖ over the triangle t ≤ s, on a log
 * colour scale, a column filled in once the walk has computed ∇h^(t). At a
 * size where the whole triangle would cost more than a step may, a window of
 * rows and columns that follows the walk is shown, its rows computed (by
 * blocks, once per trace) after the frame is painted.
 */
const InfluenceMap = memo(function InfluenceMap({ trace, t, index, K }: { trace: Trace; t: number; index: number; K: number }) {
  const m = useT().lab.itemized;
  const { T, n } = trace;
  const { lo, hi } = influenceWindow(T, n, t);
  const count = hi - lo + 1;
  const sync = wholeTriangle(T, n);
  const needed = useMemo(() => blocksOf(lo, hi), [lo, hi]);
  if (sync) for (const b of needed) influenceBlock(trace, b);
  const [, setVersion] = useState(0);
  const missing = needed.filter((b) => !cachedBlock(trace, b));
  const missingKey = missing.join(',');
  useEffect(() => {
    if (!missingKey) return;
    // One block per task: the page stays live while a window at T = 1000 comes in.
    const next = Number(missingKey.split(',')[0]);
    const id = window.setTimeout(() => {
      influenceBlock(trace, next);
      setVersion((v) => v + 1);
    }, 0);
    return () => window.clearTimeout(id);
  }, [trace, missingKey]);

  const values = useMemo(() => {
    const out = new Float64Array(count * count).fill(NaN);
    for (let r = 0; r < count; r++) for (let c = 0; c <= r; c++) out[r * count + c] = influenceAt(trace, lo + r, lo + c);
    return out;
    // missingKey: the values change as blocks come in.
  }, [trace, lo, count, missingKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const domain = useMemo(() => {
    let a = Infinity;
    let b = -Infinity;
    for (const v of values) {
      if (!(v > 0) || !Number.isFinite(v)) continue;
      a = Math.min(a, v);
      b = Math.max(b, v);
    }
    if (!(b > 0)) return null;
    const top = Math.log10(b);
    return { lo: Math.max(Math.log10(a), top - 16), hi: top };
  }, [values]);
  const reached = (tt: number) => index >= computedAt(T, 'gradH', tt);
  const canvas = useRef<HTMLCanvasElement>(null);
  useLayoutEffect(() => {
    const cv = canvas.current;
    const ctx = cv?.getContext('2d');
    if (!cv || !ctx) return;
    const img = ctx.createImageData(count, count);
    const span = domain ? Math.max(1e-12, domain.hi - domain.lo) : 1;
    for (let r = 0; r < count; r++)
      for (let c = 0; c <= r; c++) {
        const v = values[r * count + c];
        const p = 4 * (r * count + c);
        let rgb: ArrayLike<number> = BLANK;
        if (domain && reached(lo + c) && v > 0 && Number.isFinite(v)) {
          const f = Math.max(0, Math.min(1, (Math.log10(v) - domain.lo) / span));
          const k = 3 * Math.round(f * 255);
          rgb = VIRIDIS.subarray(k, k + 3);
        } else if (reached(lo + c) && v === 0) rgb = VIRIDIS.subarray(0, 3);
        img.data[p] = rgb[0];
        img.data[p + 1] = rgb[1];
        img.data[p + 2] = rgb[2];
        img.data[p + 3] = 255;
      }
    ctx.putImageData(img, 0, 0);
  });
  const cell = Math.max(2, Math.min(48, Math.floor(300 / count)));
  const size = cell * count;
  const [hover, setHover] = useState<[number, number] | null>(null);
  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const c = Math.floor(((e.clientX - rect.left) / rect.width) * count);
    const r = Math.floor(((e.clientY - rect.top) / rect.height) * count);
    setHover(c >= 0 && r >= 0 && c <= r && r < count ? [lo + r, lo + c] : null);
  };
  let readout = m.hoverCell;
  if (hover) {
    const [s, tt] = hover;
    const v = influenceAt(trace, s, tt);
    readout = !reached(tt) ? m.notReached(s, tt) : Number.isNaN(v) ? m.computing : m.cell(s, tt, fmt(v, 4));
  }
  // Room for the row label "s = lo" at 10 px.
  const pad = { l: 12 + 6 * `s = ${Math.max(lo, hi)}`.length, t: 16 };
  const walkT = t >= lo && t <= hi && index >= computedAt(T, 'gradH', t) ? t : null;
  const forward = index < computedAt(T, 'gradH', T);
  const revealed = Array.from({ length: count }, (_, c) => reached(lo + c)).filter(Boolean).length;
  return (
    <figure className="lab-influence" data-testid="influence-map" data-lo={lo} data-hi={hi} data-revealed={revealed} data-missing={missing.length}>
      <figcaption>{m.triangle}</figcaption>
      <div className="lab-influence-body">
        <div className="lab-influence-plot" style={{ width: size + pad.l + 4, height: size + pad.t + 4 }}>
          <svg className="lab-influence-axes" width={size + pad.l + 4} height={size + pad.t + 4} aria-hidden="true">
            <text x={pad.l} y={11} className="lab-axis">
              t = {lo}
            </text>
            <text x={pad.l + size} y={11} textAnchor="end" className="lab-axis">
              {hi}
            </text>
            <text x={pad.l - 4} y={pad.t + cell / 2} dy="0.35em" textAnchor="end" className="lab-axis">
              s = {lo}
            </text>
            <text x={pad.l - 4} y={pad.t + size - cell / 2} dy="0.35em" textAnchor="end" className="lab-axis">
              {hi}
            </text>
          </svg>
          <div
            className="lab-influence-canvas"
            role="img"
            aria-label={m.triangleLabel(lo, hi)}
            style={{ left: pad.l, top: pad.t, width: size, height: size }}
            onMouseMove={onMove}
            onMouseLeave={() => setHover(null)}
          >
            <canvas ref={canvas} width={count} height={count} />
            <svg className="lab-influence-marks" width={size} height={size} aria-hidden="true">
              {walkT !== null && <rect className="lab-walk-col" x={(walkT - lo) * cell} y={(walkT - lo) * cell} width={cell} height={(hi - walkT + 1) * cell} />}
              {K > 0 && K < count && <line className="lab-k-line" x1={0} y1={K * cell} x2={(count - K) * cell} y2={size} />}
              {cell >= 40 &&
                Array.from({ length: count }, (_, r) =>
                  Array.from({ length: r + 1 }, (_, c) => {
                    const v = values[r * count + c];
                    if (!reached(lo + c) || !(v >= 0)) return null;
                    const f = domain ? (Math.log10(v) - domain.lo) / Math.max(1e-12, domain.hi - domain.lo) : 0;
                    return (
                      <text key={`${r},${c}`} x={c * cell + cell / 2} y={r * cell + cell / 2} dy="0.35em" textAnchor="middle" className="lab-cell-num" fill={f > 0.6 ? '#111' : '#fff'}>
                        {fmt(v, 2)}
                      </text>
                    );
                  }),
                )}
            </svg>
          </div>
        </div>
        <div className="lab-influence-side">
          {domain && (
            <div className="lab-logbar">
              <span>{fmt(10 ** domain.hi, 2)}</span>
              <span className="lab-logbar-ramp" style={{ background: `linear-gradient(to top, ${[0, 0.25, 0.5, 0.75, 1].map((f) => interpolateViridis(f)).join(', ')})` }} />
              <span>{fmt(10 ** domain.lo, 2)}</span>
              <span className="muted">log</span>
            </div>
          )}
        </div>
      </div>
      <p className="muted lab-small">{m.triangleExplain}</p>
      {count < T && <p className="muted lab-small">{m.window(lo, hi, T)}</p>}
      {K > 0 && <p className="muted lab-small">{m.kBand(K)}</p>}
      {forward && <p className="muted lab-small">{m.forward}</p>}
      {missing.length > 0 && <p className="lab-small">{m.computing}</p>}
      <p className="lab-readout" aria-live="off">
        {readout}
      </p>
    </figure>
  );
});

/** E1: the itemized gradient at the walk's t, and the influence triangle filled in by the walk. */
export function ItemizedView() {
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const index = useApp((s) => s.index);
  const t = useLabT();
  const m = useT().lab.itemized;
  const full = fullTraceOf(model, trace);
  const it = useMemo(() => itemize(trace, full, t), [trace, full, t]);
  const K = truncationWindow(trace);
  return (
    <div className="lab-itemized">
      <h3>{m.heading(t)}</h3>
      <p className="muted lab-small">{m.explain}</p>
      <PartsStrip it={it} K={K} />
      <InfluenceMap trace={trace} t={t} index={index} K={K} />
    </div>
  );
}
