import { createContext, createElement, startTransition, useContext, useEffect, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Model, Scenario, Trace } from '../core';
import { useApp } from '../store/store';

/**
 * A value that follows `value` one painted frame behind. The diagram and the step
 * label answer a key press in the next frame; the costly panels (KaTeX formulas,
 * heatmaps) render in a transition right after that frame is painted. Presses in
 * quick succession cancel the pending update, so only the step the walk rests on
 * is rendered. (React's useDeferredValue may render in a task that runs before
 * the frame, which is what this avoids.)
 *
 * Options, for a panel that must land in a frame of its own: `frames`, how many
 * frames to wait (2: the frame after the one the other panels come in);
 * `inTask`, render at once in the task after the last of them rather than in a
 * transition, which React may slice over later frames.
 */
export function useAfterPaint<T>(value: T, { frames = 1, inTask = false }: { frames?: number; inTask?: boolean } = {}): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    let timer = 0;
    let frame = 0;
    let left = frames;
    const tick = () => {
      if (--left > 0) {
        frame = requestAnimationFrame(tick);
        return;
      }
      // A transition: React renders it in slices and drops it for the next key press.
      timer = window.setTimeout(() => (inTask ? setShown(value) : startTransition(() => setShown(value))), 0);
    };
    frame = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [value, shown, frames, inTask]);
  return shown;
}

/** The walk position the side panels show: one snapshot, one frame behind the diagram. */
export interface ShownStep {
  model: Model;
  trace: Trace;
  scenario: Scenario;
  index: number;
  spanFrom: number;
}

const ShownStepContext = createContext<ShownStep | null>(null);

/** The store's walk position, one painted frame behind. */
function useShownStepSnapshot(): ShownStep {
  const now = useApp(useShallow((s) => ({ model: s.model, trace: s.trace, scenario: s.scenario, index: s.index, spanFrom: s.spanFrom })));
  return useAfterPaint(now);
}

/**
 * Provides the shown step to everything that follows the walk one frame behind
 * (the formula and detail panels, the narration, the gradient flow, the ‖∇h‖ chart): one
 * deferred snapshot, so they all render in one transition and one commit. Its
 * children come from the App, which seldom renders (play, pause, speed): a
 * move of the snapshot re-renders only the components that read it.
 */
export function ShownStepProvider({ children }: { children: ReactNode }) {
  return createElement(ShownStepContext.Provider, { value: useShownStepSnapshot() }, children);
}

export function useShownStep(): ShownStep {
  const v = useContext(ShownStepContext);
  if (!v) throw new Error('useShownStep outside <ShownStepContext>');
  return v;
}
