/** Number formatting shared by the diagram, the formulas and the narration. */

const MINUS = '\u2212';

/**
 * A number at `digits` decimals, with a true minus sign. A non-zero value that
 * would round to zero is written in exponent form (2.3e−5), so a vanishing
 * gradient never reads as exactly 0.
 */
export function fmt(v: number, digits = 3): string {
  if (v === 0 || Object.is(v, -0)) return (0).toFixed(digits);
  const a = Math.abs(v);
  let s: string;
  if (a < 0.5 * 10 ** -digits) s = v.toExponential(1);
  else if (a >= 1e6) s = v.toExponential(2);
  else s = v.toFixed(digits);
  return s.replace('-', MINUS).replace('e+', 'e');
}

/** Losses (L^(t), their running sum and L) are written at 4 decimals everywhere: header, diagram, formulas, narration, quiz. */
export const LOSS_DIGITS = 4;

/** A loss at LOSS_DIGITS decimals. */
export function fmtLoss(v: number): string {
  return fmt(v, LOSS_DIGITS);
}

/**
 * `v` at `digits` decimals, or at more (up to 6) when fewer would round a value
 * below `bound` up to it: a unit marked as under a threshold (H < 0.1, saturated)
 * never reads as the threshold itself (0.097, not 0.10).
 */
export function fmtBelow(v: number, bound: number, digits = 2): string {
  let d = digits;
  while (v < bound && d < 6 && Number(v.toFixed(d)) >= bound) d++;
  return fmt(v, d);
}

/** The same number for TeX (an ASCII minus, which KaTeX typesets as a minus). */
export function fmtTex(v: number, digits = 3): string {
  const s = fmt(v, digits).replace(MINUS, '-');
  const m = /^(-?[\d.]+)e(-?\d+)$/.exec(s.replace(MINUS, '-'));
  return m ? `${m[1]}\\mathrm{e}{${m[2]}}` : s;
}

const SUP: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
  '(': '⁽', ')': '⁾', '+': '⁺', '-': '⁻', t: 'ᵗ', T: 'ᵀ',
};

/** ⁽ᵗ⁾-style superscript for plain text: sup(3) = "⁽³⁾". */
export function sup(t: number | string): string {
  return Array.from(`(${t})`, (ch) => SUP[ch] ?? ch).join('');
}

/** Right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko… and their presentation forms) and the direction controls. */
const BIDI = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * A user's text (a label) set inside the app's own text: when it holds
 * right-to-left letters or direction controls it is wrapped in a first-strong
 * isolate (U+2068 … U+2069), so an override in it (U+202E) cannot turn the
 * narration or the diagram's “input → target” around it; its own closing
 * isolates are dropped, so it cannot end the isolate early. Any other text is
 * returned as it is.
 */
export function isolateBidi(text: string): string {
  return BIDI.test(text) ? `\u2068${text.replace(/\u2069/g, '')}\u2069` : text;
}
