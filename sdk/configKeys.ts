// Reading `NAMESPACE:key` configuration, shared by the program side (pulumi.Config) and the gate's dynamic
// provider (the `configure(req)` hook's req.config). No @pulumi/pulumi import: the gate runtime loads this.
import {
  CONFIG_KEYS,
  HUAWEICLOUD_KEYS,
  HUAWEICLOUD_NAMESPACE,
  ProviderConfig,
  SettingValues,
  ValidationError,
  parseConfig,
  parseNamedConfig,
  programWording,
} from "../provider/core";
import { PACKAGE } from "../provider/protocol";

/** The stack-config namespace the default provider reads (`huaweicloud-dms:region`, `:accessKey`, …). */
export const DEFAULT_CONFIG_NAMESPACE = PACKAGE;

const NAMESPACE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

export function isConfigNamespace(u: unknown): u is string {
  return typeof u === "string" && NAMESPACE_PATTERN.test(u);
}

export function checkConfigNamespace(field: string, u: unknown): string {
  if (!isConfigNamespace(u)) {
    throw new ValidationError(
      field,
      `${field} must be a stack-config namespace such as "huaweicloud-dms" or "dms-eu" (letters, digits, ".", "_", "-"); got ${typeof u === "string" ? JSON.stringify(u.slice(0, 40)) : typeof u}.`,
    );
  }
  return u;
}

/**
 * The configuration set under `namespace:` (`get` receives the short key), validated; keys that are unset
 * are absent. (A lone access key or secret key is refused by the core, which takes the pair from one source.)
 * @internal
 */
export function configFromNamespace(namespace: string, get: (key: string) => string | undefined): ProviderConfig {
  const raw: Record<string, string> = {};
  for (const key of CONFIG_KEYS) {
    const value = get(key);
    if (value !== undefined && value !== "") raw[key] = value;
  }
  return parseConfig(raw);
}

/** A message for a program whose settings live in `namespace`: a ValidationError worded with its keys. */
export function wordedFor(e: unknown, namespace: string): string {
  return e instanceof ValidationError ? e.wordedFor(programWording(namespace)) : e instanceof Error ? e.message : String(e);
}

/**
 * pulumi-huaweicloud's stack config (`huaweicloud:region`, `:accessKey`, … — the keys it shares with this
 * package), validated; `get` receives the full key. Read after this package's own namespace, before the
 * environment.
 * @internal
 */
export function huaweicloudConfig(get: (fullKey: string) => string | undefined): SettingValues {
  return parseNamedConfig(HUAWEICLOUD_NAMESPACE, HUAWEICLOUD_KEYS, (key) => get(`${HUAWEICLOUD_NAMESPACE}:${key}`));
}
