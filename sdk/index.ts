// pulumi-huaweicloud-dms: read the scheduled tasks of Huawei Cloud DMS Kafka instances from TypeScript
// Pulumi programs, in-process (no plugin needed). Entry: `require("pulumi-huaweicloud-dms").kafka`.
import * as kafka from "./kafka";

export { kafka };
export { Provider } from "./provider";
export type { AssumeRoleArgs, ProviderArgs, ProviderSettings } from "./provider";
export { DEFAULT_CONFIG_NAMESPACE } from "./configKeys";
// The `cause` of a failed call's pulumi.RunError: bad input or configuration (nothing was sent), an API, auth or
// network failure, or a gate that gave up.
export { ValidationError, ApiError, GateTimeoutError } from "./errors";
export type { ErrorClass } from "./errors";
