// Reading `NAMESPACE:key` configuration, shared by the program side (pulumi.Config) and the gate's dynamic
// provider (the `configure(req)` hook's req.config). No @pulumi/pulumi import: the gate runtime loads this.
import { ProviderConfig, parseConfig } from "../provider/core/codecs";
import { ValidationError } from "../provider/core/errors";

/** The stack-config namespace the default provider reads (`huaweicloud-dms:region`, `:accessKey`, …). */
export const DEFAULT_CONFIG_NAMESPACE = "huaweicloud-dms";

/**
 * The configuration keys read from a namespace (credentials should be set with `--secret`).
 * @internal (this and configFromNamespace stay out of the published .d.ts: their types come from io-ts)
 */
export const CONFIG_KEYS = Object.keys(ProviderConfig.props) as ReadonlyArray<keyof ProviderConfig>;

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
  return parseConfig(raw, `${namespace}:`);
}

/** Core messages name the default namespace's keys; for another namespace, name its keys instead. */
export function inNamespace(message: string, namespace: string): string {
  if (namespace === DEFAULT_CONFIG_NAMESPACE) return message;
  const keys = CONFIG_KEYS.join("|");
  return message.replace(new RegExp(`\\b${DEFAULT_CONFIG_NAMESPACE}:(${keys})\\b`, "g"), `${namespace}:$1`);
}
