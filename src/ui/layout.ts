import type { Dims, Quantity } from '../core';

/**
 * Geometry of the unrolled network, shared by the React-drawn diagram and the
 * d3-drawn gradient flow. One column per time step, three sub-columns in each
 * (forward value | middle | gradient), five levels from the loss down to the input:
 *
 *   L      L^(t)
 *   out    o^(t)   ŷ^(t)   ∇o^(t)
 *   hid    h^(t)   H^(t)   ∇h^(t)
 *   pre    a^(t)           ∇a^(t)
 *   inp    x^(t)
 *
 * The recurrent edges (W forward, Wᵀ backward) run in the gap between hid and pre.
 */
export type Level = 'L' | 'out' | 'hid' | 'pre' | 'inp';

/** Where each drawn vector lives: level and sub-column (0 forward, 1 middle, 2 gradient). */
export const PLACE: Record<Exclude<Quantity, 'c' | 'V' | 'b' | 'W' | 'U' | 'L'> | 'x', { level: Level; sub: 0 | 1 | 2 }> = {
  o: { level: 'out', sub: 0 },
  yhat: { level: 'out', sub: 1 },
  gradO: { level: 'out', sub: 2 },
  h: { level: 'hid', sub: 0 },
  H: { level: 'hid', sub: 1 },
  gradH: { level: 'hid', sub: 2 },
  a: { level: 'pre', sub: 0 },
  gradA: { level: 'pre', sub: 2 },
  x: { level: 'inp', sub: 0 },
};
export type DrawnVector = keyof typeof PLACE;

export interface Layout {
  cellW: number;
  cellH: number;
  subGap: number;
  colW: number;
  colGap: number;
  width: number;
  height: number;
  /** Numbers are written in the cells (else only on hover). */
  showNumbers: boolean;
  /** The type scale the layout was made for (typeScale.ts): cells and gaps grow with it. */
  scale: number;
  /** Font size of the numbers in the cells, px. */
  numberFont: number;
  /** Top y and height of each level. */
  level: Record<Level, { y: number; h: number }>;
  /** Left x of column t (t = 0 is the narrow h^(0) column). */
  colX: (t: number) => number;
  /** Left x of a sub-column of column t. */
  subX: (t: number, sub: 0 | 1 | 2) => number;
  /** Top y of cell i of a level. */
  cellY: (level: Level, i: number) => number;
}

const MARGIN = { left: 52, right: 24, top: 36, bottom: 22 };
const GAP = { level: 28, bus: 42 };
const L_HEIGHT = 24;

/**
 * Lays the network out for a pane of the given height at a type scale: cells
 * shrink (down to 3 px) until every level fits, and grow with the scale up to
 * 22 px × scale; numbers are written in cells while they are large enough to
 * read (and at least minFont px). Wide sequences scroll horizontally.
 */
export function makeLayout(d: Dims, paneHeight: number, scale = 1, minFont = 0): Layout {
  const cells = 2 * d.n + d.k + d.m;
  // The gaps hold labels (type) and grow with the scale, less than the cells: the numbers come first.
  // Presenter mode (minFont > 0) keeps them tight and lets a number fill more of its cell.
  const presenter = minFont > 0;
  const g = presenter ? 1 : Math.sqrt(scale);
  const M = { left: MARGIN.left * scale, right: MARGIN.right, top: presenter ? 32 : MARGIN.top * g, bottom: presenter ? 12 : MARGIN.bottom };
  const gapLevel = presenter ? 22 : GAP.level * g;
  const gapBus = presenter ? 38 : GAP.bus * g;
  const lHeight = L_HEIGHT * scale;
  const fixed = M.top + M.bottom + lHeight + 3 * gapLevel + gapBus;
  const cellH = Math.max(3, Math.min(Math.round(22 * scale), Math.floor((paneHeight - fixed) / cells)));
  const numberFont = Math.min(12.5 * scale, cellH * (presenter ? 0.75 : 0.62));
  // Numbers smaller than minFont (presenter mode: 18 px, for the back of a hall) are not written: colours only, values on hover.
  const showNumbers = cellH >= 14 && numberFont >= minFont;
  const cellW = cellH >= 14 ? Math.max(42, Math.round(cellH * 1.9), Math.round(numberFont * 3.1)) : cellH >= 8 ? 18 : 12;
  const subGap = cellH >= 14 ? 4 : 2;
  const colW = 3 * cellW + 2 * subGap;
  const colGap = cellH >= 14 ? 40 * g : 26;
  const level = {} as Record<Level, { y: number; h: number }>;
  let y = M.top;
  const add = (name: Level, h: number, gapAfter: number) => {
    level[name] = { y, h };
    y += h + gapAfter;
  };
  add('L', lHeight, gapLevel);
  add('out', d.k * cellH, gapLevel);
  add('hid', d.n * cellH, gapBus);
  add('pre', d.n * cellH, gapLevel);
  add('inp', d.m * cellH, M.bottom);
  const col0W = cellW;
  const colX = (t: number) => (t === 0 ? M.left : M.left + col0W + colGap + (t - 1) * (colW + colGap));
  return {
    cellW,
    cellH,
    subGap,
    colW,
    colGap,
    width: colX(d.T) + colW + M.right,
    height: y,
    showNumbers,
    scale,
    numberFont,
    level,
    colX,
    subX: (t, sub) => (t === 0 ? colX(0) : colX(t) + sub * (cellW + subGap)),
    cellY: (lv, i) => level[lv].y + i * cellH,
  };
}

/**
 * The columns to draw: those within the scrolled window plus a margin on each
 * side (so a scroll shows no blank), and the current column t when it is near
 * (a step out of the window is drawn before the scroll brings it in). Far from
 * the window (a link to t = 500, End at T = 1000, a scroll by hand) the window
 * alone: every column in between would take seconds to draw at T = 1000, and
 * the diagram jumps to t anyway.
 */
export function visibleColumns(layout: Layout, T: number, left: number, width: number, t: number, margin = 2): [number, number] {
  const pitch = layout.colW + layout.colGap;
  const x1 = layout.colX(1);
  let from = Math.floor((left - x1) / pitch) + 1 - margin;
  let to = Math.ceil((left + width - x1) / pitch) + margin;
  const span = Math.max(2, to - from);
  const near = t + 1 >= from - span && t - 1 <= to + span;
  if (near) {
    from = Math.min(from, t - 1);
    to = Math.max(to, t + 1);
  }
  from = Math.max(1, Math.min(from, T));
  to = Math.max(from, Math.min(to, T));
  return [from, to];
}
