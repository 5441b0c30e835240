import { expect, test } from '@playwright/test';
import { collectConsoleErrors, open, shot } from './util';

test('opens on the hello preset with its title, sizes and total loss', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './');
  await expect(page.getByTestId('scenario-title')).toHaveText('hello: predict the next character');
  await expect(page.getByTestId('sizes')).toHaveText('T = 4 · n = 3 · m = 4 · k = 4');
  await expect(page.getByTestId('total-loss')).toHaveText('L = 5.2020');
  // KaTeX renders the first step's formula, with MathML beside the HTML.
  await expect(page.locator('.formula .katex-html').first()).toBeVisible();
  await expect(page.locator('.formula .katex-mathml').first()).toHaveCount(1);
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
  const workerStarted = page.waitForEvent('worker');
  await page.goto(`${base}courses/dl/bptt/#preset=hello&step=B3@2`);
  await expect(page.getByTestId('total-loss')).toHaveText('L = 5.2020');
  // The worker that renders the next steps' formulas ahead is found under the subpath too, and runs.
  const worker = await workerStarted;
  expect(worker.url().startsWith(`${prefix}assets/`)).toBe(true);
  expect(await worker.evaluate(() => typeof self.onmessage)).toBe('function');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@2');
  await expect(page.locator('.formula .katex-html').first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
