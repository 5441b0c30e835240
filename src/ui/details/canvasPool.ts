/**
 * Canvases kept for reuse, by pixel size. A new canvas costs Chromium a new
 * backing store and a new shared image at the next commit: four new 16 × 16
 * canvases made a frame about 15 ms longer at 4× CPU throttle, while moving four
 * kept canvases of the same size into a new parent and repainting them cost
 * about 1 ms. Resizing a canvas (width, height) costs as much as a new one,
 * hence one free list per size. The detail panel changes picture at almost every
 * step of the walk and its heatmaps come in a handful of sizes per scenario, so
 * after one round of t nearly every canvas it needs is a kept one.
 */
export class CanvasPool<C> {
  /** Free canvases by size key, least recently released size first (Map order). */
  private readonly free = new Map<string, C[]>();
  private count = 0;

  constructor(
    private readonly create: (width: number, height: number) => C,
    /** Takes a released canvas out of the page. */
    private readonly detach: (canvas: C) => void,
    private readonly perSize = 8,
    private readonly total = 48,
  ) {}

  /** A canvas of exactly width × height pixels: a kept one when there is one. */
  take(width: number, height: number): C {
    const key = `${width}x${height}`;
    const list = this.free.get(key);
    const kept = list?.pop();
    if (kept !== undefined) {
      this.count--;
      if (list!.length === 0) this.free.delete(key);
      return kept;
    }
    return this.create(width, height);
  }

  /** Gives a canvas back (its size key: width × height as taken). Beyond the bounds it is dropped. */
  release(canvas: C, width: number, height: number): void {
    this.detach(canvas);
    const key = `${width}x${height}`;
    const list = this.free.get(key) ?? [];
    if (list.length >= this.perSize) return;
    list.push(canvas);
    // Move the size to the end: the sizes least recently used are dropped first.
    this.free.delete(key);
    this.free.set(key, list);
    this.count++;
    while (this.count > this.total) {
      const [oldKey, oldList] = this.free.entries().next().value as [string, C[]];
      oldList.shift();
      this.count--;
      if (oldList.length === 0) this.free.delete(oldKey);
    }
  }

  /** Free canvases kept now (for tests). */
  get size(): number {
    return this.count;
  }
}
