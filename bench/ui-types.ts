/** What bench/ui-page.js puts in the page (window.__uiBench), for bench/ui.bench.ts and bench/ui-profile.ts. */

/** One press as measured in the page (bench/ui-page.js), in performance.now() ms. */
export interface PressRecord {
  key: string;
  t0: number;
  tListener: number;
  tHandled: number;
  tRaf: number;
  tPainted: number;
  /** Whether the diagram scrolled (to keep the current t in view) by the time the frame was painted. */
  scrolled: boolean;
}
export interface EventEntry {
  startTime: number;
  duration: number;
  processingStart: number;
  processingEnd: number;
}
export interface LoafScript {
  invoker: string;
  invokerType: string;
  duration: number;
  forcedStyleAndLayoutDuration: number;
  sourceFunctionName: string;
  sourceCharPosition: number;
}
export interface LoafEntry {
  startTime: number;
  duration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  blockingDuration: number;
  scripts: LoafScript[];
}
export interface UiBenchApi {
  arm(): void;
  disarm(): void;
  step(): string | null;
  settle(expected: string, timeoutMs: number, phaseMs?: number): Promise<PressRecord | null>;
  waitStep(expected: string, timeoutMs: number): Promise<void>;
  takeEvents(): EventEntry[];
  takeLoafs(): LoafEntry[];
  watchMutations(): void;
  takeMutations(): Record<string, number>;
  /** mark: a console.timeStamp per frame with its tags (for the trace of bench/ui-profile). */
  startFrames(mark?: boolean): void;
  stopFrames(): number[];
  frameTags(): number[];
}
declare global {
  interface Window {
    __uiBench: UiBenchApi;
  }
}
