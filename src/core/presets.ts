import { charModel } from './generate';
import helloFile from './hello.scenario.json' with { type: 'json' };
import type { LessonStop } from './lesson';
import type { Scenario } from './types';

/** A named scenario the app offers: the hello file, or a character model generated from a seed. */
export interface Preset {
  id: string;
  /** One line for the menu. */
  label: string;
  /** What the preset shows a student. */
  blurb: string;
  /** Generation options; absent for `hello`, which is a file kept as it is. */
  gen?: { text: string; hidden: number; scale: number; seed: number };
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'hello',
    label: 'hello (T = 4, n = 3)',
    blurb: 'The classic next-character example; its numbers (L = 5.2020…) are the ones the README and the tests use.',
  },
  {
    id: 'hello-world',
    label: 'hello world (T = 10, n = 4)',
    blurb: 'A longer sentence with a repeated context: the same input “l” must predict different characters.',
    gen: { text: 'hello world', hidden: 4, scale: 0.8, seed: 7 },
  },
  {
    id: 'saturated',
    label: 'saturated tanh (T = 8, n = 4)',
    blurb: 'Large weights push tanh to ±1: 41 % of the entries of H^(t) are below 0.1, and each blocks its unit’s gradient at B5. Yet σ_max(W) ≈ 4.9, so ‖∇h^(t)‖ still grows going back, from 0.67 at t = 8 to 8.95 at t = 1: saturation gates units, it does not by itself make the gradient vanish.',
    gen: { text: 'abcabcabc', hidden: 4, scale: 3, seed: 3 },
  },
  {
    id: 'long',
    label: 'long sentence (T = 43, n = 8)',
    blurb: 'A 43-step sentence. Each ∇h^(t) adds its own V⊤∇o^(t), so ‖∇h^(t)‖ stays between 0.56 and 1.62; what vanishes is how far one loss reaches back: ‖∂h^(43)/∂h^(t)‖ falls to 4.9·10⁻⁶ at t = 1 (E2, in the lab).',
    gen: { text: 'the quick brown fox jumps over the lazy dog.', hidden: 8, scale: 0.5, seed: 1 },
  },
  {
    id: 'vanishing',
    label: 'vanishing gradient (T = 40, n = 16)',
    blurb: 'Small weights: σ_max(W) ≈ 0.81 < 1 and tanh nearly linear (mean H ≈ 0.98), so ‖∂h^(40)/∂h^(t)‖ shrinks geometrically with 40 − t, to 8.9·10⁻¹¹ at t = 1 (E2, in the lab).',
    gen: { text: 'to be or not to be, that is the question.', hidden: 16, scale: 0.2, seed: 1 },
  },
  {
    id: 'exploding',
    label: 'exploding gradient (T = 40, n = 48)',
    blurb: 'Large recurrent weights: σ_max(W) ≈ 4.6 outweighs the tanh slopes (mean H ≈ 0.40), so ‖∂h^(40)/∂h^(t)‖ grows with 40 − t, to 7.6·10⁴ at t = 1, and ‖∇h^(t)‖ from 2.37 at t = 40 to 35436 at t = 1 (E2, in the lab).',
    gen: { text: 'to be or not to be, that is the question.', hidden: 48, scale: 0.6, seed: 2 },
  },
];

/**
 * hello's own lesson: the stops a first class walks through (the forward pass,
 * the last step's single path, B3's two paths, what H does, a contribution,
 * the final sums).
 */
export const HELLO_LESSON: LessonStop[] = [
  { step: 'F1@1', note: 'The forward pass starts. With $h^{(0)} = 0$, only the input “h” enters $a^{(1)} = b + W h^{(0)} + U x^{(1)}$.' },
  { step: 'F5@4', note: 'The forward pass is done: $L = \\sum_t L^{(t)}$ adds up the surprise at each true next character.' },
  { step: 'B2@4', note: 'The last step: $h^{(4)}$ reaches the loss by one path only, through $o^{(4)}$.' },
  { step: 'B3@2', note: 'Two paths meet: $W^\\top H^{(3)} \\nabla_{h^{(3)}} L$ from the next step and $V^\\top \\nabla_{o^{(2)}} L$ from this step’s own output.' },
  { step: 'B4@2', note: '$H$ is the slope of tanh: near 1 the gradient passes, near 0 (a saturated unit) it is blocked.' },
  { step: 'G4@2', note: 'A contribution: step 2 adds $\\nabla_{a^{(2)}} L \\, h^{(1)\\top}$ to $\\nabla_W L$. W is shared by every step, so its gradient is a sum over t.' },
  { step: 'END', note: 'The final sums: all five gradients are complete, ready for a gradient-descent step.' },
];

/** The preset the app opens with. */
export const DEFAULT_PRESET = 'hello';

/** The scenario of a preset (F1–F5 input), or undefined for an unknown id. */
export function presetScenario(id: string): Scenario | undefined {
  const p = PRESETS.find((q) => q.id === id);
  if (!p) return undefined;
  if (!p.gen) return { ...(structuredClone(helloFile) as Scenario), lesson: structuredClone(HELLO_LESSON) };
  return charModel({ ...p.gen, decimals: 2 });
}
