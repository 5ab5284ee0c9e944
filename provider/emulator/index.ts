// The embedded emulator of the Huawei Cloud DMS scheduled-tasks API (with IAM's project lookup):
// signature-checking, fault-injecting, for the demo, the project's tests, benchmarks and users' own tests.
export { startEmulator } from "./server";
export { DEMO_AGENCY, DEMO_CREDENTIALS, DEMO_DOMAIN_ID, DEMO_DOMAIN_NAME, DEMO_INSTANCE_ID, DEMO_PROJECT_ID, DEMO_REGION, DEMO_EXECUTING_MS } from "./demo";
export type {
  Emulator,
  EmulatorAgency,
  EmulatorKey,
  EmulatorTls,
  EmulatorOptions,
  EmulatorProject,
  EmulatorTask,
  Fault,
  FaultKind,
  FaultTarget,
  GenerateTasksOptions,
  IssuedKey,
  JobCountMode,
  PagingQuirks,
  RecordedRequest,
  SeedName,
} from "./types";
