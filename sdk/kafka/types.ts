// The function's inputs and outputs as a TypeScript program sees them (same shape as schema.json).
import * as pulumi from "@pulumi/pulumi";
import type * as core from "../../provider/core";

/** A scheduled task of a DMS Kafka instance. Fields the API leaves out are absent. */
export interface ScheduledTask {
  readonly id: string;
  readonly name?: string;
  readonly userName?: string;
  readonly userId?: string;
  /** The task's parameters, as the JSON text the API returns. */
  readonly params?: string;
  /** CREATED, SUCCESS, FAILED, DELETED, EXECUTING, CANCELLED (or a status the API adds later). */
  readonly status?: string;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly scheduleAt?: string;
}

export interface GetScheduledTasksResult {
  /** Deterministic from the query: the same inputs against the same project and endpoint give the same id. */
  readonly id: string;
  readonly instanceId: string;
  readonly projectId: string;
  readonly region?: string;
  /** The API's total (`job_count`). */
  readonly jobCount: number;
  readonly jobs: ScheduledTask[];
  /** Status → number of tasks fetched in it (counted before the `statuses` filter, which only shapes `jobs`). */
  readonly statusCounts: { [status: string]: number };
  /** Tasks fetched that are EXECUTING (before the `statuses` filter). */
  readonly executingCount: number;
  readonly hasExecuting: boolean;
  /**
   * True only when the listing is known to cover every task from `start` on: the last page was short or empty
   * and the distinct tasks reach `jobCount`. With `limit` set, true only when nothing lies beyond the page.
   * Never call an instance idle on `complete: false`.
   */
  readonly complete: boolean;
}

/** A point in time for beginTime/endTime: `YYYYMMDDHHmmss` (UTC) or a Date. */
export type TimeInput = string | Date;

export interface GetScheduledTasksArgs {
  /** The DMS Kafka instance. */
  instanceId: string;
  /** Default: provider settings → stack config → HW_PROJECT_ID → looked up through IAM by region. */
  projectId?: string;
  /** Default: provider settings → stack config → HW_REGION_NAME. */
  region?: string;
  /** Offset of the first task (default 0). */
  start?: number;
  /** 1–100: fetch exactly one page of at most `limit` tasks. Unset: every page from `start` on. */
  limit?: number;
  /** Only tasks scheduled at or after this time (`YYYYMMDDHHmmss` UTC, or a Date). */
  beginTime?: TimeInput;
  /** Only tasks scheduled at or before this time (`YYYYMMDDHHmmss` UTC, or a Date). */
  endTime?: TimeInput;
  /** Keep only tasks in these statuses. */
  statuses?: string[];
}

export interface GetScheduledTasksOutputArgs {
  instanceId: pulumi.Input<string>;
  projectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  start?: pulumi.Input<number>;
  limit?: pulumi.Input<number>;
  /** `YYYYMMDDHHmmss` (UTC) or a Date (a plain Date: Pulumi outputs cannot carry Date values). */
  beginTime?: pulumi.Input<string> | Date;
  endTime?: pulumi.Input<string> | Date;
  statuses?: pulumi.Input<pulumi.Input<string>[]>;
}

// The SDK's types and the core's tables must stay the same shape: a compile error when they disagree.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Input types as values travel: Dates (which the SDK accepts for times) aside, string literals as strings. */
type Widen<T> = T extends string ? string : T extends readonly (infer U)[] ? Widen<U>[] : T;
type AsTable<T> = { [K in keyof T]: Widen<Exclude<T[K], Date>> };
const _taskShape: Same<Required<ScheduledTask>, Required<core.ScheduledTask>> = true;
const _resultShape: Same<keyof GetScheduledTasksResult, keyof core.GetScheduledTasksResult> = true;
const _inputNames: Same<keyof GetScheduledTasksArgs, core.InputName> = true;
const _inputTypes: Same<Required<AsTable<GetScheduledTasksArgs>>, Required<AsTable<core.GetScheduledTasksArgs>>> = true;
const _outputInputNames: Same<keyof GetScheduledTasksOutputArgs, core.InputName> = true;
void _taskShape;
void _resultShape;
void _inputNames;
void _inputTypes;
void _outputInputNames;
