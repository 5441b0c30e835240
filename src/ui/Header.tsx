import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { coreMessages, isLang, LANGS, LIMITS, PRESETS, ruleError, scenarioErrorText, scenarioToFile, traceToFile, type Lang, type ScenarioError } from '../core';
import { useApp } from '../store/store';
import { LectureTools } from './LectureTools';
import { LabToggle } from './lab/LabToggle';
import { OPEN_HELP } from './useAppEffects';
import { ExportMenu } from './ExportMenu';
import { FILE_STORAGE_KEY } from '../store/urlHash';
import { fmtLoss } from '../core/format';
import { download, slug } from './files';
import { LANG_NAMES, useT } from './i18n';
import { QuizToggle } from './QuizToggle';

/**
 * A modal dialog: the native <dialog>, shown with showModal(), so the page
 * behind is inert (Tab stays inside) and Escape closes it; a press on the
 * backdrop closes it too, and the focus goes back to what had it before.
 */
export function Modal({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!el.open) el.showModal();
    return () => {
      if (el.open) el.close();
      opener?.focus();
    };
  }, []);
  return (
    // The dialog's own box is the backdrop's hit area: a press on it, not on its content, closes it.
    // Escape fires `cancel`: the dialog is closed by unmounting it, not by the browser.
    <dialog
      ref={ref}
      className="modal"
      aria-label={label}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onMouseDown={(e) => e.target === e.currentTarget && onClose()}
    >
      {children}
    </dialog>
  );
}

/** A dialog that generates a character model from a text, a hidden size, a weight scale and a seed. */
function GenerateDialog({ onClose }: { onClose: () => void }) {
  const loadSource = useApp((s) => s.loadSource);
  const m = useT().generate;
  const [text, setText] = useState('hello world');
  const [hidden, setHidden] = useState(4);
  const [scale, setScale] = useState(0.8);
  const [seed, setSeed] = useState(1);
  return (
    <Modal label={m.title} onClose={onClose}>
      <form
        className="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (loadSource({ kind: 'generated', opts: { text, hidden, scale, seed } })) onClose();
        }}
      >
        <h2>{m.title}</h2>
        <p className="muted">{m.intro}</p>
        <label>
          {m.text} <input value={text} onChange={(e) => setText(e.target.value)} maxLength={LIMITS.T + 1} autoFocus />
        </label>
        <label>
          {m.hidden} <input type="number" min={1} max={LIMITS.n} value={hidden} onChange={(e) => setHidden(Number(e.target.value))} />
        </label>
        <label>
          {m.scale} <input type="number" min={0} max={100} step={0.1} value={scale} onChange={(e) => setScale(Number(e.target.value))} />
        </label>
        <label>
          {m.seed} <input type="number" step={1} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        </label>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            {m.cancel}
          </button>
          <button type="submit" className="primary">
            {m.submit}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function HelpDialog({ onClose }: { onClose: () => void }) {
  const m = useT().help;
  const keys = Object.values(m.keys).map(({ key, what }) => [key, what]);
  return (
    <Modal label={m.label} onClose={onClose}>
      <div className="dialog">
        <h2>{m.heading}</h2>
        <table className="keys">
          <tbody>
            {keys.map(([k, v]) => (
              <tr key={k}>
                <th>{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{m.note}</p>
        <div className="dialog-buttons">
          <button type="button" className="primary" onClick={onClose} autoFocus>
            {m.close}
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** Why the last scenario was refused, in a language: its first error, and how many more there are. */
export function refusal(errors: ScenarioError[], fallback: string, lang: Lang, andMore: (n: number) => string): string {
  if (errors.length === 0) return fallback;
  return scenarioErrorText(errors[0], lang) + (errors.length > 1 ? andMore(errors.length - 1) : '');
}

/** Title, sizes and loss; scenario choice, opening and generating scenarios, exports, help. */
export function Header() {
  const { scenario, dims, loss, source, loadError, loadErrors } = useApp(
    useShallow((s) => ({ scenario: s.scenario, dims: s.dims, loss: s.trace.loss, source: s.source, loadError: s.loadError, loadErrors: s.loadErrors })),
  );
  const { loadSource, loadScenario, dismissError } = useApp(
    useShallow((s) => ({ loadSource: s.loadSource, loadScenario: s.loadScenario, dismissError: s.dismissError })),
  );
  const { lang, setLang } = useApp(useShallow((s) => ({ lang: s.lang, setLang: s.setLang })));
  const tr = useT();
  const m = tr.header;
  const presetText = coreMessages(lang).presets;
  const fileRef = useRef<HTMLInputElement>(null);
  const [dialog, setDialog] = useState<'generate' | 'help' | null>(null);
  // While a dialog is open it has the keyboard: the walk's key handler checks this flag.
  useEffect(() => {
    if (!dialog) return;
    document.documentElement.dataset.dialog = dialog;
    return () => {
      delete document.documentElement.dataset.dialog;
    };
  }, [dialog]);
  // The ? key opens the help (useKeyboard).
  useEffect(() => {
    const open = () => setDialog('help');
    window.addEventListener(OPEN_HELP, open);
    return () => window.removeEventListener(OPEN_HELP, open);
  }, []);
  const presetValue = source.kind === 'preset' ? source.id : '';
  // A file without a title is named after the file: shown so, and saved under the same name.
  const name = scenario.title ?? (source.kind === 'file' ? source.name.replace(/(\.scenario)?\.json$/i, '') : undefined);
  const openFile = async (file: File) => {
    const text = await file.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      const refused = ruleError('file', 'fileNotJson', { name: file.name, why: e instanceof Error ? e.message : String(e) });
      useApp.setState({ loadError: refused.message, loadErrors: [refused] });
      return;
    }
    if (loadScenario(value, { kind: 'file', name: file.name })) {
      try {
        localStorage.setItem(FILE_STORAGE_KEY, text);
      } catch {
        // Too large for localStorage: a reload falls back to the default preset.
      }
    }
  };
  const trace = () => traceToFile(useApp.getState().trace);
  return (
    <header className="app-header">
      <div className="brand">
        <h1>{tr.app.title}</h1>
        <div className="scenario-line">
          <span className="scenario-title" data-testid="scenario-title">
            {name ?? m.untitled}
          </span>
          <span className="sizes" data-testid="sizes">
            T = {dims.T} · n = {dims.n} · m = {dims.m} · k = {dims.k}
          </span>
          <span className="total-loss" data-testid="total-loss" title={m.totalLossTitle}>
            L = {fmtLoss(loss)}
          </span>
        </div>
      </div>
      <div className="header-actions">
        <label className="preset-select">
          <span className="sr-only">{m.scenario}</span>
          <select
            value={presetValue}
            onChange={(e) => e.target.value && loadSource({ kind: 'preset', id: e.target.value })}
            aria-label={m.scenario}
          >
            {presetValue === '' && <option value="">{source.kind === 'file' ? m.fileSource(source.name) : m.generated}</option>}
            {PRESETS.map((p) => {
              const words = p.id in presetText ? presetText[p.id as keyof typeof presetText] : p;
              return (
                <option key={p.id} value={p.id} title={words.blurb}>
                  {words.label}
                </option>
              );
            })}
          </select>
        </label>
        <button type="button" onClick={() => setDialog('generate')}>
          {m.newFromText}
        </button>
        <button type="button" onClick={() => fileRef.current?.click()}>
          {m.open}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void openFile(f);
            e.target.value = '';
          }}
        />
        <button type="button" onClick={() => download(`${slug(name ?? 'scenario')}.scenario.json`, scenarioToFile(scenario))} title={m.saveTitle}>
          {m.save}
        </button>
        <button type="button" onClick={() => download(`${slug(name ?? 'scenario')}.trace.json`, trace())} title={m.exportTitle}>
          {m.exportTrace}
        </button>
        <ExportMenu />
        <LabToggle />
        <label className="lang-select">
          <span className="sr-only">{m.language}</span>
          <select value={lang} onChange={(e) => isLang(e.target.value) && setLang(e.target.value, true)} aria-label={m.language} data-testid="lang-select">
            {LANGS.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANG_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
        <QuizToggle />
        <button type="button" className="help-button" onClick={() => setDialog('help')} aria-label={m.help}>
          ?
        </button>
      </div>
      <LectureTools />
      {loadError && (
        <div className="error-banner" role="alert">
          <span>{m.refused(refusal(loadErrors, loadError, lang, m.andMore))}</span>
          <button type="button" onClick={dismissError} aria-label={m.dismiss}>
            ×
          </button>
        </div>
      )}
      {dialog === 'generate' && <GenerateDialog onClose={() => setDialog(null)} />}
      {dialog === 'help' && <HelpDialog onClose={() => setDialog(null)} />}
    </header>
  );
}
