/** Training by gradient descent (model.md E5) and its `bptt-training/1` file. */
import { describe, expect, it } from 'vitest';
import {
  computeTrace,
  forward,
  sgdStep,
  toModel,
  train,
  trainingToFile,
  PARAM_NAMES,
  type Model,
  type Scenario,
} from '../../src/core';
import { readJson } from './helpers';

const hello = () => toModel(readJson('hello.scenario.json') as Scenario);

describe('E5: gradient descent', () => {
  it('one step is θ − η ∇θ L for every entry, and leaves the input model alone', () => {
    const model = hello();
    const before = structuredClone(model);
    const { trace, model: next } = sgdStep(model, 0.1);
    expect(model).toEqual(before);
    const grads = computeTrace(model).grads;
    expect(trace.grads).toEqual(grads);
    for (const p of PARAM_NAMES) expect(Array.from(next[p])).toEqual(Array.from(model[p], (v, i) => v - 0.1 * grads[p][i]));
    expect(next.x).toBe(model.x);
  });

  it('on hello, η = 0.05 for 20 steps lowers the loss at every step', () => {
    const model = hello();
    const { loss, model: last } = train(model, { iterations: 20, lr: 0.05 });
    expect(loss.length).toBe(21);
    expect(loss[0]).toBe(computeTrace(model).loss);
    for (let i = 1; i <= 20; i++) expect(loss[i], `step ${i}`).toBeLessThan(loss[i - 1]);
    expect(loss[20]).toBe(forward(last).loss);
    expect(loss[20]).toBeLessThan(0.6 * loss[0]);
  });

  it('is reproducible bit for bit, with and without the options', () => {
    for (const options of [{}, { truncate: 2, clip: 0.5 }]) {
      const a = train(hello(), { iterations: 20, lr: 0.05, options });
      const b = train(hello(), { iterations: 20, lr: 0.05, options });
      expect(a.loss).toEqual(b.loss);
      expect(a.model).toEqual(b.model);
    }
    // The options change the run.
    const full = train(hello(), { iterations: 5, lr: 0.05 });
    const clipped = train(hello(), { iterations: 5, lr: 0.05, options: { clip: 0.5 } });
    expect(clipped.loss[5]).not.toBe(full.loss[5]);
  });

  it('onStep sees each step’s starting model and its trace', () => {
    const seen: { i: number; model: Model; loss: number }[] = [];
    const run = train(hello(), { iterations: 4, lr: 0.1, options: { truncate: 2 } }, (i, model, trace) => seen.push({ i, model, loss: trace.loss }));
    expect(seen.map((s) => s.i)).toEqual([0, 1, 2, 3]);
    seen.forEach((s) => {
      expect(s.loss).toBe(run.loss[s.i]);
      expect(computeTrace(s.model, { truncate: 2 }).loss).toBe(s.loss);
    });
    // Reopening iteration 2 and stepping from it gives iteration 3's model.
    expect(sgdStep(seen[2].model, 0.1, { truncate: 2 }).model).toEqual(seen[3].model);
  });

  it('zero steps: the loss of the model itself; bad settings are refused, naming the field', () => {
    const model = hello();
    const run = train(model, { iterations: 0, lr: 0.1 });
    expect(Array.from(run.loss)).toEqual([computeTrace(model).loss]);
    expect(run.model).toEqual(model);
    expect(() => train(model, { iterations: -1, lr: 0.1 })).toThrow('iterations: must be an integer 0 … 100000, got -1');
    expect(() => train(model, { iterations: 1.5, lr: 0.1 })).toThrow(/iterations/);
    expect(() => train(model, { iterations: 3, lr: 0 })).toThrow('lr: must be a number > 0, got 0');
    expect(() => train(model, { iterations: 3, lr: NaN })).toThrow(/lr/);
    expect(() => train(model, { iterations: 3, lr: 0.1, options: { truncate: 0 } })).toThrow(/options\.truncate/);
  });

  it('the bptt-training/1 file: N + 1 losses, the final parameters, shaped as a scenario’s', () => {
    const settings = { iterations: 3, lr: 0.1, options: { clip: 1 } };
    const run = train(hello(), settings);
    const file = trainingToFile(run, settings);
    expect(file.format).toBe('bptt-training/1');
    expect(file.lr).toBe(0.1);
    expect(file.iterations).toBe(3);
    expect(file.options).toEqual({ clip: 1 });
    expect(file.loss).toEqual(Array.from(run.loss));
    const { n, m, k } = run.model;
    expect([file.params.U.length, file.params.U[0].length, file.params.W.length, file.params.V.length, file.params.b.length, file.params.c.length]).toEqual([n, m, n, k, n, k]);
    expect(file.params.W.flat()).toEqual(Array.from(run.model.W));
    expect(trainingToFile(run, { iterations: 3, lr: 0.1 }).options).toBeUndefined();
  });
});
