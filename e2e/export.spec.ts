import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { helloTrace as ref } from './reference';
import { collectConsoleErrors, open } from './util';

const HELLO = '/#preset=hello&step=B3@2';
const OUT = 'e2e/screenshots';

const LABEL = {
  'diagram-svg': 'Diagram as SVG',
  'diagram-png': 'Diagram as PNG',
  latex: 'Formula as LaTeX',
  'formula-svg': 'Formula as SVG',
  'formula-png': 'Formula as PNG',
} as const;

async function choose(page: Page, item: keyof typeof LABEL): Promise<void> {
  await page.getByRole('button', { name: 'Export ▾', exact: true }).click();
  await page.getByRole('menuitem', { name: LABEL[item] }).click();
}

/** Runs an export and returns the downloaded file. */
async function exported(page: Page, item: Exclude<keyof typeof LABEL, 'latex'>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), choose(page, item)]);
  const bytes = readFileSync(await download.path());
  await expect(page.getByTestId('export-status')).toHaveText(`Saved ${download.suggestedFilename()}`);
  return { name: download.suggestedFilename(), bytes };
}

/** What the page's own DOMParser makes of an SVG file: parse errors, size, text, and every reference out of it. */
async function inspectSvg(page: Page, svg: string) {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = doc.documentElement;
    const refs: string[] = [];
    for (const e of doc.querySelectorAll('*'))
      for (const a of e.attributes) if (a.localName === 'href' || /url\(/.test(a.value)) refs.push(a.value.slice(0, 40));
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      tag: root.localName,
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
      viewBox: root.getAttribute('viewBox'),
      text: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' | '),
      refs,
      images: doc.querySelectorAll('image').length,
      foreignObjects: doc.querySelectorAll('foreignObject').length,
    };
  }, svg);
}

/** Nothing in a file reaches outside it: no http(s) address, no @import, every reference internal (#id) or a data: URL. */
function expectSelfContained(svg: string, refs: string[]) {
  expect(svg).not.toMatch(/url\(\s*['"]?https?:/i);
  expect(svg).not.toMatch(/href="https?:/i);
  expect(svg).not.toContain('@import');
  for (const r of refs) expect(r, r).toMatch(/^(#|url\(#|data:)/);
  // Every url() of the file's CSS is a data: URL or a fragment.
  for (const m of svg.matchAll(/url\(\s*['"]?([^'")]{0,12})/g)) expect(m[1], m[0]).toMatch(/^(data:|#)/);
}

/** A PNG's IHDR size, after its magic bytes. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Decodes a PNG in the page (createImageBitmap): its size, and how many of its pixels are neither white nor the page's background. */
async function decodePng(page: Page, bytes: Buffer): Promise<{ width: number; height: number; inked: number; colored: number }> {
  return page.evaluate(async (b64) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await createImageBitmap(new Blob([data], { type: 'image/png' }));
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const px = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
    const [r0, g0, b0] = [px[0], px[1], px[2]];
    let inked = 0;
    let colored = 0;
    for (let i = 0; i < px.length; i += 4) {
      const [r, g, b] = [px[i], px[i + 1], px[i + 2]];
      if (Math.abs(r - r0) + Math.abs(g - g0) + Math.abs(b - b0) > 60) inked++;
      // Saturated: a cell's colour or a quantity's colour, not grey text.
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) colored++;
    }
    return { width: bmp.width, height: bmp.height, inked, colored };
  }, bytes.toString('base64'));
}

/** Opens a saved SVG file by itself (file://, every other request refused) and screenshots it at its size. */
async function renderFile(page: Page, path: string, shotName: string, size: { width: number; height: number }) {
  const external: string[] = [];
  await page.route('**/*', (route) => {
    if (route.request().url().startsWith('file:')) return route.continue();
    external.push(route.request().url());
    return route.abort();
  });
  await page.setViewportSize({ width: Math.ceil(size.width), height: Math.ceil(size.height) });
  await page.goto(pathToFileURL(resolve(path)).href);
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: `${OUT}/${shotName}`, fullPage: false });
  expect(external, 'the SVG fetched nothing').toEqual([]);
}

test.describe('export for slides', () => {
  test.beforeAll(() => mkdirSync(OUT, { recursive: true }));

  test('the diagram as SVG and PNG: named after the step, self-contained, with its numbers, colours and legend', async ({ page, browser }) => {
    const errors = collectConsoleErrors(page);
    await open(page, HELLO);
    // The numbers ∇h⁽²⁾ shows in the diagram at B3@2 (the step computes them).
    const gradH2 = await page.locator('.stack[data-q="gradH"][data-t="2"] .cell-num').allTextContents();
    expect(gradH2).toHaveLength(3);
    const loss = await page.locator('.loss-box[data-t="1"] .loss-value').textContent();

    const svgFile = await exported(page, 'diagram-svg');
    expect(svgFile.name).toBe('hello-B3@2.svg');
    const svg = svgFile.bytes.toString('utf8');
    writeFileSync(`${OUT}/export-diagram.svg`, svg);
    const info = await inspectSvg(page, svg);
    expect(info.error).toBeNull();
    expect(info.tag).toBe('svg');
    expect(info.width).toBeGreaterThan(600);
    expect(info.height).toBeGreaterThan(300);
    expect(info.viewBox).toBe(`0 0 ${info.width} ${info.height}`);
    for (const v of gradH2) expect(info.text).toContain(v);
    expect(info.text).toContain(loss!.replace(/^ = /, '').trim());
    // Column headers, row labels, the legend's rows and limits, the caption.
    for (const s of ['t = 1', 't = 4', 'hidden', 'x, h, ŷ, H', '∇o, ∇h, ∇a', 'Backward · t = 2 · B3']) expect(info.text).toContain(s);
    // The step's colours: the cells' fills and the quantities' colours (∇h's #be185d) are written in.
    expect(svg).toMatch(/fill:rgb\(\d+, \d+, \d+\)/);
    expect(svg).toContain('rgb(190, 24, 93)');
    expect(svg).toContain('<linearGradient');
    expect(svg).not.toContain('var(--');
    expectSelfContained(svg, info.refs);

    const pngFile = await exported(page, 'diagram-png');
    expect(pngFile.name).toBe('hello-B3@2.png');
    const size = pngSize(pngFile.bytes);
    expect(size).toEqual({ width: 2 * info.width, height: 2 * info.height });
    const decoded = await decodePng(page, pngFile.bytes);
    expect(decoded).toMatchObject(size);
    expect(decoded.inked).toBeGreaterThan(0.02 * size.width * size.height);
    expect(decoded.colored).toBeGreaterThan(0.01 * size.width * size.height);
    writeFileSync(`${OUT}/export-diagram.png`, pngFile.bytes);

    // The SVG file by itself, as a browser opens it.
    const viewer = await browser.newPage();
    await renderFile(viewer, `${OUT}/export-diagram.svg`, 'export-diagram-svg.png', info);
    await viewer.close();
    expect(errors).toEqual([]);
  });

  test('the formula as SVG and PNG: KaTeX with its fonts embedded, and a flat SVG for viewers without foreignObject', async ({ page, browser }) => {
    const errors = collectConsoleErrors(page);
    await open(page, HELLO);
    const svgFile = await exported(page, 'formula-svg');
    expect(svgFile.name).toBe('hello-B3@2-formula.svg');
    const svg = svgFile.bytes.toString('utf8');
    writeFileSync(`${OUT}/export-formula.svg`, svg);
    const info = await inspectSvg(page, svg);
    expect(info.error).toBeNull();
    expect(info.width).toBeGreaterThan(200);
    expect(info.height).toBeGreaterThan(60);
    expect(info.foreignObjects).toBe(1);
    expect(svg).toContain('class="katex"');
    // KaTeX's fonts, embedded: at least its main and math-italic faces, as woff2 data.
    const faces = [...svg.matchAll(/@font-face\{font-family:(KaTeX_\w+);src:url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}\)/g)].map((m) => m[1]);
    expect(faces).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));
    expectSelfContained(svg, info.refs);
    // The flat copy (for Inkscape, LibreOffice) carries the formula's text: ∇, the numbers of ∇h⁽²⁾.
    expect(info.text).toContain('∇');
    const flat = info.text.split(' | ');
    for (const v of ref.steps[1].grad_h) expect(flat, `∇h⁽²⁾ = ${v}`).toContain(Math.abs(v).toFixed(3));
    for (const v of ref.steps[2].H) expect(flat, `H⁽³⁾ = ${v}`).toContain(v.toFixed(3));

    const pngFile = await exported(page, 'formula-png');
    expect(pngFile.name).toBe('hello-B3@2-formula.png');
    const size = pngSize(pngFile.bytes);
    expect(size).toEqual({ width: 2 * info.width, height: 2 * info.height });
    const decoded = await decodePng(page, pngFile.bytes);
    expect(decoded.inked).toBeGreaterThan(0.01 * size.width * size.height);
    // Coloured symbols (the quantities' colours), not only black text.
    expect(decoded.colored).toBeGreaterThan(200);
    writeFileSync(`${OUT}/export-formula.png`, pngFile.bytes);

    const viewer = await browser.newPage();
    await renderFile(viewer, `${OUT}/export-formula.svg`, 'export-formula-svg.png', info);
    // The fonts the file embeds are the ones it is drawn in.
    const loaded = await viewer.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, '')));
    expect(loaded).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));
    await viewer.close();
    // What a viewer without foreignObject (Inkscape, LibreOffice) draws: the <switch>'s flat branch.
    writeFileSync(`${OUT}/export-formula-flat.svg`, svg.replace(/<foreignObject[\s\S]*<\/foreignObject>/, ''));
    const flatViewer = await browser.newPage();
    await renderFile(flatViewer, `${OUT}/export-formula-flat.svg`, 'export-formula-flat.png', info);
    await flatViewer.close();
    expect(errors).toEqual([]);
  });

  test('the formula as LaTeX: copied without the \\htmlData links, confirmed; shown selected when the clipboard is refused', async ({ page, context }) => {
    const errors = collectConsoleErrors(page);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await open(page, HELLO);
    await choose(page, 'latex');
    await expect(page.getByTestId('export-status')).toHaveText('Copied the LaTeX');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain('\\nabla_{h^{(2)}} L');
    expect(copied).not.toContain('htmlData');
    expect(copied).toContain('% hello, step B3@2');
    expect(copied).toMatch(/^\\\[ .* \\\]$/m);

    // A refused clipboard: the text in a dialog, selected.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    });
    await choose(page, 'latex');
    const box = page.getByTestId('export-latex');
    await expect(box).toBeVisible();
    expect(await box.inputValue()).toBe(copied);
    expect(await box.evaluate((t: HTMLTextAreaElement) => [t.selectionStart, t.selectionEnd, t.value.length])).toEqual([0, copied.length, copied.length]);
    await page.keyboard.press('Escape');
    await expect(box).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('the menu works from the keyboard and keeps the walk keys to itself', async ({ page }) => {
    await open(page, HELLO);
    const button = page.getByRole('button', { name: 'Export ▾', exact: true });
    await button.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menu', { name: 'Export' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: 'Diagram as SVG' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Diagram as PNG' })).toBeFocused();
    await page.keyboard.press('End');
    await expect(page.getByRole('menuitem', { name: 'Formula as PNG' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Diagram as SVG' })).toBeFocused();
    // End and the arrows moved in the menu, not along the walk.
    await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', 'B3@2');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(button).toBeFocused();
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    // Enter on an item runs it.
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem', { name: 'Diagram as SVG' })).toBeFocused();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toBe('hello-B3@2.svg');
  });

  test('a long, wide scenario: the cells the canvas paints become an image, and the SVG says which columns it holds', async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await open(page, '/#text=the%20quick%20brown%20fox%20jumps%20over%20the%20lazy%20dog%20twice%20over&hidden=40&seed=2&step=B3@30');
    await expect(page.getByTestId('cell-canvas')).toHaveCount(1);
    const { name, bytes } = await exported(page, 'diagram-svg');
    expect(name).toMatch(/-B3@30\.svg$/);
    const svg = bytes.toString('utf8');
    const info = await inspectSvg(page, svg);
    expect(info.error).toBeNull();
    expect(info.images).toBe(1);
    expect(svg).toMatch(/xlink:href="data:image\/png;base64,[A-Za-z0-9+/=]{2000,}"/);
    const cols = await page.locator('.column[data-column]').evaluateAll((cs) => cs.map((c) => Number((c as HTMLElement).dataset.column)));
    const T = Number(/T = (\d+)/.exec((await page.getByTestId('sizes').textContent()) ?? '')?.[1]);
    // Only a window of the columns is in the page: the SVG holds those and says so.
    expect(Math.max(...cols) - Math.min(...cols) + 1).toBeLessThan(T);
    expect(info.text).toContain(`columns t = ${Math.min(...cols)}–${Math.max(...cols)} of ${T}, as drawn on screen`);
    expectSelfContained(svg, info.refs);
    writeFileSync(`${OUT}/export-diagram-wide.svg`, svg);
    const png = await exported(page, 'diagram-png');
    expect(pngSize(png.bytes)).toEqual({ width: 2 * info.width, height: 2 * info.height });
    const decoded = await decodePng(page, png.bytes);
    expect(decoded.colored).toBeGreaterThan(0.03 * decoded.width * decoded.height);
    writeFileSync(`${OUT}/export-diagram-wide.png`, png.bytes);
    expect(errors).toEqual([]);
  });
});
