import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { collectConsoleErrors, open, shot } from './util';

/** axe-core's violations on the page as it is now, one line each. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.impact ?? ''} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The header's and the controls' buttons, selects and words: each inside the
 * window, its text not cut (no scrolled-off overflow), and no two overlapping.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const els = [...document.querySelectorAll<HTMLElement>('.app-header button, .app-header select, .controls button, .controls select, .step-label, .phase-band span, .narration')].filter(
      (el) => el.offsetParent !== null,
    );
    const name = (el: HTMLElement) => `${el.tagName.toLowerCase()}.${el.className || ''} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}”`;
    const boxes = els.map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (const { el, r } of boxes) {
      if (r.left < -0.5 || r.right > innerWidth + 0.5 || r.top < -0.5 || r.bottom > innerHeight + 0.5) problems.push(`${name(el)} outside the window: ${JSON.stringify(r)}`);
      if (el.tagName !== 'SELECT' && el.scrollWidth > el.clientWidth + 1) problems.push(`${name(el)} cut: ${el.scrollWidth} > ${el.clientWidth}`);
    }
    const controls = boxes.filter(({ el }) => el.matches('button, select'));
    for (let i = 0; i < controls.length; i++)
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i].r;
        const b = controls[j].r;
        const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
        if (overlap) problems.push(`${name(controls[i].el)} overlaps ${name(controls[j].el)}`);
      }
    return problems;
  });
}

const NARRATION = {
  'F1@1': '前向傳播，t = 1：a⁽¹⁾ = b + W h⁽⁰⁾ + U x⁽¹⁾ 把輸入「h」與記憶 h⁽⁰⁾ 結合起來。',
  'B3@2': '反向傳播，t = 2：∇h⁽²⁾ 匯集兩個來源：W⊤H⁽³⁾∇h⁽³⁾ 與 V⊤∇o⁽²⁾。',
  'G4@3': '反向傳播，t = 3：時間步 3 把 ∇a⁽³⁾ h⁽²⁾⊤ 加進 ∇W L。',
  END: '完成：4 個時間步的總損失 L = 5.2020，五個梯度 ∇c、∇V、∇b、∇W、∇U 都已算出。',
} as const;

test('#lang=zh-TW: the narration, the labels and the formula titles in 繁體中文 at F1@1, B3@2, G4@3 and the end', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './#preset=hello&lang=zh-TW');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page).toHaveTitle('BPTT 逐步解說');
  await expect(page.getByTestId('narration')).toHaveText(NARRATION['F1@1']);
  await expect(page.getByTestId('step-label')).toHaveText('前向傳播 · t = 1 · F1');
  await expect(page.locator('.formula-panel .step-heading')).toContainText('前向傳播，t = 1');
  await expect(page.locator('.formula-panel .step-count')).toHaveText('第 1 步，共 57 步');
  await expect(page.locator('.formula-panel .formula h2')).toContainText('活化前的值：輸入加上記憶');
  await expect(page.getByRole('toolbar', { name: '逐步控制' })).toBeVisible();
  await expect(page.getByRole('slider', { name: '步驟' })).toHaveAttribute('aria-valuetext', '前向傳播 · t = 1 · F1');
  await expect(page.locator('.row-labels')).toContainText('隱藏');
  // The formulas themselves are the same TeX in every language.
  await expect(page.locator('.formula-panel .formula .katex-html').first()).toBeVisible();
  // Walking with the keys keeps the language.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('narration')).toHaveText(/^前向傳播，t = 1：h⁽¹⁾ = tanh\(a⁽¹⁾\) 把每個單元壓縮到/);
  await expect(page).toHaveURL(/#preset=hello&step=F2@1&lang=zh-TW$/);
  for (const key of ['B3@2', 'G4@3', 'END'] as const) {
    await open(page, `./#preset=hello&step=${key}&lang=zh-TW`);
    await expect(page.getByTestId('narration')).toHaveText(NARRATION[key]);
  }
  await expect(page.getByTestId('step-label')).toHaveText('結束：總損失與梯度');
  await expect(page.locator('.formula-panel .formula h2')).toContainText('完成：總損失與全部五個梯度');
  expect(errors).toEqual([]);
});

test('the switch in the header changes the language live; the address carries it and a reload keeps it', async ({ page }) => {
  await open(page, './#preset=hello&step=B3@2');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('narration')).toHaveText('Backward, t = 2: ∇h⁽²⁾ gathers W⊤H⁽³⁾∇h⁽³⁾ and V⊤∇o⁽²⁾.');
  const select = page.getByRole('combobox', { name: 'Language' });
  await expect(select).toHaveValue('en');
  // Keyboard-reachable: focus it and pick the other option.
  await select.focus();
  await select.selectOption('zh-TW');
  await expect(page.getByTestId('narration')).toHaveText(NARRATION['B3@2']);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
  await expect(page.getByRole('button', { name: '鍵盤快速鍵與說明' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: '語言' })).toHaveValue('zh-TW');
  // Same step, same index: only the words changed.
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@2');
  await expect(page).toHaveURL(/#preset=hello&step=B3@2&lang=zh-TW$/);
  await page.reload();
  await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
  await expect(page.getByTestId('narration')).toHaveText(NARRATION['B3@2']);
  await expect(page.getByTestId('step-label')).toHaveText('反向傳播 · t = 2 · B3');
  // And back: English is the address without `lang`.
  await page.getByRole('combobox', { name: '語言' }).selectOption('en');
  await expect(page.getByTestId('narration')).toHaveText(/^Backward, t = 2: /);
  await expect(page).toHaveURL(/#preset=hello&step=B3@2$/);
});

test('zh-TW: axe finds no violation on the steps, the help and the generator dialogs; screenshots at 1280×720 with nothing cut or overlapping', async ({ page }) => {
  // Five axe runs over CJK text: over a minute on a loaded 2-core machine.
  test.setTimeout(180_000);
  await open(page, './#preset=hello&step=B3@2&lang=zh-TW');
  await page.evaluate(() => document.fonts.ready);
  expect(await layoutProblems(page)).toEqual([]);
  await shot(page, 'zh-TW-B3');
  expect(await violations(page)).toEqual([]);
  for (const key of ['F4@3', 'B4@2', 'G4@3', 'END']) {
    await open(page, `./#preset=hello&step=${key}&lang=zh-TW`);
    expect(await violations(page)).toEqual([]);
  }
  await open(page, `./#text=${encodeURIComponent('pack my box with five dozen jugs!')}&hidden=16&scale=0.5&seed=1&step=G4@20&lang=zh-TW`);
  expect(await violations(page)).toEqual([]);
  await open(page, './#preset=saturated&step=B4@3&lang=zh-TW');
  await expect(page.locator('.h-matrix')).toContainText('飽和');
  expect(await violations(page)).toEqual([]);
  // The coarse walk's stop: every formula of its group, and a sentence of its first and last steps.
  await open(page, './#preset=hello&step=G5@2&mode=coarse&lang=zh-TW');
  await expect(page.getByTestId('narration')).toHaveText(/^反向傳播，t = 2：.* … 時間步 2 把/);
  expect(await violations(page)).toEqual([]);

  await open(page, './#preset=hello&step=B3@2&mode=fine&lang=zh-TW');
  await page.getByRole('button', { name: '鍵盤快速鍵與說明' }).click();
  const help = page.getByRole('dialog', { name: '鍵盤快速鍵' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('空白鍵');
  await expect(help).toContainText('播放／暫停');
  await expect(help.getByRole('button', { name: '關閉' })).toBeFocused();
  await page.evaluate(() => document.fonts.ready);
  expect(await violations(page)).toEqual([]);
  // The dialog inside the window, its rows uncut.
  const box = await help.boundingBox();
  expect(box && box.y >= 0 && box.y + box.height <= 720 && box.x >= 0 && box.x + box.width <= 1280).toBe(true);
  await shot(page, 'zh-TW-help');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();

  await page.getByRole('button', { name: '由文字產生…' }).click();
  const gen = page.getByRole('dialog', { name: '新的字元模型' });
  await expect(gen.getByLabel('隱藏層大小 n')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  // A refused generator option, said in zh-TW.
  await gen.getByLabel('文字').fill('a');
  await gen.getByRole('button', { name: '產生' }).click();
  await expect(page.locator('.error-banner')).toHaveText(/^情境未被接受——text: 至少需要 2 個字元（.*）。畫面仍顯示先前的情境。/);
  await gen.getByRole('button', { name: '取消' }).click();
  expect(await violations(page)).toEqual([]);
  // The banner is worded again when the language changes: the refusal is kept as its rule, not as a sentence.
  await page.getByRole('combobox', { name: '語言' }).selectOption('en');
  await expect(page.locator('.error-banner')).toContainText('Scenario refused — text: needs at least 2 characters');
});

test.describe('a browser whose language is zh-TW', () => {
  test.use({ locale: 'zh-TW' });

  test('opens in 繁體中文 without `lang` in the link; a reader who picks English keeps it after a reload', async ({ page }) => {
    await open(page, './#preset=hello&step=B3@2');
    expect(await page.evaluate(() => navigator.language)).toBe('zh-TW');
    await expect(page.getByTestId('narration')).toHaveText(NARRATION['B3@2']);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-TW');
    // The first move writes the address, with the language it is read in.
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/#preset=hello&step=B4@2&lang=zh-TW$/);
    // A link that names English opens in English.
    await open(page, './#preset=hello&step=END&lang=en');
    await expect(page.getByTestId('narration')).toHaveText(/^Done: L = 5\.2020/);
    await open(page, './#preset=hello&step=B3@2&lang=zh-TW');
    await page.getByRole('combobox', { name: '語言' }).selectOption('en');
    await expect(page).toHaveURL(/#preset=hello&step=B3@2$/);
    await page.reload();
    await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
    await expect(page.getByTestId('narration')).toHaveText(/^Backward, t = 2: /);
  });
});

test('a link’s notice is worded in the page’s language: 繁體中文 for a zh-TW link', async ({ page }) => {
  await page.goto('./#preset=hello&step=B2@2&zoom=1&lang=zh-TW');
  const notice = page.getByTestId('link-notice');
  await expect(notice).toContainText('「B2@2」不是這個情境的步驟（T = 4）');
  await expect(notice).toContainText('「zoom」不是連結參數');
  await expect(notice).not.toContainText('is not');
  // Switched to English, the same notice reads in English.
  await page.getByTestId('lang-select').selectOption('en');
  await expect(notice).toContainText('step “B2@2” is not a step of this scenario (T = 4)');
});
