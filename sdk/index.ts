// pulumi-huaweicloud-dms: read the scheduled tasks of Huawei Cloud DMS Kafka instances from TypeScript
// Pulumi programs, in-process (no plugin needed). Entry: `require("pulumi-huaweicloud-dms").kafka`.
import * as kafka from "./kafka";

export { kafka };
export { Provider } from "./provider";
export type { AssumeRoleArgs, ProviderArgs, ProviderSettings } from "./provider";
export { DEFAULT_CONFIG_NAMESPACE } from "./configKeys";
