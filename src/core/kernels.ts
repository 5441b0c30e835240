/**
 * The engine's two dense kernels, gemv and gemm, on one float64 workspace.
 *
 * Every array the kernels touch lives in a single Float64Array `ws` and is named
 * by its element offset, so the same engine code runs on a plain array (the
 * JavaScript kernels) or on a WebAssembly memory (the SIMD kernels of
 * kernels.wat, 4–5× faster here: f64x2 does two multiply-adds per instruction
 * pair, with no bounds checks). The WebAssembly memory is kept and reused
 * between traces; it grows to the largest trace's workspace and never shrinks.
 * The WebAssembly kernels do the 8-row / 4×4-block bulk; the few edge rows and
 * columns of sizes that do not divide evenly are done here in JavaScript.
 * Both give float64 results; only the order of additions differs.
 */
import { KERNELS_WASM_BASE64 } from './kernelsWasm';

export interface Kernels {
  readonly name: 'js' | 'wasm';
  /**
   * A workspace of at least `size` float64s. Its contents are unspecified
   * (a reused WebAssembly memory keeps old numbers): callers clear what they accumulate into.
   */
  workspace(size: number): Float64Array;
  /** ws[out + i] += Σ_j ws[A + i·cols + j] · ws[v + j], for i < rows, j < cols. */
  gemv(ws: Float64Array, out: number, A: number, rows: number, cols: number, v: number): void;
  /**
   * ws[C + i·ldc + j] += Σ_p ws[A + i·sAi + p·sAp] · ws[B + p·ldb + j], for i < M, j < N, p < K.
   * The strides of A let one kernel do A·B (sAi = row length, sAp = 1) and Aᵀ·B (sAi = 1, sAp = row length).
   */
  gemm(
    ws: Float64Array,
    C: number,
    ldc: number,
    A: number,
    sAi: number,
    sAp: number,
    B: number,
    ldb: number,
    M: number,
    N: number,
    K: number,
  ): void;
}

/** gemv rows [r0, rows) in full, and column `cols − 1` of rows [0, r0) when `oddCol`. */
function gemvEdges(
  ws: Float64Array,
  out: number,
  A: number,
  rows: number,
  cols: number,
  v: number,
  r0: number,
  oddCol: boolean,
): void {
  if (oddCol) {
    const x = ws[v + cols - 1];
    for (let i = 0; i < r0; i++) ws[out + i] += ws[A + i * cols + cols - 1] * x;
  }
  for (let i = r0; i < rows; i++) {
    const r = A + i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += ws[r + j] * ws[v + j];
    ws[out + i] += s;
  }
}

/** gemm rows [M0, M) in full, and columns [N0, N) of rows [0, M0). */
function gemmEdges(
  ws: Float64Array,
  C: number,
  ldc: number,
  A: number,
  sAi: number,
  sAp: number,
  B: number,
  ldb: number,
  M: number,
  N: number,
  K: number,
  M0: number,
  N0: number,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = i < M0 ? N0 : 0; j < N; j++) {
      let s = 0;
      let pa = A + i * sAi;
      let pb = B + j;
      for (let p = 0; p < K; p++, pa += sAp, pb += ldb) s += ws[pa] * ws[pb];
      ws[C + i * ldc + j] += s;
    }
  }
}

/**
 * Four rows at a time: each v[j] is loaded once for four products, which is
 * what bounds a dot product in V8 (≈1.5 GMAC/s against ≈0.8 one row at a time).
 */
function gemvJs(ws: Float64Array, out: number, A: number, rows: number, cols: number, v: number): void {
  const r4 = rows & ~3;
  for (let i = 0; i < r4; i += 4) {
    const a0 = A + i * cols;
    const a1 = a0 + cols;
    const a2 = a1 + cols;
    const a3 = a2 + cols;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let j = 0; j < cols; j++) {
      const x = ws[v + j];
      s0 += ws[a0 + j] * x;
      s1 += ws[a1 + j] * x;
      s2 += ws[a2 + j] * x;
      s3 += ws[a3 + j] * x;
    }
    ws[out + i] += s0;
    ws[out + i + 1] += s1;
    ws[out + i + 2] += s2;
    ws[out + i + 3] += s3;
  }
  gemvEdges(ws, out, A, rows, cols, v, r4, false);
}

/**
 * A 4×4 block of C is kept in 16 locals while p runs: 8 loads feed 16
 * multiply-adds (≈2.6 GMAC/s in V8, against ≈1.5 for row-at-a-time products).
 */
function gemmJs(
  ws: Float64Array,
  C: number,
  ldc: number,
  A: number,
  sAi: number,
  sAp: number,
  B: number,
  ldb: number,
  M: number,
  N: number,
  K: number,
): void {
  const M4 = M & ~3;
  const N4 = N & ~3;
  for (let i = 0; i < M4; i += 4) {
    for (let j = 0; j < N4; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      let pa = A + i * sAi;
      let pb = B + j;
      for (let p = 0; p < K; p++, pa += sAp, pb += ldb) {
        const x0 = ws[pa];
        const x1 = ws[pa + sAi];
        const x2 = ws[pa + 2 * sAi];
        const x3 = ws[pa + 3 * sAi];
        const y0 = ws[pb];
        const y1 = ws[pb + 1];
        const y2 = ws[pb + 2];
        const y3 = ws[pb + 3];
        c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
        c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
        c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
        c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
      }
      const r0 = C + i * ldc + j;
      const r1 = r0 + ldc;
      const r2 = r1 + ldc;
      const r3 = r2 + ldc;
      ws[r0] += c00; ws[r0 + 1] += c01; ws[r0 + 2] += c02; ws[r0 + 3] += c03;
      ws[r1] += c10; ws[r1 + 1] += c11; ws[r1 + 2] += c12; ws[r1 + 3] += c13;
      ws[r2] += c20; ws[r2 + 1] += c21; ws[r2 + 2] += c22; ws[r2 + 3] += c23;
      ws[r3] += c30; ws[r3 + 1] += c31; ws[r3 + 2] += c32; ws[r3 + 3] += c33;
    }
  }
  gemmEdges(ws, C, ldc, A, sAi, sAp, B, ldb, M, N, K, M4, N4);
}

/** The plain JavaScript kernels: work everywhere. */
export const jsKernels: Kernels = {
  name: 'js',
  workspace: (size) => new Float64Array(size),
  gemv: gemvJs,
  gemm: gemmJs,
};

interface WasmExports {
  memory: WebAssembly.Memory;
  gemv8(out: number, A: number, lda: number, rows8: number, cols2: number, v: number): void;
  gemm4(C: number, ldc: number, A: number, sAi: number, sAp: number, B: number, ldb: number, M4: number, N4: number, K: number): void;
}

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  // atob exists in browsers and in Node ≥ 16; no Buffer, so the engine stays DOM- and Node-free.
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The SIMD kernels, or null where WebAssembly (or its SIMD) is missing or refused (e.g. by a CSP). */
function loadWasmKernels(): Kernels | null {
  let wasm: WasmExports;
  try {
    if (typeof WebAssembly !== 'object') return null;
    // Synchronous compilation is allowed on a browser's main thread for small modules (this one is < 4 KB).
    const module = new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64));
    wasm = new WebAssembly.Instance(module, {}).exports as unknown as WasmExports;
  } catch {
    return null;
  }
  let view = new Float64Array(wasm.memory.buffer);
  return {
    name: 'wasm',
    workspace(size) {
      const need = size * 8 - wasm.memory.buffer.byteLength;
      // Growing replaces the buffer (old views detach), so the view is rebuilt after.
      if (need > 0) wasm.memory.grow(Math.ceil(need / 65536));
      if (view.buffer !== wasm.memory.buffer) view = new Float64Array(wasm.memory.buffer);
      return view;
    },
    gemv(ws, out, A, rows, cols, v) {
      const r8 = rows & ~7;
      const c2 = cols & ~1;
      if (r8 > 0 && c2 > 0) wasm.gemv8(out, A, cols, r8, c2, v);
      gemvEdges(ws, out, A, rows, cols, v, r8, c2 < cols);
    },
    gemm(ws, C, ldc, A, sAi, sAp, B, ldb, M, N, K) {
      const M4 = M & ~3;
      const N4 = N & ~3;
      if (M4 > 0 && N4 > 0) {
        // K in slices of 256: a slice of A and B stays in cache while every block of C
        // is visited (≈10% faster for the sums over t = 1 … 1000 of G2, G4, G5).
        for (let p = 0; p < K; p += 256) {
          wasm.gemm4(C, ldc, A + p * sAp, sAi, sAp, B + p * ldb, ldb, M4, N4, Math.min(256, K - p));
        }
      }
      gemmEdges(ws, C, ldc, A, sAi, sAp, B, ldb, M, N, K, M4, N4);
    },
  };
}

let wasmKernels: Kernels | null | undefined;
let lastBytes = 0;

/** Bytes of the workspace the last trace asked for (for the benchmark's memory figure). */
export function workspaceBytes(): number {
  return lastBytes;
}

let choice: 'auto' | 'js' | 'wasm' = 'auto';

/**
 * Which kernels the engine uses: 'auto' (the default) takes WebAssembly when it
 * loads and JavaScript otherwise. For tests and benchmarks; 'wasm' throws where it cannot load.
 */
export function setKernels(which: 'auto' | 'js' | 'wasm'): void {
  choice = which;
}

/** The kernels in use now (loading the WebAssembly module on first use). */
export function kernels(): Kernels {
  if (choice === 'js') return jsKernels;
  if (wasmKernels === undefined) wasmKernels = loadWasmKernels();
  if (wasmKernels) return wasmKernels;
  if (choice === 'wasm') throw new Error('WebAssembly SIMD kernels are not available here');
  return jsKernels;
}

/**
 * The kernels in use and a workspace of `size` float64s for them; the
 * JavaScript kernels when the WebAssembly memory cannot grow that far.
 */
export function acquire(size: number): { K: Kernels; ws: Float64Array } {
  lastBytes = size * 8;
  const K = kernels();
  if (K !== jsKernels) {
    try {
      return { K, ws: K.workspace(size) };
    } catch (e) {
      if (choice === 'wasm') throw e;
    }
  }
  return { K: jsKernels, ws: jsKernels.workspace(size) };
}
