// The core client shared by the SDK, the plugin and the CLI — its only entry (a lint rule keeps it so). Depends on
// axios and io-ts only. What every surface needs at start-up (the tables, codecs, wording, errors, wait defaults,
// formatting, the signer) is exported as is; the HTTP client (axios, the pager, the transport) loads on the first
// call of a function that needs it, so `hwdms --help` and the plugin's start never pay for it.
import type * as Client from "./client";
import type * as Iam from "./iam";
import type * as Wait from "./waitForIdle";

export { TASK_STATUSES, Endpoint, Region, ResourceId, StatusList, describe, invalid, isApiTime, numberIn, rule, utcFromDigits, violations } from "./codecs";
export type { TaskStatus, Violation } from "./codecs";
export { INPUTS, ARG_NAMES, GetScheduledTasksArgs, apiQuery, checkArgs, parseArgs } from "./inputs";
export type { InputEntry, InputName, SchemaType } from "./inputs";
export {
  SETTINGS,
  CONFIG_KEYS,
  ENV,
  ProviderConfig,
  SECRET_CONFIG_KEYS,
  configFromEnv,
  parseConfig,
  secretsOf,
  settingDescription,
  settingViolations,
} from "./settings";
export type { Env, SettingEntry, SettingName } from "./settings";
export { resolveConfig, defaultDmsEndpoint, defaultIamEndpoint } from "./config";
export type { ResolvedConfig } from "./config";
export { CLI_WORDING, PROPERTY_WORDING, programWording } from "./wording";
export { ApiError, GateTimeoutError, ValidationError, redact, redactError } from "./errors";
export { linkSignals, onAbort } from "./abort";
export type { LinkedSignal } from "./abort";
export { cleartextWarning, exposingDebugModules, nodeDebugWarning, warnIfCleartext, warnIfNodeDebug } from "./exposure";
export { parseProxy, proxyFor } from "./proxy";
export type { ProxyRoute } from "./proxy";
export type { Wording } from "./errors";
export { DEFAULTS } from "./defaults";
export type { ClientOptions, Listing } from "./client";
export { GetScheduledTasksResult, RESULT_DOCS, ScheduledTask, TASK_DOCS, toScheduledTask } from "./result";
export type { ApiTask } from "./response";
export { DEFAULT_RETRY } from "./retry";
export type { RetryOptions } from "./retry";
export { canonicalForm, parseAuthorization, signRequest, signature } from "./signer";
export type { Credentials } from "./signer";
export { printable, quoted, terminalSafeJson } from "./text";
export {
  WAIT_DEFAULTS,
  IntervalSeconds,
  TimeoutSeconds,
  blockingCount,
  blockingTasks,
} from "./wait";
export type { WaitForIdleOptions, WaitForIdleResult, WaitProgress, WaitTimeoutDetails } from "./wait";
export { describeTask, formatTaskList, seconds, timeoutMessage } from "./format";

const client = (): typeof Client => require("./client");

/** Lists the scheduled tasks of a DMS Kafka instance (see client.ts). */
export function getScheduledTasks(...args: Parameters<typeof Client.getScheduledTasks>): ReturnType<typeof Client.getScheduledTasks> {
  return client().getScheduledTasks(...args);
}

/** getScheduledTasks, with every task fetched and why the listing is incomplete (see client.ts). */
export function listScheduledTasks(...args: Parameters<typeof Client.listScheduledTasks>): ReturnType<typeof Client.listScheduledTasks> {
  return client().listScheduledTasks(...args);
}

/** Polls until no task blocks, or gives up (see waitForIdle.ts). */
export function waitForIdle(...args: Parameters<typeof Wait.waitForIdle>): ReturnType<typeof Wait.waitForIdle> {
  return (require("./waitForIdle") as typeof Wait).waitForIdle(...args);
}

/** Forgets every cached project ID (tests; a long-lived process after credentials change). */
export function clearProjectIdCache(): void {
  (require("./iam") as typeof Iam).clearProjectIdCache();
}
