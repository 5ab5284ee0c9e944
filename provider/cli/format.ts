// Human-readable output of a listing.
import { printable, terminalSafeJson } from "../core";
import type { GetScheduledTasksResult, ScheduledTask } from "../core";

/** `--output json`: exactly the value, pretty-printed, with control and bidi characters escaped (`\u202e`). */
export function formatJson(value: unknown): string {
  return `${terminalSafeJson(JSON.stringify(value, null, 2))}\n`;
}

const COLUMNS: ReadonlyArray<readonly [string, (t: ScheduledTask) => string | undefined]> = [
  ["ID", (t) => t.id],
  ["NAME", (t) => t.name],
  ["STATUS", (t) => t.status],
  ["SCHEDULE AT", (t) => t.scheduleAt],
  ["UPDATED AT", (t) => t.updatedAt],
  ["USER", (t) => t.userName],
];

export function formatTable(tasks: readonly ScheduledTask[]): string {
  const rows = tasks.map((t) => COLUMNS.map(([, get]) => printable(get(t))));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(COLUMNS.map(([title]) => title)), ...rows.map(line)].join("\n");
}

export function formatSummary(result: GetScheduledTasksResult): string {
  const counts = Object.entries(result.statusCounts)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([status, n]) => `${printable(status)} ${n}`)
    .join(", ");
  return (
    `${result.jobs.length} task${result.jobs.length === 1 ? "" : "s"} listed (job_count ${result.jobCount})` +
    ` on instance ${printable(result.instanceId)}, project ${printable(result.projectId)}${result.region ? `, region ${printable(result.region)}` : ""}` +
    `${counts ? `: ${counts}` : ""}.` +
    (result.hasExecuting ? ` ${result.executingCount} EXECUTING.` : result.complete ? " Nothing is EXECUTING." : " None EXECUTING among those fetched.") +
    // Never claim the instance is idle from a partial listing.
    (result.complete ? "" : " The listing is incomplete (complete: false): tasks beyond it were not seen.")
  );
}

export function formatListing(result: GetScheduledTasksResult): string {
  return `${result.jobs.length ? formatTable(result.jobs) + "\n\n" : ""}${formatSummary(result)}\n`;
}
