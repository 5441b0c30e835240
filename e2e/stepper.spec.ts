import { expect, test, type Page } from '@playwright/test';
import { agrees, helloScenario, helloTrace as ref, outer, walkKeys } from './reference';
import { collectConsoleErrors, open, shot } from './util';

/** The vector each formula computes, as [diagram quantity, reference values]. */
function computedVector(key: string): [string, number[]] | null {
  const m = /^(\w\d)@(\d+)$/.exec(key);
  if (!m) return null;
  const t = Number(m[2]);
  const s = ref.steps[t - 1];
  const map: Record<string, [string, number[]]> = {
    F1: ['a', s.a],
    F2: ['h', s.h],
    F3: ['o', s.o],
    F4: ['yhat', s.yhat],
    B1: ['gradO', s.grad_o],
    B2: ['gradH', s.grad_h],
    B3: ['gradH', s.grad_h],
    B4: ['H', s.H],
    B5: ['gradA', s.grad_a],
  };
  return map[m[1]] ?? null;
}

async function cellTexts(page: Page, q: string, t: number): Promise<string[]> {
  return page.locator(`g.stack[data-q="${q}"][data-t="${t}"] text.cell-num`).allTextContents();
}

/** The contribution of step t to a parameter, from the reference vectors. */
function refContribution(id: string, t: number): number[] {
  const s = ref.steps[t - 1];
  const hPrev = t === 1 ? ref.h0 : ref.steps[t - 2].h;
  switch (id) {
    case 'G1':
      return s.grad_o;
    case 'G2':
      return outer(s.grad_o, s.h);
    case 'G3':
      return s.grad_a;
    case 'G4':
      return outer(s.grad_a, hPrev);
    default:
      return outer(s.grad_a, helloScenario.x[t - 1]);
  }
}

/** What the detail panel draws at a step: a contribution, H (of t + 1 on B3), all gradients, or nothing. */
function detailOf(key: string): string | null {
  const [id, ts] = key.split('@');
  const t = Number(ts);
  const param: Record<string, string> = { G1: 'c', G2: 'V', G3: 'b', G4: 'W', G5: 'U' };
  if (id in param) return `${param[id]}@${t}`;
  if (id === 'B4' || id === 'B5') return `H@${t}`;
  if (id === 'B3') return `H@${t + 1}`;
  return id === 'END' ? 'END' : null;
}

test('walks every step of hello forward and back with the keyboard, each beside its formula', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = collectConsoleErrors(page);
  await open(page, './#preset=hello');
  const keys = walkKeys(ref.T);
  expect(keys).toHaveLength(57);
  const label = page.getByTestId('step-label');
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    await expect(label).toHaveAttribute('data-step', key);
    await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', key);
    const detail = detailOf(key);
    if (detail) await expect(page.getByTestId('detail-panel')).toHaveAttribute('data-detail', detail);
    else await expect(page.getByTestId('detail-panel')).toHaveAttribute('data-detail', '');
    const id = key === 'END' ? 'END' : key.split('@')[0];
    // The formula of the step, rendered by KaTeX (HTML and MathML).
    const formula = page.locator(`.formula-panel .formula[data-formula-id="${id}"]`);
    await expect(formula).toHaveCount(1);
    await expect(formula.locator('.katex-html').first()).toBeVisible();
    await expect(formula.locator('.katex-mathml').first()).toHaveCount(1);
    // The narration says the step.
    await expect(page.getByTestId('narration')).toContainText(key === 'END' ? 'Done' : key.startsWith('F') ? 'Forward' : 'Backward');
    // The numbers this step computed are shown, equal to the reference at the shown precision.
    const vec = computedVector(key);
    if (vec) {
      const t = Number(key.split('@')[1]);
      const shown = await cellTexts(page, vec[0], t);
      expect(shown, key).toHaveLength(vec[1].length);
      shown.forEach((s, j) => expect(agrees(s, vec[1][j]), `${key} ${vec[0]}[${j}] shows ${s}, reference ${vec[1][j]}`).toBe(true));
    }
    if (key.startsWith('F5')) {
      const t = Number(key.split('@')[1]);
      const text = await page.locator(`g.loss-box[data-t="${t}"] .loss-value`).textContent();
      expect(agrees((text ?? '').replace(/^\s*=\s*/, ''), ref.steps[t - 1].loss), `L${t}: ${text}`).toBe(true);
      await expect(page.getByTestId('narration')).toContainText(`L⁽${'⁰¹²³⁴⁵⁶⁷⁸⁹'[t]}⁾ = `);
    }
    if (key.startsWith('G')) {
      const [gid, ts] = key.split('@');
      const shown = await page.getByTestId('contribution-grid').locator('text.grid-num').allTextContents();
      const expected = refContribution(gid, Number(ts));
      expect(shown).toHaveLength(expected.length);
      shown.forEach((s, j) => expect(agrees(s, expected[j]), `${key} term[${j}] ${s} vs ${expected[j]}`).toBe(true));
    }
    // What the next step computes is not shown yet.
    const next = keys[i + 1] && computedVector(keys[i + 1]);
    if (next) {
      const t = Number(keys[i + 1].split('@')[1]);
      await expect(page.locator(`g.stack[data-q="${next[0]}"][data-t="${t}"]`)).toHaveAttribute('data-visible', 'false');
    }
    if (i < keys.length - 1) await page.keyboard.press('ArrowRight');
  }
  await expect(page.getByTestId('total-loss')).toHaveText('L = 5.2020');
  // Back to the start: each value disappears again as the walk un-computes it.
  for (let i = keys.length - 1; i > 0; i--) {
    await expect(label).toHaveAttribute('data-step', keys[i]);
    const vec = computedVector(keys[i]);
    if (vec) {
      const t = Number(keys[i].split('@')[1]);
      await expect(page.locator(`g.stack[data-q="${vec[0]}"][data-t="${t}"]`)).toHaveAttribute('data-visible', 'true');
    }
    await page.keyboard.press('ArrowLeft');
    if (vec) {
      const t = Number(keys[i].split('@')[1]);
      await expect(page.locator(`g.stack[data-q="${vec[0]}"][data-t="${t}"]`)).toHaveAttribute('data-visible', 'false');
    }
  }
  await expect(label).toHaveAttribute('data-step', 'F1@1');
  expect(errors).toEqual([]);
});

test('a fast walk (a press every 50 ms) shows one step, whole, in every frame, and rests on the right one', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const T = 64;
  const text = 'the quick brown fox jumps over the lazy dog while seven wizards hum';
  await open(page, `./#text=${encodeURIComponent(text.slice(0, T + 1))}&hidden=8&scale=0.5&seed=3&step=B1@40`);
  // Every painted frame: the step label, the formula panel, the detail panel and the narration name one step.
  await page.evaluate(() => {
    const w = window as unknown as { mixed: string[]; frames: number };
    w.mixed = [];
    w.frames = 0;
    const loop = () => {
      const keys = [...document.querySelectorAll('[data-step]')].map((e) => e.getAttribute('data-step'));
      if (new Set(keys).size !== 1) w.mixed.push(keys.join(' '));
      w.frames++;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  const presses = [...Array(30).fill('ArrowRight'), ...Array(12).fill('ArrowLeft'), 'PageDown', 'PageDown', 'ArrowRight'];
  for (const key of presses) {
    await page.keyboard.press(key);
    await page.waitForTimeout(50);
  }
  // At rest: B1@40 + 30 − 12 = 18 fine steps on (B2@39 …), two t down, one step on.
  const keys = walkKeys(T);
  const expected = keys[keys.indexOf('B1@40') + 30 - 12 + 18 + 1];
  for (const sel of ['[data-testid="step-label"]', '.formula-panel', '[data-testid="detail-panel"]', '[data-testid="narration"]'])
    await expect(page.locator(sel)).toHaveAttribute('data-step', expected);
  await expect(page).toHaveURL(new RegExp(`step=${expected}`));
  const { mixed, frames } = await page.evaluate(() => {
    const w = window as unknown as { mixed: string[]; frames: number };
    return { mixed: w.mixed, frames: w.frames };
  });
  expect(frames).toBeGreaterThan(20);
  expect(mixed).toEqual([]);
  expect(errors).toEqual([]);
});

test('the step is kept in the URL and survives a reload', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './');
  await page.keyboard.press('End');
  for (let i = 0; i < 17; i++) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@2');
  await expect(page).toHaveURL(/#preset=hello&step=B3@2$/);
  await page.reload();
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'B3@2');
  await expect(page.locator('.formula-panel .formula[data-formula-id="B3"]')).toHaveCount(1);
  // A shared link opens at its step too.
  await open(page, './#preset=hello&step=F4@3');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'F4@3');
  expect(errors).toEqual([]);
});

test('Home, End, PageUp, PageDown, Space and the coarse walk', async ({ page }) => {
  await open(page, './#preset=hello&step=F2@1');
  const label = page.getByTestId('step-label');
  await page.keyboard.press('PageDown');
  await expect(label).toHaveAttribute('data-step', 'F2@2');
  await page.keyboard.press('PageDown');
  await expect(label).toHaveAttribute('data-step', 'F2@3');
  await page.keyboard.press('PageUp');
  await expect(label).toHaveAttribute('data-step', 'F2@2');
  await page.keyboard.press('End');
  await expect(label).toHaveAttribute('data-step', 'END');
  await page.keyboard.press('PageUp');
  await expect(label).toHaveAttribute('data-step', 'B1@1');
  await page.keyboard.press('Home');
  await expect(label).toHaveAttribute('data-step', 'F1@1');
  // Space plays (one step per 1.4 s at 1×; 4× here) and pauses.
  await page.getByLabel('Playback speed').selectOption('4');
  await page.keyboard.press('Space');
  await expect(page.locator('button.play')).toHaveAttribute('aria-pressed', 'true');
  await expect(label).not.toHaveAttribute('data-step', 'F1@1', { timeout: 3000 });
  await page.keyboard.press('Space');
  await expect(page.locator('button.play')).toHaveAttribute('aria-pressed', 'false');
  // Once paused, the address names the step it paused on.
  const paused = await label.getAttribute('data-step');
  await expect(page).toHaveURL(new RegExp(`&step=${paused}$`));
  // The coarse walk: one stop per t and phase, 2T + 1 stops in all.
  await page.keyboard.press('Home');
  await page.getByRole('radio', { name: 'coarse' }).click();
  const stops: string[] = [];
  for (let i = 0; i < 2 * ref.T + 1; i++) {
    stops.push((await label.getAttribute('data-step')) ?? '');
    await page.keyboard.press('ArrowRight');
  }
  expect(stops).toEqual(['F5@1', 'F5@2', 'F5@3', 'F5@4', 'G5@4', 'G5@3', 'G5@2', 'G5@1', 'END']);
  // With a drop-down focused (a scenario just picked), ← → still walk and leave the scenario alone.
  await page.getByRole('radio', { name: 'fine' }).click();
  await page.keyboard.press('Home');
  await page.getByLabel('Scenario').focus();
  await page.keyboard.press('ArrowRight');
  await expect(label).toHaveAttribute('data-step', 'F2@1');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await expect(label).toHaveAttribute('data-step', 'F2@1');
  await expect(page.getByLabel('Scenario')).toHaveValue('hello');
  await expect(page.getByLabel('Scenario')).toBeFocused();
  // A coarse stop shows every formula of its group.
  await open(page, './#preset=hello&step=F5@2&mode=coarse');
  await expect(page.locator('.formula-panel .formula')).toHaveCount(5);
});

test('the scrubber: a slider that a press, a drag or the keys move, with the step in words under it', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './#preset=hello&step=F1@1');
  const label = page.getByTestId('step-label');
  const slider = page.getByRole('slider', { name: 'Step' });
  const keys = walkKeys(ref.T);
  const last = keys.length - 1;
  // A native range input over the fine steps, whose value says the step in words.
  await expect(slider).toHaveAttribute('type', 'range');
  await expect(slider).toHaveAttribute('min', '0');
  await expect(slider).toHaveAttribute('max', String(last));
  await expect(slider).toHaveAttribute('step', '1');
  await expect(slider).toHaveValue('0');
  await expect(slider).toHaveAttribute('aria-valuetext', 'Forward · t = 1 · F1');
  // The label under it is text.
  await expect(label).toHaveText('Forward · t = 1 · F1');
  // A press near the right end goes to the last step, and the label follows.
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.click(box.x + box.width - 2, y);
  await expect(label).toHaveAttribute('data-step', 'END');
  await expect(slider).toHaveValue(String(last));
  await expect(label).toHaveText('End: total loss and gradients');
  await expect(slider).toHaveAttribute('aria-valuetext', 'End: total loss and gradients');
  // A drag from the left end to the middle moves the walk while the button is still down.
  await page.mouse.move(box.x + 2, y);
  await page.mouse.down();
  await expect(label).toHaveAttribute('data-step', 'F1@1');
  await page.mouse.move(box.x + box.width / 4, y, { steps: 3 });
  await expect(label).not.toHaveAttribute('data-step', 'F1@1');
  await page.mouse.move(box.x + box.width / 2, y, { steps: 3 });
  await page.mouse.up();
  const middle = Number(await slider.inputValue());
  expect(Math.abs(middle - last / 2)).toBeLessThanOrEqual(1);
  await expect(label).toHaveAttribute('data-step', keys[middle]);
  // The thumb sits under the pointer: in a one-pixel row of the page 3 px below the
  // slider's top (above the track, so only the thumb is drawn there), the inked
  // pixels are centred on the pointer.
  const row = await page.screenshot({ clip: { x: box.x, y: box.y + 3, width: box.width, height: 1 }, scale: 'css' });
  const thumbX = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = 1;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, 1).data;
    const inked: number[] = [];
    for (let x = 0; x < c.width; x++) if (d[4 * x] + d[4 * x + 1] + d[4 * x + 2] < 600) inked.push(x);
    return inked.length ? (inked[0] + inked[inked.length - 1] + 1) / 2 : NaN;
  }, row.toString('base64'));
  expect(Math.abs(box.x + thumbX - (box.x + box.width / 2))).toBeLessThan(box.width / last);
  // With the focus on it, ↑ and → step on, ↓ and ← back, each by one step, and the page does not scroll.
  await expect(slider).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(slider).toHaveValue(String(middle + 1));
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue(String(middle + 2));
  await expect(label).toHaveAttribute('data-step', keys[middle + 2]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue(String(middle));
  await page.keyboard.press('PageDown');
  await expect(slider).toHaveValue(String(middle + 9));
  await page.keyboard.press('Home');
  await expect(slider).toHaveValue('0');
  await page.keyboard.press('End');
  await expect(slider).toHaveValue(String(last));
  expect(await page.evaluate(() => document.scrollingElement?.scrollTop ?? 0)).toBe(0);
  // The coarse walk marks its stops under the track; a press, a drag and ↑ ↓ land on stops only.
  await expect(page.locator('.scrub-ticks')).toHaveCount(0);
  await page.getByRole('radio', { name: 'coarse' }).click();
  await expect(page.locator('.scrub-ticks path')).toHaveAttribute('d', /^(M[\d.]+ 0V6){9}$/);
  const coarse = (v: string) => /^(F5@\d|G5@\d|END)$/.test(keys[Number(v)]);
  await page.mouse.click(box.x + 8 + 0.1 * (box.width - 16), y);
  await expect(label).toHaveAttribute('data-step', /^F5@/);
  expect(coarse(await slider.inputValue())).toBe(true);
  await page.mouse.down();
  await page.mouse.move(box.x + 0.6 * box.width, y, { steps: 4 });
  await page.mouse.up();
  await expect(label).toHaveAttribute('data-step', /^G5@/);
  expect(coarse(await slider.inputValue())).toBe(true);
  const stops = keys.filter((_, j) => coarse(String(j)));
  const at = stops.indexOf((await label.getAttribute('data-step')) ?? '');
  await page.keyboard.press('ArrowDown');
  await expect(label).toHaveAttribute('data-step', stops[at - 1]);
  await page.keyboard.press('ArrowUp');
  await expect(label).toHaveAttribute('data-step', stops[at]);
  // How the controls look, wide and on a phone (look at them).
  await page.getByRole('radio', { name: 'fine' }).click();
  await page.goto('./#preset=hello&step=B3@2');
  await expect(label).toHaveAttribute('data-step', 'B3@2');
  await page.evaluate(() => document.fonts.ready);
  await page.locator('.app-footer').screenshot({ path: 'e2e/screenshots/controls.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(label).toHaveText('Backward · t = 2 · B3');
  await page.locator('.app-footer').screenshot({ path: 'e2e/screenshots/controls-phone.png' });
  expect(errors).toEqual([]);
});

test('screenshots of a forward step, a B3 step and the final step at 1280×720', async ({ page }) => {
  for (const [step, name] of [
    ['F1@3', 'stepper-forward-F1'],
    ['B3@2', 'stepper-backward-B3'],
    ['END', 'stepper-final'],
  ]) {
    await open(page, `./#preset=hello&step=${step}`);
    await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', step);
    await page.evaluate(() => document.fonts.ready);
    await shot(page, name);
  }
});

test('T = 64 keeps the current column in view and nothing overlaps', async ({ page }) => {
  const text = 'the quick brown fox jumps over the lazy dog while seven wizards hum';
  await open(page, `./#text=${encodeURIComponent(text.slice(0, 65))}&hidden=8&scale=0.5&seed=3&step=F3@60`);
  await expect(page.getByTestId('sizes')).toContainText('T = 64');
  const col = page.locator('g.column[data-column="60"]');
  await expect(col).toBeInViewport();
  // Only the columns near the visible window are drawn, and they do not overlap.
  const boxes = await page.locator('g.column').evaluateAll((els) =>
    els.map((e) => {
      const b = (e as SVGGElement).getBBox();
      return { x: b.x, width: b.width, t: Number(e.getAttribute('data-column')) };
    }),
  );
  expect(boxes.length).toBeGreaterThan(3);
  expect(boxes.length).toBeLessThan(30);
  expect(boxes.map((b) => b.t)).toContain(60);
  for (let i = 1; i < boxes.length; i++) expect(boxes[i].x).toBeGreaterThanOrEqual(boxes[i - 1].x + boxes[i - 1].width - 0.5);
  await page.keyboard.press('Home');
  await expect(page.locator('g.column[data-column="1"]')).toBeInViewport();
  await expect(page.locator('g.column[data-column="60"]')).toHaveCount(0);
  // Scrolling by hand brings the columns in.
  await page.getByTestId('diagram').evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(page.locator('g.column[data-column="64"]')).toBeInViewport();
  await shot(page, 'stepper-T64');
});

test('hovering a formula term highlights its diagram element, and an element its term', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './#preset=hello&step=F1@3');
  await page.locator('.formula-panel .formula-row.at-t [data-term="h@2"]').first().hover();
  await expect(page.locator('g.stack[data-q="h"][data-t="2"]')).toHaveClass(/hovered/);
  await page.locator('g.stack[data-q="a"][data-t="3"] rect.cell').first().hover();
  await expect(page.locator('g.stack[data-q="a"][data-t="3"]')).toHaveClass(/hovered/);
  await expect
    .poll(() => page.locator('.formula-panel .formula-row.at-t [data-term="a@3"]').first().evaluate((el) => getComputedStyle(el).outlineStyle))
    .toBe('solid');
  // The tooltip always gives the exact value, whatever the cell size.
  await expect(page.locator('.tooltip')).toContainText('a⁽³⁾');
  await expect(page.locator('.tooltip')).toContainText('0.8417');
  // A value not computed yet says so.
  await page.locator('g.stack[data-q="gradH"][data-t="3"] rect.cell').first().hover();
  await expect(page.locator('.tooltip')).toContainText('not computed yet');
  // The side facts are reachable from the steps that use them.
  await open(page, './#preset=hello&step=B4@2');
  await page.locator('.formula-panel details[data-fact="J3"] summary').click();
  await expect(page.locator('.formula-panel details[data-fact="J3"] .katex')).toBeVisible();
  expect(errors).toEqual([]);
});

test('while the walk rests the next and previous stops are made ahead, hidden and inert; a press shows the one made; autoplay keeps one', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './#preset=hello&step=F3@2');
  const sheets = page.locator('.formula-sheet');
  await expect(sheets).toHaveCount(3);
  // The hidden ones are out of reach: inert, aria-hidden, not visible, no data-step.
  for (const i of [0, 2]) {
    await expect(sheets.nth(i)).toHaveAttribute('inert', '');
    await expect(sheets.nth(i)).toHaveAttribute('aria-hidden', 'true');
    await expect(sheets.nth(i)).toBeHidden();
    await expect(sheets.nth(i)).not.toHaveAttribute('data-step');
  }
  await expect(sheets.nth(1)).toHaveAttribute('data-step', 'F3@2');
  // Mark the sheet made for F4@2; the press shows that very element, its numbers those of F4.
  await sheets.nth(2).evaluate((el) => el.setAttribute('data-made-ahead', ''));
  await page.keyboard.press('ArrowRight');
  const panel = page.locator('.formula-panel');
  await expect(panel).toHaveAttribute('data-step', 'F4@2');
  await expect(panel).toHaveAttribute('data-made-ahead', '');
  await expect(panel.locator('.formula[data-formula-id="F4"]')).toBeVisible();
  await expect(sheets).toHaveCount(3);
  await page.getByLabel('Playback speed').selectOption('4');
  await page.keyboard.press('Space');
  await expect(page.locator('button.play')).toHaveAttribute('aria-pressed', 'true');
  await expect(sheets).toHaveCount(1);
  await page.keyboard.press('Space');
  await expect(sheets).toHaveCount(3);
  expect(errors).toEqual([]);
});

test('a fact opened stays open on the next step that shows it, and the keyboard focus stays on it through the walk', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await open(page, './#preset=hello&step=B4@2');
  const fact = page.locator('.formula-panel details[data-fact="J3"]');
  await fact.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(fact).toHaveAttribute('open', '');
  // B5 shows J3 too: open there, and the summary of the step shown has the focus (not the page, not a hidden step).
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', 'B5@2');
  await expect(fact).toHaveAttribute('open', '');
  await expect(fact.locator('summary')).toBeFocused();
  await expect(fact.locator('.katex')).toBeVisible();
  // A step without it: the focus goes to the formula shown; back, J3 is still open.
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', 'G1@2');
  expect(await page.evaluate(() => document.activeElement?.closest('.formula-panel') !== null)).toBe(true);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', 'B4@2');
  await expect(fact).toHaveAttribute('open', '');
  // Closed, it is closed everywhere.
  await fact.locator('summary').click();
  await page.keyboard.press('ArrowRight');
  await expect(fact).not.toHaveAttribute('open', '');
  expect(errors).toEqual([]);
});

test('a refused scenario file names the field and keeps what was shown', async ({ page }) => {
  await open(page, './#preset=hello&step=F2@2');
  const bad = JSON.stringify({ format: 'bptt-scenario/1', x: [[1, 0]], y: [7], params: { U: [[1, 0]], W: [[0.5]], V: [[1], [2]], b: [0], c: [0, 0] } });
  await page.getByTestId('file-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await expect(page.getByRole('alert')).toContainText('y[0] = 7 is not a class index 0…1');
  await expect(page.getByTestId('total-loss')).toHaveText('L = 5.2020');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'F2@2');
  // A good file replaces the scenario; its link reopens it after a reload.
  const good = JSON.stringify({ format: 'bptt-scenario/1', title: 'two steps', x: [[1, 0], [0, 1]], y: [1, 0], params: { U: [[1, 0]], W: [[0.5]], V: [[1], [2]], b: [0], c: [0, 0] } });
  await page.getByTestId('file-input').setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await expect(page.getByTestId('scenario-title')).toHaveText('two steps');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(page).toHaveURL(/#file=good\.json&step=END$/);
  await page.reload();
  await expect(page.getByTestId('scenario-title')).toHaveText('two steps');
  await expect(page.getByTestId('step-label')).toHaveAttribute('data-step', 'END');
});

test('a character model generated from a text', async ({ page }) => {
  await open(page, './');
  await page.getByRole('button', { name: 'New from text…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New character model' });
  await dialog.getByLabel('text').fill('abba');
  await dialog.getByLabel('hidden size n').fill('2');
  await dialog.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByTestId('sizes')).toHaveText('T = 3 · n = 2 · m = 2 · k = 2');
  await expect(page).toHaveURL(/#text=abba&hidden=2&scale=0.8&seed=1&step=F1@1$/);
});

test('a formula wider than the panel is scaled to fit, whether opened or stepped to, and long vectors stay full size', async ({ page }) => {
  // n = 6 and m = 6: the numbers are written out, and B3's row of matrices is wider than the panel.
  const hash = `text=${encodeURIComponent('abcdefab')}&hidden=6&scale=0.5&seed=1`;
  const fits = () =>
    page.evaluate(() => {
      const row = document.querySelector<HTMLElement>('.formula-panel .formula-row.numeric');
      const html = row?.querySelector('.katex-html');
      const side = document.querySelector<HTMLElement>('.side-pane');
      if (!row || !html || !side) return null;
      const r = row.getBoundingClientRect();
      const h = html.getBoundingClientRect();
      return {
        fitted: row.classList.contains('fitted'),
        inside: h.left >= r.left - 0.5 && h.right <= r.right + 0.5 && h.bottom <= r.bottom + 0.5,
        // Centred: the margins left and right of the formula differ by under a pixel.
        centred: Math.abs(h.left - r.left - (r.right - h.right)) < 1,
        sideScrolls: side.scrollWidth > side.clientWidth,
      };
    });
  // Stepped to (B5@4, then G1…G5 at t = 4, B1@3, B3@3): measured while it comes in hidden, before it is shown.
  await open(page, `./#${hash}&step=B5@4`);
  for (let k = 0; k < 7; k++) await page.keyboard.press('ArrowRight');
  await expect(page.locator('.formula-panel')).toHaveAttribute('data-step', 'B3@3');
  // (Rows are fitted once KaTeX's fonts are in, which may be a moment after the step is.)
  await expect.poll(fits).toEqual({ fitted: true, inside: true, centred: true, sideScrolls: false });
  // Opened at the step (a fresh page, nothing measured yet): measured once the row is shown.
  await page.reload();
  await page.locator('.formula-panel[data-step="B3@3"]').waitFor({ state: 'attached' });
  await expect.poll(fits).toEqual({ fitted: true, inside: true, centred: true, sideScrolls: false });
  // n = 16: the numeric row is a summary (four entries, ⋯, the last, the norm) that needs no scaling.
  await open(page, `./#text=${encodeURIComponent('pack my box with five dozen jugs!')}&hidden=16&scale=0.5&seed=1&step=B3@20`);
  const summary = page.locator('.formula-panel .formula-row.numeric');
  await expect(summary).not.toHaveClass(/fitted/);
  await expect(summary).toContainText('⋯');
  await shot(page, 'formula-fit-n16');
});
