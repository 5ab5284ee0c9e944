// The core client shared by the SDK, the plugin and the CLI. Depends on axios and io-ts only.
export { getScheduledTasks, DEFAULTS } from "./client";
export type { ClientOptions } from "./client";
export {
  GetScheduledTasksArgs,
  ProviderConfig,
  TASK_STATUSES,
  ARG_NAMES,
  SECRET_CONFIG_KEYS,
  checkArgs,
  parseArgs,
  parseConfig,
} from "./codecs";
export type { TaskStatus } from "./codecs";
export { ENV, resolveConfig, configFromEnv, defaultDmsEndpoint, defaultIamEndpoint } from "./config";
export type { Env, ResolvedConfig } from "./config";
export { ApiError, GateTimeoutError, ValidationError, redact } from "./errors";
export { clearProjectIdCache } from "./iam";
export { GetScheduledTasksResult, ScheduledTask } from "./result";
export { DEFAULT_RETRY } from "./retry";
export type { RetryOptions } from "./retry";
export { signRequest } from "./signer";
export type { Credentials } from "./signer";
export { waitForIdle, blockingTasks, describeTask, formatTaskList, timeoutMessage, WAIT_DEFAULTS } from "./waitForIdle";
export type { WaitForIdleOptions, WaitForIdleResult, WaitProgress, WaitTimeoutDetails } from "./waitForIdle";
