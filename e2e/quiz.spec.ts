import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { agrees, helloScenario, helloTrace as ref, outer } from './reference';
import { collectConsoleErrors, open, shot } from './util';

/** axe-core's violations on the page (the gradient lab's toggle, work in progress elsewhere, aside). */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.impact ?? ''} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const largest = (v: number[]) => v.reduce((b, x, i) => (Math.abs(x) > Math.abs(v[b]) ? i : b), 0);
/** The decade of |v| as the quiz offers it: 10⁻³ (or less) … 10¹ (or more). */
const decade = (v: number) => Math.max(-3, Math.min(1, Math.floor(Math.log10(Math.abs(v)))));
const minus = (s: string) => s.replace('-', '\u2212');

/** Waits until the panel and the step label both show `key`. */
async function atStep(page: Page, key: string): Promise<void> {
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', key);
  await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', key);
}

test('quiz mode: values are asked before they are shown, checked, explained and scored', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './#preset=hello&step=F1@2');
  await page.getByTestId('quiz-toggle').click();
  await expect(page.getByTestId('quiz-toggle')).toHaveAttribute('aria-pressed', 'true');
  const card = page.getByTestId('quiz-card');
  const score = page.getByTestId('quiz-score');
  await expect(card).toHaveAttribute('data-pending', 'true');
  await expect(score).toHaveText('0 / 0');

  // F1@2: a⁽²⁾ is hidden in the formula and in the diagram until answered.
  const a2 = ref.steps[1].a;
  const i = largest(a2);
  await expect(page.getByTestId('quiz-ask')).toContainText(`entry ${i + 1} of a⁽²⁾`);
  await expect(page.locator('.formula-panel .formula-row.numeric')).toBeHidden();
  await expect(page.locator('g.stack[data-q="a"][data-t="2"] text.cell-num').first()).toBeHidden();
  await expect(page.locator('g.stack[data-q="a"][data-t="2"] rect.cell').first()).toHaveCSS('fill', 'rgb(241, 239, 234)');
  await expect(page.getByTestId('narration')).toBeHidden();
  // Typing in the answer does not walk; Enter submits.
  const input = page.getByTestId('quiz-answer');
  await input.fill(a2[i].toFixed(3));
  await input.press('ArrowLeft');
  await atStep(page, 'F1@2');
  await input.press('Enter');
  await expect(page.getByTestId('quiz-result')).toHaveAttribute('data-result', 'right');
  // The focus moves to the verdict, not lost to the page.
  await expect(page.getByTestId('quiz-result')).toBeFocused();
  await expect(score).toHaveText('1 / 1');
  // Revealed: the numeric row and the diagram's cells, with the reference value.
  await expect(page.locator('.formula-panel .formula-row.numeric')).toBeVisible();
  const cells = await page.locator('g.stack[data-q="a"][data-t="2"] text.cell-num').allTextContents();
  expect(cells.map((c, j) => agrees(c, a2[j]))).toEqual(a2.map(() => true));
  await expect(page.getByTestId('narration')).toBeVisible();

  // The walk keys still walk; the next step asks again.
  await page.keyboard.press('ArrowRight');
  await atStep(page, 'F2@2');
  await expect(card).toHaveAttribute('data-pending', 'true');

  // B5@3, answered wrong: the explanation shows the formula with its numbers.
  await open(page, './#preset=hello&step=B5@3');
  await expect(card).toHaveAttribute('data-pending', 'true');
  const s3 = ref.steps[2];
  const k = largest(s3.grad_a);
  await expect(page.getByTestId('quiz-ask')).toContainText(`entry ${k + 1} of ∇a⁽³⁾`);
  await expect(page.getByTestId('norm-chart')).toBeHidden();
  expect(await violations(page)).toEqual([]);
  await shot(page, 'quiz-ask');
  await input.fill((s3.grad_a[k] + 0.1).toFixed(3));
  await page.getByTestId('quiz-submit').click();
  await expect(page.getByTestId('quiz-result')).toHaveAttribute('data-result', 'wrong');
  await expect(score).toHaveText('1 / 2');
  await expect(page.getByTestId('norm-chart')).toBeVisible();
  const explanation = page.getByTestId('quiz-explanation');
  await expect(explanation).toBeVisible();
  for (const v of [s3.H[k], s3.grad_h[k], s3.grad_a[k]]) await expect(explanation).toContainText(minus(v.toFixed(3)));
  await expect(explanation).toContainText('×');
  await expect(page.getByTestId('quiz-result')).toContainText(minus(s3.grad_a[k].toFixed(3)));
  expect(await violations(page)).toEqual([]);
  // Nothing overlaps: the card sits above the formula, both inside the side pane.
  const cardBox = (await card.boundingBox())!;
  const panelBox = (await page.getByTestId('formula-panel').boundingBox())!;
  const diagramBox = (await page.getByTestId('diagram').boundingBox())!;
  expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(panelBox.y + 0.5);
  expect(cardBox.x).toBeGreaterThanOrEqual(diagramBox.x + diagramBox.width - 0.5);
  await shot(page, 'quiz');

  // G2@3 by sign and order of magnitude: one entry of ∇o⁽³⁾ h⁽³⁾ᵀ.
  await open(page, './#preset=hello&step=G2@3');
  const term = outer(s3.grad_o, s3.h);
  const g = largest(term);
  const cols = s3.h.length;
  await expect(page.getByTestId('quiz-ask')).toContainText(`entry ${Math.floor(g / cols) + 1}, ${(g % cols) + 1} of step 3's term of ∇V L`);
  await expect(page.locator('.formula-panel .formula-row.numeric')).toBeHidden();
  await expect(page.getByTestId('detail-panel')).toBeHidden();
  await page.getByTestId(term[g] < 0 ? 'quiz-sign-minus' : 'quiz-sign-plus').click();
  await page.getByTestId(`quiz-mag-${decade(term[g])}`).click();
  await page.getByTestId('quiz-choose').click();
  await expect(page.getByTestId('quiz-result')).toHaveAttribute('data-result', 'right');
  await expect(score).toHaveText('2 / 3');
  await expect(page.getByTestId('detail-panel')).toBeVisible();

  // G3@3 skipped: shown, not counted; the walk goes on to G4@3, asked again.
  await page.keyboard.press('ArrowRight');
  await atStep(page, 'G3@3');
  await page.getByTestId('quiz-skip').click();
  await expect(page.getByTestId('quiz-result')).toHaveAttribute('data-result', 'skipped');
  await expect(page.locator('.formula-panel .formula-row.numeric')).toBeVisible();
  await expect(score).toHaveText('2 / 3');
  await page.keyboard.press('ArrowRight');
  await atStep(page, 'G4@3');
  await expect(card).toHaveAttribute('data-pending', 'true');
  // Back at an answered step: its outcome, not a new question.
  await open(page, './#preset=hello&step=B5@3');
  await expect(page.getByTestId('quiz-result')).toHaveAttribute('data-result', 'wrong');

  // Q turns it off (everything shown), and on again; a new scenario starts a new score.
  await page.locator('body').press('q');
  await expect(card).toHaveCount(0);
  await expect(page.locator('html.quiz-pending')).toHaveCount(0);
  await page.locator('body').press('q');
  await expect(score).toHaveText('2 / 3');
  await open(page, './#preset=long&step=F1@1');
  await expect(score).toHaveText('0 / 0');
  expect(errors).toEqual([]);
});

test('quiz mode: L⁽ᵗ⁾ is typed; the coarse walk and the end say why nothing is asked; Q is in the help', async ({ page }) => {
  await open(page, './#preset=hello&step=F5@1');
  await page.keyboard.press('q');
  await expect(page.getByTestId('quiz-ask')).toContainText('What is L⁽¹⁾?');
  // A scalar has no entry to pick, so no sign and magnitude choice.
  await expect(page.getByTestId('quiz-choose')).toHaveCount(0);
  await page.getByTestId('quiz-answer').fill('abc');
  await page.getByTestId('quiz-answer').press('Enter');
  await expect(page.getByRole('alert')).toContainText('Type a number');
  await expect(page.getByTestId('quiz-score')).toHaveText('0 / 0');
  await page.getByTestId('quiz-answer').fill(minus(ref.steps[0].loss.toFixed(4)));
  await page.getByTestId('quiz-answer').press('Enter');
  await expect(page.getByTestId('quiz-result')).toHaveAttribute('data-result', 'right');
  await open(page, './#preset=hello&step=END');
  await expect(page.getByTestId('quiz-card')).toContainText('Nothing is computed');
  await open(page, './#preset=hello&step=G5@2&mode=coarse');
  await expect(page.getByTestId('quiz-card')).toContainText('fine walk');
  await expect(page.locator('html.quiz-pending')).toHaveCount(0);
  expect(helloScenario.y.length).toBe(ref.T);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog').locator('tr', { hasText: 'quiz mode' })).toContainText('Q');
});

test('quiz mode: cells too small for numbers (painted on a canvas) stay veiled too; axe is clean in the dark and in forced colours', async ({ page }) => {
  await open(page, `./#text=${encodeURIComponent('pack my box with five dozen jugs!')}&hidden=16&scale=0.5&seed=1&step=F2@3`);
  await expect(page.getByTestId('cell-canvas')).toBeAttached();
  await page.keyboard.press('q');
  await expect(page.getByTestId('quiz-card')).toHaveAttribute('data-pending', 'true');
  const box = (await page.locator('g.stack[data-q="h"][data-t="3"] rect.cell-face').boundingBox())!;
  const clip = { x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2 };
  const veiled = await page.screenshot({ clip });
  await page.getByTestId('quiz-skip').click();
  await expect(page.getByTestId('quiz-result')).toHaveAttribute('data-result', 'skipped');
  await expect.poll(async () => (await page.screenshot({ clip })).equals(veiled)).toBe(false);
  // The veiled stack looks like one not computed yet: h⁽⁴⁾ at this step.
  const box4 = (await page.locator('g.stack[data-q="h"][data-t="4"] rect.cell-face').boundingBox())!;
  const empty = await page.screenshot({ clip: { ...clip, x: box4.x + 1 } });
  expect(empty.equals(veiled)).toBe(true);

  await page.emulateMedia({ colorScheme: 'dark' });
  await open(page, './#preset=hello&step=B4@2');
  await expect(page.getByTestId('quiz-card')).toHaveAttribute('data-pending', 'true');
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('quiz-sign-plus').click();
  await page.getByTestId('quiz-mag-0').click();
  await page.getByTestId('quiz-choose').click();
  await expect(page.getByTestId('quiz-result')).toBeVisible();
  expect(await violations(page)).toEqual([]);

  await page.emulateMedia({ colorScheme: 'light', forcedColors: 'active' });
  await open(page, './#preset=hello&step=B1@3');
  await expect(page.getByTestId('quiz-card')).toHaveAttribute('data-pending', 'true');
  await page.getByTestId('quiz-sign-plus').click();
  expect(await violations(page)).toEqual([]);
});
