import { color, interpolateRdBu, scaleDiverging } from 'd3';
import { describe, expect, it } from 'vitest';
import { computeTrace, toModel, type Scenario } from '../../src/core';
import helloFile from '../../src/core/hello.scenario.json';
import { exponentOf, makeScales } from '../../src/ui/colors';
import { fillRGBA } from '../../src/ui/details/Heatmap';

/** The d3 colour of v, as paintHeatmap drew it before its colour table: [r, g, b]. */
function d3Rgb(scale: (v: number) => string, v: number): number[] {
  const c = color(scale(v))!.rgb();
  return [c.r, c.g, c.b];
}

describe('fillRGBA (heatmap pixels from a colour table)', () => {
  // The app's diverging scales: RdBu reversed, symmetric domain, clamped.
  const scale = scaleDiverging<string>((t) => interpolateRdBu(1 - t))
    .domain([-0.7, 0, 0.7])
    .clamp(true);

  it("matches d3's scale within one level of 255 on every channel, clamping outside the domain", () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
    const values = [0, -0.7, 0.7, -5, 5, 1e-12, -1e-12, ...Array.from({ length: 500 }, () => rand())];
    const data = new Uint8ClampedArray(4 * values.length);
    fillRGBA(data, values, values.length, scale);
    values.forEach((v, i) => {
      const want = d3Rgb(scale, v);
      for (let ch = 0; ch < 3; ch++) expect(Math.abs(data[4 * i + ch] - want[ch]), `value ${v}, channel ${ch}`).toBeLessThanOrEqual(1);
      expect(data[4 * i + 3]).toBe(255);
    });
  });

  it("follows a square-root scale (the gradients') as d3 maps it, near zero too", () => {
    const hello = toModel(helloFile as unknown as Scenario);
    const sqrt = makeScales(hello, computeTrace(hello)).scale.grad;
    expect(exponentOf(sqrt)).toBe(0.5);
    const l = sqrt.domain()[2];
    const values = [0, l, -l, l / 4, -l / 4, l * 1e-6, -l * 1e-3, 3 * l, ...Array.from({ length: 200 }, (_, i) => (i / 100 - 1) * l)];
    const data = new Uint8ClampedArray(4 * values.length);
    fillRGBA(data, values, values.length, sqrt);
    values.forEach((v, i) => {
      const want = d3Rgb(sqrt, v);
      for (let ch = 0; ch < 3; ch++) expect(Math.abs(data[4 * i + ch] - want[ch]), `value ${v}, channel ${ch}`).toBeLessThanOrEqual(1);
    });
    // A quarter of the limit gets the colour a linear scale gives half of it.
    expect(d3Rgb(sqrt, l / 4)).toEqual(d3Rgb((v) => interpolateRdBu(1 - (0.5 + v / (2 * l))), l / 2));
  });

  it('writes only the first count cells, and an asymmetric domain maps each side on its own', () => {
    const skew = scaleDiverging<string>((t) => interpolateRdBu(1 - t))
      .domain([-1, 0, 4])
      .clamp(true);
    const values = [-0.5, 2, 9];
    const data = new Uint8ClampedArray(4 * 4).fill(7);
    fillRGBA(data, values, 3, skew);
    for (let i = 0; i < 3; i++) {
      const want = d3Rgb(skew, values[i]);
      for (let ch = 0; ch < 3; ch++) expect(Math.abs(data[4 * i + ch] - want[ch])).toBeLessThanOrEqual(1);
    }
    expect([...data.slice(12)]).toEqual([7, 7, 7, 7]);
  });
});

describe('makeScales: the legend covers what it colours', () => {
  it('the activations’ range widens to the inputs x and h⁽⁰⁾ when they pass ±1', () => {
    const file = structuredClone(helloFile) as Scenario;
    expect(makeScales(toModel(file), computeTrace(toModel(file))).limit.act).toBe(1);
    file.x[2] = [0, -3, 0, 0];
    file.h0 = [0, 2.5, 0];
    const model = toModel(file);
    const { limit, scale } = makeScales(model, computeTrace(model));
    expect(limit.act).toBe(3);
    expect(scale.act(-3)).not.toBe(scale.act(-1));
  });
});

describe('makeScales: each parameter’s scale bounds every term and the sum', () => {
  it('equals the largest |left| · |right| over t (contributionFactors) or the final gradient', async () => {
    const { contributionFactors, PARAM_NAMES, presetScenario } = await import('../../src/core');
    for (const id of ['hello', 'hello-world', 'exploding']) {
      const model = toModel(presetScenario(id)!);
      const trace = computeTrace(model);
      const { limit } = makeScales(model, trace);
      const abs = (a: ArrayLike<number>) => Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      for (const name of PARAM_NAMES) {
        let want = abs(trace.grads[name]);
        for (let t = 1; t <= trace.T; t++) {
          const { left, right } = contributionFactors(model, trace, name, t);
          want = Math.max(want, abs(left) * (right ? abs(right) : 1));
        }
        expect(limit[name], `${id} ${name}`).toBe(want);
      }
    }
  });
});
