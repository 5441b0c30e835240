import type { LinkProblem } from '../../store/urlHash';
import { labEn } from '../lab/messages';
import { quizEn } from '../quizMessages';

/**
 * The UI's words in English: the source of truth of the catalogue (zh-TW.ts
 * must have every key). Messages with parameters are functions; symbols and
 * formulas are written as they are in every language.
 */
export const en = {
  app: {
    title: 'BPTT, step by step',
    network: 'Unrolled network',
    formulaPane: 'Formula of the current step',
  },
  header: {
    untitled: 'untitled scenario',
    totalLossTitle: 'L = Σₜ L⁽ᵗ⁾, computed by the forward pass',
    scenario: 'Scenario',
    fileSource: (name: string) => `file: ${name}`,
    generated: 'generated',
    newFromText: 'New from text…',
    open: 'Open…',
    save: 'Save scenario',
    saveTitle: 'The scenario as a bptt-scenario/1 file, with explicit weights',
    exportTrace: 'Export trace',
    exportTitle: 'Every number of the walk as a bptt-trace/1 file',
    help: 'Keyboard shortcuts and help',
    language: 'Language',
    refused: (why: string) => `Scenario refused — ${why}. The previous scenario is still shown.`,
    dismiss: 'Dismiss',
    andMore: (n: number) => ` (and ${n} more)`,
  },
  generate: {
    title: 'New character model',
    intro: 'x⁽ᵗ⁾ is each character of the text, y⁽ᵗ⁾ the next one; weights are uniform in [−scale, scale] from the seed.',
    text: 'text',
    hidden: 'hidden size n',
    scale: 'weight scale',
    seed: 'seed',
    cancel: 'Cancel',
    submit: 'Generate',
  },
  help: {
    label: 'Keyboard shortcuts',
    heading: 'Keyboard',
    /** One row per key, in the order shown. */
    keys: {
      step: { key: '→ / ←', what: 'next / previous step' },
      play: { key: 'Space', what: 'play / pause' },
      ends: { key: 'Home / End', what: 'first / last step' },
      pageT: { key: 'Page Down / Page Up', what: 'the same formula one t further / back' },
      mode: { key: 'F / C', what: 'fine walk (one stop per formula) / coarse walk (one per t and phase)' },
      lesson: { key: 'N / P', what: 'next / previous lesson bookmark' },
      presenter: { key: 'M', what: 'presenter mode on / off' },
      focus: { key: '1 / 2 / 3', what: 'in presenter mode: both panes / the diagram / the formula' },
      lab: { key: 'L', what: 'open / close the gradient lab' },
      quiz: { key: 'Q', what: 'quiz mode on / off: answer each value before it is shown' },
      close: { key: 'Escape', what: 'close this dialog' },
    },
    note: 'The step is kept in the address: a reload or a shared link opens at the same step. Hover a cell for its exact value; hover a formula term to find it in the diagram.',
    close: 'Close',
  },
  controls: {
    toolbar: 'Walk controls',
    toStart: 'To start (Home)',
    backT: 'Back one t (Page Up)',
    prev: 'Previous step (←)',
    play: 'Play (Space)',
    pause: 'Pause (Space)',
    next: 'Next step (→)',
    forwardT: 'Forward one t (Page Down)',
    toEnd: 'To end (End)',
    bandForward: (T: string) => `forward t = 1 … ${T}`,
    bandBackward: (T: string) => `backward t = ${T} … 1`,
    speed: 'speed',
    speedLabel: 'Playback speed',
    granularity: 'Walk granularity',
    fine: 'fine',
    fineTitle: 'One stop per formula (F)',
    coarse: 'coarse',
    coarseTitle: 'One stop per t and phase (C)',
    step: 'Step',
  },
  formula: {
    general: 'general form',
    atT: 'at this step',
    numeric: 'with numbers',
  },
  diagram: {
    label: 'Diagram of the unrolled network',
    image: (T: string) => `The RNN unrolled over ${T} time steps: x, a, h, o, ŷ and L at each step, with their gradients`,
    rows: { loss: 'loss', output: 'output', hidden: 'hidden', pre: 'pre-act.', input: 'input' },
    target: 'target',
    notComputed: 'not computed yet',
    /** What each drawn vector is (tooltips). */
    meaning: {
      x: 'input',
      a: 'pre-activation (F1)',
      h: 'hidden state (F2)',
      H: 'diagonal of H, the tanh slope (B4)',
      o: 'output scores (F3)',
      yhat: 'probabilities (F4)',
      gradO: 'gradient at the output (B1)',
      gradH: 'gradient at the hidden state (B2/B3)',
      gradA: 'gradient at the pre-activation (B5)',
    },
  },
  details: {
    hLabel: (t: number, n: number) => `H at t = ${t}: a diagonal ${n} by ${n} matrix`,
    hOffDiagonal: (slope: string) => `Off the diagonal: 0 — unit i’s tanh depends on a_i alone (J3). Smallest slope ${slope}.`,
    hSaturated: (limit: string, units: readonly number[]) => `Saturated (H < ${limit}): unit ${units.join(', ')}.`,
    hNoneSaturated: 'No unit is saturated.',
    contribution: (t: number, name: string, formula: string) => `step ${t}’s term of ∇${name} L = ${formula}, added to the running sum`,
    contributionLabel: (t: number, name: string) => `Contribution of step ${t} to the gradient of ${name} and the running sum`,
    sumOver: (T: number, t: number) => `Σ over t = ${T}…${t}`,
    sumEquation: (T: number, t: number) => `term + ${t === T ? '0' : `Σ over t = ${T}…${t + 1}`} = Σ over t = ${T}…${t}`,
    hoverCell: 'Hover a cell of the term to see the numbers that produced it.',
    scaleNote: (limit: string) => `Term and sum share one colour scale, ±${limit} (blue negative, red positive); the factors use the diagram’s scales.`,
    normAnd: 'and',
    normOver: 'over t (log scale)',
    normLabel: 'Norms of the hidden gradients over time',
    legend: 'Colour scales',
    sqrtScale: 'square-root scale: a quarter of the limit gets half the colour',
  },
  lecture: {
    presenter: 'Presenter',
    presenterTitle: 'Presenter mode: fullscreen, larger type (M)',
    focus: 'Focus layout (1, 2, 3)',
    foci: { both: 'Diagram and formula', diagram: 'Diagram only', formula: 'Formula only' },
    theme: 'Theme',
    themes: { default: 'Standard', projector: 'Projector (high contrast)', dark: 'Dark room' },
    share: 'Share',
    shareTitle: 'Copy the link of this step',
    linkCopied: 'Link copied',
    linkLabel: 'Link of this step',
    bookmark: '☆ Bookmark',
    note: '★ Note',
    bookmarkTitle: 'Bookmark this step with a note',
    noteDialog: 'Lesson bookmark',
    noteHeading: (key: string) => `Bookmark ${key}`,
    noteLabel: 'Note (plain text; $…$ for maths)',
    noteHelp: 'Saved with the scenario (Save scenario). N / P jump between bookmarks.',
    remove: 'Remove bookmark',
    cancel: 'Cancel',
    saveNote: 'Save note',
    add: 'Add bookmark',
  },
  lesson: {
    stop: (i: number, n: number) => `Lesson stop ${i} of ${n}`,
    keys: 'N / P: next / previous stop',
  },
  link: {
    said: (items: string) => `Link: ${items}. The address now names what is shown.`,
    separator: '; ',
    problem: (p: LinkProblem): string => {
      switch (p.kind) {
        case 'unknownKey':
          return `“${p.key}” is not a link parameter`;
        case 'moreUnknown':
          return `${p.count} more are not link parameters either`;
        case 'badMode':
          return `mode “${p.value}” is not fine or coarse`;
        case 'badLang':
          return `lang “${p.value}” is not en or zh-TW`;
        case 'fileNotStored':
          return `the file “${p.name}” is not stored in this browser: open it with Open…`;
        case 'noSuchStep':
          return `step “${p.key}” is not a step of this scenario (T = ${p.T})`;
      }
    },
    dismiss: 'Dismiss',
  },
  embed: { openFull: 'Open the full app ↗' },
  exportMenu: {
    button: 'Export ▾',
    title: 'The current diagram or formula, for a slide',
    menu: 'Export',
    items: {
      'diagram-svg': { label: 'Diagram as SVG', hint: 'the drawn diagram with its legend, one self-contained file' },
      'diagram-png': { label: 'Diagram as PNG', hint: 'the same picture at twice its size' },
      latex: { label: 'Formula as LaTeX', hint: 'copies the formula’s TeX to the clipboard' },
      'formula-svg': { label: 'Formula as SVG', hint: 'the formula with its fonts embedded' },
      'formula-png': { label: 'Formula as PNG', hint: 'the same at twice its size' },
    },
    copied: 'Copied the LaTeX',
    exporting: 'Exporting…',
    saved: (name: string) => `Saved ${name}`,
    failed: (why: string) => `Export failed: ${why}`,
    latexTitle: 'LaTeX of the formula',
    latexHelp: 'The clipboard is not available here: the text is selected, copy it with Ctrl+C (⌘C).',
    close: 'Close',
  },
  lab: labEn,
  quiz: quizEn,
} as const;
