// The English a wait speaks: one task per line, lists of tasks, durations, and the sentence a timeout ends with.
import type { ScheduledTask } from "./result";
import { printable } from "./text";
import type { WaitTimeoutDetails } from "./wait";

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
