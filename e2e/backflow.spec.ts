import { expect, test, type Page } from '@playwright/test';
import { agrees, helloScenario, helloTrace as ref, outer } from './reference';
import { collectConsoleErrors, open, shot } from './util';

const T = ref.T;
const n = ref.n;

/** Reference term of step t in G1–G5, for parameter p. */
function term(p: string, t: number): number[] {
  const s = ref.steps[t - 1];
  const hPrev = t === 1 ? ref.h0 : ref.steps[t - 2].h;
  return { c: s.grad_o, V: outer(s.grad_o, s.h), b: s.grad_a, W: outer(s.grad_a, hPrev), U: outer(s.grad_a, helloScenario.x[t - 1]) }[p] as number[];
}

/** Reference running sum after the backward walk has added steps T … t. */
function partial(p: string, t: number): number[] {
  let acc = term(p, T).map(() => 0);
  for (let s = T; s >= t; s--) acc = acc.map((v, i) => v + term(p, s)[i]);
  return acc;
}

const GRADS: Record<string, number[]> = {
  c: ref.grads.c,
  V: ref.grads.V.flat(),
  b: ref.grads.b,
  W: ref.grads.W.flat(),
  U: ref.grads.U.flat(),
};
const G_OF: Record<string, string> = { c: 'G1', V: 'G2', b: 'G3', W: 'G4', U: 'G5' };

async function expectNumbers(page: Page, selector: string, expected: number[], what: string) {
  const shown = await page.locator(selector).allTextContents();
  expect(shown, what).toHaveLength(expected.length);
  shown.forEach((s, i) => expect(agrees(s, expected[i]), `${what}[${i}] shows ${s}, reference ${expected[i]}`).toBe(true));
}

test('the running sums are built from the contributions and end equal to G1–G5', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  for (const p of ['c', 'V', 'b', 'W', 'U']) {
    for (const t of [T, 2, 1]) {
      await open(page, `./#preset=hello&step=${G_OF[p]}@${t}`);
      await expect(page.locator('.contribution')).toHaveAttribute('data-param', p);
      await expectNumbers(page, '[data-testid="running-sum"] text.grid-num', partial(p, t), `running sum of ∇${p} at t = ${t}`);
    }
    // After t = 1 the running sum is the gradient itself.
    await expectNumbers(page, '[data-testid="running-sum"] text.grid-num', GRADS[p], `∇${p} L complete`);
  }
  // The final step shows all five, equal to the reference gradients.
  await open(page, './#preset=hello&step=END');
  for (const p of ['c', 'V', 'b', 'W', 'U']) await expectNumbers(page, `[data-testid="final-${p}"] text.grid-num`, GRADS[p], `final ∇${p}`);
  // Hovering a cell of W's contribution shows the numbers that produced it.
  await open(page, './#preset=hello&step=G4@2');
  await page.getByTestId('contribution-grid').locator('rect.cell').nth(1).hover();
  await expect(page.locator('.cell-explain')).toContainText('∇a⁽²⁾_1 · h⁽¹⁾_2 = ');
  expect(errors).toEqual([]);
});

test('the add into a running sum is animated by the compositor and ends on the new sum', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './?motion=1#preset=hello&step=G3@2');
  await expect(page.locator('.contribution')).toHaveAttribute('data-param', 'b');
  await page.evaluate(() => document.fonts.ready);
  await page.keyboard.press('ArrowRight');
  // While the term's ghost flies in, the sum still shows the terms of T … t + 1.
  const adding = page.locator('[data-testid="running-sum"][data-animating="true"]');
  await expect(adding).toBeAttached();
  await expect(page.locator('.contribution')).toHaveAttribute('data-param', 'W');
  await expectNumbers(page, '[data-testid="running-sum"] text.grid-num', partial('W', 3), 'running sum of ∇W before the add');
  // Web Animations of transform and opacity on the sum's canvases, not frames of the page.
  const running = await page.locator('.sum-layer').evaluate((layer) =>
    layer.getAnimations({ subtree: true }).map((a) => `${(a.effect as KeyframeEffect).target?.className}:${Object.keys((a.effect as KeyframeEffect).getKeyframes()[0]).filter((k) => k === 'transform' || k === 'opacity').sort().join('+')}`),
  );
  expect(running.sort()).toEqual(['grid-image sum-after:opacity', 'grid-image sum-ghost:opacity+transform']);
  await shot(page, 'backflow-mid-add');
  await expect(adding).not.toBeAttached({ timeout: 5000 });
  await expectNumbers(page, '[data-testid="running-sum"] text.grid-num', partial('W', 2), 'running sum of ∇W after the add');
  expect(await page.locator('.sum-layer').evaluate((layer) => layer.getAnimations({ subtree: true }).length)).toBe(0);
  expect(errors).toEqual([]);
});

test('a B3 step shows both paths, B2 only one; H is diagonal', async ({ page }) => {
  await open(page, './#preset=hello&step=B3@2');
  const overlay = page.getByTestId('flow-overlay');
  await expect(overlay.locator('path.flow-out')).toHaveCount(n);
  await expect(overlay.locator('path.flow-next-in')).toHaveCount(n);
  await expect(overlay.locator('path.flow-next-bus')).toHaveCount(n);
  await expect(overlay.locator('path.flow-next-up')).toHaveCount(n);
  await expect(page.getByTestId('flow-marks').locator('rect.gate-ring')).toHaveCount(1);
  // Stroke widths follow |value|: the Wᵀ strand into the largest |(Wᵀ∇a⁽³⁾)_j| is the widest.
  const widths = await overlay.locator('path.flow-next-up').evaluateAll((ps) => ps.map((p) => Number(p.getAttribute('stroke-width'))));
  expect(new Set(widths).size).toBeGreaterThan(1);
  // H⁽³⁾ beside it: n × n, zeros off the diagonal, 1 − h² on it.
  const h3 = ref.steps[2].H;
  const cells = await page.getByTestId('h-matrix').locator('text.grid-num').allTextContents();
  expect(cells).toHaveLength(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const s = cells[i * n + j];
      if (i === j) expect(agrees(s, h3[i]), `H[${i}][${i}] = ${s}`).toBe(true);
      else expect(s).toBe('0.00');
    }
  await open(page, './#preset=hello&step=B2@4');
  await expect(overlay.locator('path.flow-out')).toHaveCount(n);
  await expect(overlay.locator('path.flow-next-bus')).toHaveCount(0);
  // The saturated preset marks its saturated units.
  await open(page, './#preset=saturated&step=B4@4');
  await expect(page.locator('.h-matrix .saturated')).toBeVisible();
});

test('‖∇h‖ is charted as the backward walk computes it', async ({ page }) => {
  await open(page, './#preset=hello&step=F5@4');
  const chart = page.getByTestId('norm-chart');
  await expect(chart).toHaveAttribute('data-points-h', '0');
  await open(page, './#preset=hello&step=B3@3');
  await expect(chart).toHaveAttribute('data-points-h', '2');
  await open(page, './#preset=hello&step=END');
  await expect(chart).toHaveAttribute('data-points-h', String(T));
  await expect(chart).toHaveAttribute('data-points-a', String(T));
});

/** Whether an animation is running: a veil over the target, strands still being drawn, or a sum being added to. */
async function animating(page: Page): Promise<boolean> {
  return page.getByTestId('flow-overlay').evaluate((g) => {
    if (document.querySelector('.flow-marks rect.veil') || document.querySelector('[data-animating="true"]')) return true;
    return Array.from(g.querySelectorAll('path.flow')).some((p) => {
      const off = p.getAttribute('stroke-dashoffset');
      return off !== null && Math.abs(Number(off)) > 0.5;
    });
  });
}

test('with reduced motion nothing animates', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page, './?motion=1#preset=hello&step=B1@3');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B1@3');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@3');
  expect(await animating(page)).toBe(false);
  await expect(page.getByTestId('flow-overlay').locator('path.flow')).toHaveCount(4 * n);
});

test('the flow animates, and stepping fast through it lands on the right final picture', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './?motion=1#preset=hello&step=B1@2');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B1@2');
  await page.evaluate(() => document.fonts.ready);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@2');
  await expect.poll(() => animating(page)).toBe(true);
  await shot(page, 'backflow-mid-animation');
  // Rest: the whole picture, nothing left moving.
  await expect.poll(() => animating(page), { timeout: 5000 }).toBe(false);
  await shot(page, 'backflow-at-rest');

  // Fast presses interrupt each animation; the last step's picture is what remains.
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'G4@2');
  await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', 'G4@2');
  await expect(page.getByTestId('detail-panel')).toHaveAttribute('data-detail', 'W@2');
  await expect.poll(() => animating(page), { timeout: 5000 }).toBe(false);
  await expectNumbers(page, '[data-testid="running-sum"] text.grid-num', partial('W', 2), 'running sum of ∇W after fast steps');
  await expect(page.getByTestId('flow-overlay').locator('path.flow')).toHaveCount(0);

  // Backwards, fast, into a B3 step: the retracting strands go away, B3's picture stays.
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@2');
  await expect.poll(() => animating(page), { timeout: 5000 }).toBe(false);
  await expect(page.getByTestId('flow-overlay').locator('.flow-retract path')).toHaveCount(0, { timeout: 5000 });
  await expect(page.getByTestId('flow-overlay').locator('.flow-current path.flow')).toHaveCount(4 * n);
  await expectNumbers(page, 'g.stack[data-q="gradH"][data-t="2"] text.cell-num', ref.steps[1].grad_h, '∇h⁽²⁾');
  expect(errors).toEqual([]);
});

test('heatmap canvases show the same pixels whether walked to or opened at the step', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const gen = './#text=pack%20my%20box%20with%20five%20dozen%20jugs!&hidden=16&scale=0.5&seed=1';
  // The visible canvases of the detail panel: the term's (and factors') images and the new sum (the old sum and the ghost are hidden at rest).
  const pixels = () =>
    page.locator('[data-testid="detail-panel"]').evaluate((panel) =>
      [...panel.querySelectorAll<HTMLCanvasElement>('.grid-image:not(.sum-before):not(.sum-ghost) > canvas')].map((c) => `${c.width}x${c.height}:${Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).join(',')}`),
    );
  // Walk from G1@21 to G4@20: every picture of round t = 21, then H and the G steps of t = 20.
  await open(page, `${gen}&step=G1@21`);
  await expect(page.getByTestId('detail-panel')).toHaveAttribute('data-detail', 'c@21');
  const walk = ['V@21', 'b@21', 'W@21', 'U@21', null, 'H@21', 'H@20', 'H@20', 'c@20', 'V@20', 'b@20', 'W@20'];
  for (const detail of walk) {
    await page.keyboard.press('ArrowRight');
    if (detail) await expect(page.getByTestId('detail-panel')).toHaveAttribute('data-detail', detail);
  }
  const reused = await pixels();
  expect(reused).toHaveLength(2);
  expect(reused[0]).toMatch(/^16x16:/);
  // The same step in a new page: every canvas new.
  await page.goto('about:blank');
  await open(page, `${gen}&step=G4@20`);
  await expect(page.getByTestId('detail-panel')).toHaveAttribute('data-detail', 'W@20');
  expect(await pixels()).toEqual(reused);
  expect(errors).toEqual([]);
});
