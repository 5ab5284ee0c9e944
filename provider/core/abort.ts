// One AbortSignal that fires when any of several signals does, or after a timeout — with listeners removed
// on dispose (AbortSignal.any keeps composite signals alive on long-lived parents in Node 20).

/** setTimeout's largest delay; longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;

export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Whether the timeout (rather than a parent signal) fired. */
  timedOut(): boolean;
  /** Stops the timer and detaches from the parents. */
  dispose(): void;
}

export function linkSignals(parents: ReadonlyArray<AbortSignal | undefined>, timeoutMs?: number): LinkedSignal {
  const controller = new AbortController();
  let timedOut = false;
  const live = parents.filter((s): s is AbortSignal => s !== undefined);
  const onAbort = (event: Event): void => controller.abort((event.target as AbortSignal).reason);
  for (const s of live) {
    if (s.aborted) controller.abort(s.reason);
    else s.addEventListener("abort", onAbort, { once: true });
  }
  const timer =
    timeoutMs === undefined
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
      for (const s of live) s.removeEventListener("abort", onAbort);
    },
  };
}
