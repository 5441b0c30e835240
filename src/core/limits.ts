/**
 * The stated limits on a scenario's sizes, enforced by validateScenario
 * (and so by the app, the command line and the tests alike).
 * T = 1000 with n = 128 traces in about 16 ms (npm run bench).
 */
export const LIMITS = {
  /** Sequence length T. */
  T: 1000,
  /** Hidden size n. */
  n: 128,
  /** Input size m (a character model's vocabulary). */
  m: 256,
  /** Number of classes k. */
  k: 256,
  /** Length of a title or a label, in characters. */
  text: 200,
  /**
   * Largest magnitude of any number (inputs, weights, h0). With |x|, |W| ≤ 1e6 the
   * logits stay below ~1e14, far from overflow, so every accepted scenario has a
   * finite loss and finite gradients.
   */
  magnitude: 1e6,
} as const;
