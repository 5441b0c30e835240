/** Helpers for the message catalogues' tests: their shape and their strings. */

/** Every leaf of a catalogue as `path: kind` (a function's kind includes its arity), in key order. */
export function shapeOf(o: unknown, path = ''): string[] {
  if (typeof o === 'string') return [`${path}: string`];
  if (typeof o === 'function') return [`${path}: function/${o.length}`];
  if (typeof o !== 'object' || o === null) return [`${path}: ${typeof o}`];
  return Object.keys(o)
    .sort()
    .flatMap((k) => shapeOf((o as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
}

/** Every string leaf of a catalogue, with its path. */
export function stringsOf(o: unknown, path = ''): [string, string][] {
  if (typeof o === 'string') return [[path, o]];
  if (typeof o !== 'object' || o === null) return [];
  return Object.entries(o).flatMap(([k, v]) => stringsOf(v, path ? `${path}.${k}` : k));
}
