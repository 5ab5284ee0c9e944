// An explicit provider: a second account, region or endpoint for the same program.
import * as pulumi from "@pulumi/pulumi";
import { PROPERTY_WORDING, ProviderConfig, ValidationError, parseConfig } from "../provider/core";
import { DEFAULT_CONFIG_NAMESPACE, checkConfigNamespace, configFromNamespace } from "./configKeys";

export interface ProviderArgs {
  /**
   * The stack-config namespace this provider reads, e.g. `"dms-eu"` for `dms-eu:accessKey`, `dms-eu:secretKey`,
   * `dms-eu:securityToken` (set them with `pulumi config set --secret`), `dms-eu:region`, `dms-eu:projectId`
   * and `dms-eu:endpoint`. Default `"huaweicloud-dms"`. Credentials are only ever named, never passed as values:
   * they are read when a call runs (in the program, and in the gate's dynamic provider), so they never reach the
   * state or the serialized gate code.
   */
  readonly configNamespace?: string;
  /** Region, e.g. `"eu-west-101"` (wins over `NAMESPACE:region` and `HW_REGION_NAME`). */
  readonly region?: string;
  /** Project ID (wins over `NAMESPACE:projectId` and `HW_PROJECT_ID`; else looked up through IAM by region). */
  readonly projectId?: string;
  /** DMS endpoint override, e.g. a proxy (wins over `NAMESPACE:endpoint` and `HW_DMS_ENDPOINT`). */
  readonly endpoint?: string;
}

/** The non-secret settings of a provider that the gate carries as inputs. */
export interface ProviderSettings {
  readonly configNamespace: string;
  readonly region?: string;
  readonly projectId?: string;
  readonly endpoint?: string;
}

/**
 * An explicit provider for `getScheduledTasks` / `getScheduledTasksOutput` / `ScheduledTasksGate`, passed as
 * `{ provider }` in their options, like any Pulumi provider:
 *
 * ```ts
 * const eu = new dms.Provider("eu", { configNamespace: "dms-eu", region: "eu-west-101" });
 * const tasks = dms.kafka.getScheduledTasksOutput({ instanceId }, { provider: eu });
 * new dms.kafka.ScheduledTasksGate("eu-gate", { instanceId }, { provider: eu });
 * ```
 *
 * It runs in-process (no plugin) and is not registered as a resource: nothing of it is stored in the state.
 * Resolution order: the call's own inputs → this provider's settings → its config namespace → environment.
 */
export class Provider {
  /** @internal */
  readonly __huaweicloudDmsProvider = true;
  readonly settings: ProviderSettings;

  constructor(
    readonly name: string,
    args: ProviderArgs = {},
  ) {
    const configNamespace = checkConfigNamespace("configNamespace", args.configNamespace ?? DEFAULT_CONFIG_NAMESPACE);
    // Validate the plain settings now, so a typo fails where it was written.
    let checked: ProviderConfig;
    try {
      checked = parseConfig({ region: args.region, projectId: args.projectId, endpoint: args.endpoint });
    } catch (e) {
      throw e instanceof ValidationError ? new ValidationError(e.field, e.wordedFor(PROPERTY_WORDING)) : e;
    }
    this.settings = { configNamespace, ...checked } as ProviderSettings;
  }

  static isInstance(obj: unknown): obj is Provider {
    return typeof obj === "object" && obj !== null && (obj as Provider).__huaweicloudDmsProvider === true;
  }
}

/** The default provider's settings: the `huaweicloud-dms` namespace, nothing else. */
export const DEFAULT_SETTINGS: ProviderSettings = Object.freeze({ configNamespace: DEFAULT_CONFIG_NAMESPACE });

/**
 * Configuration for a call made in the program process: the provider's settings, then its stack-config
 * namespace (read now, through pulumi.Config). The environment comes after, in the core.
 * @internal (kept out of the published .d.ts, so programs' type checks don't load io-ts and fp-ts)
 */
export function programConfig(provider?: Provider): ProviderConfig {
  if (provider !== undefined && !Provider.isInstance(provider)) {
    throw new ValidationError("provider", "provider must be a pulumi-huaweicloud-dms Provider (new dms.Provider(...)).");
  }
  const settings = provider?.settings ?? DEFAULT_SETTINGS;
  const ns = settings.configNamespace;
  const config = new pulumi.Config(ns);
  const fromStack = configFromNamespace(ns, (key) => config.get(key));
  const { configNamespace: _, ...explicit } = settings;
  return { ...fromStack, ...explicit };
}
