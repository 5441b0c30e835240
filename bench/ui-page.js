// In-page instrumentation for bench/ui.bench.ts, injected with page.addInitScript
// before the app loads. Plain JavaScript on purpose: tsx compiles the bench with
// esbuild's keepNames, whose `__name` helper does not exist in the page, so
// functions passed to page.evaluate stay one-liners that call window.__uiBench.
//
// Keypress → next painted frame, per press (all times in performance.now() ms):
//   t0        the keydown event's timeStamp (when the browser created the event)
//   tListener our capture-phase listener on window runs (first listener of the event)
//   tHandled  a microtask queued from a bubble-phase listener registered after the
//             app's own: the app's handler, the zustand update and React's
//             synchronous re-render (scheduled in a microtask before ours) are done
//   tRaf      the first requestAnimationFrame callback after the event
//   tPainted  a MessageChannel task posted from that rAF callback: it runs once the
//             frame's rendering (rAF callbacks, style, layout, paint, commit to the
//             compositor) is over — the usual "next paint" approximation.
// Event Timing entries (PerformanceObserver type 'event', durationThreshold 16)
// and long-animation-frame entries are collected beside, as a cross-check.
(() => {
  const state = {
    armed: false,
    pending: null,
    presses: [],
    events: [],
    loafs: [],
    frames: null,
    frameLoop: false,
  };

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name !== 'keydown') continue;
        state.events.push({ startTime: e.startTime, duration: e.duration, processingStart: e.processingStart, processingEnd: e.processingEnd });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch {
    // Event Timing unsupported: the rAF + MessageChannel figures stand alone.
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        state.loafs.push({
          startTime: e.startTime,
          duration: e.duration,
          renderStart: e.renderStart,
          styleAndLayoutStart: e.styleAndLayoutStart,
          blockingDuration: e.blockingDuration,
          scripts: (e.scripts || []).map((s) => ({
            invoker: s.invoker,
            invokerType: s.invokerType,
            duration: s.duration,
            forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration,
            sourceFunctionName: s.sourceFunctionName,
            sourceCharPosition: s.sourceCharPosition,
          })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No LoAF: nothing to attribute long frames with.
  }

  const isStepKey = (k) => k === 'ArrowRight' || k === 'ArrowLeft';
  // The diagram's scroller, kept between presses (a whole-document querySelector is costly at 4×).
  let diagramEl = null;
  const diagram = () => {
    if (!diagramEl || !diagramEl.isConnected) diagramEl = document.querySelector('[data-testid=diagram]');
    return diagramEl;
  };
  let bubbleInstalled = false;

  addEventListener(
    'keydown',
    (e) => {
      if (!state.armed || !isStepKey(e.key)) return;
      // scrollLeft is read before the app's handler runs: layout is clean then, reading it forces nothing.
      const scroller = diagram();
      const left0 = scroller ? scroller.scrollLeft : 0;
      const rec = { key: e.key, t0: e.timeStamp, tListener: performance.now(), tHandled: NaN, tRaf: NaN, tPainted: NaN, scrolled: false };
      state.current = rec;
      state.pending = new Promise((resolve) => {
        requestAnimationFrame(() => {
          rec.tRaf = performance.now();
          const ch = new MessageChannel();
          ch.port1.onmessage = () => {
            rec.tPainted = performance.now();
            rec.scrolled = scroller !== null && scroller.scrollLeft !== left0;
            ch.port1.close();
            resolve(rec);
          };
          ch.port2.postMessage(null);
        });
      });
    },
    true,
  );

  // The label element is kept between calls: a querySelector over the whole
  // document costs ~10 ms at 4× throttle once the diagram has ~38 000 elements.
  let labelEl = null;
  const label = () => {
    if (!labelEl || !labelEl.isConnected) labelEl = document.querySelector('[data-testid=step-label]');
    return labelEl;
  };
  const step = () => label()?.getAttribute('data-step') ?? null;
  // The formula panel likewise (the settle loop reads it every frame).
  let panelEl = null;
  const panel = () => {
    if (!panelEl || !panelEl.isConnected) panelEl = document.querySelector('.formula-panel');
    return panelEl;
  };
  const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r()));

  window.__uiBench = {
    /** Starts measuring arrow presses (the app's keydown listener exists by now). */
    arm() {
      if (!bubbleInstalled) {
        bubbleInstalled = true;
        addEventListener('keydown', (e) => {
          const rec = state.current;
          if (!state.armed || !rec || !isStepKey(e.key)) return;
          queueMicrotask(() => {
            rec.tHandled = performance.now();
          });
        });
      }
      state.armed = true;
    },
    disarm() {
      state.armed = false;
    },
    step,
    /** Waits for the press just sent to be painted, the label to read `expected` and the page to settle; then `phaseMs`. */
    async settle(expected, timeoutMs, phaseMs = 0) {
      const rec = state.pending ? await state.pending : null;
      state.pending = null;
      state.current = null;
      const deadline = performance.now() + timeoutMs;
      while (step() !== expected) {
        if (performance.now() > deadline) throw new Error(`step label reads ${step()}, expected ${expected}`);
        await nextFrame();
      }
      // Let the page settle before the next press, as between a person's presses: the
      // formula panel renders one frame after the diagram (useAfterPaint) and must
      // have caught up, or the next press would be measured waiting behind it.
      const panelStep = () => panel()?.getAttribute('data-step');
      while (panelStep() !== undefined && panelStep() !== null && panelStep() !== expected) {
        if (performance.now() > deadline) throw new Error(`formula panel reads ${panelStep()}, expected ${expected}`);
        await nextFrame();
      }
      // …and the work it queued for idle time (rendering the neighbouring steps' formulas) is done.
      await new Promise((resolve) => (window.requestIdleCallback ? requestIdleCallback(() => resolve(), { timeout: 1000 }) : setTimeout(resolve, 50)));
      await nextFrame();
      await nextFrame();
      // The next press lands at a random phase of the refresh, not right after a frame.
      if (phaseMs > 0) await new Promise((resolve) => setTimeout(resolve, phaseMs));
      return rec;
    },
    /** Waits until the label reads `expected` (after a hash change) and two frames went by. */
    async waitStep(expected, timeoutMs) {
      const deadline = performance.now() + timeoutMs;
      while (step() !== expected) {
        if (performance.now() > deadline) throw new Error(`step label reads ${step()}, expected ${expected}`);
        await nextFrame();
      }
      await nextFrame();
      await nextFrame();
    },
    takeEvents() {
      const out = state.events;
      state.events = [];
      return out;
    },
    takeLoafs() {
      const out = state.loafs;
      state.loafs = [];
      return out;
    },
    /** Counts DOM mutations (by type and attribute name) until takeMutations(). */
    watchMutations() {
      state.mutations = {};
      state.mutationObserver?.disconnect();
      state.mutationObserver = new MutationObserver((records) => {
        for (const r of records) {
          const k = r.type === 'attributes' ? `attr ${r.attributeName}` : r.type === 'childList' ? 'childList' : 'characterData';
          state.mutations[k] = (state.mutations[k] || 0) + 1;
          if (r.type === 'childList') state.mutations['nodes added'] = (state.mutations['nodes added'] || 0) + r.addedNodes.length;
        }
      });
      state.mutationObserver.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    takeMutations() {
      for (const r of state.mutationObserver?.takeRecords() ?? []) {
        const k = r.type === 'attributes' ? `attr ${r.attributeName}` : r.type === 'childList' ? 'childList' : 'characterData';
        state.mutations[k] = (state.mutations[k] || 0) + 1;
      }
      state.mutationObserver?.disconnect();
      state.mutationObserver = null;
      return state.mutations || {};
    },
    /**
     * Records every frame's rAF timestamp until stopFrames(), and what the page
     * changed since the previous frame (a MutationObserver, bits): 1 the step
     * label, 2 the formula panel's DOM, 4 the rest of the side pane, 8 the
     * diagram's layers and canvas, 16 the gradient flow (d3); with 2, the stage
     * of an incoming formula row: 32 made, 64 laid out, 128 shown.
     */
    startFrames(mark = false) {
      state.frames = [];
      state.frameTags = [];
      state.frameLoop = true;
      let tags = 0;
      const where = (node) => {
        const el = node.nodeType === 1 ? node : node.parentElement;
        if (!el) return 0;
        if (el.closest('[data-testid=step-label]')) return 1;
        if (el.closest('.formula-panel')) return 2;
        if (el.closest('.side-pane')) return 4;
        if (el.closest('.flow-layer')) return 16;
        if (el.closest('[data-testid=diagram]')) return 8;
        return 0;
      };
      state.frameObserver?.disconnect();
      // A formula row's stages (FormulaPanel's useStagedRows): 32 made, 64 laid out, 128 shown.
      const stage = (r) => {
        if (r.type === 'childList') {
          for (const n of r.addedNodes) if (n.nodeType === 1 && n.classList.contains('incoming')) return 32;
          return 0;
        }
        if (r.type !== 'attributes' || r.attributeName !== 'class' || r.target.nodeType !== 1 || !r.target.classList.contains('tex')) return 0;
        const was = r.oldValue || '';
        if (was.includes('unlaid') && !r.target.classList.contains('unlaid')) return 64;
        if (was.includes('incoming') && !r.target.classList.contains('incoming')) return 128;
        return 0;
      };
      state.frameObserver = new MutationObserver((records) => {
        for (const r of records) {
          const w = where(r.target);
          tags |= w;
          if (w === 2) tags |= stage(r);
        }
      });
      state.frameObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeOldValue: true, characterData: true });
      // A loop of an earlier startFrames() whose rAF is still pending stops at its next
      // frame instead of running on beside this one (which would record every frame twice).
      const generation = (state.frameGeneration = (state.frameGeneration || 0) + 1);
      const loop = (ts) => {
        if (!state.frameLoop || state.frameGeneration !== generation) return;
        state.frames.push(ts);
        state.frameTags.push(tags);
        // For bench/ui-profile: the frame's tags in the trace, at its rAF.
        if (mark) console.timeStamp(`frame ${tags}`);
        tags = 0;
        requestAnimationFrame(loop);
      };
      requestAnimationFrame(loop);
    },
    stopFrames() {
      state.frameLoop = false;
      state.frameObserver?.disconnect();
      state.frameObserver = null;
      const out = state.frames || [];
      state.frames = null;
      return out;
    },
    /** The change bits of the frames of the last startFrames() (see there). */
    frameTags() {
      return state.frameTags || [];
    },
  };
})();
