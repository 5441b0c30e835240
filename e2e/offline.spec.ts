import { expect, test } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectConsoleErrors, shot } from './util';

// `npm run build:single` (scripts/test.sh runs it after the normal build) writes the file under test.
const dir = resolve('dist-single');
const file = resolve(dir, 'bptt.html');

test('the single file opens from file:// with every request blocked: hello, stepping, KaTeX and its fonts', async ({ page }) => {
  expect(existsSync(file), `${file} is missing: run npx vite build --config vite.single.config.ts`).toBe(true);
  expect(readdirSync(dir)).toEqual(['bptt.html']);

  const url = pathToFileURL(file).href;
  const errors = collectConsoleErrors(page);
  // The page itself, data: and blob: URLs are all it may load; anything else is refused and noted.
  const own = (u: string) => u.split('#')[0] === url || u.startsWith('data:') || u.startsWith('blob:');
  const blocked: string[] = [];
  const requested: string[] = [];
  page.on('request', (r) => {
    if (!own(r.url())) requested.push(r.url());
  });
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (own(u)) return route.continue();
    blocked.push(u);
    return route.abort();
  });

  await page.goto(url);
  await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
  await expect(page.getByTestId('total-loss')).toHaveText('L = 5.2020');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'F1@1');

  for (const key of ['F2@1', 'F3@1', 'F4@1']) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', key);
    await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', key);
  }
  await expect(page.locator('.formula-panel .formula .katex-html').first()).toBeVisible();

  // document.fonts.check() is true when no face matches at all, so look at the faces themselves.
  const faces = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts]
      .filter((f) => f.family.replace(/["']/g, '').startsWith('KaTeX_'))
      .map((f) => ({ name: `${f.family.replace(/["']/g, '')} ${f.style} ${f.weight}`, status: f.status }));
  });
  expect(faces.filter((f) => f.status === 'error')).toEqual([]);
  const loaded = faces.filter((f) => f.status === 'loaded').map((f) => f.name);
  expect(loaded).toContain('KaTeX_Main normal 400');
  expect(loaded).toContain('KaTeX_Math italic 400');
  expect(await page.evaluate(() => document.fonts.check('16px KaTeX_Main') && document.fonts.check('italic 16px KaTeX_Math'))).toBe(true);

  await shot(page, 'offline-file');
  expect(blocked).toEqual([]);
  expect(requested).toEqual([]);
  expect(errors).toEqual([]);
});
