import type { Lang } from '../core';
import { useApp } from '../store/store';

const WORDS: Record<Lang, { title: string; body: string; back: string }> = {
  en: { title: 'Something went wrong', body: 'The app met an error it did not expect. Your scenario file, if any, is unchanged.', back: 'Back to the hello example' },
  'zh-TW': { title: '發生錯誤', body: '程式遇到未預期的錯誤。你的情境檔案（若有）沒有改變。', back: '回到 hello 範例' },
};

/** What the error boundary shows: the error in one line, and a way back to hello. */
export function CrashPage({ error, reset, lang }: { error: Error; reset: () => void; lang: Lang }) {
  const w = WORDS[lang];
  const back = () => {
    history.replaceState(null, '', '#preset=hello');
    useApp.getState().loadSource({ kind: 'preset', id: 'hello' }, 0);
    reset();
  };
  return (
    <main className="crash" role="alert" data-testid="crash">
      <h1>{w.title}</h1>
      <p>{w.body}</p>
      <p className="muted">
        <code>{error.message.slice(0, 300)}</code>
      </p>
      <button type="button" onClick={back}>
        {w.back}
      </button>
    </main>
  );
}
