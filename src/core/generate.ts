import { LIMITS } from './limits';
import { ruleError, type ErrorParams, type ErrorRule, type RuleError } from './messages';
import { createRng, type Rng } from './prng';
import type { Scenario } from './types';

/** Options of a generated character model. */
export interface CharModelOptions {
  /** The text: x^(t) is its t-th character, y^(t) the next one (so T = length − 1). */
  text: string;
  /** Hidden size n. */
  hidden: number;
  /** Weights are drawn uniformly from [−scale, scale]. */
  scale: number;
  /** Integer seed of the generator. */
  seed: number;
  /** Decimals kept in the weights (readable numbers in the formulas); omit for full precision. */
  decimals?: number;
  title?: string;
}

/**
 * Thrown for options no scenario can be made from: the message (English) names
 * the option; `error` holds the rule's code for the app's languages.
 */
export class GenerateError extends Error {
  readonly error: RuleError;
  constructor({ field, rule, params, message }: RuleError & { message: string }) {
    super(message);
    this.error = { field, rule, params };
  }
}

function refuse<R extends ErrorRule>(field: string, rule: R, params: ErrorParams<R>): never {
  throw new GenerateError(ruleError(field, rule, params));
}

function uniformMatrix(rng: Rng, rows: number, cols: number, scale: number, decimals?: number): number[][] {
  const f = decimals === undefined ? 0 : 10 ** decimals;
  const out: number[][] = [];
  for (let i = 0; i < rows; i++) {
    const row: number[] = [];
    for (let j = 0; j < cols; j++) {
      const v = scale * (2 * rng.next() - 1);
      // + 0 turns a rounded −0 into 0, which JSON would print as 0 anyway.
      row.push(decimals === undefined ? v : Math.round(v * f) / f + 0);
    }
    out.push(row);
  }
  return out;
}

/**
 * The default title, `“text”: predict the next character`, with the quoted text
 * cut short (…) when needed so the title stays within LIMITS.text (measured as
 * validateScenario measures it, in UTF-16 code units; never splitting a character).
 */
function defaultTitle(text: string): string {
  const head = '“';
  const tail = '”: predict the next character';
  if (head.length + text.length + tail.length <= LIMITS.text) return head + text + tail;
  const room = LIMITS.text - head.length - tail.length - 1; // 1 for the ellipsis
  let quoted = '';
  for (const ch of text) {
    if (quoted.length + ch.length > room) break;
    quoted += ch;
  }
  return `${head}${quoted}…${tail}`;
}

function checkInt(name: string, v: number, lo: number, hi: number): void {
  if (!Number.isInteger(v) || v < lo || v > hi) refuse(name, 'wholeNumberIn', { value: v, lo, hi });
}

/**
 * A character model from a text: vocabulary = the text's distinct characters in
 * order of first appearance (m = k), x^(t) = one-hot of character t, y^(t) = index
 * of character t + 1, h^(0) = 0, weights U, W, V uniform in [−scale, scale] from
 * the seeded generator (U first, then W, then V), biases b = c = 0.
 * The scenario feeds F1–F5 like any other; the same options give the same numbers everywhere.
 */
export function charModel(opts: CharModelOptions): Scenario {
  const chars = Array.from(opts.text);
  if (chars.length < 2) refuse('text', 'textShort', {});
  if (chars.length - 1 > LIMITS.T) refuse('text', 'textLong', { count: chars.length, T: chars.length - 1, limit: LIMITS.T });
  checkInt('hidden', opts.hidden, 1, LIMITS.n);
  if (!Number.isFinite(opts.scale) || opts.scale < 0 || opts.scale > 100) refuse('scale', 'numberIn', { value: opts.scale, lo: 0, hi: 100 });
  if (!Number.isSafeInteger(opts.seed)) refuse('seed', 'wholeNumber', { value: opts.seed });
  if (opts.title !== undefined && opts.title.length > LIMITS.text) refuse('title', 'tooLong', { limit: LIMITS.text });
  const vocab: string[] = [];
  for (const ch of chars) if (!vocab.includes(ch)) vocab.push(ch);
  const m = vocab.length;
  if (m > LIMITS.m) refuse('text', 'vocabulary', { count: m, limit: LIMITS.m });
  const n = opts.hidden;
  const oneHot = (ch: string): number[] => vocab.map((v) => (v === ch ? 1 : 0));
  const rng = createRng(opts.seed);
  const { scale, decimals } = opts;
  return {
    format: 'bptt-scenario/1',
    title: opts.title ?? defaultTitle(opts.text),
    inputLabels: vocab,
    outputLabels: vocab,
    x: chars.slice(0, -1).map(oneHot),
    y: chars.slice(1).map((ch) => vocab.indexOf(ch)),
    h0: new Array<number>(n).fill(0),
    params: {
      U: uniformMatrix(rng, n, m, scale, decimals),
      W: uniformMatrix(rng, n, n, scale, decimals),
      V: uniformMatrix(rng, m, n, scale, decimals),
      b: new Array<number>(n).fill(0),
      c: new Array<number>(m).fill(0),
    },
  };
}

/** Options of a generated dense scenario (tests, benchmarks). */
export interface RandomOptions {
  T: number;
  n: number;
  m: number;
  k: number;
  scale: number;
  seed: number;
  /** One-hot inputs (a character model's x) instead of dense uniform ones. */
  oneHot?: boolean;
}

/**
 * A scenario of any sizes: weights, biases, h^(0) and (unless one-hot) inputs
 * uniform in [−scale, scale]; targets uniform over the k classes. Input to F1–F5.
 */
export function randomScenario(o: RandomOptions): Scenario {
  const rng = createRng(o.seed);
  const x = o.oneHot
    ? Array.from({ length: o.T }, () => {
        const row = new Array<number>(o.m).fill(0);
        row[rng.int(o.m)] = 1;
        return row;
      })
    : uniformMatrix(rng, o.T, o.m, 1);
  return {
    format: 'bptt-scenario/1',
    title: `random T=${o.T} n=${o.n} m=${o.m} k=${o.k} scale=${o.scale} seed=${o.seed}`,
    x,
    y: Array.from({ length: o.T }, () => rng.int(o.k)),
    h0: uniformMatrix(rng, 1, o.n, 0.5)[0],
    params: {
      U: uniformMatrix(rng, o.n, o.m, o.scale),
      W: uniformMatrix(rng, o.n, o.n, o.scale),
      V: uniformMatrix(rng, o.k, o.n, o.scale),
      b: uniformMatrix(rng, 1, o.n, o.scale)[0],
      c: uniformMatrix(rng, 1, o.k, o.scale)[0],
    },
  };
}
