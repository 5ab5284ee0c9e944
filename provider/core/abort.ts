// One AbortSignal that fires when any of several signals does, or after a timeout — with listeners removed
// on dispose (AbortSignal.any keeps composite signals alive on long-lived parents in Node 20).
//
// However many links are alive at once (200 concurrent Invokes × 8 pages in flight share the plugin's one
// signal), each parent carries a single listener of ours that fans out to the links: a parent never collects
// more than one, so Node never warns "MaxListenersExceededWarning: Possible EventTarget memory leak", and a
// caller's own signal is not crowded with our listeners.

/** setTimeout's largest delay; longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Whether the timeout (rather than a parent signal) fired. */
  timedOut(): boolean;
  /** Stops the timer and detaches from the parents. */
  dispose(): void;
}

type Subscriber = (reason: unknown) => void;

/** Per parent signal: the subscribers its single listener calls. */
const fanOut = new WeakMap<AbortSignal, Set<Subscriber>>();

/** Calls `fn` once when `parent` aborts; returns the unsubscribe. `parent` must not be aborted yet. */
export function onAbort(parent: AbortSignal, fn: Subscriber): () => void {
  let subscribers = fanOut.get(parent);
  if (!subscribers) {
    const set = new Set<Subscriber>();
    subscribers = set;
    fanOut.set(parent, set);
    parent.addEventListener(
      "abort",
      () => {
        fanOut.delete(parent);
        for (const s of [...set]) s(parent.reason);
      },
      { once: true },
    );
  }
  const mine = subscribers;
  mine.add(fn);
  return () => {
    mine.delete(fn);
  };
}

export function linkSignals(parents: ReadonlyArray<AbortSignal | undefined>, timeoutMs?: number): LinkedSignal {
  const controller = new AbortController();
  let timedOut = false;
  const unsubscribes: Array<() => void> = [];
  for (const s of parents) {
    if (s === undefined) continue;
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    unsubscribes.push(onAbort(s, (reason) => controller.abort(reason)));
  }
  const timer =
    timeoutMs === undefined || controller.signal.aborted
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort(new Error("timed out"));
        }, Math.min(Math.max(0, timeoutMs), MAX_TIMER_MS));
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      if (timer) clearTimeout(timer);
      for (const u of unsubscribes) u();
      unsubscribes.length = 0;
    },
  };
}
