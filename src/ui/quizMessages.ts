/**
 * The quiz's words (core/quiz.ts), in English and 繁體中文: the `quiz` entry of
 * the UI catalogue (i18n/en.ts, i18n/zh-TW.ts), whose `satisfies UiMessages`
 * gives both languages the same keys. Symbols and numbers are the same in both.
 */
import { sup } from '../core/format';

const power = (e: number) => `10${sup(e).slice(1, -1)}`;

export const quizEn = {
  toggle: 'Quiz',
  toggleTitle: 'Quiz mode: work out each value before the step shows it (Q)',
  region: 'Quiz',
  heading: 'Quiz',
  score: (correct: number, answered: number) => `${correct} / ${answered}`,
  scoreLabel: 'score',
  scoreTitle: 'Right answers / questions answered in this walk (skips do not count)',
  /** The question: "entry 3 of ∇h⁽²⁾", "entry 2, 1 of step 3's term of ∇V L", "L⁽⁴⁾". */
  askEntry: (symbol: string, entry: string) => `What is entry ${entry} of ${symbol}?`,
  askTerm: (symbol: string, t: number, entry: string) => `What is entry ${entry} of step ${t}'s term of ${symbol}?`,
  askScalar: (symbol: string) => `What is ${symbol}?`,
  whyEntry: 'The entry largest in magnitude is asked. The step\u2019s numbers are hidden until you answer.',
  typeLabel: 'Your answer, to 3 decimals',
  invalid: 'Type a number, e.g. −0.048.',
  submit: 'Check',
  submitTitle: 'Check the typed answer (Enter)',
  or: 'or give its sign and order of magnitude',
  sign: 'Sign',
  negative: 'negative',
  positive: 'positive',
  magnitude: 'Order of magnitude of |value|',
  magnitudeTitle: (e: number, lowest: boolean, highest: boolean) =>
    lowest ? `|value| < ${power(e + 1)}` : highest ? `|value| ≥ ${power(e)}` : `${power(e)} ≤ |value| < ${power(e + 1)}`,
  power,
  checkChoice: 'Check sign and magnitude',
  skip: 'Skip',
  skipTitle: 'Show the value without answering (does not count in the score)',
  right: 'Right.',
  wrong: (answer: string) => `Not quite: you answered ${answer}.`,
  skipped: 'Skipped.',
  itIs: (shown: string) => `It is ${shown}:`,
  coarse: 'The quiz asks at each step of the fine walk.',
  toFine: 'Fine walk (F)',
  noQuestion: 'Nothing is computed at this stop: walk on (→).',
};

export const quizZhTW = {
  toggle: '測驗',
  toggleTitle: '測驗模式：在這一步顯示數值之前，先自己算出來（Q）',
  region: '測驗',
  heading: '測驗',
  score: (correct: number, answered: number) => `${correct} / ${answered}`,
  scoreLabel: '得分',
  scoreTitle: '這次走訪中答對的題數／已作答的題數（略過的不計）',
  askEntry: (symbol: string, entry: string) => `${symbol} 的第 ${entry} 個分量是多少？`,
  askTerm: (symbol: string, t: number, entry: string) => `第 ${t} 步對 ${symbol} 貢獻的項，其第 ${entry} 個分量是多少？`,
  askScalar: (symbol: string) => `${symbol} 是多少？`,
  whyEntry: '題目問的是絕對值最大的分量。作答之前，這一步的數值會先隱藏。',
  typeLabel: '你的答案（小數點後 3 位）',
  invalid: '請輸入一個數字，例如 −0.048。',
  submit: '檢查',
  submitTitle: '檢查輸入的答案（Enter）',
  or: '或選出它的正負號與數量級',
  sign: '正負號',
  negative: '負',
  positive: '正',
  magnitude: '|數值| 的數量級',
  magnitudeTitle: (e: number, lowest: boolean, highest: boolean) =>
    lowest ? `|數值| < ${power(e + 1)}` : highest ? `|數值| ≥ ${power(e)}` : `${power(e)} ≤ |數值| < ${power(e + 1)}`,
  power,
  checkChoice: '檢查正負號與數量級',
  skip: '略過',
  skipTitle: '不作答，直接顯示數值（不計分）',
  right: '答對了。',
  wrong: (answer: string) => `不太對：你的答案是 ${answer}。`,
  skipped: '已略過。',
  itIs: (shown: string) => `正確值是 ${shown}：`,
  coarse: '測驗只在逐式走的每一步出題。',
  toFine: '逐式走（F）',
  noQuestion: '這一站沒有要計算的值：請繼續往下走（→）。',
};
