// jest globalTeardown of `npm run test:e2e`: removes the run's temp folder (kept with E2E_KEEP=1).
import { finishRun } from "./harness";

export default finishRun;
