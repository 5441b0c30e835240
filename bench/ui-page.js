// In-page side of bench/ui.bench.ts, injected with page.addInitScript before the
// app loads (plain JavaScript: functions tsx compiles get an esbuild `__name`
// helper the page lacks, so the bench's page.evaluate calls stay one-liners).
//
// A press, in performance.now() ms: t0 is the keydown's timeStamp; tDone when
// the step became complete (every [data-step] element reads one value, not the
// one before the press), seen by a MutationObserver; tEnd the end of the frame
// that paints it: a MessageChannel task posted from that frame's rAF callback,
// i.e. after its style, layout and paint. A change made in a task is painted
// by the next frame (our rAF then); one made in a rAF callback of the app's is
// caught right after that callback (requestAnimationFrame is wrapped) and is
// painted by the frame running. Blank page (arm(true)): complete at the keydown.
(() => {
  const raf = window.requestAnimationFrame.bind(window);
  const presses = [];
  let armed = false;
  let floor = false;
  let current = null;
  let els = null; // the [data-step] elements, found again when one comes or goes

  const common = () => {
    els ??= [...document.querySelectorAll('[data-step]')];
    let v = null;
    for (const el of els) {
      const s = el.isConnected ? el.getAttribute('data-step') : null;
      if (s === null || (v !== null && s !== v)) return null;
      v = s;
    }
    return v;
  };
  const endOfFrame = (rec) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      rec.tEnd = performance.now();
      ch.port1.close();
      rec.resolve();
    };
    ch.port2.postMessage(0);
  };
  const touches = (n) => n.nodeType === 1 && (n.hasAttribute('data-step') || (n.firstElementChild !== null && n.querySelector('[data-step]') !== null));
  const onRecords = (records, inFrame) => {
    for (const r of records) {
      if (r.type === 'attributes' ? !r.target.hasAttribute('data-step') : [...r.addedNodes, ...r.removedNodes].some(touches)) els = null;
    }
    const rec = current;
    if (!rec || records.length === 0 || !Number.isNaN(rec.tDone)) return;
    const v = common();
    if (v === null || v === rec.from) return;
    rec.tDone = performance.now();
    rec.to = v;
    if (inFrame) endOfFrame(rec);
    else raf(() => endOfFrame(rec));
  };
  const observer = new MutationObserver((records) => onRecords(records, false));
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step'] }));
  window.requestAnimationFrame = (cb) =>
    raf((t) => {
      try {
        cb(t);
      } finally {
        if (current && Number.isNaN(current.tDone)) onRecords(observer.takeRecords(), true);
      }
    });

  addEventListener(
    'keydown',
    (e) => {
      if (!armed || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
      const rec = { t0: e.timeStamp, from: floor ? null : common(), to: null, tDone: NaN, tEnd: NaN };
      rec.ended = new Promise((resolve) => (rec.resolve = resolve));
      presses.push(rec);
      current = rec;
      if (floor) {
        rec.tDone = performance.now();
        raf(() => endOfFrame(rec));
      }
    },
    true,
  );

  const frame = () => new Promise((r) => raf(r));
  const frames = [];
  let frameLoop = 0;
  window.__uiBench = {
    arm(blank = false) {
      armed = true;
      floor = blank;
    },
    /** Press i's record once the frame that completes its step has ended. */
    async done(i, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (!presses[i] && performance.now() < deadline) await frame();
      const rec = presses[i];
      const timeout = new Promise((r) => setTimeout(r, Math.max(0, deadline - performance.now())));
      if (!rec || (await Promise.race([rec.ended.then(() => true), timeout])) !== true) throw new Error(`press ${i}: the page shows ${common()} after ${timeoutMs} ms`);
      return { t0: rec.t0, from: rec.from, to: rec.to, tDone: rec.tDone, tEnd: rec.tEnd };
    },
    /** Resolves once every [data-step] element reads `key` and the page has gone idle (after a load or a hash change). */
    async waitStep(key, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (common() !== key) {
        if (performance.now() > deadline) throw new Error(`the page shows ${common()}, not ${key}`);
        els = null;
        await frame();
      }
      await new Promise((r) => requestIdleCallback(r, { timeout: 2000 }));
      await frame();
      await frame();
    },
    /** Records each frame's rAF time stamp until stopFrames(). */
    startFrames() {
      frames.length = 0;
      const gen = ++frameLoop;
      const loop = (t) => {
        if (gen !== frameLoop) return;
        frames.push(t);
        raf(loop);
      };
      raf(loop);
    },
    stopFrames() {
      frameLoop++;
      return frames.slice();
    },
  };
})();
