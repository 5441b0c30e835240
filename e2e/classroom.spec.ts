import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { collectConsoleErrors, open } from './util';

test('links name what they show: an impossible step or a file not stored here is said, and the address corrected', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  for (const [hash, said] of [
    ['#preset=hello&step=B2@2', 'step “B2@2” is not a step of this scenario (T = 4)'],
    ['#preset=hello&step=F9@9', 'step “F9@9” is not a step'],
    ['#preset=hello&step=zz', 'step “zz” is not a step'],
    ['#file=lecture.scenario.json&step=B3@2', 'the file “lecture.scenario.json” is not stored in this browser'],
  ]) {
    await page.goto('about:blank');
    await page.goto(`./${hash}`);
    await expect(page.getByTestId('link-notice')).toContainText(said);
    await expect(page).toHaveURL(/#preset=hello&step=F1@1$/);
    // The notice covers neither the panel's heading nor the diagram's column headers.
    const notice = await page.getByTestId('link-notice').boundingBox();
    const heading = await page.locator('.formula-panel .step-heading').boundingBox();
    expect(notice && heading && notice.y + notice.height <= heading.y).toBe(true);
  }
  // A good link afterwards clears it.
  await page.evaluate(() => (location.hash = '#preset=hello&step=B3@2'));
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@2');
  await expect(page.getByTestId('link-notice')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('an opened file keeps its name as title and save name', async ({ page }) => {
  await open(page, './#preset=hello');
  const s = JSON.parse(readFileSync('tests/fixtures/random1.scenario.json', 'utf8'));
  delete s.title;
  await page.getByTestId('file-input').setInputFiles({ name: 'week5-lecture.scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(s)) });
  await expect(page.getByTestId('scenario-title')).toHaveText('week5-lecture');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save scenario' }).click();
  expect((await download).suggestedFilename()).toBe('week5-lecture.scenario.json');
});

test('history and keys: Back walks back through scenario changes, Shift+F / Shift+C switch the walk, ? opens the help', async ({ page }) => {
  await open(page, './#preset=hello&step=B3@2');
  await page.getByLabel('Scenario').selectOption('long');
  await expect(page.getByTestId('sizes')).toContainText('T = 43');
  await page.getByLabel('Scenario').selectOption('saturated');
  await expect(page.getByTestId('sizes')).toContainText('T = 8');
  await page.goBack();
  await expect(page.getByTestId('sizes')).toContainText('T = 43');
  await page.goBack();
  await expect(page.getByTestId('sizes')).toContainText('T = 4');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@2');
  await page.goForward();
  await expect(page.getByTestId('sizes')).toContainText('T = 43');
  await page.locator('body').click();
  await page.keyboard.press('Shift+C');
  await expect(page.locator('.mode-switch [aria-checked="true"]')).toHaveText(/coarse|粗/);
  await page.keyboard.press('Shift+F');
  await expect(page.locator('.mode-switch [aria-checked="true"]')).toHaveText(/fine|細/);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('the side pane scrolls from the keyboard: a coarse stop taller than the pane is read to its end with ↓', async ({ page }) => {
  await open(page, './#preset=hello&step=G5@2&mode=coarse');
  const pane = page.locator('.side-pane');
  await expect(pane).toHaveAttribute('tabindex', '0');
  const size = await pane.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
  expect(size.scroll).toBeGreaterThan(size.client);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
  await expect.poll(() => pane.evaluate((el) => Math.round(el.scrollTop + el.clientHeight - el.scrollHeight))).toBeGreaterThanOrEqual(-1);
  // The last formula of the stop (G5) and its picture are then in view.
  await expect(page.locator('.formula-panel .formula[data-formula-id="G5"]')).toBeInViewport();
  await expect(page.getByTestId('detail-panel')).toBeInViewport();
  await page.keyboard.press('ArrowUp');
  expect(await pane.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  // A new stop opens at its top.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => pane.evaluate((el) => el.scrollTop)).toBe(0);
});

test('contrast modes: the system dark mode gets the dark theme, forced colours keep the legend, the walk state and the term links visible; axe is clean in both', async ({ page }) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const violations = async () => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, './#preset=hello&step=B3@2');
  await expect(page.locator('html')).toHaveClass(/theme-dark/);
  const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  expect(bg).toBe('rgb(15, 17, 21)');
  expect(await violations()).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/dark-system.png' });
  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
  await expect(page.locator('html')).not.toHaveClass(/theme-dark/);
  // The legend's ramps keep their colours; the selected walk is marked in system colours.
  const ramp = await page.locator('.legend-bar').first().evaluate((el) => getComputedStyle(el).backgroundImage);
  expect(ramp).toContain('linear-gradient');
  const on = await page.locator('.mode-switch button.on').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(on).toBe('solid');
  const link = await page.locator('.formula-panel [data-q="gradH"]').first().evaluate((el) => getComputedStyle(el).textDecorationLine);
  expect(link).toContain('underline');
  expect(await violations()).toEqual([]);
  await page.screenshot({ path: 'e2e/screenshots/forced-colors.png' });
});

test('every number can be checked by hand: softmax terms, B5 entry by entry, the G sum equation, one precision for L, saturation and the legend’s range', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const formula = page.locator('.formula-panel');
  // F4: e^{o_j} and their sum (4.098 for hello at t = 1) between o and ŷ.
  await open(page, './#preset=hello&step=F4@1');
  await expect(formula).toContainText('4.098');
  await expect(formula).toContainText('1.395');
  // B5: H_ii · (∇h)_i for each unit.
  await open(page, './#preset=hello&step=B5@2');
  await expect(formula).toContainText('0.984⋅(−0.203)');
  // G: term + Σ over the later steps = Σ including this one.
  await open(page, './#preset=hello&step=G4@2');
  await expect(page.getByTestId('sum-equation')).toHaveText('term + Σ over t = 4…3 = Σ over t = 4…2');
  await open(page, './#preset=hello&step=G4@4');
  await expect(page.getByTestId('sum-equation')).toHaveText('term + 0 = Σ over t = 4…4');
  // L at one precision: header, diagram, formula and narration.
  await open(page, './#preset=hello&step=END');
  await expect(page.getByTestId('total-loss')).toHaveText('L = 5.2020');
  await expect(formula).toContainText('5.2020');
  await expect(page.getByTestId('narration')).toContainText('5.2020');
  await open(page, './#preset=hello&step=F5@2');
  await expect(page.locator('.loss-value').nth(1)).toHaveText(' = 1.3471');
  await expect(formula).toContainText('1.3471');
  // H = 0.0953 is saturated (< 0.1), so it is not written 0.10.
  await open(page, './#preset=saturated&step=B4@5');
  const marked = page.getByTestId('h-matrix').locator('rect.marked');
  await expect(marked).toHaveCount(3);
  await expect(page.getByTestId('h-matrix').locator('text')).toContainText(['0.095']);
  await expect(page.getByTestId('h-matrix').locator('text', { hasText: /^0\.10$/ })).toHaveCount(0);
  // The diagram's H⁽⁵⁾ says the same.
  const hCells = page.locator('.stack[data-q="H"][data-t="5"] .cell-num');
  await expect(hCells).toContainText(['0.095']);
  await expect(hCells.filter({ hasText: /^0\.10$/ })).toHaveCount(0);
  await page.screenshot({ path: 'e2e/screenshots/classroom-saturation.png' });
  // An input of −3: the legend of x, h, ŷ, H spans ±3.
  const s = JSON.parse(readFileSync('src/core/hello.scenario.json', 'utf8'));
  s.x[2] = [0, -3, 0, 0];
  await page.getByTestId('file-input').setInputFiles({ name: 'wide.scenario.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(s)) });
  await expect(page.getByTestId('scenario-title')).toHaveText(/.+/);
  await expect(page.locator('.legend-row').first().locator('.legend-min')).toHaveText('−3.00');
  await expect(page.locator('.legend-row').first().locator('.legend-max')).toHaveText('3.00');
  expect(errors).toEqual([]);
});

test('the flow’s strands run under the labels they cross (∇h, tanh, Wᵀ, a), which keep a halo and stay readable', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  let crossed = 0;
  for (const step of ['B3@2', 'B3@3', 'B2@4', 'B5@2']) {
    await open(page, `./#preset=hello&step=${step}`);
    await expect(page.getByTestId('flow-overlay').locator('path.flow').first()).toBeAttached();
    const labels = await page.evaluate(() => {
      const strandsLayer = document.querySelector('.flow-strands')!;
      const strands = [...strandsLayer.querySelectorAll('path.flow')] as SVGPathElement[];
      const out: { text: string; above: boolean; halo: boolean }[] = [];
      for (const t of document.querySelectorAll<SVGTextElement>('.diagram-layers text')) {
        const r = t.getBoundingClientRect();
        if (r.width === 0) continue;
        const hit = strands.some((p) => {
          const m = p.getScreenCTM()!;
          const w = Number(p.getAttribute('stroke-width')) / 2;
          for (let s = 0, len = p.getTotalLength(); s <= len; s += 1) {
            const q = p.getPointAtLength(s);
            const x = m.a * q.x + m.e;
            const y = m.d * q.y + m.f;
            if (x + w > r.left && x - w < r.right && y + w > r.top && y - w < r.bottom) return true;
          }
          return false;
        });
        if (!hit) continue;
        const cs = getComputedStyle(t);
        out.push({
          text: t.textContent ?? '',
          // Later in the document is painted later: above the strands.
          above: (strandsLayer.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
          halo: cs.paintOrder.startsWith('stroke') && cs.stroke !== 'none' && parseFloat(cs.strokeWidth) >= 2,
        });
      }
      return out;
    });
    for (const l of labels) expect(l, `${step}: ${l.text}`).toEqual({ text: l.text, above: true, halo: true });
    crossed += labels.length;
  }
  // The check is not empty: strands do cross labels (∇h², tanh, Wᵀ, a³, ∇a³ on B3@2).
  expect(crossed).toBeGreaterThanOrEqual(5);
  await open(page, './#preset=hello&step=B3@2');
  await page.getByTestId('diagram').screenshot({ path: 'e2e/screenshots/classroom-strands-under-labels.png' });
});

test('on a phone: the controls kept on screen take at most 15 % of the height, the narration leads the formula pane, a cell’s tooltip stays on screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, './#preset=hello&step=B3@2');
  const footer = await page.locator('.app-footer').boundingBox();
  expect(footer!.height).toBeLessThanOrEqual(0.15 * 844);
  await expect(page.locator('.side-pane > [data-testid="narration"]')).toContainText('Backward, t = 2');
  await expect(page.getByTestId('narration')).toHaveCount(1);
  // The rightmost cells in view, and the bottom ones: each one's tooltip inside the window and the diagram's visible part.
  const pane = (await page.getByTestId('diagram').boundingBox())!;
  const cells = await page.locator('.stack[data-q] rect.cell').evaluateAll((rs, p) =>
    rs
      .map((r) => r.getBoundingClientRect())
      .filter((b) => b.width > 0 && b.left >= p.x && b.right <= p.x + p.width + 40 && b.top >= p.y && b.bottom <= p.y + p.height)
      .map((b) => ({ x: b.left + b.width / 2, y: b.top + b.height / 2, right: b.right }))
      .sort((a, b) => b.right - a.right)
      .slice(0, 6),
  pane);
  expect(cells.length).toBeGreaterThan(0);
  for (const c of cells) {
    await page.mouse.move(Math.min(c.x, 388), c.y);
    const tip = page.getByRole('tooltip');
    await expect(tip).toBeVisible();
    const b = (await tip.boundingBox())!;
    expect(b.x, `tooltip at ${c.x}, ${c.y}`).toBeGreaterThanOrEqual(pane.x);
    expect(b.x + b.width).toBeLessThanOrEqual(Math.min(390, pane.x + pane.width));
    expect(b.y).toBeGreaterThanOrEqual(pane.y);
    expect(b.y + b.height).toBeLessThanOrEqual(pane.y + pane.height);
  }
  await page.screenshot({ path: 'e2e/screenshots/classroom-phone-tooltip.png' });
  // Back on a wide window the narration returns under the controls.
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.locator('.app-footer [data-testid="narration"]')).toHaveCount(1);
});
