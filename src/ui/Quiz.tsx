import { useEffect, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { checkSignMagnitude, checkTyped, MAGNITUDES, parseAnswer, quizQuestion, type QuizQuestion } from '../core/quiz';
import { quizPending, type QuizOutcome } from '../store/quizSlice';
import { useApp } from '../store/store';
import { useT } from './i18n';
import { Tex } from './Tex';
import './quiz.css';

type Words = ReturnType<typeof useT>['quiz'];

/** The question in words: "What is entry 3 of ∇h⁽²⁾?". */
function askText(q: QuizQuestion, m: Words): string {
  const entry = q.entry.join(', ');
  if (q.kind === 'scalar') return m.askScalar(q.symbol);
  return q.contribution ? m.askTerm(q.symbol, q.t, entry) : m.askEntry(q.symbol, entry);
}

/** The answer field, the sign-and-magnitude choices and Skip, for one step (remounted per step: its fields start empty). */
function Ask({ q, m }: { q: QuizQuestion; m: Words }) {
  const answerQuiz = useApp((s) => s.answerQuiz);
  const skipQuiz = useApp((s) => s.skipQuiz);
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [sign, setSign] = useState<1 | -1 | null>(null);
  const [exp, setExp] = useState<number | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!Number.isFinite(parseAnswer(text))) {
      setInvalid(true);
      return;
    }
    answerQuiz(q.key, checkTyped(text, q.value, q.digits), text.trim());
  };
  const choose = () => {
    if (sign === null || exp === null) return;
    answerQuiz(q.key, checkSignMagnitude(sign, exp, q.value), `${sign < 0 ? '−' : '+'} ${m.power(exp)}`);
  };
  const lowest = MAGNITUDES[0];
  const highest = MAGNITUDES[MAGNITUDES.length - 1];
  return (
    <>
      <p className="quiz-ask" data-testid="quiz-ask">
        {askText(q, m)} <Tex tex={`${q.tex} = \\;?`} />
      </p>
      <p className="quiz-why">{m.whyEntry}</p>
      <form className="quiz-typed" onSubmit={submit}>
        <label htmlFor="quiz-answer">{m.typeLabel}</label>
        <div className="quiz-row">
          <input
            id="quiz-answer"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={text}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'quiz-invalid' : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setInvalid(false);
            }}
            data-testid="quiz-answer"
          />
          <button type="submit" className="primary" title={m.submitTitle} data-testid="quiz-submit">
            {m.submit}
          </button>
          <button type="button" title={m.skipTitle} onClick={() => skipQuiz(q.key)} data-testid="quiz-skip">
            {m.skip}
          </button>
        </div>
        {invalid && (
          <p id="quiz-invalid" className="quiz-invalid" role="alert">
            {m.invalid}
          </p>
        )}
      </form>
      {q.kind === 'entry' && (
        <div className="quiz-choice">
          <span className="quiz-or">{m.or}</span>
          <div className="quiz-row">
            <div role="group" aria-label={m.sign} className="quiz-buttons">
              {([-1, 1] as const).map((s) => (
                <button key={s} type="button" aria-pressed={sign === s} aria-label={s < 0 ? m.negative : m.positive} onClick={() => setSign(s)} data-testid={`quiz-sign-${s < 0 ? 'minus' : 'plus'}`}>
                  {s < 0 ? '−' : '+'}
                </button>
              ))}
            </div>
            <div role="group" aria-label={m.magnitude} className="quiz-buttons">
              {MAGNITUDES.map((e) => (
                <button key={e} type="button" aria-pressed={exp === e} title={m.magnitudeTitle(e, e === lowest, e === highest)} onClick={() => setExp(e)} data-testid={`quiz-mag-${e}`}>
                  {e === lowest ? '≤' : e === highest ? '≥' : ''}
                  {m.power(e)}
                </button>
              ))}
            </div>
            <button type="button" className="primary" disabled={sign === null || exp === null} onClick={choose} data-testid="quiz-choose">
              {m.checkChoice}
            </button>
          </div>
        </div>
      )}
    </>
  );
}

/** After the answer: right, wrong or skipped, the value, and its formula with the numbers. */
function Result({ q, outcome, m }: { q: QuizQuestion; outcome: QuizOutcome; m: Words }) {
  const verdict = outcome.result === 'right' ? m.right : outcome.result === 'wrong' ? m.wrong(outcome.answer) : m.skipped;
  const ref = useRef<HTMLDivElement>(null);
  // The answer's field or button has gone: the focus goes to the verdict (not lost to the page), where the walk keys still walk.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div ref={ref} tabIndex={-1} className={`quiz-result ${outcome.result}`} data-testid="quiz-result" data-result={outcome.result}>
      <p role="status">
        <b>{verdict}</b> {m.itIs(q.shown)}
      </p>
      <div className="quiz-explanation" data-testid="quiz-explanation">
        <Tex tex={q.explanation} display />
      </div>
    </div>
  );
}

/**
 * The quiz card above the formula: while the step's value is asked, the
 * step's numbers (the formula's numeric rows, the diagram's new cells, the
 * flow, the detail picture, the narration) are hidden by the `quiz-pending`
 * class on <html>, set before the step is painted.
 */
export function Quiz() {
  const on = useApp((s) => s.quiz);
  const pending = useApp(quizPending);
  const view = useApp((s) => s.view);
  const mode = useApp((s) => s.mode);
  const setMode = useApp((s) => s.setMode);
  const model = useApp((s) => s.model);
  const trace = useApp((s) => s.trace);
  const outcome = useApp((s) => s.quizDone[s.view.key]);
  const score = useApp((s) => s.quizScore);
  const m = useT().quiz;
  const asks = pending ? view.step.id : null;
  useLayoutEffect(() => {
    const html = document.documentElement;
    html.classList.toggle('quiz-pending', asks !== null);
    // The formula asked, for what only some steps reveal (the norm chart: B2, B3, B5).
    if (asks) html.dataset.quizAsks = asks;
    else delete html.dataset.quizAsks;
  }, [asks]);
  useEffect(
    () => () => {
      document.documentElement.classList.remove('quiz-pending');
      delete document.documentElement.dataset.quizAsks;
    },
    [],
  );
  const q = useMemo(() => quizQuestion(model, trace, view.step), [model, trace, view.step]);
  if (!on) return null;
  let body;
  if (mode !== 'fine')
    body = (
      <p className="quiz-note">
        {m.coarse}{' '}
        <button type="button" onClick={() => setMode('fine')}>
          {m.toFine}
        </button>
      </p>
    );
  else if (!q) body = <p className="quiz-note">{m.noQuestion}</p>;
  else if (pending) body = <Ask key={q.key} q={q} m={m} />;
  else if (outcome) body = <Result q={q} outcome={outcome} m={m} />;
  return (
    <section className="quiz-card" aria-label={m.region} data-testid="quiz-card" data-step={view.key} data-pending={pending ? 'true' : 'false'}>
      <div className="quiz-head">
        <h2>{m.heading}</h2>
        <span className="quiz-score" title={m.scoreTitle}>
          {m.scoreLabel} <b data-testid="quiz-score">{m.score(score.correct, score.answered)}</b>
        </span>
      </div>
      {body}
    </section>
  );
}
