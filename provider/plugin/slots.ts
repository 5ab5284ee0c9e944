// How many Invokes run at once. A program may fire hundreds of Invokes together; running them all at once
// would put every page of every one in flight (200 × 8 requests), keep every partial listing in memory until
// the slowest page of each came back, and leave the event loop to garbage collection — the engine's own calls
// (GetPluginInfo, Cancel) then wait seconds. Run a few at a time, first come first served: each finishes, is
// answered and freed before the next starts, and the total time is shorter too (bench 5 measures it).
export class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  /**
   * Resolves with the release function once a slot is free; rejects with the signal's reason if it aborts first.
   * The signal should be the caller's own (one listener is added to it while waiting), not one shared by all.
   */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal.removeEventListener("abort", onAbort);
        resolve(this.releaser());
      };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(grant);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(signal.reason);
      };
      signal.addEventListener("abort", onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight on
      else this.free++;
    };
  }
}
