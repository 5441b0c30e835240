import { chromium } from '@playwright/test';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1280, height: 720 } });
await p.goto(`http://127.0.0.1:4991/?motion=1#text=pack%20my%20box%20with%20five%20dozen%20jugs!&hidden=16&scale=0.5&seed=1&step=B1@32`);
await p.waitForSelector('html[data-ready="true"]', { state: 'attached' });
await p.waitForTimeout(1500);
const cdp = await p.context().newCDPSession(p);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await p.selectOption('select[aria-label="Playback speed"]', '4');
await p.evaluate(() => document.activeElement.blur());
await p.keyboard.press('Space');
for (let i = 0; i < 12; i++) {
  await p.waitForTimeout(5000);
  const h = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  console.log(`${(i + 1) * 5}s heap used ${(h.usedSize / 1e6).toFixed(1)} MB total ${(h.totalSize / 1e6).toFixed(1)} MB; nodes ${dom.nodes} docs ${dom.documents} listeners ${dom.jsEventListeners}`);
}
await b.close();
