// The core client shared by the SDK, the plugin and the CLI. Depends on axios and io-ts only.
export { getScheduledTasks, DEFAULTS } from "./client";
export type { ClientOptions } from "./client";
export { TASK_STATUSES, Endpoint, Region, ResourceId, StatusList, describe, invalid, rule, violations } from "./codecs";
export type { TaskStatus, Violation } from "./codecs";
export { INPUTS, ARG_NAMES, GetScheduledTasksArgs, apiQuery, checkArgs, parseArgs } from "./inputs";
export type { InputEntry, InputName, SchemaType } from "./inputs";
export {
  SETTINGS,
  CONFIG_KEYS,
  ENV,
  HUAWEICLOUD_KEYS,
  HUAWEICLOUD_NAMESPACE,
  ProviderConfig,
  SECRET_CONFIG_KEYS,
  configFromEnv,
  parseConfig,
  parseNamedConfig,
  secretsOf,
  settingDescription,
  settingViolations,
} from "./settings";
export type { Env, SettingEntry, SettingName, SettingSchema, SettingValues } from "./settings";
export { resolveConfig, defaultDmsEndpoint, defaultIamEndpoint } from "./config";
export type { ResolvedConfig } from "./config";
export { CLI_WORDING, PROPERTY_WORDING, programWording } from "./wording";
export { ApiError, GateTimeoutError, ValidationError, redact } from "./errors";
export type { Wording } from "./errors";
export { clearProjectIdCache } from "./iam";
export { GetScheduledTasksResult, RESULT_DOCS, ScheduledTask, TASK_DOCS } from "./result";
export { DEFAULT_RETRY } from "./retry";
export type { RetryOptions } from "./retry";
export { signRequest } from "./signer";
export type { Credentials } from "./signer";
export {
  waitForIdle,
  blockingCount,
  blockingTasks,
  describeTask,
  formatTaskList,
  seconds,
  timeoutMessage,
  IntervalSeconds,
  TimeoutSeconds,
  WAIT_DEFAULTS,
} from "./waitForIdle";
export type { WaitForIdleOptions, WaitForIdleResult, WaitProgress, WaitTimeoutDetails } from "./waitForIdle";
