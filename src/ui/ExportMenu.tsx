import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Modal } from './Header';
import './exportMenu.css';
import type { ExportAction } from './exportImage';
import { useT } from './i18n';

/**
 * The export code is loaded when the menu first opens, not with the app. A
 * failure to load it (a synchronous throw included) becomes a rejected promise:
 * the menu reports it instead of taking the page down.
 */
function load(): Promise<typeof import('./exportImage')> {
  try {
    return import('./exportImage');
  } catch (e) {
    return Promise.reject(e);
  }
}

type Item = { action: ExportAction | 'latex' };

/** The menu's items, in order (their words are the catalogue's exportMenu.items). */
const ITEMS: Item[] = [{ action: 'diagram-svg' }, { action: 'diagram-png' }, { action: 'latex' }, { action: 'formula-svg' }, { action: 'formula-png' }];

/**
 * "Export ▾": a menu button (ARIA menu pattern: ↑ ↓ Home End move, Escape
 * closes and gives the focus back) with the diagram and the formula as SVG and
 * PNG, and the formula's LaTeX copied to the clipboard. What happened is said
 * in a live status; when the clipboard is refused, the LaTeX is shown in a
 * dialog, selected, to copy by hand.
 */
export function ExportMenu() {
  const words = useT().exportMenu;
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState('');
  const [latex, setLatex] = useState<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const items = () => [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  useEffect(() => {
    if (!open) return;
    // Fetched ahead of the choice; a failure is reported when an item is chosen.
    load().catch(() => undefined);
    items()[0]?.focus();
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!menuRef.current?.contains(t) && !buttonRef.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);
  // The confirmation stays a few seconds, then the status empties (a screen reader has read it).
  useEffect(() => {
    if (!status) return;
    const id = setTimeout(() => setStatus(''), 4000);
    return () => clearTimeout(id);
  }, [status]);

  const close = (focusButton: boolean) => {
    setOpen(false);
    if (focusButton) buttonRef.current?.focus();
  };

  const run = async (action: Item['action']) => {
    close(true);
    try {
      const m = await load();
      if (action === 'latex') {
        const text = m.currentLatex();
        try {
          await navigator.clipboard.writeText(text);
          setStatus(words.copied);
        } catch {
          setLatex(text);
        }
        return;
      }
      setStatus(words.exporting);
      const name = await m.runExport(action);
      setStatus(words.saved(name));
    } catch (e) {
      setStatus(words.failed(e instanceof Error ? e.message : String(e)));
    }
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    const go = (i: number) => list[(i + list.length) % list.length]?.focus();
    const keys: Record<string, () => void> = {
      ArrowDown: () => go(at + 1),
      ArrowUp: () => go(at - 1),
      Home: () => go(0),
      End: () => go(list.length - 1),
      Escape: () => close(true),
      Tab: () => close(false),
    };
    // The page's walk keys (Space, Home, End…) stay in the menu while it is open.
    e.stopPropagation();
    const act = keys[e.key];
    if (!act) return;
    if (e.key !== 'Tab') e.preventDefault();
    act();
  };

  return (
    <div className="export-menu">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            e.stopPropagation();
            setOpen(true);
          }
        }}
        title={words.title}
      >
        {words.button}
      </button>
      {open && (
        <div className="export-menu-list" role="menu" id={menuId} aria-label={words.menu} ref={menuRef} onKeyDown={onMenuKey}>
          {ITEMS.map((it) => (
            <button key={it.action} type="button" role="menuitem" tabIndex={-1} title={words.items[it.action].hint} data-export={it.action} onClick={() => void run(it.action)}>
              {words.items[it.action].label}
            </button>
          ))}
        </div>
      )}
      <span className="export-status" role="status" aria-live="polite" data-testid="export-status">
        {status}
      </span>
      {latex !== null && <LatexDialog text={latex} onClose={() => setLatex(null)} />}
    </div>
  );
}

/** The clipboard was refused: the LaTeX, selected, to copy by hand. */
function LatexDialog({ text, onClose }: { text: string; onClose: () => void }) {
  const words = useT().exportMenu;
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    // The walk's keys rest while a dialog is open (the flag the page's key handler reads).
    document.documentElement.dataset.dialog = 'latex';
    ref.current?.select();
    return () => {
      delete document.documentElement.dataset.dialog;
    };
  }, []);
  return (
    <Modal label={words.latexTitle} onClose={onClose}>
      <div className="dialog">
        <h2>{words.latexTitle}</h2>
        <p className="muted">{words.latexHelp}</p>
        <textarea ref={ref} className="export-latex" readOnly value={text} rows={Math.min(14, text.split('\n').length + 1)} aria-label="LaTeX" data-testid="export-latex" />
        <div className="dialog-buttons">
          <button type="button" className="primary" onClick={onClose}>
            {words.close}
          </button>
        </div>
      </div>
    </Modal>
  );
}
