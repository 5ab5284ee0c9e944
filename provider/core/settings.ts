// The provider's settings, as one table: everything about a setting lives in its entry — codec, environment
// variables, whether it is a secret, its CLI flag and its doc. The ProviderConfig codec, the secrets list, the
// environment reading, the CLI's flags and messages, schema.json (`npm run gen:schema`) and README's config
// table derive from it. A new setting is one entry here.
import * as t from "io-ts";
import { Endpoint, Region, ResourceId, SecretString, Violation, invalid, violations } from "./codecs";

export interface SettingEntry {
  readonly codec: t.Type<string, string, unknown>;
  /** Environment variables, first found wins. */
  readonly env: readonly string[];
  readonly secret?: true;
  /** A CLI flag setting it (function inputs of the same name have theirs in inputs.ts). */
  readonly flag?: string;
  /** False: read from the environment only, not a config key (nor a schema property). */
  readonly config?: false;
  /** The schema's description (the default, its environment variables, is added from `env`). */
  readonly doc: string;
  /** What applies when nothing sets it, for the description's "Default:" sentence. */
  readonly otherwise?: string;
}

export const SETTINGS = {
  region: {
    codec: Region,
    env: ["HW_REGION_NAME"],
    flag: "--region",
    doc: "Huawei Cloud region to query, such as `cn-north-4` (lowercase letters, digits and `-`). Picks the endpoint `https://dms.{region}.myhuaweicloud.com` (`.eu` for `eu-west-1xx`) and the IAM project lookup. A function call's own `region` wins over this.",
  },
  projectId: {
    codec: ResourceId,
    env: ["HW_PROJECT_ID"],
    flag: "--project-id",
    doc: "Huawei Cloud project ID (1 to 64 letters, digits, `-` or `_`; usually 32 hex characters). A function call's own `projectId` wins over this.",
    otherwise: "the project named after the region, looked up through IAM (`HW_IAM_ENDPOINT` overrides the IAM endpoint)",
  },
  accessKey: {
    codec: SecretString,
    env: ["HW_ACCESS_KEY"],
    secret: true,
    doc: "Access key (AK) used to sign requests. Set it as a secret: `pulumi config set huaweicloud-dms:accessKey AK --secret`.",
  },
  secretKey: {
    codec: SecretString,
    env: ["HW_SECRET_KEY"],
    secret: true,
    doc: "Secret key (SK) used to sign requests. Set it as a secret: `pulumi config set huaweicloud-dms:secretKey SK --secret`.",
  },
  securityToken: {
    codec: SecretString,
    env: ["HW_SECURITY_TOKEN"],
    secret: true,
    doc: "Security token of temporary credentials (sent as `X-Security-Token`); leave unset for permanent access keys.",
  },
  endpoint: {
    codec: Endpoint,
    env: ["HW_DMS_ENDPOINT"],
    flag: "--endpoint",
    doc: "DMS API endpoint override: an `http(s)` URL without credentials, query or fragment, e.g. `https://dms.cn-north-4.myhuaweicloud.com` (a path prefix is kept), for other clouds, proxies or a local emulator. With an endpoint, a region is only needed when no project ID is set.",
    otherwise: "derived from the region",
  },
  iamEndpoint: {
    codec: Endpoint,
    env: ["HW_IAM_ENDPOINT"],
    config: false,
    doc: "IAM endpoint for the project ID lookup (default: `https://iam.{region}.myhuaweicloud.com`).",
  },
} as const satisfies Record<string, SettingEntry>;

type Settings = typeof SETTINGS;
export type SettingName = keyof Settings;
type ConfigName = { [K in SettingName]: Settings[K] extends { config: false } ? never : K }[SettingName];

/** Provider configuration: the config keys (`huaweicloud-dms:*`, provider resource inputs), each optional. */
export type ProviderConfig = { [K in ConfigName]?: string };

const entries = Object.entries(SETTINGS as Record<string, SettingEntry>);

export const CONFIG_KEYS = entries.filter(([, e]) => e.config !== false).map(([k]) => k) as ConfigName[];
export const SECRET_CONFIG_KEYS = entries.filter(([, e]) => e.secret).map(([k]) => k) as ConfigName[];

export const ProviderConfig = t.partial(Object.fromEntries(CONFIG_KEYS.map((k) => [k, SETTINGS[k].codec]))) as unknown as t.Type<
  ProviderConfig,
  ProviderConfig,
  unknown
>;

/** The first environment variable of each setting (what messages and docs name). */
export const ENV = Object.fromEntries(entries.map(([k, e]) => [k, e.env[0]])) as { readonly [K in SettingName]: Settings[K]["env"][0] };

/** The schema's description of a setting: its doc and its default. */
export function settingDescription(name: SettingName): string {
  const e: SettingEntry = SETTINGS[name];
  const vars = e.env.map((v) => `\`${v}\``).join(", then ");
  return `${e.doc} Default: the ${vars} environment variable${e.otherwise ? `, else ${e.otherwise}` : ""}.`;
}

/** Every way one surface offers to set a setting, for "nothing configured" messages. */
export function sourcesOf(name: SettingName, first: readonly string[]): string {
  return [...first, ...SETTINGS[name].env].join(" or ");
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Validates provider configuration; throws a ValidationError naming the key (never a secret's value). Empty
 * strings count as unset (an exported-but-empty variable, a blank config value); keys the table does not know
 * are ignored here (the plugin's CheckConfig reports them).
 */
export function parseConfig(value: Readonly<Record<string, unknown>>, secretKeys: ReadonlySet<string> = new Set()): ProviderConfig {
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined && v !== null && v !== "" && (CONFIG_KEYS as string[]).includes(k)) set[k] = v;
  }
  const problems = violations(ProviderConfig, set, "setting", new Set([...secretKeys, ...SECRET_CONFIG_KEYS]));
  if (problems.length) throw invalid(problems[0]);
  return set as ProviderConfig;
}

/** Problems with one configuration value (the plugin's CheckConfig reports each). */
export function settingViolations(name: string, value: unknown, secret: boolean): Violation[] {
  return violations(ProviderConfig, { [name]: value }, "setting", new Set([...SECRET_CONFIG_KEYS, ...(secret ? [name] : [])]));
}

/** The settings the environment supplies (every entry, config or not), each validated under its variable's name. */
export function configFromEnv(env: Env): ProviderConfig & { iamEndpoint?: string } {
  const out: Record<string, string> = {};
  for (const [key, e] of entries) {
    const variable = e.env.find((v) => env[v]);
    if (!variable) continue;
    const value = env[variable]!;
    const problems = violations(t.type({ [variable]: e.codec }), { [variable]: value }, "env", e.secret ? new Set([variable]) : new Set());
    if (problems.length) throw invalid(problems[0]);
    out[key] = value;
  }
  return out;
}

/** Every credential value that must never appear in a message: the configured ones and the environment's. */
export function secretsOf(config: ProviderConfig | undefined, env: Env): Array<string | undefined> {
  return [
    ...SECRET_CONFIG_KEYS.map((key) => config?.[key]),
    ...SECRET_CONFIG_KEYS.flatMap((key) => (SETTINGS[key] as SettingEntry).env.map((v) => env[v])),
  ];
}
