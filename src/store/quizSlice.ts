import type { StateCreator } from 'zustand';
import { isQuizStep } from '../core/quiz';
import type { AppState } from './store';

/** How a step's question ended: answered right or wrong (with what was answered), or skipped. */
export interface QuizOutcome {
  result: 'right' | 'wrong' | 'skipped';
  /** The answer as the student gave it: typed text, or "− 10⁻²" for a sign and magnitude. */
  answer: string;
}

/** The quiz mode (core/quiz.ts): on or off, each step's outcome in this walk, and the score. */
export interface QuizSlice {
  quiz: boolean;
  /** Outcomes by step key (`B5@3`): a step with one is revealed. */
  quizDone: Record<string, QuizOutcome>;
  /** Right answers / answered questions (skips do not count) since the scenario was shown. */
  quizScore: { correct: number; answered: number };
  setQuiz: (on: boolean) => void;
  answerQuiz: (key: string, right: boolean, answer: string) => void;
  skipQuiz: (key: string) => void;
}

/** A new scenario starts a new walk: no outcomes, no score (store.ts loadScenario). */
export const QUIZ_RESET: Pick<QuizSlice, 'quizDone' | 'quizScore'> = { quizDone: {}, quizScore: { correct: 0, answered: 0 } };

/** Whether the current stop's value is hidden for a question: quiz on, a fine step that computes one, not yet answered or skipped. */
export function quizPending(s: Pick<AppState, 'quiz' | 'mode' | 'view' | 'quizDone'>): boolean {
  return s.quiz && s.mode === 'fine' && isQuizStep(s.view.step) && !(s.view.key in s.quizDone);
}

export const createQuizSlice: StateCreator<AppState, [], [], QuizSlice> = (set, get) => ({
  quiz: false,
  ...QUIZ_RESET,
  setQuiz: (quiz) => set({ quiz, playing: false }),
  answerQuiz: (key, right, answer) => {
    const s = get();
    if (key in s.quizDone) return;
    set({
      quizDone: { ...s.quizDone, [key]: { result: right ? 'right' : 'wrong', answer } },
      quizScore: { correct: s.quizScore.correct + (right ? 1 : 0), answered: s.quizScore.answered + 1 },
    });
  },
  skipQuiz: (key) => {
    const s = get();
    if (key in s.quizDone) return;
    set({ quizDone: { ...s.quizDone, [key]: { result: 'skipped', answer: '' } } });
  },
});
