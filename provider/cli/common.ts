// What every hwdms command shares: the query options, client tuning options, exit codes and error reporting.
import { Command, Option } from "commander";
import * as t from "io-ts";
import { numberIn, violations } from "../core/codecs";
import type { ClientOptions } from "../core/client";
import type { GetScheduledTasksArgs } from "../core/codecs";

export const EXIT = { ok: 0, invalidInput: 2, apiError: 3, gateNotPassed: 4, interrupted: 130 } as const;

/** CLI flag for each function input, so messages name what the user typed. */
const FLAG_OF: Readonly<Record<string, string>> = {
  instanceId: "--instance-id",
  projectId: "--project-id",
  region: "--region",
  start: "--start",
  limit: "--limit",
  beginTime: "--begin-time",
  endTime: "--end-time",
  statuses: "--status",
  endpoint: "--endpoint",
};

/**
 * Names flags where a message names inputs: the leading name, and camelCase names anywhere
 * (plain words such as "region" stay, they read as English mid-sentence).
 */
export function withFlagNames(message: string): string {
  return message
    .replace(/^([a-zA-Z]+)(?:\[\d+\])?(?=[\s.])/, (whole, name: string) => FLAG_OF[name] ?? whole)
    .replace(/(?<![-:\w])([a-z]+[A-Z][a-zA-Z]*)\b/g, (whole, name: string) => FLAG_OF[name] ?? whole);
}

/**
 * What the CLI says when a setting is missing: the core names every source (Pulumi config keys included); the
 * CLI has flags and the environment only.
 */
const MISSING_SETTING: Readonly<Record<string, string>> = {
  region: "No region is configured: pass --region (or set HW_REGION_NAME), or pass both --endpoint and --project-id.",
  projectId:
    "No project ID is configured and no region to look it up by: pass --project-id (or set HW_PROJECT_ID) or --region (or set HW_REGION_NAME).",
  accessKey: "No access key is configured: set HW_ACCESS_KEY and HW_SECRET_KEY (and HW_SECURITY_TOKEN for temporary keys).",
};

/** Pulumi config keys (`huaweicloud-dms:region`) as the CLI's flag, or its environment variable for credentials. */
const CLI_NAME_OF_KEY: Readonly<Record<string, string>> = {
  region: "--region",
  projectId: "--project-id",
  endpoint: "--endpoint",
  accessKey: "HW_ACCESS_KEY",
  secretKey: "HW_SECRET_KEY",
  securityToken: "HW_SECURITY_TOKEN",
};

/** A validation message in the CLI's words: flags (`--region`) and environment variables, never Pulumi keys. */
export function cliWording(e: { field?: string; message: string }): string {
  if (e.field && MISSING_SETTING[e.field] && /^No [\w ]+ is configured/.test(e.message)) return MISSING_SETTING[e.field];
  return withFlagNames(e.message.replace(/\bhuaweicloud-dms:(\w+)/g, (whole, key: string) => CLI_NAME_OF_KEY[key] ?? whole));
}

/** Integers stay strings when they are not integers, so the validator can quote what was typed. */
function integerOrRaw(value: string): number | string {
  return /^[-+]?\d+$/.test(value.trim()) ? Number(value) : value;
}

function collectStatuses(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(",").map((s) => s.trim()).filter(Boolean)];
}

export interface QueryFlags {
  instanceId?: string;
  projectId?: string;
  region?: string;
  endpoint?: string;
  start?: number | string;
  limit?: number | string;
  beginTime?: string;
  endTime?: string;
  status?: string[];
  concurrency?: number | string;
  requestTimeout?: number | string;
  deadline?: number | string;
  retries?: number | string;
}

/** Adds the query and tuning options DESIGN.md fixes for `scheduled-tasks` commands. */
export function addQueryOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("--instance-id <id>", "DMS Kafka instance ID (required)"))
    .option("--project-id <id>", "project ID (default: HW_PROJECT_ID, else looked up through IAM by region)")
    .option("--region <region>", "region, e.g. cn-north-4 (default: HW_REGION_NAME)")
    .option("--endpoint <url>", "DMS endpoint (default: HW_DMS_ENDPOINT, else https://dms.{region}.myhuaweicloud.com)")
    .option("--start <n>", "offset of the first task (default 0)", integerOrRaw)
    .option("--limit <n>", "1-100: fetch one page of at most n tasks (default: every page)", integerOrRaw)
    .option("--begin-time <YYYYMMDDHHmmss>", "only tasks scheduled at or after this UTC time")
    .option("--end-time <YYYYMMDDHHmmss>", "only tasks scheduled at or before this UTC time")
    .option("--status <status>", "keep only tasks in this status (repeat or comma-separate)", collectStatuses)
    .option("--concurrency <n>", "requests in flight when fetching every page (default 8)", integerOrRaw)
    .option("--request-timeout <seconds>", "longest wait for one request attempt (default 30)", integerOrRaw)
    .option("--deadline <seconds>", "longest the whole listing may take, retries included (default 300)", integerOrRaw)
    .option("--retries <n>", "retries on throttling, 5xx and network errors (default 4)", integerOrRaw);
}

/** Thrown for bad flags: exit 2 with this sentence. */
export class UsageError extends Error {}

/** A numeric flag checked against its range (a codec): one sentence naming the flag on failure. */
export function flagNumber(name: string, value: number | string | undefined, codec: t.Type<number, number, unknown>): number | undefined {
  if (value === undefined) return undefined;
  const problems = violations(t.type({ [name]: codec }), { [name]: value });
  if (problems.length) throw new UsageError(problems[0].message);
  return value as number;
}

const TUNING = {
  concurrency: numberIn(1, 64, "requests", true),
  requestTimeout: numberIn(1, 3_600, "seconds"),
  deadline: numberIn(1, 86_400, "seconds"),
  retries: numberIn(0, 10, "retries", true),
};

/** The function's inputs from the flags (validated later, by the core's codecs). */
export function argsFromFlags(flags: QueryFlags): Record<string, unknown> {
  const args: Record<string, unknown> = {
    instanceId: flags.instanceId,
    projectId: flags.projectId,
    region: flags.region,
    start: flags.start,
    limit: flags.limit,
    beginTime: flags.beginTime,
    endTime: flags.endTime,
    statuses: flags.status,
  };
  if (flags.instanceId === undefined) throw new UsageError("--instance-id is required: name the DMS Kafka instance to query.");
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined));
}

/** Client options from the tuning flags; credentials and the rest come from the environment. */
export function clientOptionsFromFlags(flags: QueryFlags, signal: AbortSignal, warn: (m: string) => void): ClientOptions {
  const requestTimeout = flagNumber("--request-timeout", flags.requestTimeout, TUNING.requestTimeout);
  const deadline = flagNumber("--deadline", flags.deadline, TUNING.deadline);
  const retries = flagNumber("--retries", flags.retries, TUNING.retries);
  const config = flags.endpoint !== undefined ? { endpoint: flags.endpoint } : {};
  return {
    config,
    concurrency: flagNumber("--concurrency", flags.concurrency, TUNING.concurrency),
    timeoutMs: requestTimeout === undefined ? undefined : requestTimeout * 1000,
    deadlineMs: deadline === undefined ? undefined : deadline * 1000,
    retry: retries === undefined ? undefined : { limit: retries },
    signal,
    onWarning: warn,
  };
}

export function warnToStderr(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/**
 * Runs a command body and exits with the code its outcome calls for. Error messages were built
 * without secrets; they are redacted once more against the environment's keys before printing.
 */
export async function runCommand(body: (signal: AbortSignal) => Promise<number>): Promise<never> {
  const abort = new AbortController();
  const onSignal = (): void => abort.abort(new Error("interrupted"));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let code: number;
  try {
    code = await body(abort.signal);
  } catch (e) {
    if (abort.signal.aborted) {
      process.stderr.write("error: interrupted; the requests in flight were cancelled.\n");
      code = EXIT.interrupted;
    } else {
      code = reportError(e);
    }
  }
  return exitAfterFlush(code);
}

/** Exits once stdout and stderr have handed everything to the OS (pipes are asynchronous in Node). */
export function exitAfterFlush(code: number): Promise<never> {
  return new Promise<never>(() => {
    let pending = 2;
    const done = (): void => {
      if (--pending === 0) process.exit(code);
    };
    process.stdout.write("", done);
    process.stderr.write("", done);
  });
}

export function reportError(e: unknown): number {
  // Loaded lazily: the error classes live in the core, which a usage error never needs.
  const { ApiError, ValidationError, GateTimeoutError, redact } = require("../core/errors") as typeof import("../core/errors");
  const { secretsOf } = require("../core/config") as typeof import("../core/config");
  const clean = (m: string): string => redact(m, secretsOf(undefined, process.env));
  if (e instanceof UsageError || e instanceof ValidationError) {
    process.stderr.write(`error: ${clean(cliWording(e))}\n`);
    return EXIT.invalidInput;
  }
  if (e instanceof GateTimeoutError) {
    process.stderr.write(`${clean(e.message)}\n`);
    return EXIT.gateNotPassed;
  }
  if (e instanceof ApiError) {
    const message = e.errorCode === "ENOPROJECT" ? withFlagNames(e.message) : e.message;
    process.stderr.write(`error: ${clean(message)}\n`);
    return EXIT.apiError;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: unexpected failure: ${clean(message)}\n`);
  return EXIT.apiError;
}
