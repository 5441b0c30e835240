import { LIMITS } from './limits';
import { validateLesson, type LessonStop } from './lesson';
import type { Dims, Scenario, ScenarioError, ValidationResult } from './types';

/** At most this many errors are reported: the first ones are the useful ones. */
const MAX_ERRORS = 8;

class Refusal extends Error {}

/** Collects errors; stops the walk once MAX_ERRORS are gathered. */
class Errors {
  readonly list: ScenarioError[] = [];
  add(field: string, rule: string): void {
    this.list.push({ field, message: `${field}: ${rule}` });
    if (this.list.length >= MAX_ERRORS) throw new Refusal();
  }
  /** A message whose text already names the field (e.g. `y[5] = 7 is not …`). */
  addRaw(field: string, message: string): void {
    this.list.push({ field, message });
    if (this.list.length >= MAX_ERRORS) throw new Refusal();
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v);
  if (typeof v === 'number') return String(v);
  return typeof v === 'object' ? 'an object' : typeof v;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a vector of `len` finite numbers; returns false when its shape is wrong. */
function checkVector(e: Errors, field: string, v: unknown, len: number, what: string): boolean {
  if (!Array.isArray(v)) {
    e.add(field, `expected a list of ${len} numbers (${what}), got ${describe(v)}`);
    return false;
  }
  if (v.length !== len) {
    e.add(field, `has ${v.length} numbers, expected ${len} (${what})`);
    return false;
  }
  checkNumbers(e, field, v);
  return true;
}

function checkNumbers(e: Errors, field: string, row: unknown[]): void {
  for (let j = 0; j < row.length; j++) {
    const x = row[j];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      e.add(`${field}[${j}]`, `${describe(x)} is not a finite number`);
    } else if (Math.abs(x) > LIMITS.magnitude) {
      e.add(`${field}[${j}]`, `${x} is past the limit of ±${LIMITS.magnitude.toExponential(0).replace('+', '')} (larger numbers could overflow the logits)`);
    }
  }
}

/** Checks a rows × cols matrix of finite numbers, row by row. */
function checkMatrix(
  e: Errors,
  field: string,
  v: unknown,
  rows: number,
  cols: number,
  what: string,
): void {
  if (!Array.isArray(v)) {
    e.add(field, `expected a ${rows} × ${cols} matrix (${what}) as a list of rows, got ${describe(v)}`);
    return;
  }
  if (v.length !== rows) {
    e.add(field, `has ${v.length} rows, expected ${rows} (${what})`);
    return;
  }
  for (let i = 0; i < rows; i++) {
    const row: unknown = v[i];
    if (!Array.isArray(row)) {
      e.add(field, `row ${i} is ${describe(row)}, expected a list of ${cols} numbers`);
      continue;
    }
    if (row.length !== cols) {
      e.add(field, `row ${i} has ${row.length} numbers, expected ${cols}`);
      continue;
    }
    checkNumbers(e, `${field}[${i}]`, row);
  }
}

function checkLabels(e: Errors, field: string, v: unknown, len: number, what: string): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    e.add(field, `expected a list of ${len} strings (${what}), got ${describe(v)}`);
    return;
  }
  if (v.length !== len) {
    e.add(field, `has ${v.length} labels, expected ${len} (${what})`);
    return;
  }
  v.forEach((s, j) => {
    if (typeof s !== 'string') e.add(`${field}[${j}]`, `${describe(s)} is not a string`);
    else if (s.length > LIMITS.text) e.add(`${field}[${j}]`, `is longer than ${LIMITS.text} characters`);
  });
}

/** The rules of a trace's options (E3, E4), worded for a message `FIELD: RULE, got VALUE`. */
export const OPTION_RULES = {
  truncate: 'must be an integer ≥ 1',
  clip: 'must be a number > 0',
} as const;

/**
 * The errors of a scenario's `options` (E3's truncate K, an integer ≥ 1; E4's
 * clip C, a finite number > 0), each naming its field (`options.truncate`);
 * none for a valid value. An unknown option is refused, not ignored: it would
 * change the gradients the lecturer meant to show.
 */
export function traceOptionErrors(v: unknown): ScenarioError[] {
  const out: ScenarioError[] = [];
  const add = (field: string, rule: string) => out.push({ field, message: `${field}: ${rule}` });
  if (!isRecord(v)) {
    add('options', `expected an object with truncate and/or clip, got ${describe(v)}`);
    return out;
  }
  for (const key of Object.keys(v)) {
    if (key === 'truncate') {
      const K = v.truncate;
      if (K !== undefined && (typeof K !== 'number' || !Number.isInteger(K) || K < 1)) {
        add('options.truncate', `${OPTION_RULES.truncate}, got ${describe(K)}`);
      }
    } else if (key === 'clip') {
      const C = v.clip;
      if (C !== undefined && (typeof C !== 'number' || !Number.isFinite(C) || C <= 0)) {
        add('options.clip', `${OPTION_RULES.clip}, got ${describe(C)}`);
      }
    } else {
      add(`options.${key}`, 'is not an option (truncate, clip)');
    }
  }
  return out;
}

/** Length of the first dimension of a list, or undefined (with an error) when it is not one. */
function listLength(e: Errors, field: string, v: unknown, what: string): number | undefined {
  if (v === undefined) {
    e.add(field, `is missing (${what})`);
    return undefined;
  }
  if (!Array.isArray(v)) {
    e.add(field, `expected a list (${what}), got ${describe(v)}`);
    return undefined;
  }
  return v.length;
}

function checkSize(e: Errors, field: string, name: keyof Dims, value: number, how: string): boolean {
  const limit = LIMITS[name];
  if (value < 1) {
    e.add(field, `${name} = 0: ${how} must not be empty`);
    return false;
  }
  if (value > limit) {
    e.add(field, `${name} = ${value} exceeds the limit of ${limit} (${how})`);
    return false;
  }
  return true;
}

/**
 * Validates an untrusted value as a `bptt-scenario/1` scenario (docs/formats.md).
 * Sizes come from the data itself: T and m from `x`, n from `params.W`, k from
 * `params.V`; every other field must agree with them (shapes of model.md).
 * Each broken rule gives an error naming the field and the rule, never a throw.
 */
export function validateScenario(input: unknown): ValidationResult {
  const e = new Errors();
  try {
    return validateInto(e, input);
  } catch (err) {
    if (!(err instanceof Refusal)) throw err;
    return { ok: false, errors: e.list };
  }
}

function validateInto(e: Errors, input: unknown): ValidationResult {
  const fail = (): ValidationResult => ({ ok: false, errors: e.list });
  if (!isRecord(input)) {
    e.add('scenario', `expected a JSON object, got ${describe(input)}`);
    return fail();
  }
  const s = input;
  if (s.format !== 'bptt-scenario/1') {
    e.add('format', s.format === undefined ? 'is missing, expected "bptt-scenario/1"' : `is ${describe(s.format)}, expected "bptt-scenario/1"`);
  }
  if (s.title !== undefined) {
    if (typeof s.title !== 'string') e.add('title', `${describe(s.title)} is not a string`);
    else if (s.title.length > LIMITS.text) e.add('title', `is longer than ${LIMITS.text} characters`);
  }

  // Sizes first: every shape rule below refers to them.
  const T = listLength(e, 'x', s.x, 'T rows of m numbers, x^(1) … x^(T)');
  let m: number | undefined;
  if (T !== undefined && checkSize(e, 'x', 'T', T, 'the sequence, the rows of x')) {
    const first: unknown = (s.x as unknown[])[0];
    if (Array.isArray(first)) m = first.length;
    else e.add('x', `row 0 is ${describe(first)}, expected a list of numbers`);
    if (m !== undefined && !checkSize(e, 'x', 'm', m, 'the input size, the length of each row of x')) m = undefined;
  }
  // x's own shape before the parameters': a ragged x is reported on x, not as a U of the wrong width.
  if (T !== undefined && m !== undefined) checkMatrix(e, 'x', s.x, T, m, 'T × m, one row per step');

  let n: number | undefined;
  let k: number | undefined;
  const p = s.params;
  if (!isRecord(p)) {
    e.add('params', p === undefined ? 'is missing (U, W, V, b, c)' : `expected an object with U, W, V, b, c, got ${describe(p)}`);
  } else {
    const nW = listLength(e, 'params.W', p.W, 'n × n, hidden → hidden');
    if (nW !== undefined && checkSize(e, 'params.W', 'n', nW, 'the hidden size, the rows of W')) n = nW;
    const kV = listLength(e, 'params.V', p.V, 'k × n, hidden → output');
    if (kV !== undefined && checkSize(e, 'params.V', 'k', kV, 'the number of classes, the rows of V')) k = kV;
    if (n !== undefined) {
      checkMatrix(e, 'params.W', p.W, n, n, 'n × n, hidden → hidden');
      if (m !== undefined) checkMatrix(e, 'params.U', p.U, n, m, 'n × m, input → hidden');
      else if (p.U === undefined) e.add('params.U', 'is missing (n × m, input → hidden)');
      checkVector(e, 'params.b', p.b, n, 'n, the hidden bias');
      if (s.h0 !== undefined) checkVector(e, 'h0', s.h0, n, 'n, the initial hidden state');
    }
    if (k !== undefined && n !== undefined) checkMatrix(e, 'params.V', p.V, k, n, 'k × n, hidden → output');
    if (k !== undefined) checkVector(e, 'params.c', p.c, k, 'k, the output bias');
  }

  if (T !== undefined) {
    const ylen = listLength(e, 'y', s.y, 'T class indices, y^(1) … y^(T)');
    if (ylen !== undefined && ylen !== T) {
      e.add('y', `has ${ylen} targets, expected ${T} (one per row of x)`);
    } else if (ylen !== undefined && k !== undefined) {
      (s.y as unknown[]).forEach((v, t) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= k) {
          e.addRaw(`y[${t}]`, `y[${t}] = ${describe(v)} is not a class index 0…${k - 1}`);
        }
      });
    }
  }

  if (m !== undefined) checkLabels(e, 'inputLabels', s.inputLabels, m, 'one per input, m');
  if (k !== undefined) checkLabels(e, 'outputLabels', s.outputLabels, k, 'one per class, k');
  if (s.options !== undefined) for (const err of traceOptionErrors(s.options)) e.addRaw(err.field, err.message);
  let lesson: LessonStop[] | undefined;
  if (s.lesson !== undefined && T !== undefined) {
    const l = validateLesson(s.lesson, T);
    if (l.ok) lesson = l.lesson;
    else e.addRaw(l.field, l.message);
  }

  if (e.list.length > 0 || T === undefined || m === undefined || n === undefined || k === undefined) {
    if (e.list.length === 0) e.add('scenario', 'is incomplete');
    return fail();
  }
  const scenario = (lesson ? { ...s, lesson } : s) as unknown as Scenario;
  return { ok: true, scenario, dims: { T, n, m, k } };
}

/** Parses JSON text and validates it; a syntax error is reported on the field `file`. */
export function parseScenario(text: string): ValidationResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [{ field: 'file', message: `file: not valid JSON (${why})` }] };
  }
  return validateScenario(value);
}
