/**
 * The words the pure core produces (the step narration of stepView.ts, the step
 * labels, the formula titles and facts of formulas.ts, the presets' menu lines)
 * in English and 繁體中文. English is the source of truth; zh-TW must have every
 * key (`satisfies CoreMessages`), so a missing key is a compile error, not a blank.
 * Formulas and symbols are the same in both.
 */
import { sup } from './format';

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
  quoted: (l: string) => `“${l}”`,
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
      blurb: 'Large weights push tanh to ±1: H^(t) ≈ 0 and the gradient barely flows back.',
    },
    long: {
      label: 'long sentence (T = 43, n = 8)',
      blurb: 'Watch ‖∇h^(t)‖ shrink as it travels back: the vanishing gradient.',
    },
  },
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
  quoted: (l: string) => `「${l}」`,
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
      blurb: '權重很大，把 tanh 推向 ±1：H^(t) ≈ 0，梯度幾乎傳不回去。',
    },
    long: {
      label: '長句子（T = 43，n = 8）',
      blurb: '看 ‖∇h^(t)‖ 往回傳時如何縮小：梯度消失。',
    },
  },
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
