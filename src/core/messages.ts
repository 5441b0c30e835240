/**
 * The words the pure core produces (the step narration of stepView.ts, the step
 * labels, the formula titles and facts of formulas.ts, the presets' menu lines)
 * in English and 繁體中文. English is the source of truth; zh-TW must have every
 * key (`satisfies CoreMessages`), so a missing key is a compile error, not a blank.
 * Formulas and symbols are the same in both.
 */
import { isolateBidi, sup } from './format';
import type { ScenarioError } from './types';

export type Lang = 'en' | 'zh-TW';
export const LANGS: readonly Lang[] = ['en', 'zh-TW'];

/** A catalogue's shape with its literal strings widened: the type every language must satisfy. */
export type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => unknown
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> };

const MINUS = '\u2212';
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * A number as text in a language, by the platform's Intl (digits, grouping),
 * with the true minus sign; `digits` fixed decimals, or none for a count.
 */
export function formatNumber(v: number, lang: Lang, digits = 0, grouping = true): string {
  const key = `${lang}|${digits}|${grouping}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: grouping, signDisplay: 'negative' });
    formatters.set(key, f);
  }
  return f.format(v).replace('-', MINUS);
}

/**
 * Where a size comes from, for a message about a field that disagrees with it:
 * T the rows of x, m the length of x[0], n the rows of params.W, k the rows of params.V.
 */
export type SizeName = 'T' | 'm' | 'n' | 'k';
/** A count and its noun, singular for one (`1 row`, `3 rows`). */
const count = (c: number, noun: string) => `${c} ${noun}${c === 1 ? '' : 's'}`;
const enSize = (size: SizeName, by: string, v: number) => `${by} has ${count(v, size === 'm' ? 'number' : 'row')} (${size} = ${v})`;
const zhSize = (size: SizeName, by: string, v: number) => `${by} 有 ${v} ${size === 'm' ? '個數' : '列'}（${size} = ${v}）`;

/** English: the source of truth. Messages with parameters are functions. */
export const en = {
  /** The phases' words, alone and at the start of a sentence (`Forward, t = 3: …`). */
  phase: { forward: 'Forward', backward: 'Backward', end: 'Result' },
  /** The heading of the formula panel, and the start of a step's sentence. */
  heading: (phase: string, t: number) => `${phase}, t = ${t}`,
  at: (phase: string, t: number) => `${phase}, t = ${t}: `,
  /** The step in words under the scrubber. */
  label: (phase: string, t: number, id: string) => `${phase} · t = ${t} · ${id}`,
  endLabel: 'End: total loss and gradients',
  count: (i: string, n: string) => `step ${i} of ${n}`,
  /** A class or input without a label, and a label quoted. */
  classN: (i: number) => `class ${i}`,
  quoted: (l: string) => `“${isolateBidi(l)}”`,
  narrate: {
    inputX: (t: number) => `the input x${sup(t)}`,
    inputLabel: (label: string) => `the input ${label}`,
    F1: (t: number, input: string) => `a${sup(t)} = b + W h${sup(t - 1)} + U x${sup(t)} mixes ${input} with the memory h${sup(t - 1)}.`,
    F2: (t: number) => `h${sup(t)} = tanh(a${sup(t)}) squashes each unit into (−1, 1).`,
    F3: (t: number, k: number) => `o${sup(t)} = c + V h${sup(t)}, one score for each of the ${k} classes.`,
    F4: (t: number, target: string, p: string) => `ŷ${sup(t)} = softmax(o${sup(t)}); the target ${target} gets probability ${p}.`,
    F5: (t: number, p: string, L: string, running: string) => `L${sup(t)} = −log ${p} = ${L}; running total L = ${running}.`,
    B1: (t: number, target: string) => `∇o${sup(t)} = ŷ${sup(t)} − y${sup(t)}, the prediction minus the one-hot target ${target}.`,
    B2: (t: number) => `the last step, so ∇h${sup(t)} = V⊤∇o${sup(t)}: one path only.`,
    B3: (t: number) => `∇h${sup(t)} gathers W⊤H${sup(t + 1)}∇h${sup(t + 1)} and V⊤∇o${sup(t)}.`,
    B3truncated: (t: number, hi: number) => `∇h${sup(t)} adds up the losses s = ${t} … ${hi} only (truncated BPTT, E3): V⊤∇o${sup(t)} and what reaches back from the later ones.`,
    B4: (t: number) => `H${sup(t)} = diag(1 − (h${sup(t)})²), the slope of tanh at each unit.`,
    B5: (t: number) => `∇a${sup(t)} = H${sup(t)}∇h${sup(t)}, the gradient gated by the tanh slope.`,
    G1: (t: number) => `step ${t} adds ∇o${sup(t)} to ∇c L.`,
    G2: (t: number) => `step ${t} adds ∇o${sup(t)} h${sup(t)}⊤ to ∇V L.`,
    G3: (t: number) => `step ${t} adds ∇a${sup(t)} = H${sup(t)}∇h${sup(t)} to ∇b L.`,
    G4: (t: number) => `step ${t} adds ∇a${sup(t)} h${sup(t - 1)}⊤ to ∇W L.`,
    G5: (t: number, complete: boolean) => `step ${t} adds ∇a${sup(t)} x${sup(t)}⊤ to ∇U L${complete ? '; all five gradients are complete' : ''}.`,
    END: (L: string, T: number) => `Done: L = ${L} over ${T} steps, and the five gradients ∇c, ∇V, ∇b, ∇W, ∇U are complete.`,
  },
  title: {
    F1: 'Pre-activation: input plus memory',
    F2: 'Hidden state: squash each unit with tanh',
    F3: 'Output scores (logits)',
    F4: 'Probabilities: softmax of the scores',
    F5: 'Loss: surprise at the true next symbol',
    B1: 'Gradient at the output: prediction minus target',
    B2: 'Last step: ∇h has one path only, through o',
    B3: '∇h gathers from two places: the next step and the output',
    B4: 'H: the slope of tanh, unit by unit',
    B5: '∇a: the gradient gated by the tanh slope',
    G: (t: number, name: string) => `Step ${t}’s contribution to ∇${name} L`,
    END: 'Done: the total loss and all five gradients',
  },
  /** Labels of a formula's extra lines. */
  extra: { running: 'running sum', complete: 'complete' },
  /** Words inside formulas (\text{…}): plain text, no TeX specials. */
  tex: { oneHotOf: 'one-hot of ', step: 'step ', adds: ' adds ', term: 'term', soFor: 'so for ' },
  facts: {
    J1: {
      title: 'J1 · the Jacobian’s layout',
      text: 'Row i of the Jacobian holds the derivatives of output i; column j, those with respect to input j.',
    },
    J2: {
      title: 'J2 · why every backward formula has a transpose',
      text: 'A gradient travels backwards through a linear map by its transpose: each input collects from every output it fed.',
    },
    J3: {
      title: 'J3 · why H is diagonal',
      text: 'tanh acts on each unit alone, so ∂h_i/∂a_j = 0 for i ≠ j and the Jacobian is diagonal, with 1 − (h_i)² on the diagonal.',
    },
    J4: {
      title: 'J4 · the sum over time and units',
      text: 'W is shared by every step: its gradient adds up what it contributed at each t (and through each unit). G2–G5 are this sum, written with matrices.',
    },
    SM: {
      title: 'softmax with cross-entropy',
      text: 'The derivative of −log softmax is the prediction minus the one-hot target: no exponentials left.',
    },
  },
  /**
   * Why a scenario, a generator option or a lesson was refused (validate.ts,
   * generate.ts, lesson.ts, the app's sources), each after `FIELD: `. Parameters
   * named `what`, `how` and `got` are codes, worded from the tables below.
   */
  errors: {
    /** How a refused value is described when it is not shown as it is. */
    got: { null: 'null', list: 'a list', object: 'an object', undefined: 'undefined', boolean: 'boolean' },
    /** What a field holds. */
    what: {
      xRows: 'T rows of m numbers, x^(1) … x^(T)',
      xMatrix: 'T × m, one row per step',
      W: 'n × n, hidden → hidden',
      V: 'k × n, hidden → output',
      U: 'n × m, input → hidden',
      b: 'n, the hidden bias',
      h0: 'n, the initial hidden state',
      c: 'k, the output bias',
      y: 'T class indices, y^(1) … y^(T)',
      inputLabels: 'one per input, m',
      outputLabels: 'one per class, k',
    },
    /** What a size counts. */
    how: {
      T: 'the sequence, the rows of x',
      m: 'the input size, the length of each row of x',
      n: 'the hidden size, the rows of W',
      k: 'the number of classes, the rows of V',
    },
    rule: {
      vectorNotList: (p: { len: number; what: string; got: string }) => `expected a list of ${p.len} numbers (${p.what}), got ${p.got}`,
      vectorLength: (p: { count: number; len: number; size: SizeName; by: string }) => `has ${count(p.count, 'number')}, but ${enSize(p.size, p.by, p.len)}`,
      notFinite: (p: { got: string }) => `${p.got} is not a finite number`,
      pastLimit: (p: { value: number; limit: string }) => `${p.value} is past the limit of ±${p.limit} (larger numbers could overflow the logits)`,
      matrixNotList: (p: { rows: number; cols: number; what: string; got: string }) => `expected a ${p.rows} × ${p.cols} matrix (${p.what}) as a list of rows, got ${p.got}`,
      matrixRows: (p: { count: number; rows: number; size: SizeName; by: string }) => `has ${count(p.count, 'row')}, but ${enSize(p.size, p.by, p.rows)}`,
      rowNotList: (p: { row: number; got: string; cols: number }) => `row ${p.row} is ${p.got}, expected a list of ${p.cols} numbers`,
      rowLength: (p: { row: number; count: number; cols: number; size: SizeName; by: string }) => `row ${p.row} has ${count(p.count, 'number')}, but ${enSize(p.size, p.by, p.cols)}`,
      labelsNotList: (p: { len: number; what: string; got: string }) => `expected a list of ${p.len} strings (${p.what}), got ${p.got}`,
      labelsLength: (p: { count: number; len: number; size: SizeName; by: string }) => `has ${count(p.count, 'label')}, but ${enSize(p.size, p.by, p.len)}`,
      notString: (p: { got: string }) => `${p.got} is not a string`,
      tooLong: (p: { limit: number }) => `is longer than ${p.limit} characters`,
      optionsNotObject: (p: { got: string }) => `expected an object with truncate and/or clip, got ${p.got}`,
      truncate: (p: { got: string }) => `must be an integer ≥ 1, got ${p.got}`,
      clip: (p: { got: string }) => `must be a number > 0, got ${p.got}`,
      unknownOption: () => 'is not an option (truncate, clip)',
      missing: (p: { what: string }) => `is missing (${p.what})`,
      notList: (p: { what: string; got: string }) => `expected a list (${p.what}), got ${p.got}`,
      sizeEmpty: (p: { name: string; how: string }) => `${p.name} = 0: ${p.how} must not be empty`,
      sizeLimit: (p: { name: string; value: number; limit: number; how: string }) => `${p.name} = ${p.value} exceeds the limit of ${p.limit} (${p.how})`,
      notObject: (p: { got: string }) => `expected a JSON object, got ${p.got}`,
      formatMissing: () => 'is missing, expected "bptt-scenario/1"',
      formatWrong: (p: { got: string }) => `is ${p.got}, expected "bptt-scenario/1"`,
      firstRow: (p: { got: string }) => `row 0 is ${p.got}, expected a list of numbers`,
      paramsMissing: () => 'is missing (U, W, V, b, c)',
      paramsNotObject: (p: { got: string }) => `expected an object with U, W, V, b, c, got ${p.got}`,
      targets: (p: { count: number; T: number; by: string }) => `has ${count(p.count, 'target')}, but ${enSize('T', p.by, p.T)}`,
      classIndex: (p: { got: string; max: number; by: string }) => `= ${p.got} is not a class index 0…${p.max}: ${enSize('k', p.by, p.max + 1)}`,
      incomplete: () => 'is incomplete',
      notJson: (p: { why: string }) => `not valid JSON (${p.why})`,
      fileNotJson: (p: { name: string; why: string }) => `${p.name} is not valid JSON (${p.why})`,
      lessonNotList: () => 'expected a list of {"step", "note"}',
      lessonStops: (p: { count: number; limit: number }) => `has ${p.count} stops, more than the limit of ${p.limit}`,
      lessonStop: () => 'expected an object {"step", "note"}',
      stepKey: () => 'expected a step key such as "B3@2"',
      notStep: (p: { step: string; T: number }) => `"${p.step}" is not a step of this scenario (T = ${p.T})`,
      bookmarkedTwice: (p: { step: string }) => `"${p.step}" is bookmarked twice`,
      noteText: () => 'expected text',
      textShort: () => 'needs at least 2 characters (x is every character but the last, y every one but the first)',
      textLong: (p: { count: number; T: number; limit: number }) => `${p.count} characters give T = ${p.T}, past the limit of ${p.limit}`,
      wholeNumberIn: (p: { value: number; lo: number; hi: number }) => `${p.value} is not a whole number ${p.lo}…${p.hi}`,
      numberIn: (p: { value: number; lo: number; hi: number }) => `${p.value} is not a number ${p.lo}…${p.hi}`,
      wholeNumber: (p: { value: number }) => `${p.value} is not a whole number`,
      vocabulary: (p: { count: number; limit: number }) => `${p.count} distinct characters, past the limit of ${p.limit}`,
      unknownPreset: (p: { id: string; known: string }) => `"${p.id}" is not one of ${p.known}`,
      reopenFile: (p: { name: string }) => `"${p.name}" must be opened again`,
    },
  },
  /** The presets' menu lines (presets.ts holds the English ones too, for the command line). */
  presets: {
    hello: {
      label: 'hello (T = 4, n = 3)',
      blurb: 'The classic next-character example; its numbers (L = 5.2020…) are the ones the README and the tests use.',
    },
    'hello-world': {
      label: 'hello world (T = 10, n = 4)',
      blurb: 'A longer sentence with a repeated context: the same input “l” must predict different characters.',
    },
    saturated: {
      label: 'saturated tanh (T = 8, n = 4)',
      blurb: 'Large weights push tanh to ±1: 41 % of the entries of H^(t) are below 0.1, and each blocks its unit’s gradient at B5. Yet σ_max(W) ≈ 4.9, so ‖∇h^(t)‖ still grows going back, from 0.67 at t = 8 to 8.95 at t = 1: saturation gates units, it does not by itself make the gradient vanish.',
    },
    long: {
      label: 'long sentence (T = 43, n = 8)',
      blurb: 'A 43-step sentence. Each ∇h^(t) adds its own V⊤∇o^(t), so ‖∇h^(t)‖ stays between 0.56 and 1.62; what vanishes is how far one loss reaches back: ‖∂h^(43)/∂h^(t)‖ falls to 4.9·10⁻⁶ at t = 1 (E2, in the lab).',
    },
    vanishing: {
      label: 'vanishing gradient (T = 40, n = 16)',
      blurb: 'Small weights: σ_max(W) ≈ 0.81 < 1 and tanh nearly linear (mean H ≈ 0.98), so ‖∂h^(40)/∂h^(t)‖ shrinks geometrically with 40 − t, to 8.9·10⁻¹¹ at t = 1 (E2, in the lab).',
    },
    exploding: {
      label: 'exploding gradient (T = 40, n = 48)',
      blurb: 'Large recurrent weights: σ_max(W) ≈ 4.6 outweighs the tanh slopes (mean H ≈ 0.40), so ‖∂h^(40)/∂h^(t)‖ grows with 40 − t, to 7.6·10⁴ at t = 1, and ‖∇h^(t)‖ from 2.37 at t = 40 to 35436 at t = 1 (E2, in the lab).',
    },
  },
  /** A formula's note when the backward pass is truncated (E3). */
  truncatedNote: (K: number) => `Truncated BPTT (E3), K = ${K}: each loss reaches back at most K − 1 steps, so ∇h⁽ᵗ⁾ is the sum of the losses s = t … t + K − 1 only, not B3's recursion.`,
} as const;

export type CoreMessages = Widen<typeof en>;

/** 繁體中文, in the terms of the course notes (梯度, 隱藏狀態, 前向傳播, 反向傳播, 損失, 時間步). */
export const zhTW = {
  phase: { forward: '前向傳播', backward: '反向傳播', end: '結果' },
  heading: (phase: string, t: number) => `${phase}，t = ${t}`,
  at: (phase: string, t: number) => `${phase}，t = ${t}：`,
  label: (phase: string, t: number, id: string) => `${phase} · t = ${t} · ${id}`,
  endLabel: '結束：總損失與梯度',
  count: (i: string, n: string) => `第 ${i} 步，共 ${n} 步`,
  classN: (i: number) => `類別 ${i}`,
  quoted: (l: string) => `「${isolateBidi(l)}」`,
  narrate: {
    inputX: (t: number) => `輸入 x${sup(t)}`,
    inputLabel: (label: string) => `輸入${label}`,
    F1: (t: number, input: string) => `a${sup(t)} = b + W h${sup(t - 1)} + U x${sup(t)} 把${input}與記憶 h${sup(t - 1)} 結合起來。`,
    F2: (t: number) => `h${sup(t)} = tanh(a${sup(t)}) 把每個單元壓縮到 (−1, 1) 之間。`,
    F3: (t: number, k: number) => `o${sup(t)} = c + V h${sup(t)}，為 ${k} 個類別各給一個分數。`,
    F4: (t: number, target: string, p: string) => `ŷ${sup(t)} = softmax(o${sup(t)})；目標${target}的機率是 ${p}。`,
    F5: (t: number, p: string, L: string, running: string) => `L${sup(t)} = −log ${p} = ${L}；目前累計的損失 L = ${running}。`,
    B1: (t: number, target: string) => `∇o${sup(t)} = ŷ${sup(t)} − y${sup(t)}，即預測減去目標${target}的獨熱向量。`,
    B2: (t: number) => `這是最後一個時間步，所以 ∇h${sup(t)} = V⊤∇o${sup(t)}：只有一條路徑。`,
    B3: (t: number) => `∇h${sup(t)} 匯集兩個來源：W⊤H${sup(t + 1)}∇h${sup(t + 1)} 與 V⊤∇o${sup(t)}。`,
    B3truncated: (t: number, hi: number) => `∇h${sup(t)} 只加總 s = ${t} … ${hi} 的損失（截斷的 BPTT，E3）：V⊤∇o${sup(t)} 與之後各損失傳回來的部分。`,
    B4: (t: number) => `H${sup(t)} = diag(1 − (h${sup(t)})²)，即 tanh 在每個單元的斜率。`,
    B5: (t: number) => `∇a${sup(t)} = H${sup(t)}∇h${sup(t)}，梯度經 tanh 的斜率逐單元縮放。`,
    G1: (t: number) => `時間步 ${t} 把 ∇o${sup(t)} 加進 ∇c L。`,
    G2: (t: number) => `時間步 ${t} 把 ∇o${sup(t)} h${sup(t)}⊤ 加進 ∇V L。`,
    G3: (t: number) => `時間步 ${t} 把 ∇a${sup(t)} = H${sup(t)}∇h${sup(t)} 加進 ∇b L。`,
    G4: (t: number) => `時間步 ${t} 把 ∇a${sup(t)} h${sup(t - 1)}⊤ 加進 ∇W L。`,
    G5: (t: number, complete: boolean) => `時間步 ${t} 把 ∇a${sup(t)} x${sup(t)}⊤ 加進 ∇U L${complete ? '；五個梯度全部完成' : ''}。`,
    END: (L: string, T: number) => `完成：${T} 個時間步的總損失 L = ${L}，五個梯度 ∇c、∇V、∇b、∇W、∇U 都已算出。`,
  },
  title: {
    F1: '活化前的值：輸入加上記憶',
    F2: '隱藏狀態：以 tanh 壓縮每個單元',
    F3: '輸出分數（logits）',
    F4: '機率：分數的 softmax',
    F5: '損失：對真正下一個符號的意外程度',
    B1: '輸出端的梯度：預測減去目標',
    B2: '最後一個時間步：∇h 只有一條路徑，經過 o',
    B3: '∇h 匯集兩個來源：下一個時間步與輸出',
    B4: 'H：tanh 的斜率，逐單元計算',
    B5: '∇a：經 tanh 斜率縮放的梯度',
    G: (t: number, name: string) => `時間步 ${t} 對 ∇${name} L 的貢獻`,
    END: '完成：總損失與全部五個梯度',
  },
  extra: { running: '累計和', complete: '完成' },
  tex: { oneHotOf: '獨熱向量 ', step: '時間步 ', adds: ' 加上 ', term: '此項', soFor: '因此對 ' },
  facts: {
    J1: {
      title: 'J1 · Jacobian 矩陣的排列',
      text: 'Jacobian 矩陣的第 i 列是輸出 i 的各個偏導數；第 j 行是對輸入 j 的偏導數。',
    },
    J2: {
      title: 'J2 · 為什麼每個反向傳播公式都有轉置',
      text: '梯度經過線性映射往回傳時乘上它的轉置：每個輸入從它所影響的每個輸出收集梯度。',
    },
    J3: {
      title: 'J3 · 為什麼 H 是對角矩陣',
      text: 'tanh 對每個單元分別作用，所以 i ≠ j 時 ∂h_i/∂a_j = 0，Jacobian 矩陣是對角矩陣，對角線上是 1 − (h_i)²。',
    },
    J4: {
      title: 'J4 · 對時間與單元求和',
      text: 'W 由每個時間步共用：它的梯度把每個 t（以及經過每個單元）的貢獻加總。G2–G5 就是用矩陣寫出的這個和。',
    },
    SM: {
      title: 'softmax 與交叉熵',
      text: '−log softmax 的導數就是預測減去獨熱目標向量：指數全部消去。',
    },
  },
  errors: {
    got: { null: 'null', list: '一個串列', object: '一個物件', undefined: '未定義的值', boolean: '布林值' },
    what: {
      xRows: 'T 列，每列 m 個數，x^(1) … x^(T)',
      xMatrix: 'T × m，每個時間步一列',
      W: 'n × n，隱藏層 → 隱藏層',
      V: 'k × n，隱藏層 → 輸出',
      U: 'n × m，輸入 → 隱藏層',
      b: 'n，隱藏層的偏差',
      h0: 'n，初始的隱藏狀態',
      c: 'k，輸出的偏差',
      y: 'T 個類別編號，y^(1) … y^(T)',
      inputLabels: '每個輸入一個，m 個',
      outputLabels: '每個類別一個，k 個',
    },
    how: {
      T: '序列，即 x 的列',
      m: '輸入大小，即 x 每列的長度',
      n: '隱藏層大小，即 W 的列',
      k: '類別數，即 V 的列',
    },
    rule: {
      vectorNotList: (p: { len: number; what: string; got: string }) => `應為含 ${p.len} 個數的串列（${p.what}），卻是 ${p.got}`,
      vectorLength: (p: { count: number; len: number; size: SizeName; by: string }) => `有 ${p.count} 個數，但 ${zhSize(p.size, p.by, p.len)}`,
      notFinite: (p: { got: string }) => `${p.got} 不是有限的數`,
      pastLimit: (p: { value: number; limit: string }) => `${p.value} 超過 ±${p.limit} 的上限（更大的數可能使 logits 溢位）`,
      matrixNotList: (p: { rows: number; cols: number; what: string; got: string }) => `應為 ${p.rows} × ${p.cols} 的矩陣（${p.what}），以各列組成的串列表示，卻是 ${p.got}`,
      matrixRows: (p: { count: number; rows: number; size: SizeName; by: string }) => `有 ${p.count} 列，但 ${zhSize(p.size, p.by, p.rows)}`,
      rowNotList: (p: { row: number; got: string; cols: number }) => `第 ${p.row} 列是 ${p.got}，應為含 ${p.cols} 個數的串列`,
      rowLength: (p: { row: number; count: number; cols: number; size: SizeName; by: string }) => `第 ${p.row} 列有 ${p.count} 個數，但 ${zhSize(p.size, p.by, p.cols)}`,
      labelsNotList: (p: { len: number; what: string; got: string }) => `應為含 ${p.len} 個字串的串列（${p.what}），卻是 ${p.got}`,
      labelsLength: (p: { count: number; len: number; size: SizeName; by: string }) => `有 ${p.count} 個標籤，但 ${zhSize(p.size, p.by, p.len)}`,
      notString: (p: { got: string }) => `${p.got} 不是字串`,
      tooLong: (p: { limit: number }) => `超過 ${p.limit} 個字元`,
      optionsNotObject: (p: { got: string }) => `應為含 truncate 及（或）clip 的物件，卻是 ${p.got}`,
      truncate: (p: { got: string }) => `必須是 ≥ 1 的整數，卻是 ${p.got}`,
      clip: (p: { got: string }) => `必須是 > 0 的數，卻是 ${p.got}`,
      unknownOption: () => '不是可用的選項（truncate、clip）',
      missing: (p: { what: string }) => `缺少此欄位（${p.what}）`,
      notList: (p: { what: string; got: string }) => `應為串列（${p.what}），卻是 ${p.got}`,
      sizeEmpty: (p: { name: string; how: string }) => `${p.name} = 0：${p.how}不可為空`,
      sizeLimit: (p: { name: string; value: number; limit: number; how: string }) => `${p.name} = ${p.value} 超過上限 ${p.limit}（${p.how}）`,
      notObject: (p: { got: string }) => `應為 JSON 物件，卻是 ${p.got}`,
      formatMissing: () => '缺少此欄位，應為 "bptt-scenario/1"',
      formatWrong: (p: { got: string }) => `是 ${p.got}，應為 "bptt-scenario/1"`,
      firstRow: (p: { got: string }) => `第 0 列是 ${p.got}，應為數的串列`,
      paramsMissing: () => '缺少此欄位（U、W、V、b、c）',
      paramsNotObject: (p: { got: string }) => `應為含 U、W、V、b、c 的物件，卻是 ${p.got}`,
      targets: (p: { count: number; T: number; by: string }) => `有 ${p.count} 個目標，但 ${zhSize('T', p.by, p.T)}`,
      classIndex: (p: { got: string; max: number; by: string }) => `= ${p.got} 不是 0…${p.max} 的類別編號：${zhSize('k', p.by, p.max + 1)}`,
      incomplete: () => '不完整',
      notJson: (p: { why: string }) => `不是有效的 JSON（${p.why}）`,
      fileNotJson: (p: { name: string; why: string }) => `${p.name} 不是有效的 JSON（${p.why}）`,
      lessonNotList: () => '應為 {"step", "note"} 的串列',
      lessonStops: (p: { count: number; limit: number }) => `有 ${p.count} 個書籤，超過上限 ${p.limit}`,
      lessonStop: () => '應為物件 {"step", "note"}',
      stepKey: () => '應為步驟代號，例如 "B3@2"',
      notStep: (p: { step: string; T: number }) => `"${p.step}" 不是此情境的步驟（T = ${p.T}）`,
      bookmarkedTwice: (p: { step: string }) => `"${p.step}" 被加了兩次書籤`,
      noteText: () => '應為文字',
      textShort: () => '至少需要 2 個字元（x 是除最後一個以外的每個字元，y 是除第一個以外的每個字元）',
      textLong: (p: { count: number; T: number; limit: number }) => `${p.count} 個字元得到 T = ${p.T}，超過上限 ${p.limit}`,
      wholeNumberIn: (p: { value: number; lo: number; hi: number }) => `${p.value} 不是 ${p.lo}…${p.hi} 的整數`,
      numberIn: (p: { value: number; lo: number; hi: number }) => `${p.value} 不是 ${p.lo}…${p.hi} 的數`,
      wholeNumber: (p: { value: number }) => `${p.value} 不是整數`,
      vocabulary: (p: { count: number; limit: number }) => `有 ${p.count} 個不同的字元，超過上限 ${p.limit}`,
      unknownPreset: (p: { id: string; known: string }) => `"${p.id}" 不在 ${p.known} 之中`,
      reopenFile: (p: { name: string }) => `"${p.name}" 必須重新開啟`,
    },
  },
  presets: {
    hello: {
      label: 'hello（T = 4，n = 3）',
      blurb: '經典的預測下一個字元範例；README 與測試使用的就是它的數值（L = 5.2020…）。',
    },
    'hello-world': {
      label: 'hello world（T = 10，n = 4）',
      blurb: '較長的句子，有重複的上下文：同一個輸入「l」必須預測不同的字元。',
    },
    saturated: {
      label: '飽和的 tanh（T = 8，n = 4）',
      blurb: '權重很大，把 tanh 推向 ±1：H^(t) 有 41 % 的元素小於 0.1，每一個都在 B5 擋住它那個單元的梯度。但 σ_max(W) ≈ 4.9，所以 ‖∇h^(t)‖ 往回傳時仍然變大，從 t = 8 的 0.67 到 t = 1 的 8.95：飽和會關住個別單元，本身並不會讓梯度消失。',
    },
    long: {
      label: '長句子（T = 43，n = 8）',
      blurb: '43 步的句子。每個 ∇h^(t) 都加上它自己的 V⊤∇o^(t)，所以 ‖∇h^(t)‖ 一直在 0.56 到 1.62 之間；消失的是一個損失能往回傳多遠：‖∂h^(43)/∂h^(t)‖ 在 t = 1 降到 4.9·10⁻⁶（E2，在實驗室裡）。',
    },
    vanishing: {
      label: '梯度消失（T = 40，n = 16）',
      blurb: '權重很小：σ_max(W) ≈ 0.81 < 1，tanh 幾乎是線性的（H 的平均 ≈ 0.98），所以 ‖∂h^(40)/∂h^(t)‖ 隨 40 − t 等比縮小，在 t = 1 降到 8.9·10⁻¹¹（E2，在實驗室裡）。',
    },
    exploding: {
      label: '梯度爆炸（T = 40，n = 48）',
      blurb: '遞迴權重很大：σ_max(W) ≈ 4.6 壓過 tanh 的斜率（H 的平均 ≈ 0.40），所以 ‖∂h^(40)/∂h^(t)‖ 隨 40 − t 變大，在 t = 1 達到 7.6·10⁴，‖∇h^(t)‖ 也從 t = 40 的 2.37 變成 t = 1 的 35436（E2，在實驗室裡）。',
    },
  },
  truncatedNote: (K: number) => `截斷的 BPTT（E3），K = ${K}：每個損失最多往回傳 K − 1 步，所以 ∇h⁽ᵗ⁾ 只加總 s = t … t + K − 1 的損失，而不是 B3 的遞迴。`,
} as const satisfies CoreMessages;

const CATALOGUES: Record<Lang, CoreMessages> = { en, 'zh-TW': zhTW };

/** The core's words in a language. */
export function coreMessages(lang: Lang = 'en'): CoreMessages {
  return CATALOGUES[lang];
}

/** Whether a string names a language of the app. */
export function isLang(v: unknown): v is Lang {
  return v === 'en' || v === 'zh-TW';
}

/**
 * The app's language for a browser's preferred languages (navigator.languages),
 * the first the app has: Traditional Chinese (zh-TW, zh-HK, zh-MO, zh-Hant…)
 * reads zh-TW, English reads en, any other is passed over; English when none is.
 */
export function langFromLocales(locales: readonly string[] | undefined): Lang {
  for (const raw of locales ?? []) {
    const l = raw.toLowerCase();
    if (/^zh-(hant|tw|hk|mo)(-|$)/.test(l)) return 'zh-TW';
    if (/^en(-|$)/.test(l)) return 'en';
  }
  return 'en';
}

/** The code of a rule a value broke (the keys of the catalogue's `errors.rule`). */
export type ErrorRule = keyof (typeof en)['errors']['rule'];
/** The parameters of a rule's message, as the catalogue's function takes them. */
export type ErrorParams<R extends ErrorRule = ErrorRule> = Parameters<(typeof en)['errors']['rule'][R]>[0] extends infer P ? (P extends object ? P : Record<string, never>) : never;

/** What a field holds, as a code of `errors.what`. */
export type ErrorWhat = keyof (typeof en)['errors']['what'];

/** A refused value, as a rule and its parameters: worded in any language, the field first. */
export interface RuleError<R extends ErrorRule = ErrorRule> {
  field: string;
  rule: R;
  params: ErrorParams<R>;
}

/** How a value is described in a message: shown as it is (numbers, quoted strings) or as a code of `errors.got`. */
export function describeValue(v: unknown): string {
  if (v === null) return '@null';
  if (Array.isArray(v)) return '@list';
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object') return '@object';
  return v === undefined || typeof v === 'boolean' ? `@${v === undefined ? 'undefined' : 'boolean'}` : typeof v;
}

/** The rule's words in a language, after `FIELD: ` (`what`, `how` and `got` codes worded). */
export function ruleText(e: Pick<RuleError, 'rule' | 'params'>, lang: Lang = 'en'): string {
  const { errors } = coreMessages(lang);
  const p: Record<string, unknown> = { ...e.params };
  if (typeof p.what === 'string' && p.what in errors.what) p.what = errors.what[p.what as keyof typeof errors.what];
  if (typeof p.how === 'string' && p.how in errors.how) p.how = errors.how[p.how as keyof typeof errors.how];
  if (typeof p.got === 'string' && p.got.startsWith('@') && p.got.slice(1) in errors.got) p.got = errors.got[p.got.slice(1) as keyof typeof errors.got];
  return (errors.rule[e.rule] as (params: unknown) => string)(p);
}

/**
 * The whole message of a refused value in a language: `FIELD: RULE`
 * (`y[3] = 7 is not …` for a class index, whose rule reads on from the field).
 */
export function errorText(e: Pick<RuleError, 'field' | 'rule' | 'params'>, lang: Lang = 'en'): string {
  return `${e.field}${e.rule === 'classIndex' ? ' ' : ': '}${ruleText(e, lang)}`;
}

/** The error of a broken rule: its English message (the command line's, the tests'), and the rule's code and parameters for the app's languages. */
export function ruleError<R extends ErrorRule>(field: string, rule: R, params: ErrorParams<R>): ScenarioError & RuleError {
  const e: RuleError = { field, rule, params: params as ErrorParams };
  return { ...e, message: errorText(e) };
}

/** A refused scenario's message in a language: worded from its rule, or its own (English) message when it has none. */
export function scenarioErrorText(e: ScenarioError, lang: Lang = 'en'): string {
  return e.rule ? errorText({ field: e.field, rule: e.rule, params: e.params ?? {} }, lang) : e.message;
}
