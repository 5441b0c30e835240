import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { collectConsoleErrors, open, shot } from './util';

async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.impact ?? ''} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The smallest type on screen of numbers and formulas: cell numbers, KaTeX (times its row's fit), narration, step label, lesson note. */
function smallestType(page: Page) {
  return page.evaluate(() => {
    const shown = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
    };
    const px = (e: Element) => parseFloat(getComputedStyle(e).fontSize);
    const sizes: Record<string, number> = {};
    const take = (name: string, els: Element[], size: (e: Element) => number) => {
      const s = els.filter(shown).map(size);
      if (s.length) sizes[name] = Math.min(...s);
    };
    take('cell numbers', [...document.querySelectorAll('text.cell-num, text.grid-num')], px);
    take('formulas', [...document.querySelectorAll('.formula-panel .formula-row .katex')], (e) => px(e) * Number(getComputedStyle(e.closest('.formula-panel .formula-row') as Element).getPropertyValue('--fit') || 1));
    take('narration', [...document.querySelectorAll('.narration')], px);
    take('step label', [...document.querySelectorAll('.step-label')], px);
    take('lesson note', [...document.querySelectorAll('.lesson-note p')], px);
    return sizes;
  });
}

/** The boxes of the page's main regions, to check that each is on screen and none overlaps another. */
function regions(page: Page) {
  return page.evaluate(() =>
    ['.app-header', '.left-pane', '.side-pane', '.app-footer']
      .map((sel) => [sel, document.querySelector(sel)?.getBoundingClientRect()] as const)
      .filter(([, r]) => r && r.width > 0 && r.height > 0)
      .map(([sel, r]) => ({ sel, x: r!.x, y: r!.y, right: r!.right, bottom: r!.bottom })),
  );
}

function expectLaidOut(boxes: Awaited<ReturnType<typeof regions>>, w: number, h: number) {
  for (const b of boxes) {
    expect(b.x, b.sel).toBeGreaterThanOrEqual(-0.5);
    expect(b.y, b.sel).toBeGreaterThanOrEqual(-0.5);
    expect(b.right, b.sel).toBeLessThanOrEqual(w + 0.5);
    expect(b.bottom, b.sel).toBeLessThanOrEqual(h + 0.5);
  }
  for (const a of boxes)
    for (const b of boxes) {
      if (a === b) continue;
      const overlap = Math.min(a.right, b.right) - Math.max(a.x, b.x) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.y, b.y) > 1;
      expect(overlap, `${a.sel} overlaps ${b.sel}`).toBe(false);
    }
}

test('presenter mode at 1280×720: fullscreen asked for, type of 18 px or more, nothing cut off or overlapping, three focus layouts', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.addInitScript(() => {
    const w = window as unknown as { fullscreenAsked: number };
    w.fullscreenAsked = 0;
    Element.prototype.requestFullscreen = function () {
      w.fullscreenAsked++;
      return Promise.resolve();
    };
  });
  await open(page, './#preset=hello&step=B3@2');
  const before = await smallestType(page);
  expect(before['formulas']).toBeLessThan(18);
  await page.getByTestId('presenter').click();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  expect(await page.evaluate(() => (window as unknown as { fullscreenAsked: number }).fullscreenAsked)).toBe(1);
  for (const [key, focus] of [
    ['1', 'both'],
    ['2', 'diagram'],
    ['3', 'formula'],
  ] as const) {
    await page.keyboard.press(key);
    if (focus !== 'both') await expect(page.locator('html')).toHaveClass(new RegExp(`focus-${focus}`));
    await page.evaluate(() => document.fonts.ready);
    const sizes = await smallestType(page);
    for (const [what, size] of Object.entries(sizes)) expect(size, `${focus}: ${what}`).toBeGreaterThanOrEqual(18);
    // Both the formula (focus both, formula) and the diagram's numbers (focus diagram) are on screen.
    if (focus !== 'diagram') expect(sizes['formulas']).toBeDefined();
    if (focus === 'diagram') expect(sizes['cell numbers']).toBeDefined();
    expectLaidOut(await regions(page), 1280, 720);
    await shot(page, `presenter-${focus}`);
  }
  await page.keyboard.press('1');
  expect(await violations(page)).toEqual([]);
  // The projector theme and the dark room keep axe's contrast rules.
  for (const theme of ['projector', 'dark']) {
    await page.getByLabel('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveClass(new RegExp(`theme-${theme}`));
    expect(await violations(page)).toEqual([]);
    await shot(page, `presenter-theme-${theme}`);
  }
  // M leaves presenter mode, and the type is back to its size.
  await page.keyboard.press('m');
  await expect(page.locator('html')).not.toHaveClass(/presenter/);
  expect(errors).toEqual([]);
});

test('a lesson: hello’s bookmarks walked with N and P, one added in the app, saved and reopened', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  page.on('dialog', (d) => {
    errors.push(`a dialog opened: ${d.message()}`);
    void d.dismiss();
  });
  await open(page, './#preset=hello');
  const note = page.getByTestId('lesson-note');
  await expect(note).toBeVisible(); // F1@1 is the first stop
  await expect(note).toContainText('1 / 7');
  await expect(page.getByTestId('bookmark-marks').locator('.mark')).toHaveCount(7);
  const stops = ['F5@4', 'B2@4', 'B3@2', 'B4@2', 'G4@2', 'END'];
  for (const [i, key] of stops.entries()) {
    await page.keyboard.press('n');
    await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', key);
    await expect(note).toContainText(`${i + 2} / 7`);
    // The note's maths is typeset; its text is text.
    if (key === 'B3@2') await expect(note.locator('.katex').first()).toBeVisible();
  }
  await page.keyboard.press('p');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'G4@2');
  // Add a bookmark at B1@3 whose note holds maths and markup that must stay text.
  await open(page, './#preset=hello&step=B1@3');
  await expect(note).toHaveCount(0);
  await page.getByTestId('bookmark').click();
  const hostile = 'Check $\\nabla_{o^{(3)}} L$ <img src=x onerror=alert(1)> <script>alert(2)</script>';
  await page.getByTestId('note-text').fill(hostile);
  await page.getByRole('button', { name: 'Add bookmark' }).click();
  await expect(note).toContainText('<img src=x onerror=alert(1)>');
  await expect(note).toContainText('4 / 8');
  await expect(note.locator('img, script')).toHaveCount(0);
  // Save the scenario and open it again: the bookmarks come back, the new one with them.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  const file = await (await download).path();
  const saved = JSON.parse(readFileSync(file, 'utf8'));
  expect(saved.lesson).toHaveLength(8);
  expect(saved.lesson).toContainEqual({ step: 'B1@3', note: hostile });
  await open(page, './#preset=long');
  await page.getByTestId('file-input').setInputFiles({ name: 'my-lesson.scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(saved)) });
  await expect(page.getByTestId('total-loss')).toHaveText('L = 5.2020');
  await expect(page.getByTestId('bookmark-marks').locator('.mark')).toHaveCount(8);
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('n');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B1@3');
  await expect(note).toContainText('onerror');
  // Editing a note and removing a bookmark.
  await page.getByTestId('bookmark').click();
  await page.getByRole('button', { name: 'Remove bookmark' }).click();
  await expect(note).toHaveCount(0);
  await expect(page.getByTestId('bookmark-marks').locator('.mark')).toHaveCount(7);
  expect(errors).toEqual([]);
});

test('#embed in an iframe of another page: a compact player with a link to the full app at the same step', async ({ page, baseURL }) => {
  const errors = collectConsoleErrors(page);
  await page.setContent(`<!doctype html><html lang="en"><title>course page</title><section aria-label="Week 5"><h1>Week 5</h1><iframe title="BPTT" src="${baseURL}#preset=hello&step=B3@2&embed=1" width="960" height="600"></iframe></section></html>`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('embed-bar')).toBeVisible();
  await expect(frame.locator('.app-header')).toHaveCount(0);
  await expect(frame.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@2');
  await expect(frame.getByTestId('total-loss')).toHaveText('L = 5.2020');
  const link = frame.getByRole('link', { name: /full app/ });
  await expect(link).toHaveAttribute('href', /#preset=hello&step=B3@2&lang=en$/);
  await expect(link).toHaveAttribute('target', '_blank');
  // The player walks from its own keys.
  await frame.locator('body').click();
  await frame.locator('body').press('ArrowRight');
  await expect(frame.getByTestId('step-label')).toHaveAttribute('data-step', 'B4@2');
  await expect(link).toHaveAttribute('href', /step=B4@2&lang=en$/);
  await page.screenshot({ path: 'e2e/screenshots/embed-iframe.png' });
  // axe checks the frame's content too.
  expect(await violations(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('Share copies the link of the current step, and the link reopens it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, './#preset=hello-world&step=G5@7&mode=coarse');
  await page.keyboard.press('ArrowRight');
  const key = await page.getByTestId('step-label').getAttribute('data-step');
  await page.getByTestId('share').click();
  await expect(page.locator('.share-status')).toContainText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain(`step=${key}`);
  expect(link).toContain('mode=coarse');
  expect(link).toContain('lang=en');
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('step-label')).toHaveAttribute('data-step', key ?? '');
  await expect(other.locator('.formula-panel')).toHaveAttribute('data-step', key ?? '');
  // In 繁體中文 the link carries the language, and opens in it (in a browser whose own language is English).
  await page.evaluate(() => (location.hash = location.hash + '&lang=zh-TW'));
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await page.getByTestId('share').click();
  const zhLink = await page.evaluate(() => navigator.clipboard.readText());
  expect(zhLink).toContain('lang=zh-TW');
  await other.goto('about:blank');
  await other.goto(zhLink);
  await expect(other.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(other.getByTestId('step-label')).toHaveAttribute('data-step', key ?? '');
});

test('presenter mode on a long sentence: two header rows, the column headers never run into each other', async ({ page }) => {
  await page.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.resolve();
  });
  await open(page, './#preset=long&step=B3@20');
  await page.getByTestId('presenter').click();
  await expect(page.locator('html')).toHaveClass(/presenter/);
  await page.evaluate(() => document.fonts.ready);
  const boxes = await page.locator('.col-header .col-t').evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect()).filter((r) => r.width > 0).map((r) => ({ l: r.left, r: r.right })).sort((a, b) => a.l - b.l));
  expect(boxes.length).toBeGreaterThan(5);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i].l, `column header ${i}`).toBeGreaterThanOrEqual(boxes[i - 1].r);
  // The title, the lecture tools and the scenario's line (with L) in two rows.
  const header = (await page.locator('.app-header').boundingBox())!;
  expect(header.height).toBeLessThan(90);
  await expect(page.getByTestId('total-loss')).toBeInViewport({ ratio: 1 });
});
