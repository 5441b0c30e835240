/**
 * The command line (scripts/trace.ts), run as a child process the way
 * `npm run -s trace -- …` runs it. Each spawn costs ~0.3 s, so they are few
 * and run concurrently where they do not depend on each other.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, expectClose, readJson } from '../core/helpers';
import { computeTrace, toModel, train, trainingToFile, traceToFile, type Scenario } from '../../src/core';

const ROOT = join(import.meta.dirname, '..', '..');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from the repo root (as npm does); INIT_CWD unset unless given. */
function trace(args: string[], opts: { input?: string; initCwd?: string } = {}): Promise<Run> {
  const env = { ...process.env };
  delete env.INIT_CWD;
  if (opts.initCwd) env.INIT_CWD = opts.initCwd;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/trace.ts', ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
    child.stdin.on('error', () => {}); // the CLI may exit without reading stdin
    child.stdin.end(opts.input ?? '');
  });
}

const SPAWN_TIMEOUT = 30_000;

describe('npm run trace', () => {
  it(
    'prints the hello preset trace: the fixture to 1e-9, indented by one space',
    async () => {
      const r = await trace(['--preset', 'hello']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.split('\n')[1]).toBe(' "format": "bptt-trace/1",');
      expectClose(JSON.parse(r.stdout), readJson('hello.trace.json'), 1e-9);
    },
    SPAWN_TIMEOUT,
  );

  it(
    'reads a file relative to INIT_CWD (where npm was run) and --compact prints one line',
    async () => {
      const r = await trace(['random3.scenario.json', '--compact'], { initCwd: FIXTURES });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout.endsWith('\n')).toBe(true);
      expect(r.stdout.trimEnd()).not.toContain('\n');
      expectClose(JSON.parse(r.stdout), readJson('random3.trace.json'), 1e-9);
    },
    SPAWN_TIMEOUT,
  );

  it(
    '--scenario prints a generated scenario that, fed back through stdin, gives the very same trace',
    async () => {
      const gen = ['--preset', 'hello-world', '--seed', '5', '--hidden', '3', '--text', 'abcab cab'];
      const [scen, direct] = await Promise.all([trace([...gen, '--scenario']), trace(gen)]);
      expect(scen.status).toBe(0);
      expect(direct.status).toBe(0);
      const s = JSON.parse(scen.stdout) as Record<string, unknown>;
      expect(s.format).toBe('bptt-scenario/1');
      expect(s.h0).toEqual([0, 0, 0]);
      expect(s.inputLabels).toEqual(['a', 'b', 'c', ' ']);
      // Overrides win over the preset's options: hidden 3, text of 9 characters (T = 8).
      const t = JSON.parse(direct.stdout) as Record<string, unknown>;
      expect([t.T, t.n, t.m, t.k]).toEqual([8, 3, 4, 4]);

      const refed = await trace(['-'], { input: scen.stdout });
      expect(refed.stderr).toBe('');
      expect(refed.status).toBe(0);
      expect(refed.stdout).toBe(direct.stdout); // byte for byte: the same float64 numbers
    },
    SPAWN_TIMEOUT,
  );

  it(
    'refuses bad input with exit 2, one stderr line naming the field, nothing on stdout',
    async () => {
      const hello = readJson('hello.scenario.json') as { params: { W: number[][] }; y: number[] };
      const ragged = structuredClone(hello);
      ragged.params.W[2].pop();
      const badY = structuredClone(hello);
      badY.y[1] = 4;
      const cases: [string[], string | undefined, RegExp][] = [
        [['no-such-file.json'], undefined, /^bad file: no-such-file\.json: no such file$/],
        [['-'], '{"format": "bptt-scenario/1", "x": [[1]],', /^bad scenario: file: not valid JSON \(.+\)$/],
        [['-'], JSON.stringify(ragged), /^bad scenario: params\.W: row 2 has 2 numbers, but params\.W has 3 rows \(n = 3\)$/],
        [['-'], JSON.stringify(badY), /^bad scenario: y\[1\] = 4 is not a class index 0…3: params\.V has 4 rows \(k = 4\)$/],
        [['--preset', 'hello', '--frobnicate'], undefined, /^bad option: "--frobnicate" is not an option/],
        [['--preset', 'nope'], undefined, /^bad option: --preset: unknown preset "nope" \(known: hello, /],
        [['--preset', 'long', '--seed', '1.5e'], undefined, /^bad option: --seed: "1\.5e" is not a number$/],
        [['--text', 'abc', '--hidden', '0'], undefined, /^bad option: --hidden: 0 is not a whole number 1…128$/],
      ];
      const runs = await Promise.all(cases.map(([args, input]) => trace(args, { input })));
      runs.forEach((r, i) => {
        const what = cases[i][0].join(' ');
        expect(r.status, what).toBe(2);
        expect(r.stdout, what).toBe('');
        expect(r.stderr.endsWith('\n'), what).toBe(true);
        const lines = r.stderr.slice(0, -1).split('\n');
        expect(lines, what).toHaveLength(1);
        expect(lines[0], what).toMatch(cases[i][2]);
      });
    },
    SPAWN_TIMEOUT,
  );

  it(
    '--truncate and --clip: the trace of E3 and E4, overriding the file\'s options',
    async () => {
      const hello = readJson('hello.scenario.json') as Scenario;
      const withOptions = JSON.stringify({ ...hello, options: { truncate: 1, clip: 0.01 } });
      const [both, fromFile, overridden, scen] = await Promise.all([
        trace(['--preset', 'hello', '--truncate', '2', '--clip=0.5', '--compact']),
        trace(['-', '--compact'], { input: withOptions }),
        trace(['-', '--truncate', '4', '--clip', '1e9', '--compact'], { input: withOptions }),
        trace(['-', '--truncate', '3', '--scenario'], { input: withOptions }),
      ]);
      for (const r of [both, fromFile, overridden, scen]) {
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
      }
      const model = toModel(hello);
      const want = (options: { truncate?: number; clip?: number }): Record<string, unknown> =>
        JSON.parse(JSON.stringify(traceToFile(computeTrace(model, options))));
      const got = JSON.parse(both.stdout) as Record<string, unknown>;
      expect(got).toEqual(want({ truncate: 2, clip: 0.5 }));
      expect(Object.keys(got)).toEqual(expect.arrayContaining(['influence', 'grads_unclipped', 'grad_norm']));
      expect(JSON.parse(fromFile.stdout)).toEqual(want({ truncate: 1, clip: 0.01 }));
      // K = 4 = T is full BPTT and C = 1e9 clips nothing: the numbers of the plain trace.
      const plain = JSON.parse(overridden.stdout) as Record<string, unknown>;
      const none = want({});
      for (const key of ['steps', 'grads', 'influence', 'loss']) expect(plain[key], key).toEqual(none[key]);
      expect(plain.grads_unclipped).toEqual(none.grads);
      expectClose(plain, readJson('hello.trace.json'), 1e-9);
      expect((JSON.parse(scen.stdout) as Scenario).options).toEqual({ truncate: 3, clip: 0.01 });
    },
    SPAWN_TIMEOUT,
  );

  it(
    '--train N --lr ETA prints the bptt-training/1 run, the same numbers as train()',
    async () => {
      const r = await trace(['--preset', 'hello', '--train', '20', '--lr', '0.05', '--clip', '2']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const got = JSON.parse(r.stdout) as { format: string; loss: number[] };
      expect(got.format).toBe('bptt-training/1');
      expect(got.loss).toHaveLength(21);
      const settings = { iterations: 20, lr: 0.05, options: { clip: 2 } };
      const want = trainingToFile(train(toModel(readJson('hello.scenario.json') as Scenario), settings), settings);
      expect(got).toEqual(JSON.parse(JSON.stringify(want)));
    },
    SPAWN_TIMEOUT,
  );

  it(
    'refuses bad backward and training options with exit 2 and one line naming the option',
    async () => {
      const hello = readJson('hello.scenario.json') as Scenario;
      const cases: [string[], string | undefined, RegExp][] = [
        [['--preset', 'hello', '--truncate', '0'], undefined, /^bad option: --truncate: must be an integer ≥ 1, got "0"$/],
        [['no-such-file.json', '--truncate', '0'], undefined, /^bad option: --truncate: must be an integer ≥ 1, got "0"$/],
        [['--preset', 'hello', '--truncate', '2.5'], undefined, /^bad option: --truncate: must be an integer ≥ 1, got "2\.5"$/],
        [['--preset', 'hello', '--truncate'], undefined, /^bad option: --truncate needs a value$/],
        [['--preset', 'hello', '--clip', '0'], undefined, /^bad option: --clip: must be a number > 0, got "0"$/],
        [['--preset', 'hello', '--clip', 'big'], undefined, /^bad option: --clip: must be a number > 0, got "big"$/],
        [['--preset', 'hello', '--train', 'ten', '--lr', '0.1'], undefined, /^bad option: --train: must be an integer 0 … 100000, got "ten"$/],
        [['--preset', 'hello', '--train', '5'], undefined, /^bad option: --train needs --lr ETA/],
        [['--preset', 'hello', '--lr', '0.1'], undefined, /^bad option: --lr needs --train N/],
        [['--preset', 'hello', '--train', '5', '--lr', '-1'], undefined, /^bad option: --lr: must be a number > 0, got "-1"$/],
        [['--preset', 'hello', '--train', '3', '--lr', '1e308'], undefined, /^bad option: --lr: 1e308 diverges \(the loss is NaN after 1 step\); try a smaller rate$/],
        [['--preset', 'hello', '--train', '3', '--lr', '1', '--scenario'], undefined, /^bad usage: --train prints a training run, --scenario a scenario/],
        [['-'], JSON.stringify({ ...hello, options: { truncate: 0 } }), /^bad scenario: options\.truncate: must be an integer ≥ 1, got 0$/],
        [['-'], JSON.stringify({ ...hello, options: { clipping: 1 } }), /^bad scenario: options\.clipping: is not an option \(truncate, clip\)$/],
      ];
      const runs = await Promise.all(cases.map(([args, input]) => trace(args, { input })));
      runs.forEach((r, i) => {
        const what = cases[i][0].join(' ');
        expect(r.status, what).toBe(2);
        expect(r.stdout, what).toBe('');
        const lines = r.stderr.slice(0, -1).split('\n');
        expect(lines, what).toHaveLength(1);
        expect(lines[0], what).toMatch(cases[i][2]);
      });
    },
    SPAWN_TIMEOUT,
  );

  it(
    '--help prints the usage on stdout and exits 0',
    async () => {
      const r = await trace(['--help']);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^Usage: npm run -s trace -- /);
      expect(r.stdout).toContain('--scenario');
      for (const opt of ['--truncate K', '--clip C', '--train N --lr ETA']) expect(r.stdout).toContain(opt);
    },
    SPAWN_TIMEOUT,
  );
});
