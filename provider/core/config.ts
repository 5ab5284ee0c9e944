// Where region, project, endpoints and credentials come from, in this order:
// the call's own inputs → explicit provider/stack config → environment (HW_*) → IAM lookup of the project by region.
import { ProviderConfig, SECRET_CONFIG_KEYS, violations } from "./codecs";
import { ValidationError } from "./errors";
import { proxyFor } from "./proxy";
import { Credentials } from "./signer";

/** Environment variables, in the conventions of the Huawei Terraform and Pulumi providers. */
export const ENV = {
  region: "HW_REGION_NAME",
  projectId: "HW_PROJECT_ID",
  accessKey: "HW_ACCESS_KEY",
  secretKey: "HW_SECRET_KEY",
  securityToken: "HW_SECURITY_TOKEN",
  endpoint: "HW_DMS_ENDPOINT",
  iamEndpoint: "HW_IAM_ENDPOINT",
} as const;

export type Env = Readonly<Record<string, string | undefined>>;

/** Every credential value that must never appear in a message: the configured ones and the environment's. */
export function secretsOf(config: ProviderConfig | undefined, env: Env): Array<string | undefined> {
  return [
    ...SECRET_CONFIG_KEYS.map((key) => config?.[key]),
    ...SECRET_CONFIG_KEYS.map((key) => env[ENV[key]]),
  ];
}

export interface ResolvedConfig {
  readonly region?: string;
  /** Undefined when it must be looked up through IAM by region. */
  readonly projectId?: string;
  readonly endpoint: string;
  readonly iamEndpoint?: string;
  readonly credentials: Credentials;
}

/** The public cloud's domain for a region (the European regions live under `.eu`). */
function domainOf(region: string): string {
  return region.startsWith("eu-west-1") ? "myhuaweicloud.eu" : "myhuaweicloud.com";
}

export function defaultDmsEndpoint(region: string): string {
  return `https://dms.${region}.${domainOf(region)}`;
}

export function defaultIamEndpoint(region: string): string {
  return `https://iam.${region}.${domainOf(region)}`;
}

/** The configuration the environment supplies, each variable validated (messages name the variable). */
export function configFromEnv(env: Env): ProviderConfig & { iamEndpoint?: string } {
  const out: Record<string, string> = {};
  for (const [key, variable] of Object.entries(ENV)) {
    const value = env[variable];
    if (!value) continue;
    const codecKey = key === "iamEndpoint" ? "endpoint" : key;
    const problems = violations(ProviderConfig, { [codecKey]: value });
    if (problems.length) {
      throw new ValidationError(variable, problems[0].message.replace(codecKey, `The environment variable ${variable}`));
    }
    out[key] = value;
  }
  return out;
}

/**
 * Merges the three sources (call inputs win, then explicit config, then the environment) and checks that
 * what a request needs is there. Throws a ValidationError before anything is sent.
 */
export function resolveConfig(
  call: { readonly region?: string; readonly projectId?: string },
  explicit: ProviderConfig,
  env: Env,
): ResolvedConfig {
  const fromEnv = configFromEnv(env);
  const region = call.region ?? explicit.region ?? fromEnv.region;
  // A project ID belongs to a region: a source that names another region keeps its project ID to itself
  // (HW_PROJECT_ID of cn-north-4 is not used for a call in eu-west-101; IAM is asked instead). An endpoint is
  // an override (a proxy, another cloud, the emulator) and applies whatever the region.
  const projectId =
    call.projectId ??
    [explicit, fromEnv].find((src) => src.projectId !== undefined && (src.region === undefined || src.region === region))?.projectId;
  const credentials = credentialsFrom(explicit, fromEnv);
  const endpoint = explicit.endpoint ?? fromEnv.endpoint ?? (region ? defaultDmsEndpoint(region) : undefined);
  if (!endpoint) {
    throw new ValidationError(
      "region",
      `No region is configured: set region (or huaweicloud-dms:region, or ${ENV.region}), or set both an endpoint and a project ID.`,
    );
  }
  const iamEndpoint = fromEnv.iamEndpoint ?? (region ? defaultIamEndpoint(region) : undefined);
  if (!projectId && !region) {
    throw new ValidationError(
      "projectId",
      `No project ID is configured and no region to look it up by: set projectId (or ${ENV.projectId}) or region (or ${ENV.region}).`,
    );
  }
  // The proxy variables that apply to the endpoints this call will reach are checked now, before any request.
  proxyFor(endpoint, env);
  if (!projectId && iamEndpoint) proxyFor(iamEndpoint, env);
  return {
    region,
    projectId,
    endpoint,
    iamEndpoint,
    credentials,
  };
}

/**
 * The key pair (and token) come together from the first source that sets either key: one key from config and
 * the other from the environment would sign with a pair that was never issued.
 */
function credentialsFrom(explicit: ProviderConfig, fromEnv: ProviderConfig): Credentials {
  const fromConfig = explicit.accessKey !== undefined || explicit.secretKey !== undefined;
  const source = fromConfig ? explicit : fromEnv;
  const name = (key: "accessKey" | "secretKey"): string => (fromConfig ? `huaweicloud-dms:${key}` : ENV[key]);
  const { accessKey, secretKey, securityToken } = source;
  if (accessKey === undefined && secretKey === undefined) {
    throw new ValidationError(
      "accessKey",
      `No access key is configured: set huaweicloud-dms:accessKey and huaweicloud-dms:secretKey (as secrets) or ${ENV.accessKey} and ${ENV.secretKey}.`,
    );
  }
  if (accessKey === undefined || secretKey === undefined) {
    const [set, missing] = accessKey === undefined ? (["secretKey", "accessKey"] as const) : (["accessKey", "secretKey"] as const);
    throw new ValidationError(missing, `${name(set)} is set but ${name(missing)} is not: set both or neither.`);
  }
  return { accessKey, secretKey, ...(securityToken ? { securityToken } : {}) };
}
