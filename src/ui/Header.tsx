import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { LIMITS, PRESETS, scenarioToFile, traceToFile } from '../core';
import { useApp } from '../store/store';
import { FILE_STORAGE_KEY } from '../store/urlHash';
import { fmt } from '../core/format';

function download(name: string, data: unknown): void {
  const blob = new Blob([JSON.stringify(data, null, 1) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function slug(s: string): string {
  return s.replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'scenario';
}

/**
 * A modal dialog: the native <dialog>, shown with showModal(), so the page
 * behind is inert (Tab stays inside) and Escape closes it; a press on the
 * backdrop closes it too, and the focus goes back to what had it before.
 */
function Modal({ label, onClose, children }: { label: string; onClose: () => void; children: ReactNode }) {
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
  const [text, setText] = useState('hello world');
  const [hidden, setHidden] = useState(4);
  const [scale, setScale] = useState(0.8);
  const [seed, setSeed] = useState(1);
  return (
    <Modal label="New character model" onClose={onClose}>
      <form
        className="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (loadSource({ kind: 'generated', opts: { text, hidden, scale, seed } })) onClose();
        }}
      >
        <h2>New character model</h2>
        <p className="muted">x⁽ᵗ⁾ is each character of the text, y⁽ᵗ⁾ the next one; weights are uniform in [−scale, scale] from the seed.</p>
        <label>
          text <input value={text} onChange={(e) => setText(e.target.value)} maxLength={LIMITS.T + 1} autoFocus />
        </label>
        <label>
          hidden size n <input type="number" min={1} max={LIMITS.n} value={hidden} onChange={(e) => setHidden(Number(e.target.value))} />
        </label>
        <label>
          weight scale <input type="number" min={0} max={100} step={0.1} value={scale} onChange={(e) => setScale(Number(e.target.value))} />
        </label>
        <label>
          seed <input type="number" step={1} value={seed} onChange={(e) => setSeed(Number(e.target.value))} />
        </label>
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Generate
          </button>
        </div>
      </form>
    </Modal>
  );
}

function HelpDialog({ onClose }: { onClose: () => void }) {
  const keys: [string, string][] = [
    ['→ / ←', 'next / previous step'],
    ['Space', 'play / pause'],
    ['Home / End', 'first / last step'],
    ['Page Down / Page Up', 'the same formula one t further / back'],
    ['F / C', 'fine walk (one stop per formula) / coarse walk (one per t and phase)'],
    ['Escape', 'close this dialog'],
  ];
  return (
    <Modal label="Keyboard shortcuts" onClose={onClose}>
      <div className="dialog">
        <h2>Keyboard</h2>
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
        <p className="muted">The step is kept in the address: a reload or a shared link opens at the same step. Hover a cell for its exact value; hover a formula term to find it in the diagram.</p>
        <div className="dialog-buttons">
          <button type="button" className="primary" onClick={onClose} autoFocus>
            Close
          </button>
        </div>
      </div>
    </Modal>
  );
}

/** Title, sizes and loss; scenario choice, opening and generating scenarios, exports, help. */
export function Header() {
  const { scenario, dims, loss, source, loadError } = useApp(
    useShallow((s) => ({ scenario: s.scenario, dims: s.dims, loss: s.trace.loss, source: s.source, loadError: s.loadError })),
  );
  const { loadSource, loadScenario, dismissError } = useApp(
    useShallow((s) => ({ loadSource: s.loadSource, loadScenario: s.loadScenario, dismissError: s.dismissError })),
  );
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
  const presetValue = source.kind === 'preset' ? source.id : '';
  const openFile = async (file: File) => {
    const text = await file.text();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      useApp.setState({ loadError: `file: ${file.name} is not valid JSON (${e instanceof Error ? e.message : String(e)})` });
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
        <h1>BPTT, step by step</h1>
        <div className="scenario-line">
          <span className="scenario-title" data-testid="scenario-title">
            {scenario.title ?? 'untitled scenario'}
          </span>
          <span className="sizes" data-testid="sizes">
            T = {dims.T} · n = {dims.n} · m = {dims.m} · k = {dims.k}
          </span>
          <span className="total-loss" data-testid="total-loss" title="L = Σₜ L⁽ᵗ⁾, computed by the forward pass">
            L = {fmt(loss, 4)}
          </span>
        </div>
      </div>
      <div className="header-actions">
        <label className="preset-select">
          <span className="sr-only">Scenario</span>
          <select
            value={presetValue}
            onChange={(e) => e.target.value && loadSource({ kind: 'preset', id: e.target.value })}
            aria-label="Scenario"
          >
            {presetValue === '' && <option value="">{source.kind === 'file' ? `file: ${source.name}` : 'generated'}</option>}
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id} title={p.blurb}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setDialog('generate')}>
          New from text…
        </button>
        <button type="button" onClick={() => fileRef.current?.click()}>
          Open…
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
        <button type="button" onClick={() => download(`${slug(scenario.title ?? 'scenario')}.scenario.json`, scenarioToFile(scenario))} title="The scenario as a bptt-scenario/1 file, with explicit weights">
          Save scenario
        </button>
        <button type="button" onClick={() => download(`${slug(scenario.title ?? 'scenario')}.trace.json`, trace())} title="Every number of the walk as a bptt-trace/1 file">
          Export trace
        </button>
        <button type="button" className="help-button" onClick={() => setDialog('help')} aria-label="Keyboard shortcuts and help">
          ?
        </button>
      </div>
      {loadError && (
        <div className="error-banner" role="alert">
          <span>Scenario refused — {loadError}. The previous scenario is still shown.</span>
          <button type="button" onClick={dismissError} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
      {dialog === 'generate' && <GenerateDialog onClose={() => setDialog(null)} />}
      {dialog === 'help' && <HelpDialog onClose={() => setDialog(null)} />}
    </header>
  );
}
