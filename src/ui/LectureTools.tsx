import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LESSON_LIMITS } from '../core';
import type { Focus, Theme } from '../store/lectureSlice';
import { useApp } from '../store/store';
import { formatHash } from '../store/urlHash';
import { Modal } from './Header';
import { useT } from './i18n';
import { useTypeScale } from './typeScale';

/** Fired on window when the page's type scale, mode or layout classes change. */
export const RELAYOUT = 'bptt-relayout';

/** Presenter mode on or off: fullscreen where the browser allows it (a refusal leaves the larger type on). */
export function togglePresenter(): void {
  const { presenter, setPresenter } = useApp.getState();
  if (presenter) {
    setPresenter(false);
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    return;
  }
  setPresenter(true);
  void document.documentElement.requestFullscreen?.().catch(() => undefined);
}

const darkQuery = () => (typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null);
function subscribeDark(onChange: () => void): () => void {
  const q = darkQuery();
  q?.addEventListener('change', onChange);
  return () => q?.removeEventListener('change', onChange);
}

/**
 * The page-wide state of the lecture hall on <html>: the type scale (--ts),
 * presenter mode, the theme (the system's dark mode when none is chosen), the
 * focus layout and the embedded player. Leaving fullscreen (Escape) leaves
 * presenter mode too.
 */
export function useLectureHall(): void {
  const { presenter, theme, focus, embed } = useApp(useShallow((s) => ({ presenter: s.presenter, theme: s.theme, focus: s.focus, embed: s.embed })));
  const ts = useTypeScale();
  const systemDark = useSyncExternalStore(subscribeDark, () => darkQuery()?.matches ?? false, () => false);
  const shown: Theme = theme === 'default' && systemDark ? 'dark' : theme;
  // Before the frame is painted; the formula panel (a child, whose layout effects ran first) fits its rows again on the event.
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.style.setProperty('--ts', String(ts));
    root.classList.toggle('presenter', presenter);
    root.classList.toggle('embed', embed);
    for (const t of ['projector', 'dark'] as const) root.classList.toggle(`theme-${t}`, shown === t);
    for (const f of ['diagram', 'formula'] as const) root.classList.toggle(`focus-${f}`, presenter && focus === f);
    window.dispatchEvent(new Event(RELAYOUT));
  }, [ts, presenter, shown, focus, embed]);
  useEffect(() => {
    let wasFull = false;
    const onChange = () => {
      const full = document.fullscreenElement !== null;
      if (wasFull && !full && useApp.getState().presenter) useApp.getState().setPresenter(false);
      wasFull = full;
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
}

/** The link of the current step (scenario, step, walk mode and language: it opens in the sender's language). */
export function shareLink(): string {
  const s = useApp.getState();
  return location.href.replace(/#.*$/, '') + formatHash(s.source, s.dims.T, s.index, s.mode, false, s.lang, true);
}

/** Copies the link of the current step; where the clipboard is refused, shows it selected to copy by hand. */
function ShareButton() {
  const m = useT().lecture;
  const [status, setStatus] = useState<{ copied: boolean; link: string } | null>(null);
  const share = async () => {
    const link = shareLink();
    try {
      await navigator.clipboard.writeText(link);
      setStatus({ copied: true, link });
    } catch {
      setStatus({ copied: false, link });
    }
  };
  useEffect(() => {
    if (!status?.copied) return;
    const id = window.setTimeout(() => setStatus(null), 2500);
    return () => window.clearTimeout(id);
  }, [status]);
  return (
    <>
      <button type="button" onClick={() => void share()} title={m.shareTitle} data-testid="share">
        {m.share}
      </button>
      <span className="share-status" role="status">
        {status?.copied && m.linkCopied}
        {status && !status.copied && (
          <input readOnly value={status.link} aria-label={m.linkLabel} ref={(el) => el?.select()} onBlur={() => setStatus(null)} />
        )}
      </span>
    </>
  );
}

/** Adds, edits or removes the current step's bookmark note. */
function NoteDialog({ onClose }: { onClose: () => void }) {
  const { key, lesson, setNoteHere } = useApp(useShallow((s) => ({ key: s.view.key, lesson: s.scenario.lesson, setNoteHere: s.setNoteHere })));
  const existing = lesson?.find((l) => l.step === key);
  const m = useT().lecture;
  const [note, setNote] = useState(existing?.note ?? '');
  return (
    <Modal label={m.noteDialog} onClose={onClose}>
      <form
        className="dialog note-editor"
        onSubmit={(e) => {
          e.preventDefault();
          setNoteHere(note);
          onClose();
        }}
      >
        <h2>{m.noteHeading(key)}</h2>
        <label>
          {m.noteLabel}
          <br />
          <textarea value={note} maxLength={LESSON_LIMITS.note} onChange={(e) => setNote(e.target.value)} autoFocus data-testid="note-text" />
        </label>
        <p className="muted">{m.noteHelp}</p>
        <div className="dialog-buttons">
          {existing && (
            <button
              type="button"
              onClick={() => {
                setNoteHere(null);
                onClose();
              }}
            >
              {m.remove}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {m.cancel}
          </button>
          <button type="submit" className="primary">
            {existing ? m.saveNote : m.add}
          </button>
        </div>
      </form>
    </Modal>
  );
}

const THEMES: Theme[] = ['default', 'projector', 'dark'];
const FOCI: Focus[] = ['both', 'diagram', 'formula'];

/** The lecture hall's controls in the header: presenter mode, theme, focus, share, bookmark. */
export function LectureTools() {
  const { presenter, theme, focus, bookmarked, setTheme, setFocus } = useApp(
    useShallow((s) => ({
      presenter: s.presenter,
      theme: s.theme,
      focus: s.focus,
      bookmarked: s.scenario.lesson?.some((l) => l.step === s.view.key) ?? false,
      setTheme: s.setTheme,
      setFocus: s.setFocus,
    })),
  );
  const [editing, setEditing] = useState(false);
  const m = useT().lecture;
  useEffect(() => {
    if (!editing) return;
    document.documentElement.dataset.dialog = 'note';
    return () => {
      delete document.documentElement.dataset.dialog;
    };
  }, [editing]);
  return (
    <div className="lecture-tools">
      <button type="button" aria-pressed={presenter} onClick={togglePresenter} title={m.presenterTitle} data-testid="presenter">
        {m.presenter}
      </button>
      {presenter && (
        <select value={focus} onChange={(e) => setFocus(e.target.value as Focus)} aria-label={m.focus}>
          {FOCI.map((v) => (
            <option key={v} value={v}>
              {m.foci[v]}
            </option>
          ))}
        </select>
      )}
      <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)} aria-label={m.theme}>
        {THEMES.map((v) => (
          <option key={v} value={v}>
            {m.themes[v]}
          </option>
        ))}
      </select>
      <ShareButton />
      <button type="button" aria-pressed={bookmarked} onClick={() => setEditing(true)} title={m.bookmarkTitle} data-testid="bookmark">
        {bookmarked ? m.note : m.bookmark}
      </button>
      {editing && <NoteDialog onClose={() => setEditing(false)} />}
    </div>
  );
}
