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
