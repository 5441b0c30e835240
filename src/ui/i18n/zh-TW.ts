import type { LinkProblem } from '../../store/urlHash';
import type { UiMessages } from './index';
import { labZhTW } from '../lab/messages';
import { quizZhTW } from '../quizMessages';

/**
 * The UI's words in 繁體中文, in the terms of the course notes (梯度, 隱藏狀態,
 * 前向傳播, 反向傳播, 損失, 時間步). `satisfies UiMessages`: a key missing
 * here, or one English does not have, is a compile error.
 */
export const zhTW = {
  app: {
    title: 'BPTT 逐步解說',
    network: '展開的網路',
    formulaPane: '目前步驟的公式',
  },
  header: {
    untitled: '未命名的情境',
    totalLossTitle: 'L = Σₜ L⁽ᵗ⁾，由前向傳播算出',
    scenario: '情境',
    fileSource: (name: string) => `檔案：${name}`,
    generated: '自動產生',
    newFromText: '由文字產生…',
    open: '開啟…',
    save: '儲存情境',
    saveTitle: '把情境存成 bptt-scenario/1 檔案，寫出所有權重',
    exportTrace: '匯出計算紀錄',
    exportTitle: '把整個流程的每個數值存成 bptt-trace/1 檔案',
    help: '鍵盤快速鍵與說明',
    language: '語言',
    refused: (why: string) => `情境未被接受——${why}。畫面仍顯示先前的情境。`,
    dismiss: '關閉訊息',
    andMore: (n: number) => `（另有 ${n} 個錯誤）`,
  },
  generate: {
    title: '新的字元模型',
    intro: 'x⁽ᵗ⁾ 是文字中的每個字元，y⁽ᵗ⁾ 是它的下一個字元；權重由種子產生，均勻分布在 [−scale, scale]。',
    text: '文字',
    hidden: '隱藏層大小 n',
    scale: '權重範圍 scale',
    seed: '種子',
    cancel: '取消',
    submit: '產生',
  },
  help: {
    label: '鍵盤快速鍵',
    heading: '鍵盤',
    keys: {
      step: { key: '→ / ←', what: '下一步／上一步' },
      play: { key: '空白鍵', what: '播放／暫停' },
      ends: { key: 'Home / End', what: '第一步／最後一步' },
      pageT: { key: 'Page Down / Page Up', what: '同一個公式，往後／往前一個 t' },
      mode: { key: 'F / C', what: '逐式走（每個公式停一次）／逐時間步走（每個 t 與階段停一次）' },
      lesson: { key: 'N / P', what: '下一個／上一個課程書籤' },
      presenter: { key: 'M', what: '開啟／關閉簡報模式' },
      focus: { key: '1 / 2 / 3', what: '簡報模式中：兩欄／只看圖／只看公式' },
      lab: { key: 'L', what: '開啟／關閉梯度實驗室' },
      quiz: { key: 'Q', what: '開啟／關閉測驗模式：數值顯示前先作答' },
      close: { key: 'Esc', what: '關閉此對話框' },
    },
    note: '目前的步驟保存在網址中：重新載入或分享連結，都會開在同一步。把滑鼠移到格子上可看到精確數值；移到公式中的某一項，可在圖中找到它。',
    close: '關閉',
  },
  controls: {
    toolbar: '逐步控制',
    toStart: '回到開頭（Home）',
    backT: '往前一個 t（Page Up）',
    prev: '上一步（←）',
    play: '播放（空白鍵）',
    pause: '暫停（空白鍵）',
    next: '下一步（→）',
    forwardT: '往後一個 t（Page Down）',
    toEnd: '跳到結尾（End）',
    bandForward: (T: string) => `前向傳播 t = 1 … ${T}`,
    bandBackward: (T: string) => `反向傳播 t = ${T} … 1`,
    speed: '速度',
    speedLabel: '播放速度',
    granularity: '逐步的粒度',
    fine: '逐式',
    fineTitle: '每個公式停一次（F）',
    coarse: '逐時間步',
    coarseTitle: '每個 t 與階段停一次（C）',
    step: '步驟',
  },
  formula: {
    general: '一般式',
    atT: '代入此時間步',
    numeric: '代入數值',
  },
  diagram: {
    label: '展開網路的圖',
    image: (T: string) => `沿 ${T} 個時間步展開的 RNN：每個時間步的 x、a、h、o、ŷ 與 L，以及它們的梯度`,
    rows: { loss: '損失', output: '輸出', hidden: '隱藏', pre: '活化前', input: '輸入' },
    target: '目標',
    notComputed: '尚未計算',
    meaning: {
      x: '輸入',
      a: '活化前的值（F1）',
      h: '隱藏狀態（F2）',
      H: 'H 的對角線，即 tanh 的斜率（B4）',
      o: '輸出分數（F3）',
      yhat: '機率（F4）',
      gradO: '輸出端的梯度（B1）',
      gradH: '隱藏狀態的梯度（B2/B3）',
      gradA: '活化前的梯度（B5）',
    },
  },
  details: {
    hLabel: (t: number, n: number) => `t = ${t} 的 H：${n} × ${n} 的對角矩陣`,
    hOffDiagonal: (slope: string) => `對角線以外都是 0——單元 i 的 tanh 只取決於 a_i（J3）。最小斜率 ${slope}。`,
    hSaturated: (limit: string, units: readonly number[]) => `飽和（H < ${limit}）：單元 ${units.join('、')}。`,
    hNoneSaturated: '沒有飽和的單元。',
    contribution: (t: number, name: string, formula: string) => `時間步 ${t} 對 ∇${name} L 的項 ${formula}，加進累計和`,
    contributionLabel: (t: number, name: string) => `時間步 ${t} 對 ${name} 的梯度的貢獻，以及累計和`,
    sumOver: (T: number, t: number) => `對 t = ${T}…${t} 求和`,
    sumEquation: (T: number, t: number) => `此項 + ${t === T ? '0' : `對 t = ${T}…${t + 1} 求和`} = 對 t = ${T}…${t} 求和`,
    hoverCell: '把滑鼠移到此項的格子上，看它是由哪些數值算出的。',
    scaleNote: (limit: string) => `此項與累計和共用同一個色階 ±${limit}（藍為負、紅為正）；兩個因子使用圖中的色階。`,
    normAnd: '與',
    normOver: '隨 t 的變化（對數刻度）',
    normLabel: '隱藏層梯度的範數隨時間的變化',
    legend: '色階',
    sqrtScale: '平方根刻度：上限的四分之一就得到一半的顏色',
  },
  lecture: {
    presenter: '簡報模式',
    presenterTitle: '簡報模式：全螢幕、放大字體（M）',
    focus: '版面焦點（1、2、3）',
    foci: { both: '圖與公式', diagram: '只看圖', formula: '只看公式' },
    theme: '配色',
    themes: { default: '標準', projector: '投影機（高對比）', dark: '暗室' },
    share: '分享',
    shareTitle: '複製此步驟的連結',
    linkCopied: '已複製連結',
    linkLabel: '此步驟的連結',
    bookmark: '☆ 書籤',
    note: '★ 筆記',
    bookmarkTitle: '為此步驟加上書籤與筆記',
    noteDialog: '課程書籤',
    noteHeading: (key: string) => `書籤 ${key}`,
    noteLabel: '筆記（純文字；數學式寫在 $…$ 之間）',
    noteHelp: '與情境一起儲存（儲存情境）。N / P 在書籤之間跳轉。',
    remove: '移除書籤',
    cancel: '取消',
    saveNote: '儲存筆記',
    add: '加上書籤',
  },
  lesson: {
    stop: (i: number, n: number) => `課程書籤 ${i}／${n}`,
    keys: 'N / P：下一個／上一個書籤',
  },
  link: {
    said: (items: string) => `連結：${items}。網址已改為目前顯示的內容。`,
    separator: '；',
    problem: (p: LinkProblem): string => {
      switch (p.kind) {
        case 'unknownKey':
          return `「${p.key}」不是連結參數`;
        case 'moreUnknown':
          return `另有 ${p.count} 個也不是連結參數`;
        case 'badMode':
          return `mode「${p.value}」不是 fine 或 coarse`;
        case 'badLang':
          return `lang「${p.value}」不是 en 或 zh-TW`;
        case 'fileNotStored':
          return `檔案「${p.name}」沒有存在這個瀏覽器中：請用「開啟…」開啟它`;
        case 'noSuchStep':
          return `「${p.key}」不是這個情境的步驟（T = ${p.T}）`;
      }
    },
    dismiss: '關閉',
  },
  embed: { openFull: '開啟完整版 ↗' },
  exportMenu: {
    button: '匯出 ▾',
    title: '目前的圖或公式，用於投影片',
    menu: '匯出',
    items: {
      'diagram-svg': { label: '圖（SVG）', hint: '畫出的圖連同色階，一個自成一體的檔案' },
      'diagram-png': { label: '圖（PNG）', hint: '同一張圖，兩倍大小' },
      latex: { label: '公式（LaTeX）', hint: '把公式的 TeX 複製到剪貼簿' },
      'formula-svg': { label: '公式（SVG）', hint: '公式連同內嵌的字型' },
      'formula-png': { label: '公式（PNG）', hint: '同一個公式，兩倍大小' },
    },
    copied: '已複製 LaTeX',
    exporting: '匯出中…',
    saved: (name: string) => `已儲存 ${name}`,
    failed: (why: string) => `匯出失敗：${why}`,
    latexTitle: '公式的 LaTeX',
    latexHelp: '此處無法使用剪貼簿：文字已選取，請按 Ctrl+C（⌘C）複製。',
    close: '關閉',
  },
  lab: labZhTW,
  quiz: quizZhTW,
} as const satisfies UiMessages;
