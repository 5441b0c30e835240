import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/** Console errors and uncaught exceptions of a page, collected for a final assertion. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** A screenshot in e2e/screenshots/ (look at them: a page that passes but looks broken is broken), once the formula panel shows the step. */
export async function shot(page: Page, name: string): Promise<void> {
  const step = await page.getByTestId('step-label').getAttribute('data-step');
  await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', step ?? '');
  mkdirSync('e2e/screenshots', { recursive: true });
  await page.screenshot({ path: `e2e/screenshots/${name}.png` });
}

/**
 * Opens a URL of the app and waits until it listens to the keyboard and the hash,
 * and, when the URL names a step, until the formula panel shows it. A URL that
 * differs only in its hash does not reload the page.
 */
export async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('html[data-ready="true"]').waitFor({ state: 'attached' });
  const step = /[#&]step=([^&]+)/.exec(url)?.[1];
  if (step) await page.locator(`.formula-panel[data-step="${decodeURIComponent(step)}"]`).waitFor({ state: 'attached' });
}
