import { describe, expect, it } from 'vitest';
import { CanvasPool } from '../../src/ui/details/canvasPool';

interface Fake {
  id: number;
  w: number;
  h: number;
  detached: number;
}

function pool(perSize = 8, total = 48) {
  let next = 0;
  const made: Fake[] = [];
  const p = new CanvasPool<Fake>(
    (w, h) => {
      const c = { id: next++, w, h, detached: 0 };
      made.push(c);
      return c;
    },
    (c) => void c.detached++,
    perSize,
    total,
  );
  return { p, made };
}

describe('CanvasPool', () => {
  it('gives back a released canvas of the same size, and makes one for a new size', () => {
    const { p, made } = pool();
    const a = p.take(16, 16);
    p.release(a, 16, 16);
    expect(a.detached).toBe(1);
    expect(p.take(16, 16)).toBe(a);
    const b = p.take(16, 1);
    expect(b).not.toBe(a);
    expect([b.w, b.h]).toEqual([16, 1]);
    expect(made).toHaveLength(2);
    // Two taken at once: the second is new.
    p.release(a, 16, 16);
    expect(p.take(16, 16)).toBe(a);
    expect(p.take(16, 16)).not.toBe(a);
  });

  it('keeps at most perSize of one size and total overall, dropping the least recently released size first', () => {
    const { p } = pool(2, 3);
    const xs = [p.take(4, 4), p.take(4, 4), p.take(4, 4)];
    xs.forEach((c) => p.release(c, 4, 4));
    expect(p.size).toBe(2);
    const y = p.take(8, 8);
    const z = p.take(9, 9);
    p.release(y, 8, 8);
    expect(p.size).toBe(3);
    // Over the total: one of the 4 × 4 (the oldest size) goes.
    p.release(z, 9, 9);
    expect(p.size).toBe(3);
    expect(p.take(9, 9)).toBe(z);
    expect(p.take(8, 8)).toBe(y);
    expect(xs).toContain(p.take(4, 4));
    expect(xs).not.toContain(p.take(4, 4));
    expect(p.size).toBe(0);
  });
});
