// Poll the scheduled tasks until none is in a blocking status, or give up. Written once, used by the
// ScheduledTasksGate (sdk/) and `hwdms scheduled-tasks wait-idle` (CLI).
import * as t from "io-ts";
import { ClientOptions, DEFAULTS, Listing, listScheduledTasks } from "./client";
import { StatusList, TaskStatus, numberIn, violations } from "./codecs";
import { ApiError, GateTimeoutError, ValidationError } from "./errors";
import { GetScheduledTasksResult, ScheduledTask } from "./result";
import { linkSignals } from "./abort";
import { DEFAULT_RETRY, sleep } from "./retry";
import { printable } from "./text";

/** The defaults of the gate, the CLI's wait-idle and waitForIdle itself. */
export const WAIT_DEFAULTS = {
  blockingStatuses: ["EXECUTING"] as readonly TaskStatus[],
  timeoutSeconds: 600,
  intervalSeconds: 15,
} as const;

/** How long a wait may be (0: check once), and the pause between checks users may set, in seconds. */
export const TimeoutSeconds = numberIn(0, 86_400, "seconds");
export const IntervalSeconds = numberIn(1, 3_600, "seconds");
/** Programs (and tests) may poll faster than users can ask for; timers still stay in range. */
const ProgrammaticInterval = numberIn(0.001, 3_600, "seconds");

/** What waitForIdle reports after each poll: a listing (`result`) or a transient failure it survived (`error`). */
export interface WaitProgress {
  /** Polls made so far (this one included). */
  readonly polls: number;
  readonly elapsedMs: number;
  /** Time left before giving up (0 when this was the last poll). */
  readonly remainingMs: number;
  /** Tasks in a blocking status at this poll (empty when idle, or when the poll failed). */
  readonly blocking: readonly ScheduledTask[];
  readonly result?: GetScheduledTasksResult;
  /** Why this poll's listing is incomplete (so the instance cannot be called idle); undefined when complete. */
  readonly incompleteReason?: string;
  /** A retryable failure (throttling, 5xx, network) that outlived the client's own retries; polling goes on. */
  readonly error?: Error;
  /** When the next poll is due, ms from now; undefined when there will be none. */
  readonly nextPollInMs?: number;
}

export interface WaitForIdleOptions {
  /** Statuses that block (default EXECUTING). Only the documented statuses are accepted. */
  readonly blockingStatuses?: readonly string[];
  /** Give up after this long, ms (default 600,000). 0 = check once. */
  readonly timeoutMs?: number;
  /** Pause between polls, ms (default 15,000). */
  readonly intervalMs?: number;
  readonly onProgress?: (progress: WaitProgress) => void;
  /** Stops the wait (and the poll in flight); the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Configuration, environment and tuning of every poll's getScheduledTasks call. */
  readonly clientOptions?: ClientOptions;
}

export interface WaitForIdleResult {
  /** The last listing: nothing in it is in a blocking status. */
  readonly result: GetScheduledTasksResult;
  readonly waitedMs: number;
  readonly polls: number;
  /** When the last (idle) listing was taken, ISO 8601 UTC. */
  readonly checkedAt: string;
}

/** The GateTimeoutError waitForIdle throws carries what was still blocking. */
export interface WaitTimeoutDetails {
  readonly blocking: readonly ScheduledTask[];
  readonly result?: GetScheduledTasksResult;
  /** Why the last listing was incomplete, when it was. */
  readonly incompleteReason?: string;
  readonly waitedMs: number;
  readonly polls: number;
}

/** One task on one line: `ID (NAME) STATUS, scheduled at SCHEDULE_AT`. */
export function describeTask(task: ScheduledTask): string {
  return (
    `${printable(task.id)} (${printable(task.name ?? "unnamed")}) ${printable(task.status ?? "no status")}` +
    `, scheduled at ${printable(task.scheduleAt ?? "an unknown time")}`
  );
}

/** Tasks as an indented list, one per line, at most `max` (then "… and N more"). */
export function formatTaskList(tasks: readonly ScheduledTask[], max = 20, indent = "  - "): string {
  const lines = tasks.slice(0, max).map((t) => indent + describeTask(t));
  if (tasks.length > max) lines.push(`${indent}… and ${tasks.length - max} more`);
  return lines.join("\n");
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Whole seconds, for messages. */
export function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** The tasks that are in one of the blocking statuses. */
export function blockingTasks(tasks: readonly ScheduledTask[], blockingStatuses: readonly string[]): ScheduledTask[] {
  const blocking = new Set(blockingStatuses);
  return tasks.filter((t) => t.status !== undefined && blocking.has(t.status));
}

/** How many tasks of a listing are in one of the blocking statuses, by its status counts (taken before the
 * `statuses` filter, so tasks the output's `jobs` leaves out are counted too). */
export function blockingCount(result: GetScheduledTasksResult, blockingStatuses: readonly string[]): number {
  return [...new Set(blockingStatuses)].reduce((n, s) => n + (Object.prototype.hasOwnProperty.call(result.statusCounts, s) ? result.statusCounts[s] : 0), 0);
}

const BlockingStatuses = t.type({ blockingStatuses: StatusList });

function checkBlockingStatuses(value: readonly string[]): TaskStatus[] {
  const problems = violations(BlockingStatuses, { blockingStatuses: value });
  if (problems.length) throw new ValidationError(problems[0].field, problems[0].message);
  return [...new Set(value)] as TaskStatus[];
}

/** A duration given in ms, checked against a codec in seconds (the unit users set). */
function checkDuration(field: string, ms: number, codec: t.Type<number, number, unknown>): number {
  const problems = violations(t.type({ [field]: codec }), { [field]: typeof ms === "number" ? ms / 1000 : ms });
  if (problems.length) throw new ValidationError(field, problems[0].message);
  return ms;
}

/**
 * Throttling, server errors, network failures and timeouts are worth another poll; anything else is not
 * (bad credentials, an unknown instance, a malformed or oversized answer, a cancelled call).
 */
function isTransient(e: unknown): e is ApiError {
  if (!(e instanceof ApiError)) return false;
  if (e.status !== undefined) return e.status === 429 || e.status >= 500;
  return e.errorCode !== undefined && (DEFAULT_RETRY.errorCodes.includes(e.errorCode) || e.errorCode === "EDEADLINE");
}

function isTimeout(e: ApiError): boolean {
  return e.errorCode === "ETIMEDOUT" || e.errorCode === "EDEADLINE";
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("The wait was cancelled.");
}

/** The sentence a timeout ends with: how long, how many, which — and, when so, that the listing was incomplete. */
export function timeoutMessage(
  instanceId: string,
  blockingStatuses: readonly string[],
  details: WaitTimeoutDetails,
  lastError?: Error,
): string {
  const n = details.blocking.length;
  const head = `Gave up after ${seconds(details.waitedMs)} (${plural(details.polls, "check")}): `;
  const still =
    `${plural(n, "scheduled task")} on DMS instance ${instanceId} ${n === 1 ? "is" : "are"} still ` +
    `${blockingStatuses.join(" or ")}:\n${formatTaskList(details.blocking)}`;
  const incomplete = details.incompleteReason
    ? `the listing of DMS instance ${instanceId} was incomplete, so it cannot be called idle: ${details.incompleteReason}`
    : undefined;
  const body = n > 0 ? still + (incomplete ? `\nAlso, ${incomplete}` : "") : incomplete ?? still;
  return head + body + (lastError ? `\n(the last check failed: ${lastError.message})` : "");
}

/**
 * Lists the instance's scheduled tasks until none is in a blocking status. Resolves with the idle listing;
 * rejects with a GateTimeoutError (listing the blocking tasks, which it also carries as `blocking`) when
 * `timeoutMs` passes, with a ValidationError for bad input, or with an ApiError for a failure that another
 * poll would not cure (bad credentials, unknown instance). Transient failures are reported through
 * `onProgress` and polled through until the timeout.
 */
export async function waitForIdle(rawArgs: unknown, options: WaitForIdleOptions = {}): Promise<WaitForIdleResult> {
  const blockingStatuses = checkBlockingStatuses(options.blockingStatuses ?? WAIT_DEFAULTS.blockingStatuses);
  const timeoutMs = checkDuration("timeout", options.timeoutMs ?? WAIT_DEFAULTS.timeoutSeconds * 1000, TimeoutSeconds);
  const intervalMs = checkDuration("interval", options.intervalMs ?? WAIT_DEFAULTS.intervalSeconds * 1000, ProgrammaticInterval);
  const client = options.clientOptions ?? {};
  const signal = options.signal;

  const started = Date.now();
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
    // The wait's timeout bounds everything, a hung request included: a poll may take only the time left
    // (a single check, timeout 0, is bounded by the client's own deadline).
    const clientDeadlineMs = client.deadlineMs ?? DEFAULTS.deadlineMs;
    const timeLeftMs = timeoutMs === 0 ? Infinity : Math.max(1, timeoutMs - (Date.now() - started));
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
    const checkedAt = new Date();
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
