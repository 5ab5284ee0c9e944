// The fail-fast variant of the gate: stop the program (already at preview) while tasks are EXECUTING.
import * as pulumi from "@pulumi/pulumi";
import { WAIT_DEFAULTS, blockingTasks, formatTaskList } from "../../provider/core/waitForIdle";
import { GetScheduledTasksResult } from "./types";

/**
 * Throws a `pulumi.RunError` listing each blocking task (id, name, status, scheduleAt) when any task of the
 * listing is in one of `blockingStatuses` (default EXECUTING); returns the listing otherwise, so it chains:
 *
 * ```ts
 * const tasks = dms.kafka.getScheduledTasksOutput({ instanceId }).apply((r) => dms.kafka.assertNoExecutingTasks(r));
 * ```
 *
 * Used inside `apply`, it runs as soon as the listing is known: in `pulumi preview` too, unless an input of
 * the listing is unknown then.
 */
export function assertNoExecutingTasks(
  result: GetScheduledTasksResult,
  blockingStatuses: readonly string[] = WAIT_DEFAULTS.blockingStatuses,
): GetScheduledTasksResult {
  if (typeof result !== "object" || result === null || !Array.isArray((result as Partial<GetScheduledTasksResult>).jobs)) {
    throw new pulumi.RunError(
      `assertNoExecutingTasks needs the listing getScheduledTasks returned (an object with jobs); got ` +
        `${result === null ? "null" : Array.isArray(result) ? "a list" : typeof result}. Call it with the resolved value, e.g. ` +
        "getScheduledTasksOutput(args).apply((r) => assertNoExecutingTasks(r)).",
    );
  }
  const blocking = blockingTasks(result, blockingStatuses);
  if (blocking.length > 0) {
    const n = blocking.length;
    throw new pulumi.RunError(
      `${n} scheduled task${n === 1 ? "" : "s"} on DMS instance ${result.instanceId} ${n === 1 ? "is" : "are"} ` +
        `${blockingStatuses.join(" or ")}; not proceeding:\n${formatTaskList(blocking)}`,
    );
  }
  return result;
}
