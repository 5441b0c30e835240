import { readFileSync } from 'node:fs';
import type { TraceFile } from '../src/core/exportFiles';

/** The independent float64 reference trace of the hello preset (tests/fixtures), in the bptt-trace/1 shape. */
export type RefTrace = TraceFile;
export const helloTrace = JSON.parse(readFileSync('tests/fixtures/hello.trace.json', 'utf8')) as RefTrace;
export const helloScenario = JSON.parse(readFileSync('tests/fixtures/hello.scenario.json', 'utf8')) as { x: number[][]; y: number[] };

/** The fine walk's step keys for T steps, in the order of the issue: F1–F5 up, B1, B2|B3, B4, B5, G1–G5 down, END. */
export function walkKeys(T: number): string[] {
  const keys: string[] = [];
  for (let t = 1; t <= T; t++) for (const id of ['F1', 'F2', 'F3', 'F4', 'F5']) keys.push(`${id}@${t}`);
  for (let t = T; t >= 1; t--) for (const id of ['B1', t === T ? 'B2' : 'B3', 'B4', 'B5', 'G1', 'G2', 'G3', 'G4', 'G5']) keys.push(`${id}@${t}`);
  keys.push('END');
  return keys;
}

/** A shown number parsed back (true minus sign, exponent form). */
export function parseShown(s: string): number {
  return Number(s.trim().replace(/\u2212/g, '-'));
}

/** |shown − reference| within half a unit of the last shown decimal (the shown precision). */
export function agrees(shown: string, ref: number): boolean {
  const v = parseShown(shown);
  if (!Number.isFinite(v)) return false;
  const m = /\.(\d+)/.exec(shown);
  const decimals = m && !/e/.test(shown) ? m[1].length : 12;
  const tol = /e/.test(shown) ? Math.abs(ref) * 0.05 : 0.5 * 10 ** -decimals + 1e-12;
  return Math.abs(v - ref) <= tol;
}

export function outer(u: number[], v: number[]): number[] {
  return u.flatMap((a) => v.map((b) => a * b));
}
