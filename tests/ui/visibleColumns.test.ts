/** The diagram's drawn columns (layout.ts visibleColumns): the scrolled window, and the current column when near it. */
import { describe, expect, it } from 'vitest';
import { visibleColumns, type Layout } from '../../src/ui/layout';

// Columns 100 px wide with 20 px gaps, column 1 at x = 60 (only what visibleColumns reads).
const layout = { colW: 100, colGap: 20, colX: (t: number) => 60 + (t - 1) * 120 } as unknown as Layout;

describe('visibleColumns', () => {
  it('the window and a margin of 2 on each side', () => {
    // 600 px from x = 1260: columns 11 … 15 visible.
    expect(visibleColumns(layout, 1000, 1260, 600, 12)).toEqual([9, 17]);
    expect(visibleColumns(layout, 1000, 0, 600, 1)).toEqual([1, 7]);
    expect(visibleColumns(layout, 16, 1260, 600, 12)).toEqual([9, 16]);
  });

  it('a current column just out of the window is drawn with it', () => {
    expect(visibleColumns(layout, 1000, 1260, 600, 20)).toEqual([9, 21]);
    expect(visibleColumns(layout, 1000, 1260, 600, 3)).toEqual([2, 17]);
  });

  it('one far away is not: the window alone, however long the sequence', () => {
    // A link to t = 500 while the diagram is still at its start.
    expect(visibleColumns(layout, 1000, 0, 2000, 500)).toEqual([1, 19]);
    // A scroll by hand to the end, the walk at t = 1.
    expect(visibleColumns(layout, 1000, 118_000, 600, 1)).toEqual([981, 990]);
  });
});
