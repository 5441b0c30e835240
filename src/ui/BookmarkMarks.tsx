import { useShallow } from 'zustand/react/shallow';
import { bookmarkIndices } from '../store/lectureSlice';
import { useApp } from '../store/store';

/** The lesson's bookmarks as marks over the scrubber's track, where the thumb stands at each. */
export function BookmarkMarks() {
  const { lesson, T, total } = useApp(useShallow((s) => ({ lesson: s.scenario.lesson, T: s.dims.T, total: s.stepTotal })));
  const stops = bookmarkIndices(lesson, T);
  if (stops.length === 0) return null;
  return (
    <div className="scrub-marks" aria-hidden="true" data-testid="bookmark-marks">
      {stops.map((i) => (
        <span key={i} className="mark" style={{ left: `${(100 * i) / Math.max(1, total - 1)}%` }}>
          ★
        </span>
      ))}
    </div>
  );
}
