/**
 * The headless command line: the `bptt-trace/1` trace (or the explicit
 * `bptt-scenario/1` scenario) of a scenario file, a preset or a generated
 * character model, as JSON on stdout. See `--help`, docs/formats.md.
 *
 *   npm run -s trace -- FILE.json            the trace of a scenario file (- reads stdin)
 *   npm run -s trace -- --preset hello       the trace of a preset
 *   npm run -s trace -- --text "abcab" --seed 3 --scenario > s.json
 *   npm run -s trace -- FILE.json --truncate 5 --clip 1   truncated BPTT (E3), clipping (E4)
 *   npm run -s trace -- FILE.json --train 20 --lr 0.05    bptt-training/1: 20 steps of E5
 *
 * Bad input of any kind exits with status 2 and one line on stderr naming the
 * field (the first validation error), nothing on stdout. Never a stack trace.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  charModel,
  computeTrace,
  GenerateError,
  MAX_ITERATIONS,
  OPTION_RULES,
  parseScenario,
  presetScenario,
  PRESETS,
  scenarioToFile,
  toModel,
  traceToFile,
  train,
  trainingToFile,
  TRAIN_RULES,
  validateScenario,
  type CharModelOptions,
  type Scenario,
  type TraceOptions,
} from '../src/core/index.ts';

const USAGE = `Usage: npm run -s trace -- [INPUT] [OPTIONS]

Prints the bptt-trace/1 trace of a scenario as JSON on stdout: every number of
the forward pass (F1–F5), the backward pass (B1–B5), the gradients (G1–G5) and
the influence triangle (E1), at full float64 precision (docs/formats.md).

Input (exactly one):
  FILE                a bptt-scenario/1 file (relative to the directory npm was run from)
  -                   a bptt-scenario/1 scenario read from stdin
  --preset ID         a preset: ${PRESETS.map((p) => p.id).join(', ')}
  --text TEXT         a character model of TEXT (predict the next character)

Generation (with --preset or --text: regenerates a character model, 2 decimals,
from the preset's options overridden by these; defaults text "hello", hidden 3,
scale 1, seed 0):
  --text TEXT         the text (at least 2 characters)
  --hidden N          hidden size n, a whole number 1…128
  --scale X           weights uniform in [−X, X], 0…100
  --seed N            seed of the generator, a whole number

Backward pass (override the scenario's "options"; docs/model.md E3, E4):
  --truncate K        truncated BPTT: each loss reaches back at most K − 1 steps,
                      an integer ≥ 1 (K ≥ T is full BPTT)
  --clip C            clip the gradients to global norm C, a number > 0; the trace
                      then also has grads_unclipped and grad_norm

Training (docs/model.md E5):
  --train N --lr ETA  print the bptt-training/1 run of N steps (0 … ${MAX_ITERATIONS}) of
                      gradient descent at rate ETA > 0 instead of the trace: the N + 1
                      losses and the final parameters (with the options above)

Output:
  --scenario          print the explicit scenario instead of its trace (it can be
                      saved and fed back as FILE: same numbers; with its options)
  --compact           one line instead of indented JSON
  --help              this text

Exit status: 0 on success, 2 on bad input (one line on stderr naming the field
or the option).
`;

/** Bad input: exit 2 with this one line on stderr. */
class BadInput extends Error {}

/** Defaults of a generated character model when neither a preset nor an option gives them. */
const GEN_DEFAULTS = { text: 'hello', hidden: 3, scale: 1, seed: 0 };

type GenKey = 'text' | 'hidden' | 'scale' | 'seed';
const GEN_KEYS: readonly GenKey[] = ['text', 'hidden', 'scale', 'seed'];

type RunKey = 'truncate' | 'clip' | 'train' | 'lr';
const RUN_KEYS: readonly RunKey[] = ['truncate', 'clip', 'train', 'lr'];

interface Args {
  help: boolean;
  scenario: boolean;
  compact: boolean;
  file?: string;
  preset?: string;
  gen: Partial<Record<GenKey, string>>;
  run: Partial<Record<RunKey, string>>;
}

const FLAGS = ['help', 'scenario', 'compact'] as const;
const VALUED = ['preset', ...GEN_KEYS, ...RUN_KEYS] as const;

function parseArgs(argv: string[]): Args {
  const args: Args = { help: false, scenario: false, compact: false, gen: {}, run: {} };
  const seen = new Set<string>();
  const files: string[] = [];
  let onlyFiles = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (onlyFiles || arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyFiles = true;
      continue;
    }
    if (arg === '-h') {
      args.help = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') ? arg.slice(2, eq < 0 ? undefined : eq) : '';
    if ((FLAGS as readonly string[]).includes(name)) {
      if (eq >= 0) throw new BadInput(`bad option: --${name} takes no value`);
      args[name as (typeof FLAGS)[number]] = true;
      continue;
    }
    if (!(VALUED as readonly string[]).includes(name)) {
      throw new BadInput(`bad option: ${JSON.stringify(eq < 0 ? arg : arg.slice(0, eq))} is not an option (see --help)`);
    }
    if (seen.has(name)) throw new BadInput(`bad option: --${name} is given twice`);
    seen.add(name);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else if (i + 1 < argv.length) value = argv[++i];
    else throw new BadInput(`bad option: --${name} needs a value`);
    if (name === 'preset') args.preset = value;
    else if ((RUN_KEYS as readonly string[]).includes(name)) args.run[name as RunKey] = value;
    else args.gen[name as GenKey] = value;
  }
  if (files.length > 1) throw new BadInput(`bad usage: one input file only, got ${files.length} (${files.join(' ')})`);
  args.file = files[0];
  return args;
}

/** A decimal number (as typed on a command line: no hex, no empty string). */
function parseNumber(name: string, v: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim())) {
    throw new BadInput(`bad option: --${name}: ${JSON.stringify(v)} is not a number`);
  }
  return Number(v);
}

/** A whole number as typed (digits only), checked by `ok`; else the option's rule, naming it. */
function parseInteger(name: RunKey, v: string, rule: string, ok: (x: number) => boolean): number {
  const x = Number(v.trim());
  if (!/^\+?\d+$/.test(v.trim()) || !Number.isSafeInteger(x) || !ok(x)) {
    throw new BadInput(`bad option: --${name}: ${rule}, got ${JSON.stringify(v)}`);
  }
  return x;
}

/** A decimal number > 0, else the option's rule, naming it. */
function parsePositive(name: RunKey, v: string, rule: string): number {
  const x = Number(v.trim());
  if (!/^[+]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v.trim()) || !Number.isFinite(x) || x <= 0) {
    throw new BadInput(`bad option: --${name}: ${rule}, got ${JSON.stringify(v)}`);
  }
  return x;
}

/** The trace options (E3, E4) given by --truncate and --clip. */
function cliOptions(args: Args): TraceOptions {
  const out: TraceOptions = {};
  const { truncate, clip } = args.run;
  if (truncate !== undefined) out.truncate = parseInteger('truncate', truncate, OPTION_RULES.truncate, (x) => x >= 1);
  if (clip !== undefined) out.clip = parsePositive('clip', clip, OPTION_RULES.clip);
  return out;
}

/** --train N and --lr ETA (both or neither), or undefined for a trace. */
function trainSettings(args: Args): { iterations: number; lr: number } | undefined {
  const { train: n, lr } = args.run;
  if (n === undefined && lr === undefined) return undefined;
  if (n === undefined) throw new BadInput('bad option: --lr needs --train N (the number of steps)');
  if (lr === undefined) throw new BadInput('bad option: --train needs --lr ETA (the learning rate)');
  if (args.scenario) throw new BadInput('bad usage: --train prints a training run, --scenario a scenario: give one');
  return {
    iterations: parseInteger('train', n, TRAIN_RULES.iterations, (x) => x <= MAX_ITERATIONS),
    lr: parsePositive('lr', lr, TRAIN_RULES.lr),
  };
}

/** The options of a generated character model, or undefined when nothing is to be generated. */
function genOptions(args: Args): CharModelOptions | undefined {
  const given = GEN_KEYS.filter((key) => args.gen[key] !== undefined);
  if (given.length === 0) return undefined;
  if (args.preset === undefined && args.gen.text === undefined) {
    throw new BadInput(`bad option: --${given[0]} needs --preset or --text (a character model to generate)`);
  }
  const base = (args.preset !== undefined && PRESETS.find((p) => p.id === args.preset)?.gen) || GEN_DEFAULTS;
  const { text, hidden, scale, seed } = args.gen;
  return {
    text: text ?? base.text,
    hidden: hidden === undefined ? base.hidden : parseNumber('hidden', hidden),
    scale: scale === undefined ? base.scale : parseNumber('scale', scale),
    seed: seed === undefined ? base.seed : parseNumber('seed', seed),
    decimals: 2,
  };
}

/** One-line description of a failed read. */
function readError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** The scenario the arguments ask for, validated like any file (generated ones too), or a BadInput. */
async function loadScenario(args: Args): Promise<Scenario> {
  const input = await scenarioInput(args);
  // A file's syntax error is worded by parseScenario (on the field `file`).
  const v = 'text' in input ? parseScenario(input.text) : validateScenario(input.value);
  if (!v.ok) throw new BadInput(`bad scenario: ${v.errors[0].message}`);
  return v.scenario;
}

/** What the arguments ask for, unvalidated: a file's text, or a preset or a character model. */
async function scenarioInput(args: Args): Promise<{ text: string } | { value: unknown }> {
  const inputs = [args.file !== undefined, args.preset !== undefined, args.gen.text !== undefined && args.preset === undefined];
  if (inputs.filter(Boolean).length > 1) {
    throw new BadInput('bad usage: give one input: FILE, - (stdin), --preset ID or --text TEXT');
  }
  if (args.preset !== undefined && !PRESETS.some((p) => p.id === args.preset)) {
    const known = PRESETS.map((p) => p.id).join(', ');
    throw new BadInput(`bad option: --preset: unknown preset ${JSON.stringify(args.preset)} (known: ${known})`);
  }
  const gen = genOptions(args);
  if (gen) {
    try {
      return { value: charModel(gen) };
    } catch (err) {
      // GenerateError messages start with the option's name: "hidden: 0 is not …".
      if (err instanceof GenerateError) throw new BadInput(`bad option: --${err.message}`);
      throw err;
    }
  }
  if (args.preset !== undefined) return { value: presetScenario(args.preset) };
  if (args.file === undefined) {
    throw new BadInput('bad usage: no input: give FILE, - (stdin), --preset ID or --text TEXT (see --help)');
  }

  let text: string;
  if (args.file === '-') {
    try {
      text = await readStdin();
    } catch (err) {
      throw new BadInput(`bad file: stdin: ${readError(err)}`);
    }
  } else {
    const path = resolve(process.env.INIT_CWD || process.cwd(), args.file);
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      throw new BadInput(`bad file: ${args.file}: ${readError(err)}`);
    }
  }
  // A byte-order mark (some editors write one) is not JSON.
  return { text: text.replace(/^\uFEFF/, '') };
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function fail(line: string, status: number): void {
  process.stderr.write(oneLine(line) + '\n');
  process.exitCode = status;
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }
  // Options are checked before the input is read: a bad one is reported whatever the file.
  const settings = trainSettings(args);
  const overrides = cliOptions(args);
  const scenario = await loadScenario(args);
  const options: TraceOptions = { ...scenario.options, ...overrides };
  const hasOptions = options.truncate !== undefined || options.clip !== undefined;
  let value: unknown;
  if (args.scenario) {
    value = scenarioToFile(hasOptions ? { ...scenario, options } : scenario);
  } else if (settings) {
    const result = train(toModel(scenario), { ...settings, options });
    const bad = result.loss.findIndex((L) => !Number.isFinite(L));
    if (bad >= 0) {
      throw new BadInput(`bad option: --lr: ${args.run.lr} diverges (the loss is ${result.loss[bad]} after ${bad} step${bad === 1 ? '' : 's'}); try a smaller rate`);
    }
    value = trainingToFile(result, { ...settings, options });
  } else {
    value = traceToFile(computeTrace(toModel(scenario), options));
  }
  const text = args.compact ? JSON.stringify(value) : JSON.stringify(value, null, 1);
  // Written in full before the process ends: exitCode, not process.exit().
  process.stdout.write(text + '\n');
}

// A closed pipe (`… | head`) is not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exitCode ??= 0;
  else fail(`error: stdout: ${err.message}`, 1);
});

main(process.argv.slice(2)).then(
  () => {
    process.exitCode ??= 0;
  },
  (err: unknown) => {
    if (err instanceof BadInput) fail(err.message, 2);
    else fail(`internal error: ${err instanceof Error ? err.message : String(err)}`, 1);
  },
);
