import { addContribution, paramShape } from './engine';
import type { Model, ParamName, Trace } from './types';

/**
 * The running sums of G1–G5 as the backward walk builds them, computed
 * incrementally: sum(t) = sum(t + 1) + term(t), with sum(T + 1) = 0. The terms
 * are added in the order T, T − 1, …, t, the engine's own, so sum(1) equals
 * `trace.grads` bit for bit.
 *
 * Each (trace, parameter) keeps the sums of the t it was asked for, up to a
 * memory budget: a step of the walk (t to t − 1, or back to t + 1, already
 * kept) costs O(|θ|), a jump costs one add per t from the nearest kept sum
 * above it. At the stated limits (|θ| = n·m = 128 · 256) the budget (16 MiB a
 * parameter) holds 64 sums of ∇U, enough for a walk back and forth.
 */
const BUDGET = 2 * 1024 * 1024; // float64 entries kept per trace and parameter
const perTrace = new WeakMap<Trace, Map<ParamName, Map<number, Float64Array>>>();

/** Sums kept for one (trace, parameter): by t, the most recently used last. */
function keptFor(trace: Trace, name: ParamName): Map<number, Float64Array> {
  let byName = perTrace.get(trace);
  if (!byName) perTrace.set(trace, (byName = new Map()));
  let kept = byName.get(name);
  if (!kept) byName.set(name, (kept = new Map()));
  return kept;
}

function keep(kept: Map<number, Float64Array>, t: number, sum: Float64Array): void {
  kept.delete(t);
  kept.set(t, sum);
  const max = Math.max(2, Math.floor(BUDGET / Math.max(1, sum.length)));
  while (kept.size > max) kept.delete(kept.keys().next().value as number);
}

/**
 * G1–G5's running sum for parameter `name` over the terms of steps T, T − 1, …,
 * `fromT` (fromT = T + 1 gives zeros, fromT = 1 the full gradient). The array
 * returned is shared (kept for the next call): read it, never write it.
 */
export function runningSum(model: Model, trace: Trace, name: ParamName, fromT: number): Float64Array {
  const T = trace.T;
  const from = Math.max(1, Math.min(T + 1, fromT));
  const kept = keptFor(trace, name);
  const hit = kept.get(from);
  if (hit) {
    keep(kept, from, hit);
    return hit;
  }
  // Start from the nearest kept sum above `from` (or from zeros past T).
  let start = T + 1;
  for (const t of kept.keys()) if (t > from && t < start) start = t;
  const [r, c] = paramShape(name, trace);
  // A jump keeps only the sum it lands on, not every one on the way.
  const sum = start <= T ? Float64Array.from(kept.get(start) as Float64Array) : new Float64Array(r * c);
  for (let t = start - 1; t >= from; t--) addContribution(sum, model, trace, name, t);
  keep(kept, from, sum);
  return sum;
}
