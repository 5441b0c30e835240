/**
 * The gradient lab (model.md E1–E6) used through the UI on hello and long:
 * itemized gradients and the influence triangle, the Jacobian product,
 * truncation and clipping, the numerical check, edits and training. Every
 * test looks at its page (screenshots in e2e/screenshots/lab-*.png), finds no
 * console error, and axe finds no accessibility violation.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectConsoleErrors, open, shot } from './util';

async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.impact ?? ''} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Opens the app at a hash, the lab with L, and one of its tabs. */
async function openLab(page: Page, hash: string, tab: string): Promise<void> {
  await open(page, `./#${hash}`);
  await page.keyboard.press('l');
  await expect(page.getByTestId('lab-panel')).toBeVisible();
  await page.getByTestId(`lab-tab-${tab}`).click();
  await expect(page.getByTestId('lab-panel')).toHaveAttribute('data-tab', tab);
}

/** The header's L as a number. */
async function totalLoss(page: Page): Promise<number> {
  const text = (await page.getByTestId('total-loss').textContent()) ?? '';
  return Number(text.replace('L =', '').trim().replace(/\u2212/g, '-'));
}

/** A file the page downloads when `act` runs, parsed as JSON. */
async function downloaded(page: Page, act: () => Promise<void>): Promise<{ name: string; json: unknown; path: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), act()]);
  const path = await d.path();
  return { name: d.suggestedFilename(), json: JSON.parse(readFileSync(path, 'utf8')) as unknown, path };
}

/** Clicks cell (i, j) of a grid (the element with data-rows / data-cols) by its position. */
async function clickCell(page: Page, grid: string, i: number, j: number): Promise<void> {
  const el = page.locator(grid).first();
  await el.scrollIntoViewIfNeeded();
  const [rows, cols] = [Number(await el.getAttribute('data-rows')), Number(await el.getAttribute('data-cols'))];
  const box = await el.boundingBox();
  if (!box) throw new Error(`${grid} has no box`);
  await page.mouse.click(box.x + ((j + 0.5) / cols) * box.width, box.y + ((i + 0.5) / rows) * box.height);
}

/** ⁽ᵗ⁾ for a number, as the lab writes it. */
const sup = (t: number) => `⁽${Array.from(String(t), (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]).join('')}⁾`;

const CASES = [
  { id: 'hello', T: 4, t: 2 },
  { id: 'long', T: 43, t: 20 },
] as const;

for (const c of CASES) {
  test(`E1 on ${c.id}: ∇h^(t) itemized by loss, its sum checked, the influence triangle filling in with the walk`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await openLab(page, `preset=${c.id}&step=B3@${c.t}`, 'itemized');
    const strip = page.getByTestId('itemized-strip');
    await expect(strip).toHaveAttribute('data-parts', String(c.T - c.t + 1));
    const check = (await page.getByTestId('itemized-sum-check').textContent()) ?? '';
    const exp = /to [\d.]+e−(\d+)/.exec(check);
    expect(exp, check).not.toBeNull();
    expect(Number(exp?.[1])).toBeGreaterThanOrEqual(12);
    const map = page.getByTestId('influence-map');
    await expect(map).toHaveAttribute('data-revealed', String(c.T - c.t + 1));
    // One t further back: one more column of the triangle.
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', `B3@${c.t - 1}`);
    await expect(map).toHaveAttribute('data-revealed', String(c.T - c.t + 2));
    await expect(page.locator('.lab-itemized h3')).toContainText(`∇h${sup(c.t - 1)}`);
    // The forward pass shows the triangle's shape only.
    await page.keyboard.press('Home');
    await expect(map).toHaveAttribute('data-revealed', '0');
    await page.keyboard.press('End');
    await expect(map).toHaveAttribute('data-revealed', String(c.T));
    // A hovered part reads its value.
    await page.locator('[data-testid=itemized-strip] .lab-part').first().hover();
    await expect(page.locator('.lab-strip .lab-readout')).toContainText('∂L');
    await shot(page, `lab-itemized-${c.id}`);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test(`E2 on ${c.id}: the Jacobian product against the lag, beside σ_max(W) and mean H`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await openLab(page, `preset=${c.id}&step=B3@${c.t}`, 'jacobian');
    await expect(page.getByTestId('jacobian-chart')).toBeVisible();
    await expect(page.getByTestId('sigma-max')).toContainText('σ_max(W) =');
    await expect(page.getByTestId('mean-h')).toContainText('mean H =');
    const points = page.locator('[data-testid=jacobian-chart] circle');
    await expect(points).toHaveCount(c.T + 1);
    if (c.id === 'long') {
      await expect(page.getByTestId('jacobian-verdict')).toContainText('vanishing');
      // From a loss further back, fewer lags.
      await page.getByTestId('jacobian-anchor').fill('12');
      await expect(points).toHaveCount(13);
    }
    await shot(page, `lab-jacobian-${c.id}`);
    if (c.id === 'long') {
      // The two presets made for E2.
      await page.getByLabel('Scenario').selectOption('exploding');
      await expect(page.getByTestId('jacobian-verdict')).toContainText('exploding');
      await shot(page, 'lab-jacobian-exploding');
      await page.getByLabel('Scenario').selectOption('vanishing');
      await expect(page.getByTestId('jacobian-verdict')).toContainText('vanishing');
    }
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test(`E3, E4 on ${c.id}: a window K and a threshold C recompute the trace; the formula says truncated; what was dropped`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    const t = c.id === 'hello' ? 1 : c.t;
    await openLab(page, `preset=${c.id}&step=B3@${t}`, 'truncate');
    await expect(page.locator('.formula-panel .formula-note')).toHaveCount(0);
    const lossBefore = await totalLoss(page);
    await page.getByTestId('truncate-on').check();
    const K = c.id === 'hello' ? 2 : 11;
    await expect(page.locator('.formula-panel .formula-note')).toContainText(`K = ${K}`);
    await expect(page.getByTestId('formula-panel')).toHaveAttribute('data-step', `B3@${t}`);
    if (c.id === 'long') {
      await page.getByTestId('truncate-k').fill('5');
      await expect(page.locator('.formula-panel .formula-note')).toContainText('K = 5');
      // The slider keeps its arrow keys (the walk does not take them).
      await page.getByTestId('truncate-k-range').focus();
      await page.keyboard.press('ArrowLeft');
      await expect(page.locator('.formula-panel .formula-note')).toContainText('K = 4');
      await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', `B3@${t}`);
    }
    await expect(page.getByTestId('dropped-chart')).toBeVisible();
    const wRel = Number(((await page.locator('[data-testid=param-diffs] tr[data-param=W] td').nth(2).textContent()) ?? '').replace(/\u2212/g, '-'));
    expect(wRel).toBeGreaterThan(0);
    // The loss is the forward pass's: truncation leaves it alone. The narration follows.
    expect(await totalLoss(page)).toBe(lossBefore);
    await expect(page.getByTestId('narration')).toContainText('truncated BPTT');
    await page.locator('.formula-panel .formula-note').scrollIntoViewIfNeeded();
    await shot(page, `lab-truncate-${c.id}`);
    await page.getByTestId('clip-on').check();
    await page.getByTestId('clip-c').fill('0.5');
    await expect(page.getByTestId('clip-state')).toContainText('×');
    // Save scenario keeps the options.
    const saved = await downloaded(page, () => page.getByRole('button', { name: 'Save scenario' }).click());
    expect((saved.json as { options?: unknown }).options).toEqual({ truncate: c.id === 'hello' ? 2 : 4, clip: 0.5 });
    await shot(page, `lab-clip-${c.id}`);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test(`E6 on ${c.id}: a click on a gradient's entry shows the central difference, BPTT's value and their relative error`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    // In the detail panel: a contribution's term, its running sum, its left factor.
    await open(page, `./#preset=${c.id}&step=G4@${c.t}`);
    await clickCell(page, '[data-testid=contribution-grid]', 1, 0);
    const note = page.getByTestId('check-note');
    await expect(note).toBeVisible();
    await expect(note).toContainText('∇W L [2, 1]');
    await expect(note.getByTestId('check-result')).toHaveAttribute('data-agree', 'true');
    await clickCell(page, '[data-testid=factor-left]', 0, 0);
    await expect(note).toContainText(`∇a`);
    await expect(note.getByTestId('check-result')).toHaveAttribute('data-agree', 'true');
    await note.scrollIntoViewIfNeeded();
    await shot(page, `lab-check-detail-${c.id}`);
    // The final gradients.
    await page.keyboard.press('End');
    await clickCell(page, '[data-testid=final-U]', 0, 1);
    await expect(note).toContainText('∇U L [1, 2]');
    await expect(note.getByTestId('check-result')).toHaveAttribute('data-agree', 'true');
    // In the lab: any gradient, ∇h^(t) included.
    await page.keyboard.press('l');
    await page.getByTestId('lab-tab-check').click();
    await page.getByTestId('check-which').selectOption('gradH');
    await clickCell(page, '[data-testid=check-grid]', 2, 0);
    const result = page.locator('.lab-check [data-testid=check-result]');
    await expect(result).toContainText('[3]');
    await expect(result).toHaveAttribute('data-agree', 'true');
    const rel = Number(await result.getAttribute('data-rel-error'));
    expect(rel).toBeLessThan(1e-6);
    await shot(page, `lab-check-${c.id}`);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  test(`Edit on ${c.id}: an entry scrubbed or typed, and the trace, the loss and the gradients follow`, async ({ page }) => {
    const errors = collectConsoleErrors(page);
    await openLab(page, `preset=${c.id}&step=B3@${c.t}`, 'edit');
    const L0 = await totalLoss(page);
    await clickCell(page, '[data-testid=edit-grid] [data-rows]', 1, 2);
    await expect(page.getByTestId('edit-entry')).toContainText('W[2, 3]');
    await page.getByTestId('edit-value').fill('1.5');
    await expect(page.getByTestId('edit-entry')).toContainText('= 1.5000');
    await expect.poll(() => totalLoss(page)).not.toBe(L0);
    if (c.id === 'hello') await expect(page.getByTestId('formula-panel')).toContainText('1.500');
    // Scrubbed from the keyboard: the slider keeps its arrows, the step stays.
    const L1 = await totalLoss(page);
    await page.getByTestId('edit-range').focus();
    for (let k = 0; k < 25; k++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => totalLoss(page)).not.toBe(L1);
    await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', `B3@${c.t}`);
    // The numerical check agrees on the edited weights.
    await page.getByTestId('lab-tab-check').click();
    await page.getByTestId('check-which').selectOption('W');
    await clickCell(page, '[data-testid=check-grid]', 1, 2);
    await expect(page.locator('.lab-check [data-testid=check-result]')).toHaveAttribute('data-agree', 'true');
    await page.getByTestId('lab-tab-edit').click();
    // x and h^(0) too.
    await page.getByTestId('edit-which').selectOption('h0');
    await page.getByTestId('edit-value').fill('0.5');
    await expect(page.getByTestId('edit-entry')).toContainText('h⁽⁰⁾[1] = 0.5000');
    await expect(page.getByTestId('edit-loss')).toContainText('before the edits');
    await shot(page, `lab-edit-${c.id}`);
    expect(await violations(page)).toEqual([]);
    const saved = await downloaded(page, () => page.getByRole('button', { name: 'Save scenario' }).click());
    const file = saved.json as { params: { W: number[][] }; h0: number[] };
    expect(file.params.W[1][2]).toBeGreaterThan(1.5);
    expect(file.h0[0]).toBe(0.5);
    await page.getByTestId('edit-reset').click();
    await expect.poll(() => totalLoss(page)).toBe(L0);
    expect(errors).toEqual([]);
  });

  test(`E5 on ${c.id}: training lowers the loss, reopens any iteration, exports bptt-training/1 as the command line computes it`, async ({ page }) => {
    test.setTimeout(120_000);
    const errors = collectConsoleErrors(page);
    const N = c.id === 'hello' ? 30 : 12;
    const lr = c.id === 'hello' ? '0.1' : '0.02';
    await openLab(page, `preset=${c.id}&step=B2@${c.T}`, 'train');
    const L0 = await totalLoss(page);
    // The scenario before training, for the command line.
    const before = await downloaded(page, () => page.getByRole('button', { name: 'Save scenario' }).click());
    await page.getByTestId('train-n').fill(String(N));
    await page.getByTestId('train-lr').fill(lr);
    await page.getByTestId('train-start').click();
    const progress = page.getByTestId('train-progress');
    await expect(progress).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
    await expect(progress).toHaveAttribute('data-done', String(N));
    const losses = ((await progress.getAttribute('data-losses')) ?? '').split(',').map(Number);
    expect(losses).toHaveLength(N + 1);
    expect(losses[0]).toBeCloseTo(L0, 4);
    for (let i = 1; i <= N; i++) expect(losses[i]).toBeLessThan(losses[i - 1]);
    // The trained parameters are the scenario's: the header, the diagram and the walk show them.
    expect(await totalLoss(page)).toBeCloseTo(losses[N], 4);
    await expect(page.getByTestId('train-shown')).toContainText(`Iteration ${N}`);
    await expect(page.locator('[data-testid=loss-curve] circle')).toHaveCount(N + 2);
    await shot(page, `lab-train-${c.id}`);
    expect(await violations(page)).toEqual([]);
    // Exported, and the same as the command line's run from the saved scenario, bit for bit.
    const exp = await downloaded(page, () => page.getByTestId('train-export').click());
    expect(exp.name).toMatch(/\.training\.json$/);
    const file = exp.json as { format: string; lr: number; iterations: number; loss: number[] };
    expect(file.format).toBe('bptt-training/1');
    expect(file.iterations).toBe(N);
    expect(file.lr).toBe(Number(lr));
    expect(file.loss).toEqual(losses);
    const dir = mkdtempSync(join(tmpdir(), 'lab-'));
    const scenarioPath = join(dir, 'before.scenario.json');
    writeFileSync(scenarioPath, JSON.stringify(before.json));
    const cli = JSON.parse(execFileSync('node', ['--import', 'tsx', 'scripts/trace.ts', scenarioPath, '--train', String(N), '--lr', lr], { encoding: 'utf8' })) as typeof file & { params: unknown };
    // The same steps in the same order: equal up to the last bits, where this Chromium's and Node's exp, log and tanh may differ.
    expect(cli.loss).toHaveLength(N + 1);
    cli.loss.forEach((v, i) => expect(Math.abs(v - file.loss[i]) / Math.abs(file.loss[i])).toBeLessThan(1e-12));
    const flat = (p: unknown): number[] => (Array.isArray(p) ? p.flatMap(flat) : typeof p === 'number' ? [p] : Object.values(p as object).flatMap(flat));
    const cliParams = flat(cli.params);
    const pageParams = flat((exp.json as { params: unknown }).params);
    expect(cliParams).toHaveLength(pageParams.length);
    cliParams.forEach((v, i) => expect(Math.abs(v - pageParams[i])).toBeLessThan(1e-12 * Math.max(1, Math.abs(pageParams[i]))));
    // Any iteration reopens: iteration 0 is the scenario before training.
    await page.getByTestId('train-iteration').focus();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('train-shown')).toContainText('Iteration 0');
    await expect.poll(() => totalLoss(page)).toBe(L0);
    await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', `B2@${c.T}`);
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('train-shown')).toContainText('Iteration 1');
    await expect.poll(() => totalLoss(page)).toBeCloseTo(losses[1], 4);
    // Reproducible in the page too: the same run from iteration 0 gives the same losses.
    await page.keyboard.press('Home');
    await expect(page.getByTestId('train-shown')).toContainText('Iteration 0');
    await page.getByTestId('train-start').click();
    await expect(progress).toHaveAttribute('data-running', 'false', { timeout: 60_000 });
    expect(((await progress.getAttribute('data-losses')) ?? '').split(',').map(Number)).toEqual(losses);
    expect(errors).toEqual([]);
  });
}

test('the Lab button and the L key open and close the lab; axe finds nothing on any tab; nothing overlaps at 1280 × 720', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './#preset=hello&step=B3@2');
  const toggle = page.getByTestId('lab-toggle');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(page.getByTestId('lab-panel')).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('l');
  await expect(page.getByTestId('lab-panel')).toHaveCount(0);
  await page.keyboard.press('L');
  await expect(page.getByTestId('lab-panel')).toBeVisible();
  for (const tab of ['itemized', 'jacobian', 'truncate', 'check', 'edit', 'train']) {
    await page.getByTestId(`lab-tab-${tab}`).click();
    // The panel stays within the side pane: nothing cut off on the right.
    const pane = await page.locator('.side-pane').boundingBox();
    const panel = await page.getByTestId('lab-panel').boundingBox();
    expect(panel && pane && panel.x + panel.width <= pane.x + pane.width + 0.5).toBe(true);
    const wide = await page.evaluate(() => {
      const panel = document.querySelector('.lab-panel');
      if (!panel) return ['no panel'];
      const right = panel.getBoundingClientRect().right + 0.5;
      return [...panel.querySelectorAll('svg, canvas, table, input, select, button')].filter((el) => el.getBoundingClientRect().right > right).map((el) => el.outerHTML.slice(0, 80));
    });
    expect(wide, tab).toEqual([]);
    expect(await violations(page), tab).toEqual([]);
  }
  // A field being typed in keeps its L.
  await page.getByTestId('lab-tab-train').click();
  await page.getByTestId('train-lr').focus();
  await page.keyboard.press('l');
  await expect(page.getByTestId('lab-panel')).toBeVisible();
  await page.getByRole('button', { name: 'Close the lab (L)' }).click();
  await expect(page.getByTestId('lab-panel')).toHaveCount(0);
  expect(errors).toEqual([]);
});
