import { LIMITS } from './limits';
import { validateLesson, type LessonStop } from './lesson';
import { describeValue as describe, ruleError, ruleText, type ErrorParams, type ErrorRule, type ErrorWhat as What, type SizeName } from './messages';
import type { Dims, Scenario, ScenarioError, ValidationResult } from './types';

/** At most this many errors are reported: the first ones are the useful ones. */
const MAX_ERRORS = 8;

class Refusal extends Error {}

/** Collects errors; stops the walk once MAX_ERRORS are gathered. */
class Errors {
  readonly list: ScenarioError[] = [];
  add<R extends ErrorRule>(field: string, rule: R, params: ErrorParams<R>): void {
    this.push(ruleError(field, rule, params));
  }
  push(err: ScenarioError): void {
    this.list.push(err);
    if (this.list.length >= MAX_ERRORS) throw new Refusal();
  }
}



/**
 * The field a size is read from, named in every message about a field that
 * disagrees with it: the user is sent to both, since either may be the wrong one.
 */
interface From {
  size: SizeName;
  by: string;
}
const FROM: Record<SizeName, From> = {
  T: { size: 'T', by: 'x' },
  m: { size: 'm', by: 'x[0]' },
  n: { size: 'n', by: 'params.W' },
  k: { size: 'k', by: 'params.V' },
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Checks a vector of `len` finite numbers, `len` read from `from`; returns false when its shape is wrong. */
function checkVector(e: Errors, field: string, v: unknown, len: number, what: What, from: From): boolean {
  if (!Array.isArray(v)) {
    e.add(field, 'vectorNotList', { len, what, got: describe(v) });
    return false;
  }
  if (v.length !== len) {
    e.add(field, 'vectorLength', { count: v.length, len, ...from });
    return false;
  }
  checkNumbers(e, field, v);
  return true;
}

function checkNumbers(e: Errors, field: string, row: unknown[]): void {
  for (let j = 0; j < row.length; j++) {
    const x = row[j];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      e.add(`${field}[${j}]`, 'notFinite', { got: describe(x) });
    } else if (Math.abs(x) > LIMITS.magnitude) {
      e.add(`${field}[${j}]`, 'pastLimit', { value: x, limit: LIMITS.magnitude.toExponential(0).replace('+', '') });
    }
  }
}

/** Checks a rows × cols matrix of finite numbers, row by row; its sizes are read from the fields `rowsFrom` and `colsFrom`. */
function checkMatrix(e: Errors, field: string, v: unknown, [rows, rowsFrom]: [number, From], [cols, colsFrom]: [number, From], what: What): void {
  if (!Array.isArray(v)) {
    e.add(field, 'matrixNotList', { rows, cols, what, got: describe(v) });
    return;
  }
  if (v.length !== rows) {
    e.add(field, 'matrixRows', { count: v.length, rows, ...rowsFrom });
    return;
  }
  for (let i = 0; i < rows; i++) {
    const row: unknown = v[i];
    if (!Array.isArray(row)) {
      e.add(field, 'rowNotList', { row: i, got: describe(row), cols });
      continue;
    }
    if (row.length !== cols) {
      e.add(field, 'rowLength', { row: i, count: row.length, cols, ...colsFrom });
      continue;
    }
    checkNumbers(e, `${field}[${i}]`, row);
  }
}

function checkLabels(e: Errors, field: string, v: unknown, len: number, what: What, from: From): void {
  if (v === undefined) return;
  if (!Array.isArray(v)) {
    e.add(field, 'labelsNotList', { len, what, got: describe(v) });
    return;
  }
  if (v.length !== len) {
    e.add(field, 'labelsLength', { count: v.length, len, ...from });
    return;
  }
  v.forEach((s, j) => {
    if (typeof s !== 'string') e.add(`${field}[${j}]`, 'notString', { got: describe(s) });
    else if (s.length > LIMITS.text) e.add(`${field}[${j}]`, 'tooLong', { limit: LIMITS.text });
  });
}

/**
 * A key of the input in a field's name: `.name` when it reads as one, else
 * quoted and clipped (`["a b"]`), so that whatever a file holds its message
 * stays one short line that names where to look.
 */
function keyPath(key: string): string {
  if (/^[A-Za-z_$][\w$]{0,39}$/.test(key)) return `.${key}`;
  return `[${JSON.stringify(Array.from(key).length > 20 ? Array.from(key).slice(0, 20).join('') + '…' : key)}]`;
}

/** The rules of a trace's options (E3, E4), worded for a message `FIELD: RULE, got VALUE` (the catalogue's, without the value). */
export const OPTION_RULES = {
  truncate: ruleText({ rule: 'truncate', params: { got: '' } }).replace(/, got $/, ''),
  clip: ruleText({ rule: 'clip', params: { got: '' } }).replace(/, got $/, ''),
} as const;

/**
 * The errors of a scenario's `options` (E3's truncate K, an integer ≥ 1; E4's
 * clip C, a finite number > 0), each naming its field (`options.truncate`);
 * none for a valid value. An unknown option is refused, not ignored: it would
 * change the gradients the lecturer meant to show.
 */
export function traceOptionErrors(v: unknown): ScenarioError[] {
  const out: ScenarioError[] = [];
  if (!isRecord(v)) {
    out.push(ruleError('options', 'optionsNotObject', { got: describe(v) }));
    return out;
  }
  for (const key of Object.keys(v)) {
    if (key === 'truncate') {
      const K = v.truncate;
      if (K !== undefined && (typeof K !== 'number' || !Number.isInteger(K) || K < 1)) {
        out.push(ruleError('options.truncate', 'truncate', { got: describe(K) }));
      }
    } else if (key === 'clip') {
      const C = v.clip;
      if (C !== undefined && (typeof C !== 'number' || !Number.isFinite(C) || C <= 0)) {
        out.push(ruleError('options.clip', 'clip', { got: describe(C) }));
      }
    } else {
      out.push(ruleError(`options${keyPath(key)}`, 'unknownOption', {}));
    }
  }
  return out;
}

/** Length of the first dimension of a list, or undefined (with an error) when it is not one. */
function listLength(e: Errors, field: string, v: unknown, what: What): number | undefined {
  if (v === undefined) {
    e.add(field, 'missing', { what });
    return undefined;
  }
  if (!Array.isArray(v)) {
    e.add(field, 'notList', { what, got: describe(v) });
    return undefined;
  }
  return v.length;
}

/** A size (T, m, n, k) between 1 and its limit; the message says what it counts. */
function checkSize(e: Errors, field: string, name: keyof Dims, value: number): boolean {
  const limit = LIMITS[name];
  if (value < 1) {
    e.add(field, 'sizeEmpty', { name, how: name });
    return false;
  }
  if (value > limit) {
    e.add(field, 'sizeLimit', { name, value, limit, how: name });
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
    e.add('scenario', 'notObject', { got: describe(input) });
    return fail();
  }
  const s = input;
  if (s.format !== 'bptt-scenario/1') {
    if (s.format === undefined) e.add('format', 'formatMissing', {});
    else e.add('format', 'formatWrong', { got: describe(s.format) });
  }
  if (s.title !== undefined) {
    if (typeof s.title !== 'string') e.add('title', 'notString', { got: describe(s.title) });
    else if (s.title.length > LIMITS.text) e.add('title', 'tooLong', { limit: LIMITS.text });
  }

  // Sizes first: every shape rule below refers to them.
  const T = listLength(e, 'x', s.x, 'xRows');
  let m: number | undefined;
  if (T !== undefined && checkSize(e, 'x', 'T', T)) {
    const first: unknown = (s.x as unknown[])[0];
    if (Array.isArray(first)) m = first.length;
    else e.add('x', 'firstRow', { got: describe(first) });
    if (m !== undefined && !checkSize(e, 'x', 'm', m)) m = undefined;
  }
  // x's own shape before the parameters': a ragged x is reported on x, not as a U of the wrong width.
  if (T !== undefined && m !== undefined) checkMatrix(e, 'x', s.x, [T, FROM.T], [m, FROM.m], 'xMatrix');

  let n: number | undefined;
  let k: number | undefined;
  const p = s.params;
  if (!isRecord(p)) {
    if (p === undefined) e.add('params', 'paramsMissing', {});
    else e.add('params', 'paramsNotObject', { got: describe(p) });
  } else {
    const nW = listLength(e, 'params.W', p.W, 'W');
    if (nW !== undefined && checkSize(e, 'params.W', 'n', nW)) n = nW;
    const kV = listLength(e, 'params.V', p.V, 'V');
    if (kV !== undefined && checkSize(e, 'params.V', 'k', kV)) k = kV;
    if (n !== undefined) {
      checkMatrix(e, 'params.W', p.W, [n, FROM.n], [n, FROM.n], 'W');
      if (m !== undefined) checkMatrix(e, 'params.U', p.U, [n, FROM.n], [m, FROM.m], 'U');
      else if (p.U === undefined) e.add('params.U', 'missing', { what: 'U' });
      checkVector(e, 'params.b', p.b, n, 'b', FROM.n);
      if (s.h0 !== undefined) checkVector(e, 'h0', s.h0, n, 'h0', FROM.n);
    }
    if (k !== undefined && n !== undefined) checkMatrix(e, 'params.V', p.V, [k, FROM.k], [n, FROM.n], 'V');
    if (k !== undefined) checkVector(e, 'params.c', p.c, k, 'c', FROM.k);
  }

  if (T !== undefined) {
    const ylen = listLength(e, 'y', s.y, 'y');
    if (ylen !== undefined && ylen !== T) {
      e.add('y', 'targets', { count: ylen, T, by: FROM.T.by });
    } else if (ylen !== undefined && k !== undefined) {
      (s.y as unknown[]).forEach((v, t) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= k) {
          e.add(`y[${t}]`, 'classIndex', { got: describe(v), max: k - 1, by: FROM.k.by });
        }
      });
    }
  }

  if (m !== undefined) checkLabels(e, 'inputLabels', s.inputLabels, m, 'inputLabels', FROM.m);
  if (k !== undefined) checkLabels(e, 'outputLabels', s.outputLabels, k, 'outputLabels', FROM.k);
  if (s.options !== undefined) for (const err of traceOptionErrors(s.options)) e.push(err);
  let lesson: LessonStop[] | undefined;
  if (s.lesson !== undefined && T !== undefined) {
    const l = validateLesson(s.lesson, T);
    if (l.ok) lesson = l.lesson;
    else e.push({ field: l.field, message: l.message, rule: l.rule, params: l.params });
  }

  if (e.list.length > 0 || T === undefined || m === undefined || n === undefined || k === undefined) {
    if (e.list.length === 0) e.add('scenario', 'incomplete', {});
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
    return { ok: false, errors: [ruleError('file', 'notJson', { why })] };
  }
  return validateScenario(value);
}
