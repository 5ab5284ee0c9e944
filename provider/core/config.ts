// Where region, project, endpoints and credentials come from, in this order:
// the call's own inputs → explicit provider/stack config → environment (HW_*) → IAM lookup of the project by region.
// What each setting is (codec, variables, secret) lives in settings.ts; messages are worded by each surface.
import { ValidationError, type Wording } from "./errors";
import { proxyFor } from "./proxy";
import { ENV, Env, ProviderConfig, configFromEnv } from "./settings";
import { Credentials } from "./signer";

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
      (w) =>
        `No region is configured: set ${w.howToSet("region")}, or set both ${w.howToSet("endpoint")} and ${w.howToSet("projectId")}.`,
    );
  }
  const iamEndpoint = fromEnv.iamEndpoint ?? (region ? defaultIamEndpoint(region) : undefined);
  if (!projectId && !region) {
    throw new ValidationError(
      "projectId",
      (w) => `No project ID is configured and no region to look it up by: set ${w.howToSet("projectId")}, or ${w.howToSet("region")}.`,
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
  const { accessKey, secretKey, securityToken } = source;
  if (accessKey === undefined && secretKey === undefined) {
    throw new ValidationError(
      "accessKey",
      (w) => `No access key is configured: set ${w.howToSet("accessKey")}, and ${w.howToSet("secretKey")} (as secrets).`,
    );
  }
  if (accessKey === undefined || secretKey === undefined) {
    const [set, missing] = accessKey === undefined ? (["secretKey", "accessKey"] as const) : (["accessKey", "secretKey"] as const);
    const name = (w: Wording, key: "accessKey" | "secretKey"): string => (fromConfig ? w.setting(key) : ENV[key]);
    throw new ValidationError(missing, (w) => `${name(w, set)} is set but ${name(w, missing)} is not: set both or neither.`);
  }
  return { accessKey, secretKey, ...(securityToken ? { securityToken } : {}) };
}
