import { expect, test } from '@playwright/test';
import { collectConsoleErrors, open, shot } from './util';

test('opens on the hello preset with its title, sizes and total loss', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './');
  await expect(page.getByTestId('scenario-title')).toHaveText('hello: predict the next character');
  await expect(page.getByTestId('sizes')).toHaveText('T = 4 · n = 3 · m = 4 · k = 4');
  await expect(page.getByTestId('total-loss')).toHaveText('L = 5.2020');
  // KaTeX renders the first step's formula, with MathML beside the HTML.
  await expect(page.locator('.formula-panel .formula .katex-html').first()).toBeVisible();
  await expect(page.locator('.formula-panel .formula .katex-mathml').first()).toHaveCount(1);
  await shot(page, 'shell-hello');
  expect(errors).toEqual([]);
});

test('loads no resource from another origin', async ({ page, baseURL }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(baseURL as string) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  await open(page, './');
  await expect(page.getByTestId('total-loss')).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'END');
  expect(foreign).toEqual([]);
});

test('works from a subpath of a static host (relative asset paths)', async ({ page, baseURL }) => {
  const errors = collectConsoleErrors(page);
  const base = baseURL as string;
  // Serve the built app under /courses/dl/bptt/ by mapping that prefix onto the server's root.
  // Anything asked for outside the prefix (an absolute asset path) is refused, as a real host would 404 it.
  const prefix = `${base}courses/dl/bptt/`;
  const outside: string[] = [];
  await page.route(`${base}**`, (route) => {
    const url = route.request().url();
    if (url.startsWith(prefix)) return route.continue({ url: base + url.slice(prefix.length) });
    outside.push(url);
    return route.abort();
  });
  await page.goto(`${base}courses/dl/bptt/#preset=hello&step=B3@2`);
  await expect(page.getByTestId('total-loss')).toHaveText('L = 5.2020');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@2');
  await expect(page.locator('.formula-panel .formula .katex-html').first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});

test('fits a narrow window: nothing cut off at 1024 × 640, formulas refit on a resize, panes stacked on a phone', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  // B3 of an n = 6 model: its row of matrices is wider than the side pane at any of these widths.
  const hash = `text=${encodeURIComponent('abcdefab')}&hidden=6&scale=0.5&seed=1&step=B3@3`;
  const state = () =>
    page.evaluate(() => {
      const doc = document.documentElement;
      const inView = (sel: string) =>
        [...document.querySelectorAll(sel)].every((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.left >= 0 && r.right <= doc.clientWidth + 0.5;
        });
      const side = document.querySelector('.side-pane')!.getBoundingClientRect();
      // The row's scale is the one for this width (0.98 of what would fill it, at least 0.6, at most 1);
      // the formula then lies inside the pane, or (at 0.6) the row scrolls sideways inside it.
      const row = document.querySelector<HTMLElement>('.formula-panel .formula-row.numeric')!;
      const tex = row.firstElementChild as HTMLElement;
      const expected = Math.min(1, Math.max(0.6, (0.98 * row.clientWidth) / tex.offsetWidth));
      const scale = Number(row.style.getPropertyValue('--fit') || 1);
      const inside = (r: DOMRect) => r.left >= side.left - 0.5 && r.right <= side.right + 0.5;
      const formulaInsidePane =
        Math.abs(scale - expected) < 1e-3 && (row.classList.contains('scrolls') ? inside(row.getBoundingClientRect()) : inside(row.querySelector('.katex-html')!.getBoundingClientRect()));
      return {
        pageScrollsSideways: doc.scrollWidth > doc.clientWidth,
        headerInView: inView('.header-actions > *:not(input)'),
        controlsInView: inView('.buttons button, .settings select, .mode-switch button'),
        formulaInsidePane,
        sidePaneBelowDiagram: side.top >= document.querySelector('.left-pane')!.getBoundingClientRect().bottom - 0.5,
      };
    });
  // Opened at 1280 × 720, then the window narrows: the fits taken at 470 px are taken again.
  await open(page, `./#${hash}`);
  await expect.poll(state).toEqual({ pageScrollsSideways: false, headerInView: true, controlsInView: true, formulaInsidePane: true, sidePaneBelowDiagram: false });
  await page.setViewportSize({ width: 1024, height: 640 });
  await expect.poll(state).toEqual({ pageScrollsSideways: false, headerInView: true, controlsInView: true, formulaInsidePane: true, sidePaneBelowDiagram: false });
  // The keyboard walk goes on, and a step measured at this width fits too.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', 'B4@3');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', 'B3@3');
  await expect.poll(state).toEqual({ pageScrollsSideways: false, headerInView: true, controlsInView: true, formulaInsidePane: true, sidePaneBelowDiagram: false });
  await shot(page, 'narrow-1024');
  // A phone held upright: the formula panel comes under the diagram, and the controls stay on screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(state).toEqual({ pageScrollsSideways: false, headerInView: true, controlsInView: true, formulaInsidePane: true, sidePaneBelowDiagram: true });
  const footer = await page.locator('.app-footer').boundingBox();
  expect(footer && footer.y + footer.height).toBeLessThanOrEqual(844.5);
  await shot(page, 'narrow-phone');
  // A 720p projector zoomed to 150 % (853 × 480): the diagram keeps a usable height, and the page scrolls to the controls.
  await page.setViewportSize({ width: 853, height: 480 });
  await expect
    .poll(() =>
      page.evaluate(() => ({
        pageScrollsSideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
        diagramTall: document.querySelector('[data-testid=diagram]')!.clientHeight >= 300,
        controlsBelow: document.documentElement.scrollHeight > innerHeight,
      })),
    )
    .toEqual({ pageScrollsSideways: false, diagramTall: true, controlsBelow: true });
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', 'B4@3');
  await shot(page, 'short-853x480');
  expect(errors).toEqual([]);
});

test('the dialogs are modal: the keyboard stays inside, Escape closes, the focus goes back', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './#preset=hello&step=F2@1');
  const help = page.getByRole('button', { name: 'Keyboard shortcuts and help' });
  await help.click();
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  // Tab and the walk's keys do not reach the page behind (the page is inert; past the
  // dialog's last control the focus leaves for the browser's own UI, then comes back).
  for (let k = 0; k < 4; k++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement) || document.activeElement === document.body)).toBe(true);
  }
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'F2@1');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(help).toBeFocused();
  // A press on the backdrop closes the other dialog too; what was typed is not applied.
  await page.getByRole('button', { name: 'New from text…' }).click();
  const gen = page.getByRole('dialog', { name: 'New character model' });
  await expect(gen.getByLabel('text')).toBeFocused();
  await shot(page, 'dialog-generate');
  await page.mouse.click(5, 700);
  await expect(gen).toHaveCount(0);
  await expect(page.getByTestId('scenario-title')).toHaveText('hello: predict the next character');
  expect(errors).toEqual([]);
});
