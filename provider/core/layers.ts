// The layers the resolution walks, built from what a surface hands over: `huaweicloud-dms:*` config (explicit
// provider, CLI flags), `huaweicloud:*` stack config (SDK and gate), and the environment — HW_* first, then the
// official SDKs' HUAWEICLOUD_SDK_* (a layer of its own, so a pair never mixes the two families).
import { Endpoint, ProviderConfig, SecretString, ResourceId, violations } from "./codecs";
import { configFromEnv, type Env } from "./config";
import { ValidationError } from "./errors";
import { Layer, ResolveOptions, ResolvedConfig, SettingValues, resolveSettings } from "./resolution";

/** The official SDKs' variables, and the setting each sets. */
const SDK_ENV = {
  accessKey: ["HUAWEICLOUD_SDK_AK", SecretString],
  secretKey: ["HUAWEICLOUD_SDK_SK", SecretString],
  securityToken: ["HUAWEICLOUD_SDK_SECURITY_TOKEN", SecretString],
  projectId: ["HUAWEICLOUD_SDK_PROJECT_ID", ResourceId],
  iamEndpoint: ["HUAWEICLOUD_SDK_IAM_ENDPOINT", Endpoint],
} as const;

export const METADATA_ENDPOINT_ENV = "HW_METADATA_ENDPOINT";

function fromSdkEnv(env: Env): SettingValues {
  const out: Record<string, string> = {};
  for (const [key, [variable, codec]] of Object.entries(SDK_ENV)) {
    const value = env[variable];
    if (!value) continue;
    const problems = violations(codec, value);
    if (problems.length) throw new ValidationError(variable, problems[0].message.replace(/^value/, `The environment variable ${variable}`));
    out[key] = value;
  }
  return out;
}

function metadataEndpoint(env: Env): string | undefined {
  const value = env[METADATA_ENDPOINT_ENV];
  if (!value || value === "off") return value || undefined;
  if (violations(Endpoint, value).length) {
    throw new ValidationError(METADATA_ENDPOINT_ENV, `The environment variable ${METADATA_ENDPOINT_ENV} must be an http(s) URL or "off".`);
  }
  return value;
}

export interface LayerSources {
  /** `huaweicloud-dms:*` configuration (an explicit provider's, the stack's, CLI flags'); validated. */
  readonly config: ProviderConfig;
  /** `huaweicloud:*` stack configuration (pulumi-huaweicloud's keys), where a surface sees the stack's config. */
  readonly stackConfig?: SettingValues;
  readonly env: Env;
}

export function layersOf(src: LayerSources): Layer[] {
  const hw = configFromEnv(src.env) as Record<string, string>;
  const hwNames: Record<string, string> = {
    region: "HW_REGION_NAME",
    projectId: "HW_PROJECT_ID",
    accessKey: "HW_ACCESS_KEY",
    secretKey: "HW_SECRET_KEY",
    securityToken: "HW_SECURITY_TOKEN",
    endpoint: "HW_DMS_ENDPOINT",
    iamEndpoint: "HW_IAM_ENDPOINT",
    metadataEndpoint: METADATA_ENDPOINT_ENV,
  };
  const metadata = metadataEndpoint(src.env);
  return [
    { nameOf: (k) => `huaweicloud-dms:${k}`, values: src.config as SettingValues },
    ...(src.stackConfig ? [{ nameOf: (k: string) => `huaweicloud:${k}`, values: src.stackConfig }] : []),
    { nameOf: (k) => hwNames[k] ?? k, values: { ...hw, ...(metadata ? { metadataEndpoint: metadata } : {}) } as SettingValues },
    { nameOf: (k) => (SDK_ENV as Record<string, readonly [string, unknown]>)[k]?.[0] ?? k, values: fromSdkEnv(src.env) },
  ];
}

export function resolveLayers(
  call: { readonly region?: string; readonly projectId?: string },
  src: LayerSources,
  opts: ResolveOptions,
): Promise<ResolvedConfig> {
  return resolveSettings(call, layersOf(src), opts);
}
