import { useEffect, useRef, type RefObject } from 'react';
import { useApp } from '../store/store';
import { togglePresenter } from './LectureTools';
import { parseStepKey } from '../core';
import { clip, FILE_STORAGE_KEY, formatHash, parseHash } from '../store/urlHash';

/** The scenario last opened from a file in this browser, or undefined (none, or storage unreadable). */
function storedFile(): unknown {
  try {
    const text = localStorage.getItem(FILE_STORAGE_KEY);
    return text === null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** The shortest time between two writes of the address: 16 a second at most, well under Chrome's 200 in 10 s. */
const WRITE_MS = 60;

/** Reads the URL hash into the store (at start and on hashchange) and writes the store back into it. */
export function useHashSync(): void {
  useEffect(() => {
    // The address as last read or written here. When location.hash differs from
    // it, the address was changed from outside (typed, a link, the back button)
    // and its hashchange is on its way: the store must not overwrite it first.
    let synced = location.hash;
    // The scenario the address last named: a different one gets a history entry of its own.
    let writtenSource = useApp.getState().source;
    /** Writes the address of what is shown over the current entry (no hashchange). */
    const correct = () => {
      const now = useApp.getState();
      const fixed = formatHash(now.source, now.dims.T, now.index, now.mode, now.embed, now.lang);
      if (fixed !== location.hash) history.replaceState(null, '', fixed);
      synced = location.hash;
    };
    const apply = (e?: HashChangeEvent) => {
      synced = location.hash;
      const h = parseHash(location.hash);
      const s = useApp.getState();
      // A new link: a refusal shown for an earlier one (or for a file) no longer applies.
      if (e) s.dismissError();
      if (!h) {
        s.setNotice(null);
        // A hash edited into one that names nothing (`#hidden=3`, or none) would reopen the default on reload: it names what is shown.
        if (e) correct();
        return;
      }
      const notes = [...h.problems];
      if (h.mode && h.mode !== s.mode) s.setMode(h.mode);
      if (h.lang) s.setLang(h.lang);
      if (h.embed !== undefined) s.setEmbed(h.embed);
      let ok = true;
      if (JSON.stringify(h.source) !== JSON.stringify(s.source)) {
        if (h.source.kind === 'file') {
          const value = storedFile();
          ok = value !== undefined && s.loadScenario(value, h.source);
          // A link to a file names a file of the browser that opened it, not of this one.
          if (value === undefined) notes.push({ kind: 'fileNotStored', name: clip(h.source.name) });
        } else ok = s.loadSource(h.source);
      }
      const now = useApp.getState();
      if (ok) {
        const index = h.step === undefined ? undefined : parseStepKey(now.dims.T, h.step);
        if (h.step !== undefined && index === undefined) notes.push({ kind: 'noSuchStep', key: clip(h.step), T: now.dims.T });
        now.goTo(index ?? 0);
      }
      now.setNotice(notes.length ? notes : null);
      writtenSource = useApp.getState().source;
      // The address is corrected to what is shown (a refused link leaves the previous scenario on screen).
      if (notes.length || !ok) correct();
    };
    apply();
    // Keyboard and hash handlers are live from here on (tests wait for this mark).
    document.documentElement.dataset.ready = 'true';
    window.addEventListener('hashchange', apply);
    // The address names the step on screen: written right after a change (once
    // the handler that made it is done), so a reload at once after a press keeps
    // it; and at most once every WRITE_MS however fast the walk, since Chrome
    // ignores a page's history writes past 200 in 10 s (the address would stick).
    let timer = 0;
    let queued = false;
    let lastWrite = -Infinity;
    const write = () => {
      clearTimeout(timer);
      timer = 0;
      lastWrite = performance.now();
      if (location.hash !== synced) return;
      const s = useApp.getState();
      const hash = formatHash(s.source, s.dims.T, s.index, s.mode, s.embed, s.lang);
      // A new scenario is a new history entry (Back returns to the previous one); a step only replaces it.
      if (hash !== location.hash) {
        if (s.source !== writtenSource) history.pushState(null, '', hash);
        else history.replaceState(null, '', hash);
      }
      writtenSource = s.source;
      synced = location.hash;
    };
    const schedule = () => {
      queued = false;
      if (timer) return;
      const wait = lastWrite + WRITE_MS - performance.now();
      if (wait <= 0) write();
      else timer = window.setTimeout(write, wait);
    };
    const unsub = useApp.subscribe((s, prev) => {
      if (s.index === prev.index && s.source === prev.source && s.mode === prev.mode && s.dims === prev.dims && s.lang === prev.lang) return;
      // After the current handler: a link's several changes (mode, scenario, step) make one write.
      if (!queued) {
        queued = true;
        queueMicrotask(schedule);
      }
    });
    window.addEventListener('pagehide', write);
    return () => {
      window.removeEventListener('hashchange', apply);
      window.removeEventListener('pagehide', write);
      clearTimeout(timer);
      unsub();
    };
  }, []);
}

/**
 * The side pane scrolls with ↓ / ↑ (most of its height a press) wherever the
 * focus is but a field that keeps those keys (a drop-down, the scrubber, a
 * text field), and each new stop opens at its top: its heading and formula.
 */
export function useSidePaneScroll(): RefObject<HTMLElement | null> {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const pane = ref.current;
    if (!pane) return;
    // Whether the pane is scrolled, from its scroll events: asking it on each step would force a layout.
    let scrolled = false;
    const onScroll = () => (scrolled = pane.scrollTop > 0);
    pane.addEventListener('scroll', onScroll, { passive: true });
    // A subscription, not a selector: the app's root is not rendered again on every step.
    const unsub = useApp.subscribe((s, prev) => {
      if (!scrolled || s.view.key === prev.view.key) return;
      pane.scrollTo({ top: 0 });
      scrolled = false;
    });
    return () => {
      pane.removeEventListener('scroll', onScroll);
      unsub();
    };
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.key !== 'ArrowDown' && e.key !== 'ArrowUp') || e.altKey || e.ctrlKey || e.metaKey || document.documentElement.dataset.dialog) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'SELECT' || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
      const pane = ref.current;
      if (!pane || pane.scrollHeight <= pane.clientHeight) return;
      e.preventDefault();
      pane.scrollBy({ top: (e.key === 'ArrowDown' ? 0.6 : -0.6) * pane.clientHeight });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return ref;
}

/** Fired on window by the ? key: the header opens its help dialog. */
export const OPEN_HELP = 'bptt-open-help';

/** Autoplay: one tick per step interval, scaled by the speed. */
export function usePlayback(): void {
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    const id = window.setInterval(() => useApp.getState().tick(), 1400 / speed);
    return () => window.clearInterval(id);
  }, [playing, speed]);
}

/**
 * Whether a focused field keeps this key. A drop-down (the scenario, the speed)
 * keeps ↑ ↓ and the rest, but not ← →: a lecturer who has just picked a scenario
 * walks on with the arrows without clicking away first, and does not change the
 * scenario by accident.
 */
function isTyping(target: EventTarget | null, key: string): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'SELECT') return key !== 'ArrowLeft' && key !== 'ArrowRight';
  // The step slider is no typing field: the page's keys walk there (and cancel the slider's own move).
  if (tag === 'INPUT' && (el as HTMLInputElement).type === 'range') return false;
  return tag === 'INPUT' || tag === 'TEXTAREA' || el.isContentEditable;
}

/** ← → step, Space plays, Home / End jump, PageUp / PageDown move a whole t, F / C switch the walk. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      // A dialog has the keyboard while it is open (a flag, not a search of the page: this runs on every key).
      if (document.documentElement.dataset.dialog) return;
      const s = useApp.getState();
      // A field being typed in keeps its keys; everywhere else (the scrubber too) they walk.
      if (isTyping(e.target, e.key)) return;
      const actions: Record<string, () => void> = {
        ArrowRight: s.next,
        ArrowLeft: s.prev,
        ' ': s.togglePlay,
        Home: s.first,
        End: s.last,
        PageDown: s.nextT,
        PageUp: s.prevT,
        f: () => s.setMode('fine'),
        c: () => s.setMode('coarse'),
        F: () => s.setMode('fine'),
        C: () => s.setMode('coarse'),
        '?': () => window.dispatchEvent(new Event(OPEN_HELP)),
        n: () => s.jumpBookmark(1),
        p: () => s.jumpBookmark(-1),
        m: togglePresenter,
        ...(s.presenter ? { '1': () => s.setFocus('both'), '2': () => s.setFocus('diagram'), '3': () => s.setFocus('formula') } : {}),
      };
      const act = actions[e.key];
      if (!act) return;
      e.preventDefault();
      if (e.key !== ' ' && s.playing) s.pause();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
