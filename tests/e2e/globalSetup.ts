// jest globalSetup of `npm run test:e2e`: the Pulumi toolchain, then the package built and packed once.
import { prepareRun } from "./harness";

export default prepareRun;
