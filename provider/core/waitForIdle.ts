// Poll the scheduled tasks until none is in a blocking status, or give up. Written once, used by the
// ScheduledTasksGate (sdk/) and `hwdms scheduled-tasks wait-idle` (CLI).
import * as t from "io-ts";
import { linkSignals } from "./abort";
import { Listing, listScheduledTasks } from "./client";
import { StatusList, TaskStatus, invalid, violations } from "./codecs";
import { DEFAULTS } from "./defaults";
import { ApiError, GateTimeoutError } from "./errors";
import { timeoutMessage } from "./format";
import { ScheduledTask } from "./result";
import { sleep as timerSleep } from "./retry";
import {
  ProgrammaticInterval,
  TimeoutSeconds,
  WAIT_DEFAULTS,
  WaitForIdleOptions,
  WaitForIdleResult,
  WaitTimeoutDetails,
  blockingTasks,
} from "./wait";

/** What the check at the deadline may still take: the whole wait ends within its timeout plus this. */
const LAST_CHECK_MS = 1_000;

/** The wait's own options, in the units users set (seconds), checked in one go. */
const WaitOptionsCodec = t.type({ blockingStatuses: StatusList, timeout: TimeoutSeconds, interval: ProgrammaticInterval });

function checkWaitOptions(options: WaitForIdleOptions): { blockingStatuses: TaskStatus[]; timeoutMs: number; intervalMs: number } {
  const value = {
    blockingStatuses: options.blockingStatuses ?? WAIT_DEFAULTS.blockingStatuses,
    timeout: (options.timeoutMs ?? WAIT_DEFAULTS.timeoutSeconds * 1000) / 1000,
    interval: (options.intervalMs ?? WAIT_DEFAULTS.intervalSeconds * 1000) / 1000,
  };
  const problems = violations(WaitOptionsCodec, value, "input");
  if (problems.length) throw invalid(problems[0]);
  return { blockingStatuses: [...new Set(value.blockingStatuses)] as TaskStatus[], timeoutMs: value.timeout * 1000, intervalMs: value.interval * 1000 };
}

/** Worth another poll: what the transport marked retryable (throttling, 5xx it retries, network failures,
 * timeouts), and a call that ran out of time; not bad credentials, an unknown instance, a malformed or
 * oversized answer, a cancelled call. */
function isTransient(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.retryable === true || e.errorCode === "EDEADLINE");
}

function isTimeout(e: ApiError): boolean {
  return e.errorCode === "ETIMEDOUT" || e.errorCode === "EDEADLINE";
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("The wait was cancelled.");
}

/**
 * Lists the instance's scheduled tasks until none is in a blocking status. Resolves with the idle listing;
 * rejects with a GateTimeoutError (listing the blocking tasks, which it also carries as `blocking`) when
 * `timeoutMs` passes, with a ValidationError for bad input, or with an ApiError for a failure that another
 * poll would not cure (bad credentials, unknown instance). Transient failures are reported through
 * `onProgress` and polled through until the timeout.
 */
export async function waitForIdle(rawArgs: unknown, options: WaitForIdleOptions = {}): Promise<WaitForIdleResult> {
  const { blockingStatuses, timeoutMs, intervalMs } = checkWaitOptions(options);
  const client = options.clientOptions ?? {};
  const signal = options.signal;

  const now = options.clock ?? Date.now;
  const sleep = options.sleep ?? timerSleep;
  const started = now();
  let polls = 0;
  let last: Listing | undefined;
  let lastBlocking: ScheduledTask[] = [];
  let lastError: Error | undefined;
  for (;;) {
    if (signal?.aborted) throw abortReason(signal);
    polls++;
    let listing: Listing | undefined;
    let error: ApiError | undefined;
    const link = linkSignals([signal, client.signal]); // the wait's signal and the client options' one
    // The wait's timeout bounds everything, a hung request included: a poll may take only the time left, and
    // the check at the deadline a last second (a single check, timeout 0, is bounded by the client's deadline).
    const clientDeadlineMs = client.deadlineMs ?? DEFAULTS.deadlineMs;
    const timeLeftMs = timeoutMs === 0 ? Infinity : Math.max(LAST_CHECK_MS, timeoutMs - (now() - started));
    try {
      listing = await listScheduledTasks(rawArgs, { ...client, deadlineMs: Math.min(clientDeadlineMs, timeLeftMs), signal: link.signal });
    } catch (e) {
      if (signal?.aborted) throw abortReason(signal);
      if (!isTransient(e)) throw e;
      error = e;
    } finally {
      link.dispose();
    }
    // A poll the wait itself cut short says only that time ran out: an earlier failure tells more.
    const cutShort = error !== undefined && timeLeftMs < clientDeadlineMs && isTimeout(error);
    const checkedAt = new Date(now());
    const elapsedMs = checkedAt.getTime() - started;
    const remainingMs = Math.max(0, timeoutMs - elapsedMs);
    const result = listing?.result;
    if (listing) {
      last = listing;
      lastError = undefined;
      lastBlocking = blockingTasks(listing.fetched, blockingStatuses);
      // Idle only when nothing blocks in a listing known to hold every task.
      if (lastBlocking.length === 0 && listing.result.complete) {
        options.onProgress?.({ polls, elapsedMs, remainingMs, blocking: [], result: listing.result });
        return { result: listing.result, waitedMs: elapsedMs, polls, checkedAt: checkedAt.toISOString() };
      }
    } else if (!(cutShort && lastError)) {
      lastError = error;
    }
    const nextPollInMs = remainingMs > 0 ? Math.min(intervalMs, remainingMs) : undefined;
    const incompleteReason = listing?.incompleteReason;
    options.onProgress?.({
      polls,
      elapsedMs,
      remainingMs,
      blocking: listing ? lastBlocking : [],
      ...(result ? { result } : {}),
      ...(incompleteReason ? { incompleteReason } : {}),
      ...(error ? { error } : {}),
      nextPollInMs,
    });
    if (nextPollInMs === undefined) {
      // Out of time. Never having listed anything successfully is an API failure, not a gate verdict.
      if (!last) throw lastError!;
      const details: WaitTimeoutDetails = {
        blocking: lastBlocking,
        result: last.result,
        ...(last.incompleteReason ? { incompleteReason: last.incompleteReason } : {}),
        waitedMs: elapsedMs,
        polls,
      };
      throw Object.assign(new GateTimeoutError(timeoutMessage(last.result.instanceId, blockingStatuses, details, lastError)), details);
    }
    await sleep(nextPollInMs, signal).catch(() => {
      throw abortReason(signal!);
    });
  }
}
