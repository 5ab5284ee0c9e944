// The function's inputs, as one table: everything about an input lives in its entry — codec, API query name,
// CLI flag, schema type and doc, and its part in the result's id. The codec, the API query, the CLI options,
// schema.json (`npm run gen:schema`) and the SDK's input types (a compile-time check) derive from it.
// A new input is one entry here (plus the emulator when it filters on it).
import * as t from "io-ts";
import { ApiTime, PageLimit, Region, ResourceId, StartIndex, StatusList, Violation, invalid, shown, unknownKeys, violations } from "./codecs";

/** The Pulumi schema type of an entry (schema.json). */
export type SchemaType = { type: "string" } | { type: "integer" } | { type: "boolean" } | { type: "array"; items: { type: "string" } };

export interface InputEntry {
  readonly codec: t.Mixed;
  readonly required?: true;
  /** The API's query parameter (start and limit are set per page by the pager). */
  readonly apiQuery?: string;
  /** The CLI flag with its value placeholder, e.g. `--start <n>`. */
  readonly flag: string;
  readonly flagHelp: string;
  /** How the CLI reads the flag: an integer (kept as typed when it is not one), or a repeatable list. */
  readonly flagParse?: "integer" | "list";
  readonly schema: SchemaType;
  /** The schema's description. */
  readonly doc: string;
  /** The input's part in the result's deterministic id (absent: not part of it). */
  readonly idPart?: (value: unknown) => unknown;
}

const orNull = (v: unknown): unknown => v ?? null;

export const INPUTS = {
  instanceId: {
    codec: ResourceId,
    required: true,
    flag: "--instance-id <id>",
    flagHelp: "DMS Kafka instance ID (required)",
    schema: { type: "string" },
    doc: "ID of the Kafka instance: 1 to 64 letters, digits, `-` or `_` (e.g. `3b1c5f6e-9d2a-4c7b-8e0f-2a6d4b8c1a77`).",
    idPart: (v) => v,
  },
  projectId: {
    codec: ResourceId,
    flag: "--project-id <id>",
    flagHelp: "project ID (default: HW_PROJECT_ID, else looked up through IAM by region)",
    schema: { type: "string" },
    doc: "Project ID to query under (1 to 64 letters, digits, `-` or `_`). Default: the provider's `projectId`, then `HW_PROJECT_ID`, then the project named after the region, looked up through IAM.",
  },
  region: {
    codec: Region,
    flag: "--region <region>",
    flagHelp: "region, e.g. cn-north-4 (default: HW_REGION_NAME)",
    schema: { type: "string" },
    doc: "Region such as `cn-north-4`. Default: the provider's `region`, then `HW_REGION_NAME`. Picks the endpoint unless the provider sets `endpoint`.",
  },
  start: {
    codec: StartIndex,
    apiQuery: "start",
    flag: "--start <n>",
    flagHelp: "offset of the first task (default 0)",
    flagParse: "integer",
    schema: { type: "integer" },
    doc: "Offset of the first task to return (API `start`): an integer of 0 or more. Default 0.",
    idPart: (v) => v ?? 0,
  },
  limit: {
    codec: PageLimit,
    apiQuery: "limit",
    flag: "--limit <n>",
    flagHelp: "1-100: fetch one page of at most n tasks (default: every page)",
    flagParse: "integer",
    schema: { type: "integer" },
    doc: "An integer from 1 to 100. When set, exactly one request returns at most `limit` tasks (one page, as the API does). When unset (the default), every page from `start` on is fetched.",
    idPart: orNull,
  },
  beginTime: {
    codec: ApiTime,
    apiQuery: "begin_time",
    flag: "--begin-time <YYYYMMDDHHmmss>",
    flagHelp: "only tasks scheduled at or after this UTC time",
    schema: { type: "string" },
    doc: "Only tasks from this UTC time on (API `begin_time`): 14 digits `YYYYMMDDHHmmss`, e.g. `20240101000000`; must not be after `endTime`.",
    idPart: orNull,
  },
  endTime: {
    codec: ApiTime,
    apiQuery: "end_time",
    flag: "--end-time <YYYYMMDDHHmmss>",
    flagHelp: "only tasks scheduled at or before this UTC time",
    schema: { type: "string" },
    doc: "Only tasks up to this UTC time (API `end_time`): 14 digits `YYYYMMDDHHmmss`, e.g. `20241231235959`.",
    idPart: orNull,
  },
  statuses: {
    codec: StatusList,
    flag: "--status <status>",
    flagHelp: "keep only tasks in this status (repeat or comma-separate)",
    flagParse: "list",
    schema: { type: "array", items: { type: "string" } },
    doc: "Keep only the tasks in these statuses: a non-empty list of `CREATED`, `SUCCESS`, `FAILED`, `DELETED`, `EXECUTING`, `CANCELLED`. Unset keeps every status. Filtering happens after fetching: `jobCount` still reports the API's total, and `statusCounts`, `executingCount` and `hasExecuting` count every task fetched.",
    idPart: (v) => (Array.isArray(v) ? [...new Set(v)].sort() : null),
  },
} as const satisfies Record<string, InputEntry>;

type Inputs = typeof INPUTS;
export type InputName = keyof Inputs;
type RequiredName = { [K in InputName]: Inputs[K] extends { required: true } ? K : never }[InputName];
type ValueOf<K extends InputName> = t.TypeOf<Inputs[K]["codec"]>;

/** The function's inputs (camelCase, as Pulumi generates them). */
export type GetScheduledTasksArgs = { [K in RequiredName]: ValueOf<K> } & { [K in Exclude<InputName, RequiredName>]?: ValueOf<K> };

export const ARG_NAMES = Object.keys(INPUTS) as InputName[];

function codecsWhere(required: boolean): t.Props {
  return Object.fromEntries(
    Object.entries(INPUTS as Record<string, InputEntry>)
      .filter(([, e]) => (e.required === true) === required)
      .map(([k, e]) => [k, e.codec]),
  );
}

/** The inputs' codec: the required entries, then the optional ones. */
export const GetScheduledTasksArgs = t.intersection([t.type(codecsWhere(true)), t.partial(codecsWhere(false))]) as unknown as t.Type<
  GetScheduledTasksArgs,
  GetScheduledTasksArgs,
  unknown
>;

/** Rules between inputs. */
function crossViolations(args: GetScheduledTasksArgs, secretFields: ReadonlySet<string>): Violation[] {
  if (args.beginTime !== undefined && args.endTime !== undefined && args.beginTime > args.endTime) {
    const got = secretFields.has("beginTime") || secretFields.has("endTime") ? "secret values" : `${args.beginTime} > ${args.endTime}`;
    return [{ key: "beginTime", kind: "input", path: "", rule: "must not be after {endTime}", got }];
  }
  return [];
}

/**
 * All problems with the function's inputs, as data; the values of `secretFields` (inputs that arrived as
 * secrets) are never shown.
 */
export function checkArgs(value: unknown, secretFields: ReadonlySet<string> = new Set()): Violation[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [{ key: "args", kind: "input", path: "", rule: "must be an object with at least {instanceId}", got: shown(value) }];
  }
  const found = [
    ...violations(GetScheduledTasksArgs, value, "input", secretFields),
    ...unknownKeys(value, ARG_NAMES, "input", "a getScheduledTasks input"),
  ];
  return found.length ? found : crossViolations(value as GetScheduledTasksArgs, secretFields);
}

/** Validates the function's inputs; throws a ValidationError for the first problem. */
export function parseArgs(value: unknown, secretFields?: ReadonlySet<string>): GetScheduledTasksArgs {
  const problems = checkArgs(value, secretFields);
  if (problems.length) throw invalid(problems[0]);
  // Drop undefined-valued keys so the query (and the result's id) depend only on what was set.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = v;
  return out as GetScheduledTasksArgs;
}

/** The API query of one page: the pager's offset and limit, and every other input the API filters on. */
export function apiQuery(args: GetScheduledTasksArgs, offset: number, limit: number): Record<string, string> {
  const query: Record<string, string> = { start: String(offset), limit: String(limit) };
  for (const [name, entry] of Object.entries(INPUTS as Record<string, InputEntry>)) {
    const value = (args as Record<string, unknown>)[name];
    if (entry.apiQuery && entry.apiQuery !== "start" && entry.apiQuery !== "limit" && value !== undefined) query[entry.apiQuery] = String(value);
  }
  return query;
}

/** The inputs' part in the result's id, in table order. */
export function idParts(args: GetScheduledTasksArgs): unknown[] {
  return Object.entries(INPUTS as Record<string, InputEntry>)
    .filter(([, e]) => e.idPart)
    .map(([name, e]) => e.idPart!((args as Record<string, unknown>)[name]));
}
