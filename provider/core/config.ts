// Where every setting comes from, in this order: the call's own inputs → `huaweicloud-dms:*` config (an explicit
// provider, CLI flags) → `huaweicloud:*` stack config (pulumi-huaweicloud's keys, where a surface sees the stack's
// config) → HW_* variables → HUAWEICLOUD_SDK_* variables → a KooCLI profile → ECS metadata (keys); then an
// optional agency, and the IAM lookup of the project by region. What each setting is lives in settings.ts;
// resolution.ts decides; this file builds the layers from what a surface hands over.
import type { Layer, ResolveOptions, ResolvedConfig } from "./resolution";
import { proxyFor } from "./proxy";
import { resolveSettings } from "./resolution";
import { Env, HUAWEICLOUD_NAMESPACE, ProviderConfig, SETTINGS, SettingEntry, SettingName, SettingValues, envFamily, settingsFromEnv } from "./settings";

export { defaultDmsEndpoint, defaultIamEndpoint } from "./resolution";
export type { ResolvedConfig } from "./resolution";

export interface ConfigSources {
  /** `huaweicloud-dms:*` configuration, validated (an explicit provider's, the stack's, the CLI's flags). */
  readonly config: ProviderConfig;
  /** Whether keys can be set in `config` (the CLI has no flags for them): it is then named in the "no
   * credentials" sentence. Default true. */
  readonly configHoldsKeys?: boolean;
  /** `huaweicloud:*` stack configuration, validated, where the surface sees the stack's config (SDK, gate). */
  readonly stackConfig?: SettingValues;
  readonly env: Env;
}

/** The variable of a family that names a setting (for messages when it is not set). */
function variableOf(key: SettingName, family: 0 | 1): string {
  const e: SettingEntry = SETTINGS[key];
  return e.env.find((v) => envFamily(v) === family) ?? e.env[0] ?? key;
}

/** The layers, in order; the environment's are validated here (messages name the variable). */
export function layersOf(src: ConfigSources): Layer[] {
  const hw = settingsFromEnv(src.env, 0);
  const sdk = settingsFromEnv(src.env, 1);
  return [
    { nameOf: (k, w) => w.setting(k), values: src.config as SettingValues, holdsKeys: src.configHoldsKeys ?? true },
    ...(src.stackConfig ? [{ nameOf: (k: SettingName) => `${HUAWEICLOUD_NAMESPACE}:${k}`, values: src.stackConfig }] : []),
    { nameOf: (k) => hw.from[k] ?? variableOf(k, 0), values: hw.values },
    { nameOf: (k) => sdk.from[k] ?? variableOf(k, 1), values: sdk.values },
  ];
}

/**
 * Resolves every setting for one call. Throws a ValidationError (nothing was sent) when one is bad or what a
 * request needs is missing; asks ECS metadata only when nothing else gives keys.
 */
export async function resolveConfig(
  call: { readonly region?: string; readonly projectId?: string },
  src: ConfigSources,
  opts: ResolveOptions,
): Promise<ResolvedConfig> {
  // `~` is the HOME of the environment handed over (as every variable is), else the user's.
  const home = opts.home ?? src.env.HOME ?? src.env.USERPROFILE;
  const resolved = await resolveSettings(call, layersOf(src), { ...opts, ...(home ? { home } : {}) });
  // The proxy variables that apply to the endpoints this call will reach are checked now, before any request.
  proxyFor(resolved.endpoint, src.env);
  if (resolved.iamEndpoint) proxyFor(resolved.iamEndpoint, src.env);
  return resolved;
}
