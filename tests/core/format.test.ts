import { describe, expect, it } from 'vitest';
import { fmt, fmtBelow, fmtLoss } from '../../src/core';

describe('number formats', () => {
  it('a value under a threshold never reads as the threshold (H < 0.1 shown as 0.097, not 0.10)', () => {
    expect(fmt(0.0953, 2)).toBe('0.10');
    expect(fmtBelow(0.0953, 0.1, 2)).toBe('0.095');
    expect(fmtBelow(0.09996, 0.1, 2)).toBe('0.09996');
    expect(fmtBelow(0.5, 0.1, 2)).toBe('0.50');
    expect(fmtBelow(0.1, 0.1, 2)).toBe('0.10');
    for (let v = 0.09; v < 0.1; v += 0.0001) expect(Number(fmtBelow(v, 0.1, 2))).toBeLessThan(0.1);
  });

  it('losses at one precision: the header’s 5.2020', () => {
    expect(fmtLoss(5.202013)).toBe('5.2020');
  });
});
