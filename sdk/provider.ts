// An explicit provider: a second account, region or endpoint for the same program.
import * as pulumi from "@pulumi/pulumi";
import { PROPERTY_WORDING, ProviderConfig, SECRET_CONFIG_KEYS, SecretSettingName, ValidationError, parseConfig } from "../provider/core";
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
  /** IAM endpoint, for the project lookup and agencies (wins over `NAMESPACE:iamEndpoint` and `HW_IAM_ENDPOINT`). */
  readonly iamEndpoint?: string;
  /** The cloud's domain, e.g. `"myhuaweicloud.com"`, from which the default endpoints are made. */
  readonly cloud?: string;
  /** KooCLI file to read a profile from when nothing else gives keys (default `~/.hcloud/config.json`). */
  readonly sharedConfigFile?: string;
  /** KooCLI profile (default: the file's `current`). */
  readonly profile?: string;
  /** An agency to assume with the keys found: `{ agencyName, domainName or domainId, durationSeconds? }`. */
  readonly assumeRole?: AssumeRoleArgs;
  /** A PEM bundle of CA certificates trusted in addition to Node's. */
  readonly cacertFile?: string;
  /** Skip HTTPS certificate verification (one warning). Prefer `cacertFile`. */
  readonly insecure?: boolean;
  /** Retries of one request on 429, 5xx and network errors, 0 to 10 (default 4). */
  readonly maxRetries?: number;
  /** Longest wait for one request attempt, seconds (default 30). */
  readonly requestTimeoutSeconds?: number;
}

/** An IAM agency to assume (`POST /v3.0/OS-CREDENTIAL/securitytokens`). */
export interface AssumeRoleArgs {
  readonly agencyName: string;
  /** The account that owns the agency, by name (or set domainId). */
  readonly domainName?: string;
  /** The account that owns the agency, by ID (or set domainName). */
  readonly domainId?: string;
  /** How long the temporary keys live, 900 to 43200 seconds (default 3600); they are renewed before they expire. */
  readonly durationSeconds?: number;
}

/** The non-secret settings of a provider that the gate carries as inputs. */
export type ProviderSettings = { readonly configNamespace: string } & Omit<ProviderArgs, "configNamespace">;

// ProviderArgs holds exactly the settings table's non-secret keys (and the namespace), with the table's types: a
// compile error otherwise. (Declared here, not imported, so a program type-checks no more than the SDK's own types.)
type PlainSettingKey = Exclude<keyof ProviderConfig, SecretSettingName>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type ArgsOf = Required<Omit<ProviderArgs, "configNamespace">>;
const argsMatchTable: Same<keyof ArgsOf, PlainSettingKey> = true;
const typesMatchTable: Same<{ [K in PlainSettingKey]: ArgsOf[K] }, { [K in PlainSettingKey]: NonNullable<ProviderConfig[K]> }> = true;
void argsMatchTable;
void typesMatchTable;

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
    const { configNamespace: namespace, ...plain } = args;
    const configNamespace = checkConfigNamespace("configNamespace", namespace ?? DEFAULT_CONFIG_NAMESPACE);
    // Validate the plain settings now, so a typo fails where it was written (secrets are never taken here).
    let checked: ProviderConfig;
    try {
      const secrets = Object.keys(plain).filter((k) => (SECRET_CONFIG_KEYS as readonly string[]).includes(k));
      if (secrets.length) {
        throw new ValidationError(
          secrets[0],
          `${secrets[0]} cannot be given to a Provider: credentials are only read at run time, from its config namespace (set ${configNamespace}:${secrets[0]} with --secret) or the environment.`,
        );
      }
      checked = parseConfig(plain);
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
