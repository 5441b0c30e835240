/**
 * Lesson bookmarks: stops a lecturer prepares in a scenario file
 * (`"lesson": [{"step": "B3@2", "note": "…"}]`, docs/formats.md), each a step
 * of the walk with a note in plain text that may hold `$…$` KaTeX, never HTML.
 */
import { ruleError, type ErrorParams, type ErrorRule, type RuleError } from './messages';
import { parseStepKey } from './steps';
import type { ScenarioError } from './types';

export interface LessonStop {
  /** A step key of the walk: `F1@3`, `B3@2`, `END`. */
  step: string;
  /** Plain text; `$…$` spans are typeset as maths, everything else is text. */
  note: string;
}

/** At most this many stops, and this many characters a note. */
export const LESSON_LIMITS = { stops: 200, note: 2000 } as const;

/**
 * Checks a scenario's `lesson` against a T-step walk (the steps of F1–G5 and
 * the end): a list of {step, note} with known step keys. Returns the stops in
 * walk order, or the first broken rule naming its field.
 */
export function validateLesson(value: unknown, T: number): { ok: true; lesson: LessonStop[] } | ({ ok: false } & ScenarioError & RuleError) {
  const fail = <R extends ErrorRule>(field: string, rule: R, params: ErrorParams<R>) => ({ ok: false as const, ...ruleError(field, rule, params) });
  if (!Array.isArray(value)) return fail('lesson', 'lessonNotList', {});
  if (value.length > LESSON_LIMITS.stops) return fail('lesson', 'lessonStops', { count: value.length, limit: LESSON_LIMITS.stops });
  const out: { stop: LessonStop; index: number }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    const field = `lesson[${i}]`;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(field, 'lessonStop', {});
    const { step, note } = v as Record<string, unknown>;
    if (typeof step !== 'string') return fail(`${field}.step`, 'stepKey', {});
    const index = parseStepKey(T, step);
    if (index === undefined) return fail(`${field}.step`, 'notStep', { step: step.slice(0, 40), T });
    if (seen.has(step)) return fail(`${field}.step`, 'bookmarkedTwice', { step });
    seen.add(step);
    if (typeof note !== 'string') return fail(`${field}.note`, 'noteText', {});
    if (note.length > LESSON_LIMITS.note) return fail(`${field}.note`, 'tooLong', { limit: LESSON_LIMITS.note });
    out.push({ stop: { step, note }, index });
  }
  out.sort((a, b) => a.index - b.index);
  return { ok: true, lesson: out.map((o) => o.stop) };
}

/** A note cut into text and `$…$` maths, in order; an unmatched `$` is text. `\$` is a literal dollar. */
export function noteParts(note: string): { math: boolean; text: string }[] {
  const parts: { math: boolean; text: string }[] = [];
  let text = '';
  for (let i = 0; i < note.length; i++) {
    const ch = note[i];
    if (ch === '\\' && note[i + 1] === '$') {
      text += '$';
      i++;
      continue;
    }
    if (ch === '$') {
      let j = i + 1;
      while (j < note.length && !(note[j] === '$' && note[j - 1] !== '\\')) j++;
      if (j < note.length && j > i + 1) {
        if (text) parts.push({ math: false, text });
        text = '';
        parts.push({ math: true, text: note.slice(i + 1, j) });
        i = j;
        continue;
      }
    }
    text += ch;
  }
  if (text) parts.push({ math: false, text });
  return parts;
}
