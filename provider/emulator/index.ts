// The embedded emulator of the Huawei Cloud DMS scheduled-tasks API (with IAM's project lookup):
// signature-checking, fault-injecting, for the demo, the project's tests, benchmarks and users' own tests.
export { startEmulator } from "./server";
export { DEMO_CREDENTIALS, DEMO_INSTANCE_ID, DEMO_PROJECT_ID, DEMO_REGION, DEMO_EXECUTING_MS } from "./demo";
export type {
  Emulator,
  EmulatorKey,
  EmulatorOptions,
  EmulatorProject,
  EmulatorTask,
  Fault,
  FaultKind,
  FaultTarget,
  GenerateTasksOptions,
  JobCountMode,
  PagingQuirks,
  RecordedRequest,
  SeedName,
} from "./types";
