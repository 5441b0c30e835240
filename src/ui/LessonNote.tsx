import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../store/store';
import { UserText } from './UserText';
import { useT } from './i18n';

/** The lesson's note at a bookmarked step, with its place in the lesson ("3 / 7") and the keys to move on. */
export function LessonNote() {
  const { lesson, key } = useApp(useShallow((s) => ({ lesson: s.scenario.lesson, key: s.view.key })));
  const m = useT().lesson;
  const at = lesson?.findIndex((l) => l.step === key) ?? -1;
  if (!lesson || at < 0) return null;
  return (
    <aside className="lesson-note" data-testid="lesson-note" data-step={key} aria-label={m.stop(at + 1, lesson.length)}>
      <span className="lesson-count">
        ★ {at + 1} / {lesson.length}
      </span>
      <p>
        <UserText text={lesson[at].note} />
      </p>
      <span className="lesson-keys muted">{m.keys}</span>
    </aside>
  );
}
