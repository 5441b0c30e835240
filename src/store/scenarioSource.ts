import { charModel, DEFAULT_PRESET, GenerateError, presetScenario, PRESETS, type CharModelOptions } from '../core';

/** Where the shown scenario came from: kept in the URL so a link reopens it. */
export type ScenarioSource =
  | { kind: 'preset'; id: string }
  | { kind: 'generated'; opts: Omit<CharModelOptions, 'decimals' | 'title'> }
  | { kind: 'file'; name: string };

/** A scenario (unvalidated) for a source, or an error message naming the option. */
export function resolveSource(src: ScenarioSource): { value: unknown } | { error: string } {
  if (src.kind === 'preset') {
    const s = presetScenario(src.id);
    return s ? { value: s } : { error: `preset: "${src.id}" is not one of ${PRESETS.map((p) => p.id).join(', ')}` };
  }
  if (src.kind === 'generated') {
    try {
      return { value: charModel({ ...src.opts, decimals: 2 }) };
    } catch (e) {
      if (e instanceof GenerateError) return { error: e.message };
      throw e;
    }
  }
  return { error: `file: "${src.name}" must be opened again` };
}

export const DEFAULT_SOURCE: ScenarioSource = { kind: 'preset', id: DEFAULT_PRESET };
