import { charModel, DEFAULT_PRESET, GenerateError, presetScenario, PRESETS, ruleError, type CharModelOptions, type ScenarioError } from '../core';

/** Where the shown scenario came from: kept in the URL so a link reopens it. */
export type ScenarioSource =
  | { kind: 'preset'; id: string }
  | { kind: 'generated'; opts: Omit<CharModelOptions, 'decimals' | 'title'> }
  | { kind: 'file'; name: string };

/** A scenario (unvalidated) for a source, or an error message naming the option (and its rule, for the app's languages). */
export function resolveSource(src: ScenarioSource): { value: unknown } | { error: string; detail: ScenarioError } {
  const refuse = (detail: ScenarioError) => ({ error: detail.message, detail });
  if (src.kind === 'preset') {
    const s = presetScenario(src.id);
    return s ? { value: s } : refuse(ruleError('preset', 'unknownPreset', { id: src.id, known: PRESETS.map((p) => p.id).join(', ') }));
  }
  if (src.kind === 'generated') {
    try {
      return { value: charModel({ ...src.opts, decimals: 2 }) };
    } catch (e) {
      if (e instanceof GenerateError) return refuse({ ...e.error, message: e.message });
      throw e;
    }
  }
  return refuse(ruleError('file', 'reopenFile', { name: src.name }));
}

export const DEFAULT_SOURCE: ScenarioSource = { kind: 'preset', id: DEFAULT_PRESET };
