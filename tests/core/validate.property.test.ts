/**
 * Property tests of validateScenario (formats.md): every well-formed scenario
 * is accepted with the right sizes; one broken rule in an otherwise valid
 * scenario is refused with a first error naming the broken field; and no value
 * whatsoever makes validation throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTrace, LIMITS, parseScenario, toModel, validateScenario, type Dims, type ValidationResult } from '../../src/core';

/** A scenario as plain JSON-like data, free to be broken. */
type Json = Record<string, unknown> & { params: Record<string, unknown> };

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -LIMITS.magnitude, max: LIMITS.magnitude });
const vector = (len: number) => fc.array(finite, { minLength: len, maxLength: len });
const matrix = (rows: number, cols: number) => fc.array(vector(cols), { minLength: rows, maxLength: rows });
const labels = (len: number) => fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { minLength: len, maxLength: len });

const dimsArb: fc.Arbitrary<Dims> = fc.record({
  T: fc.integer({ min: 1, max: 6 }),
  n: fc.integer({ min: 1, max: 5 }),
  m: fc.integer({ min: 1, max: 5 }),
  k: fc.integer({ min: 1, max: 5 }),
});

/** A valid scenario of the given sizes: random finite numbers, optional h0, labels and title. */
function scenarioArb(d: Dims): fc.Arbitrary<Json> {
  return fc.record(
    {
      format: fc.constant('bptt-scenario/1'),
      title: fc.string({ unit: 'binary', maxLength: 100 }),
      inputLabels: labels(d.m),
      outputLabels: labels(d.k),
      x: matrix(d.T, d.m),
      y: fc.array(fc.integer({ min: 0, max: d.k - 1 }), { minLength: d.T, maxLength: d.T }),
      h0: vector(d.n),
      params: fc.record({ U: matrix(d.n, d.m), W: matrix(d.n, d.n), V: matrix(d.k, d.n), b: vector(d.n), c: vector(d.k) }),
    },
    { requiredKeys: ['format', 'x', 'y', 'params'] },
  ) as fc.Arbitrary<Json>;
}

const validArb = dimsArb.chain((d) => scenarioArb(d).map((s) => ({ d, s })));

/** One broken rule: the broken value, and the fields its first error may name. */
interface Mutation {
  what: string;
  value: unknown;
  /** The first error's field is one of these, or an entry of one (`params.W` covers `params.W[1][2]`). */
  fields: string[];
}

type Matrix = 'x' | 'U' | 'W' | 'V';
const MATRICES: readonly Matrix[] = ['x', 'U', 'W', 'V'];
const fieldOf = (name: string) => (name === 'x' || name === 'y' || name === 'h0' ? name : `params.${name}`);

function get(s: Json, name: string): unknown[] {
  return (name === 'x' || name === 'y' || name === 'h0' ? s[name] : s.params[name]) as unknown[];
}
function set(s: Json, name: string, v: unknown): void {
  if (name === 'x' || name === 'y' || name === 'h0') s[name] = v;
  else s.params[name] = v;
}

const notANumber = fc.constantFrom<unknown>(NaN, Infinity, -Infinity, '1', '', null, undefined, true, [], {}, [1], 1e7, -1e300, Number.MAX_VALUE);

/** Every kind of broken rule, applied to a clone of the valid scenario `s` of sizes `d`. */
function mutationArb(s: Json, d: Dims): fc.Arbitrary<Mutation> {
  const c = () => structuredClone(s);
  const rows: Record<Matrix, number> = { x: d.T, U: d.n, W: d.n, V: d.k };
  const cols: Record<Matrix, number> = { x: d.m, U: d.m, W: d.n, V: d.n };
  const lens: Record<string, number> = { b: d.n, c: d.k, h0: d.n, y: d.T };
  const options: fc.Arbitrary<Mutation>[] = [
    // A required field deleted.
    fc.constantFrom('format', 'x', 'y', 'params', 'U', 'W', 'V', 'b', 'c').map((name) => {
      const v = c();
      if (name === 'format' || name === 'x' || name === 'y' || name === 'params') delete v[name];
      else delete v.params[name];
      const field = ['format', 'params'].includes(name) ? name : fieldOf(name);
      return { what: `delete ${field}`, value: v, fields: [field] };
    }),
    // A ragged row: one number too many or too few. (Row 0 of a one-row x is not
    // ragged: it sets m, and then U is the one of the wrong width.)
    fc
      .record({ name: fc.constantFrom(...MATRICES), i: fc.nat(), grow: fc.boolean() })
      .filter(({ name }) => !(name === 'x' && d.T === 1))
      .map(({ name, i, grow }) => {
        const v = c();
        const row = get(v, name)[i % rows[name]] as unknown[];
        if (grow) row.push(0.5);
        else row.pop();
        return { what: `${grow ? 'grow' : 'shrink'} row ${i % rows[name]} of ${name}`, value: v, fields: [fieldOf(name)] };
      }),
    // A row that is not a list.
    fc.record({ name: fc.constantFrom(...MATRICES), i: fc.nat(), bad: notANumber.filter((b) => !Array.isArray(b)) }).map(({ name, i, bad }) => {
      const v = c();
      get(v, name)[i % rows[name]] = bad;
      return { what: `row ${i % rows[name]} of ${name} = ${String(bad)}`, value: v, fields: [fieldOf(name)] };
    }),
    // The wrong number of rows. x's rows set T, so y is then the one of the wrong
    // length (its message names x too: "but x has 4 rows"); V's rows set k, so c is then
    // the one of the wrong length, unless V is left empty.
    fc.record({ name: fc.constantFrom(...MATRICES), grow: fc.boolean() }).map(({ name, grow }) => {
      const v = c();
      const M = get(v, name);
      if (grow) M.push(new Array(cols[name]).fill(0.25));
      else M.pop();
      const fields = name === 'x' ? ['x', 'y'] : name === 'V' ? ['params.V', 'params.c'] : [fieldOf(name)];
      return { what: `${grow ? 'add' : 'remove'} a row of ${name}`, value: v, fields };
    }),
    // A vector of the wrong length (h0 added when it was absent).
    fc.record({ name: fc.constantFrom('b', 'c', 'h0', 'y'), grow: fc.boolean() }).map(({ name, grow }) => {
      const v = c();
      const vec = name === 'h0' && !v.h0 ? new Array(d.n).fill(0) : get(v, name);
      if (grow) vec.push(0);
      else vec.pop();
      set(v, name, vec);
      return { what: `${grow ? 'grow' : 'shrink'} ${name} (${lens[name]})`, value: v, fields: [fieldOf(name)] };
    }),
    // A number replaced by something that is not a finite number.
    fc
      .record({ name: fc.constantFrom('x', 'U', 'W', 'V', 'b', 'c', 'h0'), i: fc.nat(), j: fc.nat(), bad: notANumber })
      .map(({ name, i, j, bad }) => {
        const v = c();
        if (name === 'h0' && !v.h0) v.h0 = new Array(d.n).fill(0);
        let field: string;
        if (name in rows) {
          const r = i % rows[name as Matrix];
          const col = j % cols[name as Matrix];
          (get(v, name)[r] as unknown[])[col] = bad;
          field = `${fieldOf(name)}[${r}][${col}]`;
        } else {
          const col = j % lens[name];
          get(v, name)[col] = bad;
          field = `${fieldOf(name)}[${col}]`;
        }
        return { what: `${field} = ${String(bad)}`, value: v, fields: [field] };
      }),
    // A target out of range, not a whole number, or not a number.
    fc.record({ t: fc.nat(), bad: fc.constantFrom<unknown>(-1, d.k, d.k + 7, 0.5, NaN, Infinity, '0', null, [0]) }).map(({ t, bad }) => {
      const v = c();
      (v.y as unknown[])[t % d.T] = bad;
      return { what: `y[${t % d.T}] = ${String(bad)}`, value: v, fields: [`y[${t % d.T}]`] };
    }),
    // The wrong format.
    fc.constantFrom<unknown>('bptt-scenario/2', 'bptt-trace/1', 'BPTT-SCENARIO/1', '', 1, null, ['bptt-scenario/1']).map((bad) => {
      const v = c();
      v.format = bad;
      return { what: `format = ${String(bad)}`, value: v, fields: ['format'] };
    }),
    // Labels of the wrong length, not strings, or too long; a bad title.
    fc.record({ name: fc.constantFrom('inputLabels', 'outputLabels'), how: fc.constantFrom('grow', 'shrink', 'number', 'long', 'object') }).map(({ name, how }) => {
      const v = c();
      const len = name === 'inputLabels' ? d.m : d.k;
      const L = (v[name] as string[] | undefined) ?? new Array<string>(len).fill('a');
      v[name] = L;
      if (how === 'grow') L.push('z');
      if (how === 'shrink') L.pop();
      if (how === 'number') (L as unknown[])[len - 1] = 7;
      if (how === 'long') L[0] = 'w'.repeat(LIMITS.text + 1);
      if (how === 'object') v[name] = { 0: 'a' };
      const field = how === 'number' ? `${name}[${len - 1}]` : how === 'long' ? `${name}[0]` : name;
      return { what: `${how} ${name}`, value: v, fields: [field] };
    }),
    fc.constantFrom<unknown>(7, null, ['t'], 'x'.repeat(LIMITS.text + 1)).map((bad) => {
      const v = c();
      v.title = bad;
      return { what: `title = ${String(bad).slice(0, 20)}`, value: v, fields: ['title'] };
    }),
    // params not an object.
    fc.constantFrom<unknown>(null, 5, 'params', [], [[1]]).map((bad) => {
      const v = c();
      v.params = bad as Json['params'];
      return { what: `params = ${JSON.stringify(bad)}`, value: v, fields: ['params'] };
    }),
    // Sizes past the limits: T (rows of x) and n (rows of W).
    fc.constantFrom('T', 'n').map((which) => {
      const v = c();
      if (which === 'T') {
        v.x = Array.from({ length: LIMITS.T + 1 }, () => new Array(d.m).fill(0));
        v.y = new Array(LIMITS.T + 1).fill(0);
        return { what: 'T past the limit', value: v, fields: ['x'] };
      }
      v.params.W = Array.from({ length: LIMITS.n + 1 }, () => new Array(LIMITS.n + 1).fill(0));
      return { what: 'n past the limit', value: v, fields: ['params.W'] };
    }),
    // Not an object at all.
    fc.constantFrom<unknown>(null, undefined, 0, 'bptt-scenario/1', true, [], [s]).map((bad) => ({
      what: `the input is ${JSON.stringify(bad)?.slice(0, 20)}`,
      value: bad,
      fields: ['scenario'],
    })),
  ];
  return fc.oneof(...options);
}

/** Each error's message starts with its field (formats.md: a message that names the field). */
function expectWellWorded(r: ValidationResult): void {
  if (r.ok) return;
  expect(r.errors.length).toBeGreaterThan(0);
  expect(r.errors.length).toBeLessThanOrEqual(8);
  for (const e of r.errors) {
    expect(e.field.length).toBeGreaterThan(0);
    expect(e.message.startsWith(e.field), e.message).toBe(true);
    expect(e.message).not.toContain('\n');
  }
}

describe('validateScenario, property-based', () => {
  it('accepts every well-formed scenario, with the sizes it was made with', () => {
    fc.assert(
      fc.property(validArb, ({ d, s }) => {
        const r = validateScenario(s);
        if (!r.ok) throw new Error(`refused: ${r.errors[0].message}`);
        expect(r.dims).toEqual(d);
        expect(r.scenario).toBe(s);
        // ... and through JSON text, as files arrive (−0 becomes 0, nothing else changes).
        expect(parseScenario(JSON.stringify(s))).toMatchObject({ ok: true, dims: d });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a scenario with one broken rule, the first error naming the broken field', () => {
    const broken = validArb.chain(({ d, s }) => mutationArb(s, d).map((mut) => ({ d, mut })));
    fc.assert(
      fc.property(broken, ({ mut }) => {
        const r = validateScenario(mut.value);
        if (r.ok) throw new Error(`accepted after: ${mut.what}`);
        expectWellWorded(r);
        const first = r.errors[0].field;
        const named = mut.fields.some((f) => first === f || first.startsWith(`${f}[`));
        if (!named) throw new Error(`after "${mut.what}" the first error is ${JSON.stringify(r.errors[0].message)}, expected one on ${mut.fields.join(' or ')}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary JSON values, and words every error', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validateScenario(v);
        expect(r.ok).toBe(false);
        expectWellWorded(r);
        expectWellWorded(parseScenario(JSON.stringify(v) ?? ''));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary values (fc.anything), nor on scenarios with any one part replaced by one', () => {
    fc.assert(
      fc.property(fc.anything({ withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true }), (v) => {
        expectWellWorded(validateScenario(v));
      }),
      { numRuns: 300 },
    );
    const parts = ['format', 'title', 'x', 'y', 'h0', 'inputLabels', 'outputLabels', 'params', 'U', 'W', 'V', 'b', 'c', 'x0', 'W0', 'y0'];
    const patched = fc.tuple(validArb, fc.constantFrom(...parts), fc.anything({ withNullPrototype: true, withSparseArray: true }));
    fc.assert(
      fc.property(patched, ([{ d, s }, part, junk]) => {
        const v = structuredClone(s);
        if (part === 'x0') (v.x as unknown[])[0] = junk;
        else if (part === 'W0') (v.params.W as unknown[])[0] = junk;
        else if (part === 'y0') (v.y as unknown[])[0] = junk;
        else if (['U', 'W', 'V', 'b', 'c'].includes(part)) v.params[part] = junk;
        else v[part] = junk;
        const r = validateScenario(v);
        expectWellWorded(r);
        // Whatever is accepted traces to a finite loss (numbers are bounded by LIMITS.magnitude).
        if (r.ok) {
          expect(r.dims.n).toBe(d.n);
          expect(Number.isFinite(computeTrace(toModel(r.scenario)).loss)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
