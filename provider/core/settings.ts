// The provider's settings, as one table: everything about a setting lives in its entry — codec, environment
// variables, whether it is a secret, its CLI flag and its doc. The ProviderConfig codec, the secrets list, the
// environment reading, the CLI's flags and messages, schema.json (`npm run gen:schema`) and README's config
// table derive from it. A new setting is one entry here.
//
// The environment is two layers (config.ts): the HW_* conventions of Huawei's Terraform and Pulumi providers
// (with OS_CACERT), then the official SDKs' HUAWEICLOUD_SDK_* — so a key pair never mixes the two families.
import * as t from "io-ts";
import { Endpoint, Region, ResourceId, SecretString, Violation, invalid, violations } from "./codecs";
import { seenSecrets } from "./credentials/types";
import { AssumeRoleSetting, Domain, FilePath, Flag, MetadataEndpoint, ProfileName, countIn } from "./settingCodecs";

/** The schema.json type of a setting (default string). */
export type SettingSchema =
  | { readonly type: "string" }
  | { readonly type: "boolean" }
  | { readonly type: "integer" }
  | { readonly type: "number" }
  | { readonly $ref: string };

export interface SettingEntry {
  readonly codec: t.Mixed;
  /** Environment variables, first found wins (within a family: see above). */
  readonly env: readonly string[];
  /** A setting made of fields (assumeRole): the variable of each field, read together. */
  readonly envFields?: Readonly<Record<string, string>>;
  /** pulumi-huaweicloud has the same key: `huaweicloud:KEY` is read where a surface sees the stack's config. */
  readonly huaweicloud?: true;
  readonly schema?: SettingSchema;
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
    huaweicloud: true,
    flag: "--region",
    doc: "Huawei Cloud region to query, such as `cn-north-4` (lowercase letters, digits and `-`). Picks the endpoint `https://dms.{region}.myhuaweicloud.com` (`.eu` for `eu-west-1xx`) and the IAM project lookup. A function call's own `region` wins over this.",
  },
  projectId: {
    codec: ResourceId,
    env: ["HW_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"],
    huaweicloud: true,
    flag: "--project-id",
    doc: "Huawei Cloud project ID (1 to 64 letters, digits, `-` or `_`; usually 32 hex characters). A function call's own `projectId` wins over this.",
    otherwise: "the project named after the region, looked up through IAM (`HW_IAM_ENDPOINT` overrides the IAM endpoint)",
  },
  accessKey: {
    codec: SecretString,
    env: ["HW_ACCESS_KEY", "HUAWEICLOUD_SDK_AK"],
    secret: true,
    huaweicloud: true,
    doc: "Access key (AK) used to sign requests. Set it as a secret: `pulumi config set huaweicloud-dms:accessKey AK --secret`.",
  },
  secretKey: {
    codec: SecretString,
    env: ["HW_SECRET_KEY", "HUAWEICLOUD_SDK_SK"],
    secret: true,
    huaweicloud: true,
    doc: "Secret key (SK) used to sign requests. Set it as a secret: `pulumi config set huaweicloud-dms:secretKey SK --secret`.",
  },
  securityToken: {
    codec: SecretString,
    env: ["HW_SECURITY_TOKEN", "HUAWEICLOUD_SDK_SECURITY_TOKEN"],
    secret: true,
    huaweicloud: true,
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
    env: ["HW_IAM_ENDPOINT", "HUAWEICLOUD_SDK_IAM_ENDPOINT"],
    flag: "--iam-endpoint",
    doc: "IAM endpoint for the project ID lookup and for assuming an agency, e.g. `https://iam.cn-north-4.myhuaweicloud.com`.",
    otherwise: "`https://iam.{region}.{cloud}`",
  },
  cloud: {
    codec: Domain,
    env: ["HW_CLOUD"],
    huaweicloud: true,
    doc: "The cloud's domain, from which the default DMS and IAM endpoints are made (`https://dms.{region}.{cloud}`).",
    otherwise: "`myhuaweicloud.com` (`myhuaweicloud.eu` for `eu-west-1xx`)",
  },
  sharedConfigFile: {
    codec: FilePath,
    env: ["HW_SHARED_CONFIG_FILE"],
    huaweicloud: true,
    doc: "KooCLI (`hcloud`) configuration file to read a profile from, when no setting above gives keys. Its keys must be stored unencrypted (`hcloud configure set --cli-auth-encrypt=false`).",
    otherwise: "`~/.hcloud/config.json`",
  },
  profile: {
    codec: ProfileName,
    env: ["HW_PROFILE"],
    huaweicloud: true,
    flag: "--profile",
    doc: 'KooCLI profile to read: an `AKSK` profile gives keys (and region, project ID, token when present), an `ecsAgency` profile means the ECS metadata credentials.',
    otherwise: "the file's `current` profile",
  },
  assumeRole: {
    codec: AssumeRoleSetting,
    env: ["HW_ASSUME_ROLE_AGENCY_NAME", "HW_ASSUME_ROLE_DOMAIN_NAME", "HW_ASSUME_ROLE_DOMAIN_ID", "HW_ASSUME_ROLE_DURATION"],
    envFields: {
      agencyName: "HW_ASSUME_ROLE_AGENCY_NAME",
      domainName: "HW_ASSUME_ROLE_DOMAIN_NAME",
      domainId: "HW_ASSUME_ROLE_DOMAIN_ID",
      durationSeconds: "HW_ASSUME_ROLE_DURATION",
    },
    schema: { $ref: "#/types/huaweicloud-dms:index:AssumeRole" },
    doc: "An agency to assume: the keys found sign IAM's `POST /v3.0/OS-CREDENTIAL/securitytokens`, and the temporary keys it answers sign the listing (renewed shortly before they expire). As stack config, JSON text: `{\"agencyName\": \"…\", \"domainName\": \"…\"}`.",
    otherwise: "none: the keys found sign the listing themselves",
  },
  cacertFile: {
    codec: FilePath,
    env: ["HW_CACERT_FILE", "OS_CACERT"],
    huaweicloud: true,
    flag: "--cacert-file",
    doc: "A PEM bundle of CA certificates trusted in addition to Node's own, for HTTPS through a company proxy or a private cloud.",
    otherwise: "Node's roots only",
  },
  insecure: {
    codec: Flag,
    env: ["HW_INSECURE"],
    huaweicloud: true,
    flag: "--insecure",
    schema: { type: "boolean" },
    doc: "Skip HTTPS certificate verification (one warning is printed). Prefer `cacertFile`.",
    otherwise: "false",
  },
  maxRetries: {
    codec: countIn(0, 10, "retries"),
    env: ["HW_MAX_RETRIES"],
    huaweicloud: true,
    flag: "--retries",
    schema: { type: "integer" },
    doc: "Retries of one request on throttling (429), server errors (5xx) and network errors, 0 to 10.",
    otherwise: "4",
  },
  requestTimeoutSeconds: {
    codec: countIn(1, 3_600, "seconds", false),
    env: [],
    flag: "--request-timeout",
    schema: { type: "number" },
    doc: "Longest wait for one request attempt, in seconds (1 to 3600).",
    otherwise: "30",
  },
  metadataEndpoint: {
    codec: MetadataEndpoint,
    env: ["HW_METADATA_ENDPOINT"],
    config: false,
    doc: 'Base URL of the ECS metadata service, asked for the instance\'s temporary keys when nothing else gives keys; "off" never asks it.',
    otherwise: "`http://169.254.169.254`",
  },
} as const satisfies Record<string, SettingEntry>;

type Settings = typeof SETTINGS;
export type SettingName = keyof Settings;
type ConfigName = { [K in SettingName]: Settings[K] extends { config: false } ? never : K }[SettingName];
/** The settings that hold a secret (keys, token). */
export type SecretSettingName = { [K in SettingName]: Settings[K] extends { secret: true } ? K : never }[SettingName];

/** Every setting's decoded value, each optional. */
export type SettingValues = { readonly [K in SettingName]?: t.TypeOf<Settings[K]["codec"]> };

/** Provider configuration: the config keys (`huaweicloud-dms:*`, provider resource inputs), each optional. */
export type ProviderConfig = { [K in ConfigName]?: t.TypeOf<Settings[K]["codec"]> };

const entries = Object.entries(SETTINGS as Record<string, SettingEntry>);

export const CONFIG_KEYS = entries.filter(([, e]) => e.config !== false).map(([k]) => k) as ConfigName[];
export const SECRET_CONFIG_KEYS = entries.filter(([, e]) => e.secret).map(([k]) => k) as ConfigName[];
/** The settings pulumi-huaweicloud also has, read as `huaweicloud:KEY` by the SDK and the gate. */
export const HUAWEICLOUD_KEYS = entries.filter(([, e]) => e.huaweicloud).map(([k]) => k) as ConfigName[];
/** The namespace of pulumi-huaweicloud's stack config. */
export const HUAWEICLOUD_NAMESPACE = "huaweicloud";

export const ProviderConfig = t.partial(Object.fromEntries(CONFIG_KEYS.map((k) => [k, SETTINGS[k].codec]))) as unknown as t.Type<
  ProviderConfig,
  ProviderConfig,
  unknown
>;

/** The first environment variable of each setting (what messages and docs name). */
export const ENV = Object.fromEntries(entries.map(([k, e]) => [k, e.env[0]])) as { readonly [K in SettingName]: string | undefined };

/** The schema's description of a setting: its doc and its default. */
export function settingDescription(name: SettingName): string {
  const e: SettingEntry = SETTINGS[name];
  const vars = e.env.map((v) => `\`${v}\``).join(e.envFields ? ", " : ", then ");
  const fromEnv = e.env.length === 0 ? "" : e.envFields ? `the ${vars} environment variables` : `the ${vars} environment variable`;
  const fallback = [fromEnv, e.otherwise].filter(Boolean).join(", else ");
  return `${e.doc}${fallback ? ` Default: ${fallback}.` : ""}`;
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
  const decoded = ProviderConfig.decode(set);
  if (decoded._tag === "Right") return decoded.right;
  throw invalid(violations(ProviderConfig, set, "setting", new Set([...secretKeys, ...SECRET_CONFIG_KEYS]))[0]);
}

/**
 * Another package's keys naming the same settings (pulumi-huaweicloud's `huaweicloud:KEY`), validated; messages
 * name the key in full.
 */
export function parseNamedConfig(
  namespace: string,
  keys: readonly SettingName[],
  get: (key: string) => string | undefined,
): SettingValues {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const raw = get(key);
    if (raw === undefined || raw === "") continue;
    const name = `${namespace}:${key}`;
    const e: SettingEntry = SETTINGS[key];
    const problems = violations(t.type({ [name]: e.codec }), { [name]: raw }, "named", e.secret ? new Set([name]) : new Set());
    if (problems.length) throw invalid(problems[0]);
    out[key] = decodedValue(e.codec, raw);
  }
  return out as SettingValues;
}

/** Problems with one configuration value (the plugin's CheckConfig reports each). */
export function settingViolations(name: string, value: unknown, secret: boolean): Violation[] {
  return violations(ProviderConfig, { [name]: value }, "setting", new Set([...SECRET_CONFIG_KEYS, ...(secret ? [name] : [])]));
}

/** The value a codec reads from input it has accepted. */
function decodedValue(codec: t.Mixed, raw: unknown): unknown {
  const d = codec.decode(raw);
  return d._tag === "Right" ? d.right : raw;
}

/** Which family a variable belongs to: 0 for HW_* (and OS_CACERT), 1 for the official SDKs' HUAWEICLOUD_SDK_*. */
export function envFamily(variable: string): 0 | 1 {
  return variable.startsWith("HUAWEICLOUD_SDK_") ? 1 : 0;
}

/** One family's settings from the environment, each validated under its variable's name, with the variable each
 * came from. */
export function settingsFromEnv(env: Env, family: 0 | 1 = 0): { values: SettingValues; from: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const from: Record<string, string> = {};
  for (const [key, e] of entries) {
    if (e.envFields) {
      if (family !== 0) continue;
      const fields = Object.entries(e.envFields).filter(([, v]) => env[v]);
      if (!fields.length) continue;
      const value = Object.fromEntries(fields.map(([f, v]) => [f, env[v]]));
      const decoded = e.codec.decode(value);
      if (decoded._tag === "Left") {
        const names = fields.map(([, v]) => v).join(", ");
        throw invalid({ key: names, kind: "named", path: "", rule: `${fields.length > 1 ? "do" : "does"} not name an agency: set HW_ASSUME_ROLE_AGENCY_NAME, one of HW_ASSUME_ROLE_DOMAIN_NAME and HW_ASSUME_ROLE_DOMAIN_ID, and optionally HW_ASSUME_ROLE_DURATION (900 to 43200 seconds)` });
      }
      values[key] = decoded.right;
      from[key] = fields.map(([, v]) => v).join("/");
      continue;
    }
    const variable = e.env.find((v) => envFamily(v) === family && env[v]);
    if (!variable) continue;
    const value = env[variable]!;
    const problems = violations(t.type({ [variable]: e.codec }), { [variable]: value }, "env", e.secret ? new Set([variable]) : new Set());
    if (problems.length) throw invalid(problems[0]);
    values[key] = decodedValue(e.codec, value);
    from[key] = variable;
  }
  return { values: values as SettingValues, from };
}

/** The settings the environment supplies (both families: HW_* first), each validated under its variable's name. */
export function configFromEnv(env: Env): SettingValues {
  return { ...settingsFromEnv(env, 1).values, ...settingsFromEnv(env, 0).values };
}

/** Every credential value that must never appear in a message: the configured ones, the environment's, and
 * every key any source (a KooCLI profile, ECS metadata, an agency) handed over in this process. */
export function secretsOf(config: ProviderConfig | undefined, env: Env): Array<string | undefined> {
  return [
    ...SECRET_CONFIG_KEYS.map((key) => config?.[key] as string | undefined),
    ...SECRET_CONFIG_KEYS.flatMap((key) => (SETTINGS[key] as SettingEntry).env.map((v) => env[v])),
    ...seenSecrets(),
  ];
}
