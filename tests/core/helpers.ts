import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** Names of the example scenarios kept as fixtures (copied from shared/examples). */
export function exampleNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.scenario.json'))
    .map((f) => f.replace('.scenario.json', ''))
    .sort();
}

export function readJson(name: string): unknown {
  return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

/** |a − b| ≤ tol · max(1, |b|) for every number of two JSON values of the same shape. */
export function expectClose(actual: unknown, expected: unknown, tol: number, path = ''): number {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    const err = Math.abs((actual as number) - expected) / Math.max(1, Math.abs(expected));
    if (!(err <= tol)) expect.fail(`${path}: ${actual} vs ${expected} (relative error ${err})`);
    return 1;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, `${path} length`).toBe(expected.length);
    return expected.reduce<number>((c, e, i) => c + expectClose((actual as unknown[])[i], e, tol, `${path}[${i}]`), 0);
  }
  if (expected !== null && typeof expected === 'object') {
    let count = 0;
    for (const [key, e] of Object.entries(expected)) {
      count += expectClose((actual as Record<string, unknown>)[key], e, tol, path ? `${path}.${key}` : key);
    }
    return count;
  }
  expect(actual, path).toEqual(expected);
  return 0;
}
