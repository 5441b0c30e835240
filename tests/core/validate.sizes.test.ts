/**
 * When two fields of a scenario disagree on a size, the refusal names both:
 * the field that is refused and the one the size was read from (T from the
 * rows of x, m from x[0], n from the rows of params.W, k from the rows of
 * params.V), since either may be the one the user got wrong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioErrorText, validateScenario, type Dims, type ScenarioError } from '../../src/core';

type Json = Record<string, unknown> & { params: Record<string, unknown[]> };

const fill = (len: number, v = 0.25) => new Array<number>(len).fill(v);
const grid = (rows: number, cols: number) => Array.from({ length: rows }, () => fill(cols));

/** A valid scenario of sizes d, with labels and h0. */
function scenario(d: Dims): Json {
  return {
    format: 'bptt-scenario/1',
    x: grid(d.T, d.m),
    y: fill(d.T, 0),
    h0: fill(d.n, 0),
    inputLabels: Array.from({ length: d.m }, (_, i) => `in${i}`),
    outputLabels: Array.from({ length: d.k }, (_, i) => `out${i}`),
    params: { U: grid(d.n, d.m), W: grid(d.n, d.n), V: grid(d.k, d.n), b: fill(d.n), c: fill(d.k) },
  };
}

const plural = (c: number, noun: string) => `${c} ${noun}${c === 1 ? '' : 's'}`;
const fromX = (T: number) => `x has ${plural(T, 'row')} (T = ${T})`;
const fromX0 = (m: number) => `x[0] has ${plural(m, 'number')} (m = ${m})`;
const fromW = (n: number) => `params.W has ${plural(n, 'row')} (n = ${n})`;
const fromV = (k: number) => `params.V has ${plural(k, 'row')} (k = ${k})`;

/** One size disagreement: how to make it, and the first error's whole message. */
interface Case {
  what: string;
  /** Whether it applies to scenarios of these sizes. */
  when?: (d: Dims) => boolean;
  make: (s: Json, d: Dims, i: number) => void;
  expected: (d: Dims, i: number) => string;
  /** The two fields the message must name. */
  fields: [string, string];
}

const grow = (a: unknown[]) => a.push(0);
const CASES: Case[] = [
  { what: 'c longer than V', make: (s) => grow(s.params.c), expected: (d) => `params.c: has ${plural(d.k + 1, 'number')}, but ${fromV(d.k)}`, fields: ['params.c', 'params.V'] },
  { what: 'c shorter than V', make: (s) => s.params.c.pop(), expected: (d) => `params.c: has ${plural(d.k - 1, 'number')}, but ${fromV(d.k)}`, fields: ['params.c', 'params.V'] },
  {
    what: 'V a row short of c',
    when: (d) => d.k > 1,
    make: (s) => s.params.V.pop(),
    expected: (d) => `params.c: has ${plural(d.k, 'number')}, but ${fromV(d.k - 1)}`,
    fields: ['params.c', 'params.V'],
  },
  { what: 'b vs W', make: (s) => grow(s.params.b), expected: (d) => `params.b: has ${plural(d.n + 1, 'number')}, but ${fromW(d.n)}`, fields: ['params.b', 'params.W'] },
  { what: 'h0 vs W', make: (s) => (s.h0 as unknown[]).pop(), expected: (d) => `h0: has ${plural(d.n - 1, 'number')}, but ${fromW(d.n)}`, fields: ['h0', 'params.W'] },
  { what: 'U rows vs W', make: (s) => grow(s.params.U), expected: (d) => `params.U: has ${plural(d.n + 1, 'row')}, but ${fromW(d.n)}`, fields: ['params.U', 'params.W'] },
  {
    what: "U's row vs x's m",
    make: (s, d, i) => grow(s.params.U[i % d.n] as unknown[]),
    expected: (d, i) => `params.U: row ${i % d.n} has ${plural(d.m + 1, 'number')}, but ${fromX0(d.m)}`,
    fields: ['params.U', 'x[0]'],
  },
  {
    what: "V's row vs W's n",
    make: (s, d, i) => (s.params.V[i % d.k] as unknown[]).pop(),
    expected: (d, i) => `params.V: row ${i % d.k} has ${plural(d.n - 1, 'number')}, but ${fromW(d.n)}`,
    fields: ['params.V', 'params.W'],
  },
  {
    what: "W's row vs W's rows",
    make: (s, d, i) => grow(s.params.W[i % d.n] as unknown[]),
    expected: (d, i) => `params.W: row ${i % d.n} has ${plural(d.n + 1, 'number')}, but ${fromW(d.n)}`,
    fields: ['params.W', 'params.W'],
  },
  {
    what: "x's row vs x[0]",
    when: (d) => d.T > 1,
    make: (s, d, i) => grow((s.x as unknown[][])[1 + (i % (d.T - 1))]),
    expected: (d, i) => `x: row ${1 + (i % (d.T - 1))} has ${plural(d.m + 1, 'number')}, but ${fromX0(d.m)}`,
    fields: ['x', 'x[0]'],
  },
  {
    what: 'x[0] longer than the other rows',
    when: (d) => d.T > 1,
    make: (s) => grow((s.x as unknown[][])[0]),
    expected: (d) => `x: row 1 has ${plural(d.m, 'number')}, but ${fromX0(d.m + 1)}`,
    fields: ['x', 'x[0]'],
  },
  { what: 'y vs x', make: (s) => grow(s.y as unknown[]), expected: (d) => `y: has ${plural(d.T + 1, 'target')}, but ${fromX(d.T)}`, fields: ['y', 'x'] },
  { what: 'x a row longer than y', make: (s, d) => (s.x as unknown[]).push(fill(d.m)), expected: (d) => `y: has ${plural(d.T, 'target')}, but ${fromX(d.T + 1)}`, fields: ['y', 'x'] },
  {
    what: "a target past V's k",
    make: (s, d, i) => ((s.y as unknown[])[i % d.T] = d.k + (i % 3)),
    expected: (d, i) => `y[${i % d.T}] = ${d.k + (i % 3)} is not a class index 0…${d.k - 1}: ${fromV(d.k)}`,
    fields: ['y', 'params.V'],
  },
  { what: 'inputLabels vs m', make: (s) => (s.inputLabels as unknown[]).pop(), expected: (d) => `inputLabels: has ${plural(d.m - 1, 'label')}, but ${fromX0(d.m)}`, fields: ['inputLabels', 'x[0]'] },
  { what: 'outputLabels vs k', make: (s) => grow(s.outputLabels as unknown[]), expected: (d) => `outputLabels: has ${plural(d.k + 1, 'label')}, but ${fromV(d.k)}`, fields: ['outputLabels', 'params.V'] },
];

const dimsArb: fc.Arbitrary<Dims> = fc.record({
  T: fc.integer({ min: 1, max: 6 }),
  n: fc.integer({ min: 1, max: 5 }),
  m: fc.integer({ min: 1, max: 5 }),
  k: fc.integer({ min: 1, max: 5 }),
});

function firstError(s: Json): ScenarioError {
  const r = validateScenario(s);
  if (r.ok) throw new Error('accepted');
  return r.errors[0];
}

describe('a size two fields disagree on: the message names both', () => {
  it('the issue’s example: V has 3 rows while c has 4 numbers', () => {
    const s = scenario({ T: 2, n: 2, m: 2, k: 3 });
    s.params.c = fill(4);
    const e = firstError(s);
    expect(e.message).toBe('params.c: has 4 numbers, but params.V has 3 rows (k = 3)');
    expect(e).toMatchObject({ field: 'params.c', rule: 'vectorLength', params: { count: 4, len: 3, size: 'k', by: 'params.V' } });
    expect(scenarioErrorText(e, 'zh-TW')).toBe('params.c: 有 4 個數，但 params.V 有 3 列（k = 3）');
  });

  it('for every size rule, at any sizes: the first error is the expected one, naming both fields, in both languages', () => {
    const arb = fc.tuple(dimsArb, fc.constantFrom(...CASES), fc.nat(20)).filter(([d, c]) => c.when?.(d) ?? true);
    fc.assert(
      fc.property(arb, ([d, c, i]) => {
        const s = scenario(d);
        c.make(s, d, i);
        const e = firstError(s);
        expect(e.message, c.what).toBe(c.expected(d, i));
        for (const f of c.fields) expect(e.message, c.what).toContain(f);
        // The other field is a parameter of the rule, so each language names it.
        expect(e.params && 'by' in e.params ? e.params.by : undefined, c.what).toBe(c.fields[1]);
        const zh = scenarioErrorText(e, 'zh-TW');
        expect(zh.startsWith(e.field), zh).toBe(true);
        expect(zh, c.what).toContain(c.fields[1]);
      }),
      { numRuns: 400 },
    );
  });

  it('every case above is a valid scenario before it is broken', () => {
    fc.assert(
      fc.property(dimsArb, (d) => {
        expect(validateScenario(scenario(d))).toMatchObject({ ok: true, dims: d });
      }),
      { numRuns: 50 },
    );
  });
});
