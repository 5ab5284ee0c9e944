// What a wait is, without the waiting: its defaults and bounds, its options and reports, and which tasks block.
// Light (no HTTP client): the CLI, the gate and the plugin read these at start-up; waitForIdle.ts polls.
import type { ClientOptions } from "./client";
import { TaskStatus, numberIn } from "./codecs";
import type { GetScheduledTasksResult, ScheduledTask } from "./result";

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
export const ProgrammaticInterval = numberIn(0.001, 3_600, "seconds");

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
  /** The clock (ms since the epoch; default Date.now) and the pause between polls (default a timer): tests
   * inject both so they need not sleep. */
  readonly clock?: () => number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
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
