// The fail-fast variant of the gate: stop the program (already at preview) while tasks are EXECUTING, or while
// the listing is not known to hold every task.
import * as pulumi from "@pulumi/pulumi";
import { WAIT_DEFAULTS, blockingCount, blockingTasks, formatTaskList } from "../../provider/core";
import { GetScheduledTasksResult } from "./types";

export interface AssertOptions {
  /** Statuses that block (default EXECUTING). */
  readonly blockingStatuses?: readonly string[];
  /**
   * Pass on a listing that is not known to be complete (`complete: false`, e.g. with `limit` set or a
   * misbehaving API) when no task in it blocks. Default false: an incomplete listing throws.
   */
  readonly allowIncomplete?: boolean;
}

/**
 * Throws a `pulumi.RunError` listing each blocking task (id, name, status, scheduleAt) when any task of the
 * listing is in one of the blocking statuses (default EXECUTING) — counted over every task fetched, so a
 * `statuses` filter cannot hide one — or when the listing is incomplete (unless `allowIncomplete`); returns the
 * listing otherwise, so it chains:
 *
 * ```ts
 * const tasks = dms.kafka.getScheduledTasksOutput({ instanceId }).apply((r) => dms.kafka.assertNoExecutingTasks(r));
 * ```
 *
 * Used inside `apply`, it runs as soon as the listing is known: in `pulumi preview` too, unless an input of
 * the listing is unknown then. The second argument may also be the list of blocking statuses alone.
 */
export function assertNoExecutingTasks(
  result: GetScheduledTasksResult,
  options: AssertOptions | readonly string[] = {},
): GetScheduledTasksResult {
  if (typeof result !== "object" || result === null || !Array.isArray(result.jobs) || typeof result.statusCounts !== "object") {
    throw new pulumi.RunError(
      "assertNoExecutingTasks needs the result of getScheduledTasks (or the value inside getScheduledTasksOutput's apply); " +
        `got ${result === null ? "null" : typeof result}.`,
    );
  }
  const opts: AssertOptions = Array.isArray(options) ? { blockingStatuses: options } : (options as AssertOptions);
  const blockingStatuses = opts.blockingStatuses ?? WAIT_DEFAULTS.blockingStatuses;
  const n = blockingCount(result, blockingStatuses);
  if (n > 0) {
    const listed = blockingTasks(result.jobs, blockingStatuses);
    const hidden = n - listed.length;
    throw new pulumi.RunError(
      `${n} scheduled task${n === 1 ? "" : "s"} on DMS instance ${result.instanceId} ${n === 1 ? "is" : "are"} ` +
        `${blockingStatuses.join(" or ")}; not proceeding:\n${formatTaskList(listed)}` +
        (hidden > 0 ? `\n  - and ${hidden} left out of jobs by the statuses filter` : ""),
    );
  }
  if (result.complete !== true && !opts.allowIncomplete) {
    throw new pulumi.RunError(
      `The listing of DMS instance ${result.instanceId} is incomplete (complete: false), so it cannot be called idle; ` +
        "not proceeding. Drop limit, check the warnings about the API's paging, or pass { allowIncomplete: true } to accept it.",
    );
  }
  return result;
}
