/**
 * Any JSON value, and above all one close to a scenario (a valid scenario
 * with a few of its parts, at any depth, replaced by arbitrary JSON or
 * removed): validateScenario accepts it with sizes its arrays really have and
 * a finite loss, or refuses it with errors that each name a field of the
 * input by its path (`params.W[1][2]`, `lesson[0].step`) and the rule broken.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeTrace, toModel, validateScenario, type ScenarioError } from '../../src/core';
import { ruleText } from '../../src/core/messages';

const vec = (len: number) => fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: len, maxLength: len });
const mat = (r: number, c: number) => fc.array(vec(c), { minLength: r, maxLength: r });
const base = fc
  .record({ T: fc.integer({ min: 1, max: 4 }), n: fc.integer({ min: 1, max: 3 }), m: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 1, max: 3 }) })
  .chain((d) =>
    fc.record({
      format: fc.constant('bptt-scenario/1'),
      title: fc.string({ maxLength: 10 }),
      x: mat(d.T, d.m),
      y: fc.array(fc.integer({ min: 0, max: d.k - 1 }), { minLength: d.T, maxLength: d.T }),
      h0: vec(d.n),
      inputLabels: fc.array(fc.string({ maxLength: 3 }), { minLength: d.m, maxLength: d.m }),
      outputLabels: fc.array(fc.string({ maxLength: 3 }), { minLength: d.k, maxLength: d.k }),
      options: fc.constant({ truncate: 2 }),
      lesson: fc.constant([{ step: 'END', note: 'the end' }]),
      params: fc.record({ U: mat(d.n, d.m), W: mat(d.n, d.n), V: mat(d.k, d.n), b: vec(d.n), c: vec(d.k) }),
    }),
  );

type Path = (string | number)[];
/** Every path into a JSON value (its containers' keys and indices), the root included. */
function paths(v: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}
function setAt(root: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  let o = root as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) o = o[p] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove && !Array.isArray(o)) delete o[last];
  else o[last] = value;
  return root;
}

/** A valid scenario with 1–4 edits at random places: a subtree replaced by arbitrary JSON, or a key removed. */
const nearArb = fc
  .tuple(base, fc.array(fc.tuple(fc.nat(), fc.jsonValue({ maxDepth: 2 }), fc.boolean()), { minLength: 1, maxLength: 4 }))
  .map(([s, edits]) => {
    let v: unknown = structuredClone(s);
    for (const [at, junk, remove] of edits) {
      const ps = paths(v);
      v = setAt(v, ps[at % ps.length], junk, remove);
    }
    return v;
  });

/** Parses a field's name (`params.W[1][2]`, `lesson[0].step`, `options["a b"]`) into its path; throws on any other form. */
function parseField(field: string): Path {
  const out: Path = [];
  const re = /^(?:\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  for (let rest = field; rest; ) {
    const m = re.exec(rest);
    if (!m) throw new Error(`a field name of no known form: ${JSON.stringify(field)}`);
    out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3]) as string)));
    rest = rest.slice(m[0].length);
  }
  return out;
}
/** Whether the input has a container at the path's parent: the field itself may be what is missing. */
function parentExists(root: unknown, path: Path): boolean {
  let o: unknown = root;
  for (const p of path.slice(0, -1)) {
    if (!o || typeof o !== 'object') return false;
    o = (o as Record<string | number, unknown>)[p];
  }
  return !!o && typeof o === 'object';
}

function expectNamed(input: unknown, e: ScenarioError): void {
  expect(e.rule, e.message).toBeDefined();
  expect(e.message.startsWith(e.field), e.message).toBe(true);
  expect(e.field.length, e.field).toBeLessThanOrEqual(60);
  // The message is the rule's own words after the field.
  expect(e.message.endsWith(ruleText({ rule: e.rule!, params: e.params ?? {} })), e.message).toBe(true);
  if (e.field === 'scenario') {
    expect(input === null || typeof input !== 'object' || Array.isArray(input) || e.rule === 'incomplete', e.message).toBe(true);
    return;
  }
  expect(parentExists(input, parseField(e.field)), `${e.field} is no field of the input: ${e.message}`).toBe(true);
}

describe('validateScenario on any JSON: a valid scenario or errors each naming a field of the input', () => {
  it('values close to a scenario', () => {
    let accepted = 0;
    fc.assert(
      fc.property(nearArb, (v) => {
        const r = validateScenario(v);
        if (r.ok) {
          accepted++;
          const s = r.scenario;
          expect(r.dims).toEqual({ T: s.x.length, m: s.x[0].length, n: s.params.W.length, k: s.params.V.length });
          expect(Number.isFinite(computeTrace(toModel(s)).loss)).toBe(true);
          return;
        }
        expect(r.errors.length).toBeGreaterThan(0);
        for (const e of r.errors) expectNamed(v, e);
      }),
      { numRuns: 1500 },
    );
    // Some edits leave a valid scenario (a title or a label replaced by a string, a number by a number).
    expect(accepted).toBeGreaterThan(0);
  });

  it('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const r = validateScenario(v);
        expect(r.ok).toBe(false);
        if (!r.ok) for (const e of r.errors) expectNamed(v, e);
      }),
      { numRuns: 500 },
    );
  });
});
