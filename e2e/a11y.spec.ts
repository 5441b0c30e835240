import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { open } from './util';

/** axe-core's violations on the page as it is now (every rule axe runs by default), one line each. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.impact ?? ''} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe finds no accessibility violation on a forward, a backward, a detail and the final step', async ({ page }) => {
  await open(page, './#preset=hello&step=F3@2');
  expect(await violations(page)).toEqual([]);
  await open(page, './#preset=hello&step=B3@2');
  expect(await violations(page)).toEqual([]);
  // A gradient contribution with its heatmaps, and H with a saturated unit.
  await open(page, `./#text=${encodeURIComponent('pack my box with five dozen jugs!')}&hidden=16&scale=0.5&seed=1&step=G4@20`);
  expect(await violations(page)).toEqual([]);
  await open(page, './#preset=saturated&step=B4@3');
  expect(await violations(page)).toEqual([]);
  // The coarse walk's stop (every formula of its group) and the end.
  await open(page, './#preset=hello&step=G5@2&mode=coarse');
  expect(await violations(page)).toEqual([]);
  await open(page, './#preset=hello&step=END');
  expect(await violations(page)).toEqual([]);
});

test('axe finds no violation with a dialog open or on a phone', async ({ page }) => {
  await open(page, './#preset=hello&step=F2@1');
  await page.getByRole('button', { name: 'New from text…' }).click();
  await expect(page.getByRole('dialog', { name: 'New character model' })).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, './#preset=hello&step=B3@2');
  expect(await violations(page)).toEqual([]);
});
