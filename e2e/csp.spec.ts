import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { helloTrace } from './reference';
import { collectConsoleErrors, open } from './util';

/** The policy the build puts in index.html's meta tag (vite.config.ts), read back from the built page. */
function builtPolicy(): string {
  const html = readFileSync('dist/index.html', 'utf8');
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
  if (!m) throw new Error('dist/index.html has no Content-Security-Policy meta tag');
  return m[1].replace(/&#39;/g, "'");
}

/** Records every CSP violation the page reports, from before its first script. */
async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { cspViolations: string[] };
    w.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** Walks hello through its numbers and dialogs, then returns the violations seen. */
async function exercise(page: Page): Promise<string[]> {
  await expect(page.getByTestId('total-loss')).toHaveText(`L = ${helloTrace.loss.toFixed(4)}`);
  await page.keyboard.press('End');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'END');
  // The final gradients' numbers (∇c) are the reference's.
  await expect(page.locator('.formula-panel')).toContainText(helloTrace.grads.c[0].toFixed(3).replace('-', '−'));
  await page.locator('g.stack[data-q="h"][data-t="2"] rect.cell').first().hover();
  await expect(page.locator('.tooltip')).toBeVisible();
  await page.getByRole('button', { name: /New from text/ }).click();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Home');
  await page.keyboard.press('m');
  await page.keyboard.press('m');
  await page.evaluate(() => document.fonts.ready);
  return page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('the built app works under its Content-Security-Policy as a meta tag: no violation', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await watchViolations(page);
  await open(page, './#preset=hello');
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
  expect(await exercise(page)).toEqual([]);
  expect(errors).toEqual([]);
});

test('and as an HTTP header (the meta tag removed): no violation, the same numbers', async ({ page, baseURL }) => {
  const errors = collectConsoleErrors(page);
  const policy = builtPolicy();
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).not.toContain("'unsafe-eval'");
  await page.route(`${baseURL}**`, async (route) => {
    const response = await route.fetch();
    let body = await response.body();
    if ((response.headers()['content-type'] ?? '').includes('text/html')) body = Buffer.from(body.toString('utf8').replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''));
    await route.fulfill({ response, body, headers: { ...response.headers(), 'content-security-policy': policy } });
  });
  await watchViolations(page);
  await open(page, './#preset=hello');
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(0);
  expect(await exercise(page)).toEqual([]);
  // An inline script is refused: the policy is in force.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  expect(errors.filter((e) => !e.includes('Content Security Policy'))).toEqual([]);
  // A request still in the handler when the page closes (a font, a chunk) must not fail the test.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});
