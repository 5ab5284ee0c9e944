// The core client shared by the SDK, the plugin and the CLI. Depends on axios and io-ts only.
export { getScheduledTasks, ClientOptions, DEFAULTS } from "./client";
export {
  GetScheduledTasksArgs,
  ProviderConfig,
  TASK_STATUSES,
  TaskStatus,
  ARG_NAMES,
  SECRET_CONFIG_KEYS,
  checkArgs,
  parseArgs,
  parseConfig,
} from "./codecs";
export { ENV, Env, ResolvedConfig, resolveConfig, configFromEnv, defaultDmsEndpoint, defaultIamEndpoint } from "./config";
export { ApiError, GateTimeoutError, ValidationError, redact } from "./errors";
export { clearProjectIdCache } from "./iam";
export { GetScheduledTasksResult, ScheduledTask } from "./result";
export { RetryOptions, DEFAULT_RETRY } from "./retry";
export { Credentials, signRequest } from "./signer";
