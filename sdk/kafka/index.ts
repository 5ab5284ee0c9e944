// The `kafka` module: huaweicloud-dms:kafka:* — DMS for Kafka.
export { getScheduledTasks, getScheduledTasksOutput, FUNCTION_TOKEN, toApiTime } from "./getScheduledTasks";
export type { InvokeOptions, InvokeOutputOptions } from "./getScheduledTasks";
export { assertNoExecutingTasks } from "./assert";
export { ScheduledTasksGate } from "./gate";
export type { ScheduledTasksGateArgs, ScheduledTasksGateOptions } from "./gate";
export type {
  GetScheduledTasksArgs,
  GetScheduledTasksOutputArgs,
  GetScheduledTasksResult,
  ScheduledTask,
  TimeInput,
} from "./types";
