import { test } from '@playwright/test';
import { shot } from './util';

// Screenshots of representative steps at 1280×720, to look at.
for (const step of ['F1@1', 'F5@3', 'B3@2', 'B4@2', 'G4@2', 'END']) {
  test(`screenshot ${step}`, async ({ page }) => {
    await page.goto(`./#preset=hello&step=${step}`);
    await page.getByTestId('step-label').waitFor();
    await page.evaluate(() => document.fonts.ready);
    await shot(page, `look-hello-${step.replace('@', '-')}`);
  });
}
