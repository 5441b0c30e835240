/**
 * Each preset's description is true of its own numbers: every figure a blurb
 * quotes is computed here from the preset's trace (B2/B3's ‖∇h‖, B4's H, E2's
 * ‖∂h^(T)/∂h^(t)‖, σ_max(W)) and must appear, so written in both languages.
 */
import { describe, expect, it } from 'vitest';
import { coreMessages, computeTrace, jacobianNorms, meanH, PRESETS, presetScenario, spectralNorm, toModel, type Trace } from '../../src/core';

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
/** 4.9·10⁻⁶, as the blurbs write a small or large number. */
function sci(v: number): string {
  const [mant, exp] = v.toExponential(1).split('e');
  return `${mant}·10${String(Number(exp)).replace(/./g, (c) => SUPERSCRIPT[c])}`;
}

function trace(id: string): Trace {
  return computeTrace(toModel(presetScenario(id)!));
}
function gradHNorm(tr: Trace, t: number): number {
  let s = 0;
  for (let i = 0; i < tr.n; i++) s += tr.gradH[(t - 1) * tr.n + i] ** 2;
  return Math.sqrt(s);
}
function gradHNorms(tr: Trace): number[] {
  return Array.from({ length: tr.T }, (_, i) => gradHNorm(tr, i + 1));
}
/** E2 from the last loss back to t = 1: how far loss T's gradient reaches. */
function reachToStart(tr: Trace): number {
  return jacobianNorms(tr, { s: tr.T }).norm[tr.T - 1];
}
function sigmaW(tr: Trace): number {
  return spectralNorm(tr.W, tr.n, tr.n);
}
function blurbs(id: string): string[] {
  const en = coreMessages('en').presets[id as keyof ReturnType<typeof coreMessages>['presets']].blurb;
  const zh = coreMessages('zh-TW').presets[id as keyof ReturnType<typeof coreMessages>['presets']].blurb;
  return [PRESETS.find((p) => p.id === id)!.blurb, en, zh];
}
function quotes(id: string, ...figures: string[]): void {
  for (const text of blurbs(id)) for (const f of figures) expect(text, `${id}: ${text}`).toContain(f);
}

describe('preset descriptions', () => {
  it('the command line’s English blurbs are the app’s', () => {
    for (const p of PRESETS) expect(p.blurb).toBe(blurbs(p.id)[1]);
  });

  it('hello: L = 5.2020', () => {
    expect(trace('hello').loss.toFixed(4)).toBe('5.2020');
    quotes('hello', '5.2020');
  });

  it('hello-world: the input “l” is followed by different characters', () => {
    const s = presetScenario('hello-world')!;
    const l = s.inputLabels!.indexOf('l');
    const next = new Set(s.x.flatMap((x, i) => (x[l] === 1 ? [s.y[i]] : [])));
    expect(next.size).toBeGreaterThan(1);
    quotes('hello-world', 'l');
  });

  it('saturated: many H entries below 0.1, yet ‖∇h‖ grows going back (it does not vanish)', () => {
    const tr = trace('saturated');
    const share = tr.Hdiag.filter((v) => v < 0.1).length / tr.Hdiag.length;
    expect(share).toBeGreaterThan(0.3);
    expect(sigmaW(tr)).toBeGreaterThan(1);
    const g = gradHNorms(tr);
    expect(g[0]).toBeGreaterThan(5 * g[tr.T - 1]);
    quotes('saturated', `${Math.round(share * 100)} %`, sigmaW(tr).toFixed(1), g[tr.T - 1].toFixed(2), g[0].toFixed(2), `t = ${tr.T}`);
  });

  it('long: ‖∇h‖ stays flat while loss T’s reach back vanishes', () => {
    const tr = trace('long');
    const g = gradHNorms(tr);
    const lo = Math.min(...g);
    const hi = Math.max(...g);
    expect(hi / lo).toBeLessThan(4);
    expect(reachToStart(tr)).toBeLessThan(1e-4);
    quotes('long', `${tr.T}`, lo.toFixed(2), hi.toFixed(2), sci(reachToStart(tr)), `∂h^(${tr.T})`);
  });

  it('vanishing: σ_max(W) < 1, H near 1, the reach back shrinks to almost nothing', () => {
    const tr = trace('vanishing');
    expect(sigmaW(tr)).toBeLessThan(1);
    expect(meanH(tr)).toBeGreaterThan(0.9);
    expect(reachToStart(tr)).toBeLessThan(1e-8);
    quotes('vanishing', sigmaW(tr).toFixed(2), meanH(tr).toFixed(2), sci(reachToStart(tr)), `∂h^(${tr.T})`);
  });

  it('exploding: σ_max(W) H̄ > 1, the reach back and ‖∇h‖ grow', () => {
    const tr = trace('exploding');
    expect(sigmaW(tr) * meanH(tr)).toBeGreaterThan(1);
    expect(reachToStart(tr)).toBeGreaterThan(1e3);
    const g = gradHNorms(tr);
    expect(g[0]).toBeGreaterThan(1e3 * g[tr.T - 1]);
    quotes('exploding', sigmaW(tr).toFixed(1), meanH(tr).toFixed(2), sci(reachToStart(tr)), g[tr.T - 1].toFixed(2), g[0].toFixed(0), `∂h^(${tr.T})`);
  });
});
