// The function's output: the same shape in schema.json, the TS SDK, the plugin and the CLI's JSON.
// schema.json's outputs and the ScheduledTask type are held equal to these codecs by a test.
import * as t from "io-ts";
import { createHash } from "crypto";
import { Integer } from "./codecs";
import { GetScheduledTasksArgs, idParts } from "./inputs";
import { ApiTask } from "./response";

export const ScheduledTask = t.intersection([
  t.type({ id: t.string }),
  t.partial({
    name: t.string,
    userName: t.string,
    userId: t.string,
    params: t.string,
    status: t.string,
    createdAt: t.string,
    updatedAt: t.string,
    scheduleAt: t.string,
  }),
]);
export type ScheduledTask = t.TypeOf<typeof ScheduledTask>;

export const GetScheduledTasksResult = t.intersection([
  t.type({
    id: t.string,
    instanceId: t.string,
    projectId: t.string,
    jobCount: Integer,
    jobs: t.array(ScheduledTask),
    statusCounts: t.record(t.string, Integer),
    executingCount: Integer,
    hasExecuting: t.boolean,
    complete: t.boolean,
  }),
  t.partial({ region: t.string }),
]);
export type GetScheduledTasksResult = t.TypeOf<typeof GetScheduledTasksResult>;

/** The schema's description of each output (schema.json is generated from these and the codecs). */
export const RESULT_DOCS: { readonly [K in keyof GetScheduledTasksResult]-?: string } = {
  id: "Deterministic ID of the query: the same inputs against the same project and endpoint give the same ID.",
  instanceId: "The instance queried.",
  projectId: "The project queried (given, configured, or looked up through IAM).",
  region: "The region used, when one was given or configured.",
  jobCount: "The total number of tasks the API reports (`job_count`), before any `statuses` filter.",
  jobs: "The tasks returned (after the `statuses` filter), in the API's order, without duplicates.",
  statusCounts: "Number of tasks fetched per status, e.g. `{\"SUCCESS\": 3, \"EXECUTING\": 1}`; counted before the `statuses` filter, which only shapes `jobs`.",
  executingCount: "Number of tasks fetched whose status is `EXECUTING` (before the `statuses` filter).",
  hasExecuting: "True when at least one task fetched is `EXECUTING` (before the `statuses` filter): a reason to hold changes to the instance.",
  complete: "True only when the listing is known to cover every task from `start` on: the last page was short or empty and the distinct tasks reach `jobCount`. With `limit` set, true only when nothing lies beyond the page. Never call an instance idle on `complete: false`.",
};

/** The schema's description of each task field. */
export const TASK_DOCS: { readonly [K in keyof ScheduledTask]-?: string } = {
  id: "Task ID, unique within the instance.",
  name: "Task name, e.g. `partitionReassign`, `kafkaBrokerFlavorChange`, `kafkaVersionUpgrade`, `kafkaRestart`.",
  userName: "Name of the user who created the task.",
  userId: "ID of the user who created the task.",
  params: "Task parameters: a JSON document, as a string.",
  status: "Task status: one of `CREATED`, `SUCCESS`, `FAILED`, `DELETED`, `EXECUTING`, `CANCELLED` (newer API versions may report others).",
  createdAt: "When the task was created (as the API writes it, e.g. ISO 8601 UTC).",
  updatedAt: "When the task last changed.",
  scheduleAt: "When the task is (or was) scheduled to run.",
};

/** snake_case API task → camelCase output task; absent (or null) fields stay absent. Field by field: this runs
 * for every task of every page, and monomorphic property access is several times cheaper than a keyed loop. */
export function toScheduledTask(task: ApiTask): ScheduledTask {
  const out: { -readonly [K in keyof ScheduledTask]: ScheduledTask[K] } = { id: task.id };
  if (typeof task.name === "string") out.name = task.name;
  if (typeof task.user_name === "string") out.userName = task.user_name;
  if (typeof task.user_id === "string") out.userId = task.user_id;
  if (typeof task.params === "string") out.params = task.params;
  if (typeof task.status === "string") out.status = task.status;
  if (typeof task.created_at === "string") out.createdAt = task.created_at;
  if (typeof task.updated_at === "string") out.updatedAt = task.updated_at;
  if (typeof task.schedule_at === "string") out.scheduleAt = task.schedule_at;
  return out;
}

/** Deterministic id of a query: the same inputs against the same project and endpoint give the same id. */
export function queryId(args: GetScheduledTasksArgs, projectId: string, endpoint: string): string {
  const canonical = JSON.stringify([endpoint, projectId, ...idParts(args)]);
  const digest = createHash("sha256").update(canonical).digest("hex").slice(0, 16);
  return `${projectId}/${args.instanceId}/scheduled-tasks/${digest}`;
}

export interface Tally {
  /** The API's total (job_count). */
  readonly jobCount: number;
  /** Every task fetched: the counts are taken over these. */
  readonly fetched: readonly ScheduledTask[];
  /** The tasks the output lists (after the `statuses` filter). */
  readonly jobs: ScheduledTask[];
  readonly complete: boolean;
}

/** The output object. `statusCounts`, `executingCount` and `hasExecuting` count every task fetched, before the
 * `statuses` filter (which only shapes `jobs`). */
export function summarize(
  args: GetScheduledTasksArgs,
  where: { projectId: string; region?: string; endpoint: string },
  tally: Tally,
): GetScheduledTasksResult {
  // A Map, so statuses such as "constructor" or "__proto__" are counted like any other.
  const counts = new Map<string, number>();
  for (const job of tally.fetched) {
    if (job.status !== undefined) counts.set(job.status, (counts.get(job.status) ?? 0) + 1);
  }
  const statusCounts: Record<string, number> = Object.fromEntries(counts);
  const executingCount = counts.get("EXECUTING") ?? 0;
  return {
    id: queryId(args, where.projectId, where.endpoint),
    instanceId: args.instanceId,
    projectId: where.projectId,
    ...(where.region ? { region: where.region } : {}),
    jobCount: tally.jobCount,
    jobs: tally.jobs,
    statusCounts,
    executingCount,
    hasExecuting: executingCount > 0,
    complete: tally.complete,
  };
}
