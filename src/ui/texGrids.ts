/**
 * Matrices of numbers drawn as CSS grids inside KaTeX's layout.
 *
 * KaTeX builds a `bmatrix` from nested vertical lists, about five elements an
 * entry, and the browser must style and lay out every one of them on every
 * step: at hello's sizes they were 40 % of the formula panel's elements, the
 * larger part of its layout. Here each matrix whose entries are plain numbers
 * is typeset by KaTeX as an empty box of the matrix's size (`\rule`, so KaTeX
 * still places it: centred on the math axis, under a brace, with a
 * superscript), and the box is filled with one grid of text entries, brackets
 * drawn by CSS. Screen readers read KaTeX's MathML of the original TeX, real
 * matrices included.
 */

/** One matrix: its entries as text, row by row. */
export interface TexGrid {
  rows: GridCell[][];
}
/** An entry: a number, or a product of two (B5's H_ii · ∇h_i). */
type GridCell = string | [string, string];

/** KaTeX_Main's advance widths (em), the only characters an entry can hold. */
const WIDTH: Record<string, number> = { '.': 0.27778, '−': 0.77778, e: 0.44445, '(': 0.38889, ')': 0.38889 };
const charWidth = (c: string) => WIDTH[c] ?? 0.5; // digits
/** A product's · with TeX's medium spaces either side. */
const DOT_WIDTH = 0.27778 + 2 * 0.22222;
/** Geometry of KaTeX's bmatrix (em): a row is the baseline skip 1.2, columns 2 × arraycolsep apart, centred on the axis. */
const ROW = 1.2;
const COL_GAP = 1;
const AXIS = 0.25;
/**
 * Room for the brackets (em): inside each side, and above and below the rows;
 * outside, a thin space (KaTeX's delimiters' side bearings). SIDE and OUT are
 * the grid's padding and bracket inset in styles.css.
 */
const SIDE = 0.35;
const END = 0.1;
const OUT = 0.1667;

const NUM = String.raw`-?\d+(?:\.\d+)?(?:\\mathrm\{e\}\{-?\d+\})?`;
const NUMBER = new RegExp(`^${NUM}$`);
const PRODUCT = new RegExp(String.raw`^(${NUM}) \\cdot (\(${NUM}\)|${NUM})$`);
const BMATRIX = /\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}/g;

/** A number of fmtTex as text: 2.3\mathrm{e}{-5} → 2.3e−5. */
const numText = (s: string) => s.replace(/\\mathrm\{e\}\{(-?\d+)\}/, 'e$1').replace(/-/g, '−');

function cell(tex: string): GridCell | null {
  const t = tex.trim();
  if (NUMBER.test(t)) return numText(t);
  const p = PRODUCT.exec(t);
  return p ? [numText(p[1]), numText(p[2])] : null;
}

function cellWidth(c: GridCell): number {
  const w = (s: string) => Array.from(s, charWidth).reduce((a, b) => a + b, 0);
  return typeof c === 'string' ? w(c) : w(c[0]) + DOT_WIDTH + w(c[1]);
}

const em = (v: number) => `${Number(v.toFixed(4))}em`;

/** The box a grid fills, its outer spaces included: column widths, width, height and depth below the baseline (em). */
function gridBox(g: TexGrid): { cols: number[]; width: number; height: number; depth: number } {
  const cols: number[] = [];
  for (const r of g.rows) r.forEach((c, j) => (cols[j] = Math.max(cols[j] ?? 0, cellWidth(c))));
  const width = cols.reduce((a, b) => a + b, 0) + COL_GAP * (cols.length - 1) + 2 * SIDE + 2 * OUT;
  const height = g.rows.length * ROW + 2 * END;
  return { cols, width, height, depth: height / 2 - AXIS };
}

/**
 * The TeX with each matrix of plain numbers replaced by a `\rule` of its size,
 * tagged `\htmlData{grid=i}`, and the matrices; null when there is none.
 */
export function gridTex(tex: string): { tex: string; grids: TexGrid[] } | null {
  const grids: TexGrid[] = [];
  const out = tex.replace(BMATRIX, (whole, body: string) => {
    const rows = body.split('\\\\').map((r) => r.split('&').map(cell));
    if (rows.some((r) => r.length !== rows[0].length || r.some((c) => c === null))) return whole;
    const g: TexGrid = { rows: rows as GridCell[][] };
    const { width, height, depth } = gridBox(g);
    grids.push(g);
    return `\\htmlData{grid=${grids.length - 1}}{\\rule[${em(-depth)}]{${em(width)}}{${em(height)}}}`;
  });
  return grids.length > 0 ? { tex: out, grids } : null;
}

/**
 * A grid's HTML: a box of the rule's size, placed as KaTeX placed the rule
 * (an inline block, moved down by its depth), one element per entry inside
 * (text only: digits, '.', '−', 'e', parentheses).
 */
export function gridHtml(g: TexGrid): string {
  const { cols, width, height, depth } = gridBox(g);
  const cells = g.rows
    .flat()
    .map((c) => (typeof c === 'string' ? `<span>${c}</span>` : `<span>${c[0]}<span class="tex-grid-dot">⋅</span>${c[1]}</span>`))
    .join('');
  const grid = `<span class="tex-grid" style="grid-template-columns:${cols.map(em).join(' ')}">${cells}</span>`;
  return `<span class="mord tex-grid-slot" style="width:${em(width)};height:${em(height)};bottom:${em(-depth)}">${grid}</span>`;
}

/** KaTeX's HTML for a `\htmlData{grid=i}{\rule…}`: the wrapper's attribute and the rule inside it. */
const SLOT = /data-grid="(\d+)"><span class="mord katex-rule" style="[^"]*"><\/span>/g;

/**
 * KaTeX's HTML of gridTex's TeX with each rule filled with its grid, and the
 * MathML of the original TeX put in (the `.katex-mathml` KaTeX's own
 * htmlAndMathml output has); null when a rule is not found as expected
 * (another KaTeX's markup), so the caller renders the TeX as it is.
 */
export function fillGrids(html: string, mathml: string, grids: readonly TexGrid[]): string | null {
  let found = 0;
  const filled = html.replace(SLOT, (_, i: string) => {
    found++;
    return `data-grid="${i}">${gridHtml(grids[Number(i)])}`;
  });
  const math = /<math[\s\S]*<\/math>/.exec(mathml)?.[0];
  const at = filled.indexOf('<span class="katex-html"');
  if (found !== grids.length || !math || at < 0) return null;
  return `${filled.slice(0, at)}<span class="katex-mathml">${math}</span>${filled.slice(at)}`;
}
