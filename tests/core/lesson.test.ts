import { describe, expect, it } from 'vitest';
import { noteParts, presetScenario, scenarioToFile, validateLesson, validateScenario } from '../../src/core';

describe('lesson bookmarks', () => {
  it('accepts known step keys, keeps them in walk order, and refuses the rest naming the field', () => {
    const ok = validateLesson(
      [
        { step: 'END', note: 'done' },
        { step: 'B3@2', note: 'two paths' },
        { step: 'F1@1', note: '' },
      ],
      4,
    );
    expect(ok.ok && ok.lesson.map((l) => l.step)).toEqual(['F1@1', 'B3@2', 'END']);
    const bad: [unknown, string][] = [
      [{}, 'lesson'],
      [[{ step: 'B2@2', note: 'x' }], 'lesson[0].step'],
      [[{ step: 'F9@9', note: 'x' }], 'lesson[0].step'],
      [[{ step: 'F1@1' }], 'lesson[0].note'],
      [[{ step: 'F1@1', note: 'a' }, { step: 'F1@1', note: 'b' }], 'lesson[1].step'],
      [[{ step: 'F1@1', note: 'x'.repeat(2001) }], 'lesson[0].note'],
      [['F1@1'], 'lesson[0]'],
    ];
    for (const [value, field] of bad) {
      const r = validateLesson(value, 4);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.field).toBe(field);
        expect(r.message.startsWith(field)).toBe(true);
      }
    }
  });

  it('a scenario carries its lesson through validation and Save scenario', () => {
    const s = presetScenario('hello');
    const v = validateScenario(s);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    const saved = JSON.parse(JSON.stringify(scenarioToFile(v.scenario)));
    expect(saved.lesson).toEqual(v.scenario.lesson);
    const again = validateScenario(saved);
    expect(again.ok && again.scenario.lesson).toEqual(v.scenario.lesson);
    const refused = validateScenario({ ...saved, lesson: [{ step: 'G1@9', note: '' }] });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0].field).toBe('lesson[0].step');
  });

  it('a note is text with $…$ maths; an unmatched or escaped $ stays text', () => {
    expect(noteParts('see $h^{(t)}$ here')).toEqual([
      { math: false, text: 'see ' },
      { math: true, text: 'h^{(t)}' },
      { math: false, text: ' here' },
    ]);
    expect(noteParts('costs \\$5 and $x')).toEqual([{ math: false, text: 'costs $5 and $x' }]);
    expect(noteParts('<img src=x onerror=alert(1)>')).toEqual([{ math: false, text: '<img src=x onerror=alert(1)>' }]);
    expect(noteParts('$$')).toEqual([{ math: false, text: '$$' }]);
  });
});
