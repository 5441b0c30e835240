/**
 * npm run bench: how fast computeTrace is, against TensorFlow.js autograd doing
 * the same forward and backward pass, how much memory a trace takes, and how
 * fast the gradient lab (model.md E1–E5) is at the largest size.
 *
 *   node --import tsx --expose-gc bench/engine.bench.ts [--json]
 *
 * Cases: `large` (T = 1000, n = 128, m = k = 64, one-hot inputs, randomScenario
 * with a fixed seed) and `hello` (the preset). A human-readable table by
 * default; with --json one JSON object per line and nothing else on stdout.
 */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  computeTrace,
  influence,
  influenceRows,
  itemizedGradient,
  jacobianNorms,
  presetScenario,
  randomScenario,
  sgdStep,
  toModel,
  validateScenario,
  type Model,
  type Scenario,
  type Trace,
} from '../src/core';
import { kernels, setKernels, workspaceBytes } from '../src/core/kernels';

// tfjs-core's Node build has no gradients: they are registered (in TF.js's global
// registry) by this ES module file, which Node can only load through tsx's require.
createRequire(import.meta.url)('@tensorflow/tfjs-core/dist/register_all_gradients');

const JSON_OUT = process.argv.includes('--json');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with --expose-gc (npm run bench does)');
  process.exit(2);
}

interface Case {
  name: string;
  scenario: Scenario;
  ours: { warmup: number; reps: number };
  /** TF.js repetitions: as many as fit in budgetMs, within [min, max]. */
  tfjs: { warmup: number; min: number; max: number; budgetMs: number };
}

const CASES: Case[] = [
  {
    name: 'large',
    scenario: randomScenario({ T: 1000, n: 128, m: 64, k: 64, scale: 0.1, seed: 1, oneHot: true }),
    ours: { warmup: 10, reps: 30 },
    tfjs: { warmup: 2, min: 5, max: 15, budgetMs: 25_000 },
  },
  {
    name: 'hello',
    scenario: presetScenario('hello') as Scenario,
    ours: { warmup: 200, reps: 1000 },
    tfjs: { warmup: 5, min: 5, max: 100, budgetMs: 5_000 },
  },
];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function timeIt(fn: () => void, warmup: number, reps: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

function traceBytes(tr: Trace): number {
  let bytes = 0;
  for (const v of Object.values(tr)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  for (const g of Object.values(tr.grads)) bytes += g.byteLength;
  return bytes;
}

/**
 * Memory of one trace. Measured: growth of V8's JS heap (heapUsed) and of its
 * external memory (typed-array and WebAssembly backing stores) across one
 * computeTrace, with gc() just before. Peak is taken as JS-heap growth + the
 * trace's typed arrays + the float64 workspace the engine computes in (a
 * WebAssembly memory kept and reused between traces, so already in place here).
 */
async function memoryOf(model: Model) {
  // ArrayBuffer backing stores are freed after the collection itself: collect
  // until external memory stops shrinking, so earlier runs' garbage is not counted.
  for (let i = 0, last = Infinity; i < 20; i++) {
    gc!();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const ext = process.memoryUsage().external;
    if (ext >= last) break;
    last = ext;
  }
  const m0 = process.memoryUsage();
  const tr = computeTrace(model);
  const m1 = process.memoryUsage();
  const heapGrowth = Math.max(0, m1.heapUsed - m0.heapUsed);
  const externalGrowth = m1.external - m0.external;
  const trace = traceBytes(tr);
  const workspace = workspaceBytes();
  return { peak: heapGrowth + trace + workspace, heapGrowth, externalGrowth, trace, workspace };
}

/**
 * The same loss as F1–F5 in TF.js: b + U x^(t) for all t in one product, then
 * h^(t) = tanh(W h^(t−1) + (b + U x^(t))) step by step, O = H Vᵀ + c, L = −Σ_t log softmax(o^(t))_{y^(t)}. Its gradients
 * by tf.valueAndGrads with respect to U, W, V, b, c (G5, G4, G2, G3, G1).
 */
function tfjsSetup(md: Model) {
  const { T, n, m, k } = md;
  const f32 = (a: Float64Array) => Float32Array.from(a);
  const X = tf.tensor2d(f32(md.x), [T, m]);
  const Y = tf.tidy(() => tf.oneHot(tf.tensor1d(md.y, 'int32'), k));
  const h0 = tf.tensor2d(f32(md.h0), [1, n]);
  const params = [
    tf.tensor2d(f32(md.U), [n, m]),
    tf.tensor2d(f32(md.W), [n, n]),
    tf.tensor2d(f32(md.V), [k, n]),
    tf.tensor2d(f32(md.b), [1, n]),
    tf.tensor2d(f32(md.c), [1, k]),
  ];
  const loss = (...args: tf.Tensor[]): tf.Scalar => {
    const [U, W, V, b, c] = args as tf.Tensor2D[];
    const xs = tf.unstack(tf.add(tf.matMul(X, U, false, true), b)); // b + U x^(t), every t
    let h: tf.Tensor2D = h0;
    const hs: tf.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      h = tf.tanh(tf.add(tf.matMul(h, W, false, true), xs[t]));
      hs.push(h);
    }
    const O = tf.add(tf.matMul(tf.concat(hs, 0), V, false, true), c);
    return tf.neg(tf.sum(tf.mul(Y, tf.logSoftmax(O))));
  };
  const valueAndGrads = tf.valueAndGrads(loss);
  /** One forward + backward, with the loss and the gradients read back to JavaScript. */
  const run = () => {
    const { value, grads } = valueAndGrads(params);
    const out = { loss: value.dataSync()[0], grads: grads.map((g) => g.dataSync()) };
    value.dispose();
    tf.dispose(grads);
    return out;
  };
  const dispose = () => tf.dispose([X, Y, h0, ...params]);
  return { run, dispose };
}

/** max |a − b| / max |b| over one gradient: float32 against float64. */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return s === 0 ? d : d / s;
}

interface Row {
  case: string;
  T: number;
  n: number;
  m: number;
  k: number;
  ours_ms: number;
  ours_js_ms: number;
  tfjs_ms: number;
  ratio: number;
  peak_bytes: number;
  trace_bytes: number;
  workspace_bytes: number;
  heap_growth_bytes: number;
  external_growth_bytes: number;
  ours_reps: number;
  tfjs_reps: number;
  kernels: string;
  loss: number;
  tfjs_loss: number;
  loss_rel_diff: number;
  grad_rel_diff: number;
  tfjs_dtype: 'float32';
}

interface LabRow {
  case: string;
  measure: string;
  what: string;
  median_ms: number;
  reps: number;
  kernels: string;
}

/**
 * The gradient lab on one model: each measure's median over `reps` runs after
 * `warmup` runs (the triangle takes seconds, so few of those).
 */
function labRows(name: string, model: Model, kernelName: string): LabRow[] {
  const { T } = model;
  const trace = computeTrace(model);
  const measures: { measure: string; what: string; fn: () => void; warmup: number; reps: number }[] = [
    { measure: 'influence', what: `E1 influence triangle, all ${T} rows (T²/2 matrix-vector products)`, fn: () => influence(trace), warmup: 1, reps: 5 },
    { measure: 'influence_rows_50', what: `E1 influence, the 50 longest rows s = ${T - 49} … ${T} (rows in view)`, fn: () => influenceRows(trace, T - 49, T), warmup: 2, reps: 9 },
    { measure: 'itemized_t1', what: 'E1 itemized gradient at t = 1, all T parts', fn: () => itemizedGradient(trace, 1), warmup: 1, reps: 5 },
    { measure: 'jacobian_t0', what: `E2 ‖∂h^(s)/∂h^(0)‖₂ for all ${T + 1} lags`, fn: () => jacobianNorms(trace, { t: 0 }), warmup: 1, reps: 5 },
    { measure: 'trace_truncate_50', what: 'E3 computeTrace with truncate = 50', fn: () => computeTrace(model, { truncate: 50 }), warmup: 2, reps: 9 },
    { measure: 'trace_clip', what: 'E4 computeTrace with clip = 1', fn: () => computeTrace(model, { clip: 1 }), warmup: 5, reps: 21 },
    { measure: 'train_step', what: 'E5 one training step (computeTrace + θ ← θ − η∇θL)', fn: () => sgdStep(model, 0.05), warmup: 5, reps: 21 },
  ];
  return measures.map((m) => ({
    case: name,
    measure: m.measure,
    what: m.what,
    median_ms: median(timeIt(m.fn, m.warmup, m.reps)),
    reps: m.reps,
    kernels: kernelName,
  }));
}

async function main(): Promise<void> {
  // The CPU backend greets Node users on stderr; keep the output to the numbers.
  const warn = console.warn;
  console.warn = () => {};
  await tf.setBackend('cpu');
  await tf.ready();
  tf.dispose(tf.scalar(0)); // its first tensor is when it says so
  console.warn = warn;

  const kernelName = kernels().name;
  if (!JSON_OUT) {
    console.log(`BPTT engine benchmark: node ${process.version}, engine kernels: ${kernelName === 'wasm' ? 'WebAssembly SIMD' : 'JavaScript'}`);
    console.log('ours   = computeTrace (F1–F5, B1–B5, G1–G5) in float64; validate and toModel not timed');
    console.log('TF.js  = @tensorflow/tfjs-core + tfjs-backend-cpu, float32 (the CPU backend has no float64),');
    console.log('         tf.valueAndGrads of the same loss w.r.t. U, W, V, b, c, with dataSync of the loss and gradients');
    console.log('times are medians after warm-up runs\n');
  }

  const rows: Row[] = [];
  for (const c of CASES) {
    const v = validateScenario(c.scenario);
    if (!v.ok) throw new Error(`${c.name}: ${v.errors.map((e) => e.message).join('; ')}`);
    const model = toModel(v.scenario);

    setKernels('auto');
    const ours = median(timeIt(() => computeTrace(model), c.ours.warmup, c.ours.reps));
    setKernels('js');
    const oursJs = median(timeIt(() => computeTrace(model), Math.min(c.ours.warmup, 5), c.ours.reps));
    setKernels('auto');
    const mem = await memoryOf(model);
    const ref = computeTrace(model);

    const tfc = tfjsSetup(model);
    let result = tfc.run();
    for (let i = 1; i < c.tfjs.warmup; i++) result = tfc.run();
    const t0 = performance.now();
    result = tfc.run();
    const once = performance.now() - t0;
    const reps = Math.max(c.tfjs.min, Math.min(c.tfjs.max, Math.floor(c.tfjs.budgetMs / once)));
    const tfTimes = timeIt(() => (result = tfc.run()), 0, reps);
    tfc.dispose();
    const tfjs = median(tfTimes);
    const grads = [ref.grads.U, ref.grads.W, ref.grads.V, ref.grads.b, ref.grads.c];
    const gradDiff = Math.max(...grads.map((g, i) => relDiff(result.grads[i], g)));

    const row: Row = {
      case: c.name,
      T: model.T,
      n: model.n,
      m: model.m,
      k: model.k,
      ours_ms: ours,
      ours_js_ms: oursJs,
      tfjs_ms: tfjs,
      ratio: tfjs / ours,
      peak_bytes: mem.peak,
      trace_bytes: mem.trace,
      workspace_bytes: mem.workspace,
      heap_growth_bytes: mem.heapGrowth,
      external_growth_bytes: mem.externalGrowth,
      ours_reps: c.ours.reps,
      tfjs_reps: reps,
      kernels: kernelName,
      loss: ref.loss,
      tfjs_loss: result.loss,
      loss_rel_diff: Math.abs(result.loss - ref.loss) / Math.abs(ref.loss),
      grad_rel_diff: gradDiff,
      tfjs_dtype: 'float32',
    };
    rows.push(row);
    if (JSON_OUT) console.log(JSON.stringify(row));
  }
  if (tf.memory().numTensors !== 0) console.error(`\nwarning: ${tf.memory().numTensors} TF.js tensors not disposed`);

  const large = CASES[0];
  setKernels('auto');
  const lab = labRows(large.name, toModel(large.scenario), kernelName);
  if (JSON_OUT) {
    for (const r of lab) console.log(JSON.stringify(r));
    return;
  }

  const ms = (x: number) => (x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x.toFixed(4));
  const mb = (b: number) => (b >= 1e5 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} kB`);
  const table = [
    ['case', 'T', 'n', 'm', 'k', 'ours ms', 'ours (JS kernels) ms', 'TF.js ms', 'TF.js/ours', 'peak memory', 'loss', 'TF.js loss rel. diff', 'grad rel. diff'],
    ...rows.map((r) => [
      r.case,
      String(r.T),
      String(r.n),
      String(r.m),
      String(r.k),
      `${ms(r.ours_ms)} (×${r.ours_reps})`,
      ms(r.ours_js_ms),
      `${ms(r.tfjs_ms)} (×${r.tfjs_reps})`,
      `${r.ratio.toFixed(1)}×`,
      mb(r.peak_bytes),
      r.loss.toFixed(4),
      r.loss_rel_diff.toExponential(1),
      r.grad_rel_diff.toExponential(1),
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log(r.map((cell, i) => (i < 1 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  console.log('\nmemory, per case: peak = JS-heap growth across one computeTrace (gc() before) + the trace\'s typed arrays');
  console.log('  + the float64 workspace it computes in (WebAssembly memory, kept and reused between traces):');
  for (const r of rows) {
    console.log(
      `  ${r.case}: heap growth ${mb(r.heap_growth_bytes)} + trace arrays ${mb(r.trace_bytes)} + workspace ${mb(r.workspace_bytes)}` +
        ` = ${mb(r.peak_bytes)} (external memory grew ${mb(r.external_growth_bytes)}: the trace's arrays)`,
    );
  }
  console.log('loss/grad rel. diff: TF.js float32 against our float64 (|ΔL|/|L|; max |Δg|/max |g| over U, W, V, b, c)');

  const r0 = rows[0];
  console.log(`\ngradient lab (model.md E1–E5), case ${r0.case}: T = ${r0.T}, n = ${r0.n}, m = ${r0.m}, k = ${r0.k}; medians`);
  const labTable = [['measure', 'median ms', 'what'], ...lab.map((r) => [r.measure, `${ms(r.median_ms)} (×${r.reps})`, r.what])];
  const lw = labTable[0].map((_, i) => Math.max(...labTable.map((r) => r[i].length)));
  for (const r of labTable) console.log(r.map((cell, i) => (i === 1 ? cell.padStart(lw[i]) : cell.padEnd(lw[i]))).join('  ').trimEnd());
}

await main();
