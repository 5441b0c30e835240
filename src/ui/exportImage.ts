/**
 * Export for slides: the current diagram as one standalone SVG (and a PNG of it
 * at 2×), the current formula as LaTeX text, and as SVG / PNG. The file names
 * come from the scenario and the step (`hello-B3@2.svg`). Loaded on demand by
 * the export menu: none of this is on the app's first load.
 */
import katex from 'katex';
import type { FormulaView, StepView } from '../core';
import { useApp } from '../store/store';
import type { ScenarioSource } from '../store/scenarioSource';
import { makeScales, QUANTITY_COLORS } from './colors';
import { downloadBlob, slug } from './files';
import type { DrawnVector } from './layout';
import { FAMILY, vectorAt } from './quantities';
import { katexOptions } from './texOptions';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** The PNG's pixels per SVG unit, whatever the screen's devicePixelRatio. */
export const PNG_RATIO = 2;

/**
 * The diagram's plain text (labels, numbers) is set in a generic font stack:
 * the page's system-ui face is not embedded, and any sans-serif reads the same.
 */
export const DIAGRAM_FONT = "'Liberation Sans', Arial, Helvetica, sans-serif";

// ---------------------------------------------------------------------------
// Pure helpers: names and TeX

/** The scenario part of an export's name: a preset's id, otherwise the title, slugged as the scenario files are. */
export function scenarioSlug(source: ScenarioSource, title: string | undefined): string {
  return source.kind === 'preset' ? source.id : slug(title ?? 'scenario');
}

export type ExportWhat = 'diagram' | 'formula';

/** `hello-B3@2.svg`, `hello-B3@2-formula.png`: the scenario, the step key, what is shown. */
export function exportFileName(scenario: string, stepKey: string, what: ExportWhat, ext: 'svg' | 'png'): string {
  const key = stepKey.replace(/[^\w@-]+/g, '-');
  return `${scenario}-${key}${what === 'formula' ? '-formula' : ''}.${ext}`;
}

/** KaTeX's HTML extensions: `\htmlData{attrs}{body}` and its siblings draw their body unchanged. */
const HTML_WRAPPERS = new Set(['htmlData', 'htmlClass', 'htmlId', 'htmlStyle']);

/** The index after the brace group opening at tex[open] (a `{`), or −1 when it is not closed. Escaped braces do not count. */
function groupEnd(tex: string, open: number): number {
  let depth = 0;
  for (let j = open; j < tex.length; j++) {
    const c = tex[j];
    if (c === '\\') j++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j + 1;
  }
  return -1;
}

function skipSpaces(tex: string, i: number): number {
  while (i < tex.length && /\s/.test(tex[i])) i++;
  return i;
}

/**
 * Plain TeX from the app's formulas: `\htmlData{q=…, term=…}{X}` (and \htmlClass,
 * \htmlId, \htmlStyle) becomes X, nested ones too, with balanced braces. X keeps
 * a brace group where dropping it would change the TeX: after ^ or _ or a
 * command (`x^{…}`, `\hat{…}`), or before ^, _ or ' (`{h^{(1)}}^\top` is not a
 * double superscript).
 */
export function unwrapHtml(tex: string): string {
  let out = '';
  let i = 0;
  while (i < tex.length) {
    const c = tex[i];
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const name = /^[A-Za-z]+/.exec(tex.slice(i + 1, i + 40))?.[0];
    if (!name) {
      // A control symbol (\\, \{, \,): copied whole, so its second character is not read as a command.
      out += tex.slice(i, i + 2);
      i += 2;
      continue;
    }
    const after = i + 1 + name.length;
    if (HTML_WRAPPERS.has(name)) {
      const a = skipSpaces(tex, after);
      const aEnd = tex[a] === '{' ? groupEnd(tex, a) : -1;
      const b = aEnd < 0 ? -1 : skipSpaces(tex, aEnd);
      const bEnd = b >= 0 && tex[b] === '{' ? groupEnd(tex, b) : -1;
      if (bEnd >= 0) {
        const body = unwrapHtml(tex.slice(b + 1, bEnd - 1));
        const before = out.trimEnd();
        const next = tex[skipSpaces(tex, bEnd)];
        const keepGroup = /[\^_]$/.test(before) || /\\[A-Za-z]+$/.test(before) || next === '^' || next === '_' || next === "'";
        out += keepGroup ? `{${body}}` : body;
        i = bEnd;
        continue;
      }
    }
    out += tex.slice(i, after);
    i = after;
  }
  return out;
}

/** The rows a formula shows, in the panel's order: general form (not in a compact stop), at t, numbers, extra lines. */
export function formulaRows(f: FormulaView, compact: boolean): { kind: 'general' | 'at-t' | 'numeric' | 'extra'; tex: string; label?: string }[] {
  const rows: { kind: 'general' | 'at-t' | 'numeric' | 'extra'; tex: string; label?: string }[] = [];
  if (!compact) rows.push({ kind: 'general', tex: f.general });
  rows.push({ kind: 'at-t', tex: f.atT });
  if (f.numeric) rows.push({ kind: 'numeric', tex: f.numeric });
  for (const e of f.extra ?? []) rows.push({ kind: 'extra', tex: e.tex, label: e.label });
  return rows;
}

/**
 * The step's formulas as LaTeX to paste into a slide: a comment naming each
 * formula, then one display per row, without the app's \htmlData links.
 */
export function formulaLatex(view: Pick<StepView, 'formulas' | 'compact' | 'key'>, scenario: string): string {
  const lines: string[] = [`% ${scenario}, step ${view.key}`];
  for (const f of view.formulas) {
    lines.push(`% ${f.id}: ${f.title}`);
    for (const r of formulaRows(f, view.compact)) {
      if (r.label) lines.push(`% ${r.label}`);
      lines.push(`\\[ ${unwrapHtml(r.tex)} \\]`);
    }
  }
  const text = lines.join('\n');
  return (/\\begin\{[bpv]?matrix\}/.test(text) ? '% needs \\usepackage{amsmath}\n' : '') + text + '\n';
}

/** The magic number of a PNG file and the width and height from its IHDR chunk, or null when the bytes are no PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const magic = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || magic.some((b, i) => bytes[i] !== b)) return null;
  if (String.fromCharCode(...bytes.slice(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** A colour as rgb() and an alpha: viewers of SVG 1.1 (Inkscape, LibreOffice) read rgb() and a separate opacity best. */
export function splitAlpha(color: string): { rgb: string; alpha: number } {
  const m = /^rgba\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)[,\s/]+([\d.]+)\s*\)$/.exec(color);
  if (!m) return { rgb: color, alpha: 1 };
  return { rgb: `rgb(${m[1]}, ${m[2]}, ${m[3]})`, alpha: Number(m[4]) };
}

// ---------------------------------------------------------------------------
// Files

/** The current scenario's slug and step key, from the store. */
export function currentNames(): { scenario: string; key: string } {
  const s = useApp.getState();
  return { scenario: scenarioSlug(s.source, s.scenario.title), key: s.view.key };
}

function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * An SVG drawn on a canvas at PNG_RATIO× its size. The SVG is a data URL and
 * refers to nothing outside itself (its images and fonts are data URLs too), so
 * Chromium does not taint the canvas, foreignObject included (the e2e test
 * reads the PNG back).
 */
export async function svgToPng(svg: string, width: number, height: number, ratio = PNG_RATIO): Promise<Blob> {
  const img = new Image();
  img.src = `data:image/svg+xml;base64,${bytesToBase64(new TextEncoder().encode(svg))}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the PNG could not be encoded'))), 'image/png'));
}

// ---------------------------------------------------------------------------
// Computed styles, inlined

/** Inherited properties an SVG picture depends on, written where an element's value differs from its parent's. */
const INHERITED = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-numeric',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'paint-order',
] as const;
/** Properties that are not inherited, written where they differ from their initial value. */
const OWN: Record<string, string> = { opacity: '1' };
/** The initial values, written once on the root: the output does not rely on a viewer's defaults. */
const ROOT_STYLE: Record<string, string> = {
  fill: 'rgb(0, 0, 0)',
  'fill-opacity': '1',
  stroke: 'none',
  'stroke-width': '1px',
  'stroke-opacity': '1',
  'stroke-dasharray': 'none',
  'stroke-dashoffset': '0px',
  'stroke-linecap': 'butt',
  'stroke-linejoin': 'miter',
  'font-size': '16px',
  'font-weight': '400',
  'font-style': 'normal',
  'font-variant-numeric': 'normal',
  'text-anchor': 'start',
  'dominant-baseline': 'auto',
  visibility: 'visible',
  'paint-order': 'normal',
};
/** Presentation attributes dropped from the copy: the computed style, written as `style`, replaces them. */
const PRESENTATION = [...INHERITED, 'opacity', 'class', 'style'];

/** The computed values of an element, as written: colours split into rgb() and an opacity, transparent paint as none. */
function resolved(cs: CSSStyleDeclaration): Record<string, string> {
  const v: Record<string, string> = {};
  for (const p of INHERITED) v[p] = cs.getPropertyValue(p);
  for (const [paint, opacity] of [
    ['fill', 'fill-opacity'],
    ['stroke', 'stroke-opacity'],
  ] as const) {
    const { rgb, alpha } = splitAlpha(v[paint]);
    if (alpha === 0) v[paint] = 'none';
    else if (alpha < 1) {
      v[paint] = rgb;
      v[opacity] = String(Number(v[opacity] || 1) * alpha);
    }
  }
  return v;
}

/**
 * Copies `orig` (an SVG element in the page) with its computed style as a
 * style attribute, property by property where it differs from what the copy's
 * parent already gives. Elements not displayed and the layers' invisible paint
 * bounds are left out.
 */
function copyStyled(orig: Element, parent: Record<string, string>): Element | null {
  if (orig.classList.contains('layer-bounds')) return null;
  const cs = getComputedStyle(orig);
  if (cs.display === 'none') return null;
  const copy = orig.cloneNode(false) as Element;
  for (const a of PRESENTATION) copy.removeAttribute(a);
  for (const a of [...copy.attributes]) if (a.name.startsWith('data-') || a.name.startsWith('aria-') || a.name === 'tabindex' || a.name === 'role') copy.removeAttribute(a.name);
  const mine = resolved(cs);
  const style: string[] = [];
  for (const p of INHERITED) if (mine[p] !== parent[p]) style.push(`${p}:${mine[p]}`);
  for (const [p, initial] of Object.entries(OWN)) {
    const value = cs.getPropertyValue(p);
    if (value !== initial) style.push(`${p}:${value}`);
  }
  if (style.length) copy.setAttribute('style', style.join(';'));
  for (const child of orig.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) copy.appendChild(child.cloneNode());
    else if (child.nodeType === Node.ELEMENT_NODE) {
      const c = copyStyled(child as Element, mine);
      if (c) copy.appendChild(c);
    }
  }
  return copy;
}

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number> = {}, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function styleAttr(style: Record<string, string>): string {
  return Object.entries(style)
    .map(([k, v]) => `${k}:${v}`)
    .join(';');
}

/** The first opaque background behind an element: the page's, for the picture's own. */
function backgroundOf(start: Element | null): string {
  for (let e = start; e; e = e.parentElement) {
    const { rgb, alpha } = splitAlpha(getComputedStyle(e).backgroundColor);
    if (alpha === 1 && rgb !== 'transparent') return rgb;
  }
  return 'rgb(255, 255, 255)';
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

// ---------------------------------------------------------------------------
// The diagram

export interface SvgFile {
  svg: string;
  width: number;
  height: number;
}

/**
 * The cells <CellCanvas> paints (large n), painted again at PNG_RATIO× from the
 * trace as a data-URL PNG for an <image>. The page's canvas itself cannot be
 * read back: its bitmap was handed to an OffscreenCanvas, and it is at the
 * screen's pixel ratio. Same picture: each computed stack's cells on its
 * family's scale, inset by a hairline, on a near-white ground.
 */
function cellImage(inner: Element, box: DOMRect): SVGImageElement | null {
  const { model, trace } = useApp.getState();
  const scales = makeScales(model, trace);
  const x0 = box.left;
  const y0 = box.top;
  const w = box.width;
  const h = box.height;
  const c = document.createElement('canvas');
  c.width = Math.ceil(w * PNG_RATIO);
  c.height = Math.ceil(h * PNG_RATIO);
  const ctx = c.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(PNG_RATIO, 0, 0, PNG_RATIO, -x0 * PNG_RATIO, -y0 * PNG_RATIO);
  let painted = 0;
  for (const stack of inner.querySelectorAll<SVGGElement>('.stack[data-visible="true"]')) {
    const face = stack.querySelector<SVGRectElement>('.cell-face');
    if (!face) continue;
    const q = stack.dataset.q as DrawnVector;
    const t = Number(stack.dataset.t);
    const values = vectorAt(model, trace, q, t);
    const bx = face.x.baseVal.value;
    const by = face.y.baseVal.value;
    const bw = face.width.baseVal.value;
    const cellH = face.height.baseVal.value / values.length;
    if (bx + bw < x0 || bx > x0 + w) continue;
    const scale = scales.scale[FAMILY[q]];
    const inset = Math.min(0.3, cellH / 10);
    ctx.fillStyle = 'rgba(255, 255, 255, 0.9)';
    ctx.fillRect(bx, by, bw, values.length * cellH);
    for (let i = 0; i < values.length; i++) {
      ctx.fillStyle = scale(values[i]);
      ctx.fillRect(bx + inset, by + i * cellH + inset, bw - 2 * inset, cellH - 2 * inset);
    }
    painted++;
  }
  if (!painted) return null;
  const img = el('image', { x: round(x0), y: round(y0), width: round(w), height: round(h), preserveAspectRatio: 'none' });
  img.setAttributeNS(XLINK_NS, 'xlink:href', c.toDataURL('image/png'));
  return img;
}

/** A legend row as the page shows it: name, limits and the colours of its ramp. */
interface LegendRow {
  name: string;
  min: string;
  max: string;
  stops: string[];
}

function legendRows(): LegendRow[] {
  return [...document.querySelectorAll<HTMLElement>('.legend .legend-row')].map((row) => {
    const bar = row.querySelector<HTMLElement>('.legend-bar');
    const gradient = bar ? getComputedStyle(bar).backgroundImage : '';
    return {
      name: row.querySelector('.legend-name')?.textContent ?? '',
      min: row.querySelector('.legend-min')?.textContent ?? '',
      max: row.querySelector('.legend-max')?.textContent ?? '',
      stops: gradient.match(/rgba?\([^)]*\)|#[0-9a-f]{3,8}\b/gi) ?? [],
    };
  });
}

const LEGEND_ROW = 16;

/** The legend (colour ramps and their limits) and a caption, drawn into `g` from y = 0; returns the height used. */
function drawLegend(g: SVGGElement, defs: SVGDefsElement, rows: LegendRow[], caption: string[], width: number, ink: string, muted: string): number {
  const nameW = 96;
  const numW = 44;
  const barW = 200;
  rows.forEach((r, i) => {
    const y = 10 + i * LEGEND_ROW;
    const id = `legend-ramp-${i}`;
    const grad = el('linearGradient', { id, x1: 0, y1: 0, x2: 1, y2: 0 });
    r.stops.forEach((s, k) => {
      const { rgb, alpha } = splitAlpha(s);
      grad.appendChild(el('stop', { offset: round(k / Math.max(1, r.stops.length - 1)), 'stop-color': rgb, ...(alpha < 1 ? { 'stop-opacity': alpha } : {}) }));
    });
    defs.appendChild(grad);
    const text = { fill: muted, 'font-size': '11px' };
    g.appendChild(el('text', { x: 12, y: y + 4, style: styleAttr(text) }, r.name));
    g.appendChild(el('text', { x: 12 + nameW + numW - 4, y: y + 4, style: styleAttr({ ...text, 'text-anchor': 'end' }) }, r.min));
    g.appendChild(el('rect', { x: 12 + nameW + numW, y: y - 4.5, width: barW, height: 9, rx: 2, fill: `url(#${id})`, stroke: 'rgb(217, 214, 207)', 'stroke-width': 1 }));
    g.appendChild(el('text', { x: 12 + nameW + numW + barW + 4, y: y + 4, style: styleAttr(text) }, r.max));
  });
  const capX = Math.max(12 + nameW + 2 * numW + barW + 24, width - 12);
  caption.forEach((line, i) => {
    const anchor = capX === width - 12 ? 'end' : 'start';
    g.appendChild(el('text', { x: capX, y: 14 + i * LEGEND_ROW, style: styleAttr({ fill: i === 0 ? ink : muted, 'font-size': i === 0 ? '12px' : '11px', 'font-weight': i === 0 ? '600' : '400', 'text-anchor': anchor }) }, line));
  });
  return Math.max(rows.length, caption.length) * LEGEND_ROW + 8;
}

/**
 * The current diagram as one standalone SVG: its layers in order (the band of
 * the current column, the edges, each column), the cells a canvas paints (as
 * an image), the gradient flow, each with its computed style written in; then
 * the legend and a caption under it. Long sequences draw only the columns near
 * the visible window: the SVG holds those columns, and its caption says which.
 */
export function diagramSvg(): SvgFile {
  const inner = document.querySelector<HTMLElement>('.diagram-inner');
  if (!inner) throw new Error('no diagram on the page');
  const { dims, scenario, view } = useApp.getState();
  const innerBox = inner.getBoundingClientRect();
  // Positions are read from the page's boxes; a CSS scale of the page (a zoomed presenter view) is undone.
  const zoom = innerBox.width / (inner.offsetWidth || innerBox.width || 1);
  const rel = (e: Element) => {
    const r = e.getBoundingClientRect();
    return new DOMRect((r.left - innerBox.left) / zoom, (r.top - innerBox.top) / zoom, r.width / zoom, r.height / zoom);
  };
  const fullW = inner.offsetWidth;
  const fullH = inner.offsetHeight;

  // The drawn columns, and the horizontal span they cover.
  const columns = [...inner.querySelectorAll<SVGGElement>('.column[data-column]')].map((c) => Number(c.dataset.column));
  const from = columns.length ? Math.min(...columns) : 1;
  const to = columns.length ? Math.max(...columns) : dims.T;
  let x0 = 0;
  let x1 = fullW;
  const columnLayers = [...inner.querySelectorAll('.diagram-layer')].filter((l) => l.querySelector('.column'));
  if (from > 1 || to < dims.T) {
    const boxes = columnLayers.map(rel);
    if (from > 1) x0 = Math.max(0, Math.min(...boxes.map((b) => b.left)) - 8);
    if (to < dims.T) x1 = Math.min(fullW, Math.max(...boxes.map((b) => b.right)) + 12);
  }
  const width = Math.ceil(x1 - x0);

  const root = el('svg', { width });
  const defs = el('defs');
  root.appendChild(defs);
  const page = getComputedStyle(document.documentElement);
  const ink = page.getPropertyValue('--ink').trim() || '#1c1f24';
  const muted = page.getPropertyValue('--muted').trim() || '#5e6570';
  root.setAttribute('style', `font-family:${DIAGRAM_FONT};${styleAttr(ROOT_STYLE)}`);
  const background = backgroundOf(inner);
  const bg = el('rect', { x: 0, y: 0, width, height: 0, fill: background });
  root.appendChild(bg);
  const diagram = el('g', { transform: `translate(${round(-x0)},0)` });
  root.appendChild(diagram);

  const layers: Element[] = [...inner.querySelectorAll(':scope > .diagram-layers > svg, :scope > .cell-canvas, :scope > .flow-layer')];
  for (const layer of layers) {
    const box = rel(layer);
    if (layer instanceof HTMLCanvasElement) {
      const img = cellImage(inner, box);
      if (img) diagram.appendChild(img);
      continue;
    }
    const svg = layer as SVGSVGElement;
    const vb = svg.viewBox.baseVal;
    const hasViewBox = !!vb && vb.width > 0;
    const sx = hasViewBox ? box.width / vb.width : 1;
    const sy = hasViewBox ? box.height / vb.height : 1;
    const tx = box.left - (hasViewBox ? vb.x * sx : 0);
    const ty = box.top - (hasViewBox ? vb.y * sy : 0);
    const g = el('g');
    const transform = [tx || ty ? `translate(${round(tx)},${round(ty)})` : '', sx !== 1 || sy !== 1 ? `scale(${round(sx)},${round(sy)})` : ''].filter(Boolean).join(' ');
    if (transform) g.setAttribute('transform', transform);
    const layerStyle = resolved(getComputedStyle(svg));
    const style: string[] = [];
    for (const p of INHERITED) if (layerStyle[p] !== ROOT_STYLE[p]) style.push(`${p}:${layerStyle[p]}`);
    if (style.length) g.setAttribute('style', style.join(';'));
    for (const child of svg.children) {
      const c = copyStyled(child, layerStyle);
      if (c) g.appendChild(c);
    }
    diagram.appendChild(g);
  }

  const windowed = from > 1 || to < dims.T;
  const caption = [`${scenario.title ?? 'untitled scenario'} · ${view.label}`];
  if (windowed) caption.push(`columns t = ${from}–${to} of ${dims.T}, as drawn on screen`);
  const legend = el('g', { transform: `translate(0,${fullH})` });
  root.appendChild(legend);
  const legendH = drawLegend(legend, defs, legendRows(), caption, width, ink, muted);
  const height = Math.ceil(fullH + legendH);
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  bg.setAttribute('height', String(height));
  return { svg: serialize(root), width, height };
}

function serialize(root: Element): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}

// ---------------------------------------------------------------------------
// The formula

/** The KaTeX rules of the page's style sheets, and its @font-face rules by family, weight and style. */
function katexCss(): { rules: string[]; faces: CSSFontFaceRule[] } {
  const rules: string[] = [];
  const faces: CSSFontFaceRule[] = [];
  for (const sheet of document.styleSheets) {
    let list: CSSRuleList;
    try {
      list = sheet.cssRules;
    } catch {
      continue;
    }
    for (const r of list) {
      if (r instanceof CSSFontFaceRule) {
        if (/KaTeX_/.test(r.style.getPropertyValue('font-family'))) faces.push(r);
      } else if (r instanceof CSSStyleRule && r.selectorText.split(',').every((s) => s.trim().startsWith('.katex'))) {
        // KaTeX's own rules refer to nothing outside (its only url()s are its @font-face sources).
        if (!/url\(/.test(r.cssText)) rules.push(r.cssText);
      }
    }
  }
  return { rules, faces };
}

const weightOf = (w: string) => (w === 'bold' ? '700' : w === 'normal' || w === '' ? '400' : w);
const unquote = (f: string) => f.trim().replace(/^["']|["']$/g, '');

/** The @font-face rules of the fonts the text under `root` is set in. */
function usedFaces(root: HTMLElement, faces: CSSFontFaceRule[]): CSSFontFaceRule[] {
  const used = new Set<string>();
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent?.trim() || !n.parentElement) continue;
    const cs = getComputedStyle(n.parentElement);
    used.add(`${unquote(cs.fontFamily.split(',')[0])}|${weightOf(cs.fontWeight)}|${cs.fontStyle}`);
  }
  return faces.filter((f) => used.has(`${unquote(f.style.getPropertyValue('font-family'))}|${weightOf(f.style.getPropertyValue('font-weight'))}|${f.style.getPropertyValue('font-style') || 'normal'}`));
}

/** A font's file as a data URL: fetched from the same origin as the page's (already cached), or a data URL already (the one-file build). */
async function fontDataUrl(face: CSSFontFaceRule): Promise<{ url: string; format: string }> {
  const src = face.style.getPropertyValue('src');
  const m = /url\(\s*["']?([^"')]+)["']?\s*\)\s*(?:format\(\s*["']?([\w-]+)["']?\s*\))?/.exec(src);
  if (!m) throw new Error(`a KaTeX font has no url: ${src}`);
  const format = m[2] ?? 'woff2';
  if (m[1].startsWith('data:')) return { url: m[1], format };
  const href = new URL(m[1], face.parentStyleSheet?.href ?? document.baseURI).href;
  const res = await fetch(href);
  if (!res.ok) throw new Error(`font ${href}: HTTP ${res.status}`);
  const type = res.headers.get('content-type')?.split(';')[0] || `font/${format}`;
  return { url: `data:${type};base64,${bytesToBase64(new Uint8Array(await res.arrayBuffer()))}`, format };
}

/** Row sizes and spacing as in the formula panel (styles.css), within the exported box. */
const FORMULA_CSS = [
  '.bptt-formula{display:inline-block;padding:10px 18px;line-height:1.35}',
  '.bptt-formula .row{display:flex;justify-content:center}',
  '.bptt-formula .katex-display{margin:.35em 0}',
  '.bptt-formula .general .katex,.bptt-formula .at-t .katex{font-size:1.12em}',
  '.bptt-formula .numeric .katex,.bptt-formula .extra .katex{font-size:.88em}',
  '.bptt-formula .label{font-size:12px;text-transform:uppercase;letter-spacing:.04em}',
  '.bptt-formula .gap{height:10px}',
].join('\n');

/**
 * The step's formulas laid out off screen, as the panel shows them: KaTeX's
 * HTML of each row (its \htmlData colours as inline colours), the general
 * form muted. Removed by the caller.
 */
function layOutFormula(view: StepView): HTMLElement {
  const page = getComputedStyle(document.documentElement);
  const panel = document.querySelector('.formula-panel');
  const box = document.createElement('div');
  box.className = 'bptt-formula';
  box.style.cssText = `position:absolute;left:-100000px;top:0;font-size:${panel ? getComputedStyle(panel).fontSize : '15px'};color:${page.getPropertyValue('--ink').trim() || '#1c1f24'};background:${backgroundOf(panel)};`;
  const style = document.createElement('style');
  style.textContent = FORMULA_CSS;
  box.appendChild(style);
  const muted = page.getPropertyValue('--muted').trim() || '#5e6570';
  view.formulas.forEach((f, i) => {
    if (i > 0) box.appendChild(Object.assign(document.createElement('div'), { className: 'gap' }));
    for (const r of formulaRows(f, view.compact)) {
      if (r.label) {
        const label = Object.assign(document.createElement('div'), { className: 'label', textContent: r.label });
        label.style.color = muted;
        box.appendChild(label);
      }
      const row = document.createElement('div');
      row.className = `row ${r.kind}`;
      if (r.kind === 'general') row.style.color = muted;
      row.innerHTML = katex.renderToString(r.tex, { ...katexOptions(true), output: 'html' });
      box.appendChild(row);
    }
  });
  for (const e of box.querySelectorAll<HTMLElement>('[data-q]')) {
    const q = e.dataset.q as keyof typeof QUANTITY_COLORS;
    e.style.color = page.getPropertyValue(`--q-${q}`).trim() || QUANTITY_COLORS[q] || '';
  }
  for (const e of box.querySelectorAll('[data-q], [data-term]')) {
    e.removeAttribute('data-q');
    e.removeAttribute('data-term');
  }
  document.body.appendChild(box);
  return box;
}

let measureCtx: CanvasRenderingContext2D | null = null;

/** The ascent of a font as the browser lays text out in it: a text box's top is its baseline minus this. */
function ascentOf(cs: CSSStyleDeclaration): number {
  measureCtx ??= document.createElement('canvas').getContext('2d');
  if (!measureCtx) return parseFloat(cs.fontSize) * 0.8;
  measureCtx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  return measureCtx.measureText('x').fontBoundingBoxAscent;
}

/**
 * The laid-out formula as plain SVG: each text run a <text> at its baseline in
 * its KaTeX font (fraction bars and rules as rectangles, KaTeX's own <svg>
 * pieces copied in place). Viewers without foreignObject (Inkscape,
 * LibreOffice) show this; with KaTeX's fonts installed it is the same picture,
 * otherwise a serif stand-in at the same places.
 */
function flattenFormula(box: HTMLElement, origin: DOMRect, defs: SVGDefsElement): SVGGElement {
  const g = el('g');
  let clipId = 0;
  const at = (r: DOMRect) => ({ x: round(r.left - origin.left), y: round(r.top - origin.top), w: round(r.width), h: round(r.height) });
  // The insides of KaTeX's <svg> pieces are copied with them, not walked.
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, (n) =>
    n.parentNode instanceof SVGElement ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  );
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeType === Node.TEXT_NODE) {
      const text = n.textContent ?? '';
      const parent = n.parentElement;
      if (!text.trim() || !parent || parent.tagName === 'STYLE') continue;
      const cs = getComputedStyle(parent);
      if (cs.visibility === 'hidden') continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width === 0) continue;
      const p = at(r);
      const family = `${cs.fontFamily.split(',')[0].trim()}, 'Latin Modern Roman', 'Times New Roman', serif`;
      const { rgb, alpha } = splitAlpha(cs.color);
      const style: Record<string, string> = { 'font-family': family, 'font-size': cs.fontSize, fill: rgb };
      if (alpha < 1) style['fill-opacity'] = String(alpha);
      if (cs.fontStyle !== 'normal') style['font-style'] = cs.fontStyle;
      if (weightOf(cs.fontWeight) !== '400') style['font-weight'] = cs.fontWeight;
      if (cs.textTransform === 'uppercase') style['letter-spacing'] = cs.letterSpacing;
      const t = el('text', { x: p.x, y: round(p.y + ascentOf(cs)), style: styleAttr(style) }, cs.textTransform === 'uppercase' ? text.toUpperCase() : text);
      t.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve');
      g.appendChild(t);
      continue;
    }
    const e = n as Element;
    if (e.tagName === 'STYLE') continue;
    if (e instanceof SVGSVGElement) {
      // KaTeX draws stretchy pieces (roots, wide brackets) as <svg> inside a box that clips them.
      const p = at(e.getBoundingClientRect());
      const copy = copyStyled(e, ROOT_STYLE) as SVGSVGElement;
      copy.setAttribute('x', String(p.x));
      copy.setAttribute('y', String(p.y));
      copy.setAttribute('width', String(p.w));
      copy.setAttribute('height', String(p.h));
      const color = splitAlpha(getComputedStyle(e).color).rgb;
      copy.setAttribute('style', `${copy.getAttribute('style') ?? ''};fill:${color}`);
      let clip: Element | null = e.parentElement;
      while (clip && clip !== box && getComputedStyle(clip).overflow === 'visible') clip = clip.parentElement;
      if (clip && clip !== box) {
        const c = at(clip.getBoundingClientRect());
        const id = `formula-clip-${clipId++}`;
        const cp = el('clipPath', { id });
        cp.appendChild(el('rect', { x: c.x, y: c.y, width: c.w, height: c.h }));
        defs.appendChild(cp);
        const wrap = el('g', { 'clip-path': `url(#${id})` });
        wrap.appendChild(copy);
        g.appendChild(wrap);
      } else g.appendChild(copy);
      continue;
    }
    const cs = getComputedStyle(e);
    for (const side of ['top', 'bottom'] as const) {
      const w = parseFloat(cs.getPropertyValue(`border-${side}-width`));
      if (!(w > 0) || cs.getPropertyValue(`border-${side}-style`) === 'none') continue;
      const r = at(e.getBoundingClientRect());
      const y = side === 'top' ? r.y : r.y + r.h - w;
      g.appendChild(el('rect', { x: r.x, y: round(y), width: r.w, height: round(w), fill: splitAlpha(cs.getPropertyValue(`border-${side}-color`)).rgb }));
    }
  }
  return g;
}

/**
 * The step's formula as a standalone SVG: KaTeX's HTML in a <foreignObject>
 * with KaTeX's CSS and the woff2 fonts it uses embedded as data URLs, so the
 * file refers to nothing outside itself. Browsers show the foreignObject;
 * Inkscape and LibreOffice do not render foreignObject, so a <switch> gives
 * them the same formula flattened to SVG text and rectangles (flattenFormula).
 */
export async function formulaSvg(): Promise<SvgFile> {
  const { view } = useApp.getState();
  const box = layOutFormula(view);
  try {
    await document.fonts.ready;
    const r = box.getBoundingClientRect();
    const width = Math.ceil(r.width);
    const height = Math.ceil(r.height);
    const { rules, faces } = katexCss();
    const used = usedFaces(box, faces);
    const fontRules = await Promise.all(
      used.map(async (f) => {
        const { url, format } = await fontDataUrl(f);
        const family = unquote(f.style.getPropertyValue('font-family'));
        return `@font-face{font-family:${family};src:url(${url}) format("${format}");font-weight:${weightOf(f.style.getPropertyValue('font-weight'))};font-style:${f.style.getPropertyValue('font-style') || 'normal'}}`;
      }),
    );
    const root = el('svg', { width, height, viewBox: `0 0 ${width} ${height}` });
    root.appendChild(el('style', {}, [...fontRules, ...rules].join('\n')));
    const defs = el('defs');
    root.appendChild(defs);
    root.appendChild(el('rect', { x: 0, y: 0, width, height, fill: splitAlpha(getComputedStyle(box).backgroundColor).rgb }));
    const sw = el('switch');
    const fo = el('foreignObject', { x: 0, y: 0, width, height, requiredExtensions: XHTML_NS });
    const html = box.cloneNode(true) as HTMLElement;
    html.style.position = 'static';
    html.style.left = '';
    fo.appendChild(html);
    sw.appendChild(fo);
    sw.appendChild(flattenFormula(box, r, defs));
    root.appendChild(sw);
    return { svg: serialize(root), width, height };
  } finally {
    box.remove();
  }
}

// ---------------------------------------------------------------------------
// The menu's actions

export type ExportAction = 'diagram-svg' | 'diagram-png' | 'formula-svg' | 'formula-png';

/** Builds the file an action names and saves it; returns the file's name. */
export async function runExport(action: ExportAction): Promise<string> {
  const { scenario, key } = currentNames();
  const what: ExportWhat = action.startsWith('diagram') ? 'diagram' : 'formula';
  const ext = action.endsWith('svg') ? 'svg' : 'png';
  const file = what === 'diagram' ? diagramSvg() : await formulaSvg();
  const name = exportFileName(scenario, key, what, ext);
  const blob = ext === 'svg' ? new Blob([file.svg], { type: 'image/svg+xml' }) : await svgToPng(file.svg, file.width, file.height);
  downloadBlob(name, blob);
  return name;
}

/** The current step's formulas as LaTeX (see formulaLatex). */
export function currentLatex(): string {
  const { scenario } = currentNames();
  return formulaLatex(useApp.getState().view, scenario);
}
