// Provider configuration as the engine hands it over: CheckConfig (validate, keep the inputs as given),
// DiffConfig (which keys changed; nothing ever needs replacing: the provider owns no resources) and Configure
// (`args`, with secrets wrapped, or the legacy `variables` map keyed `huaweicloud-dms:config:KEY`).
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { ProviderConfig } from "../core";
import { RpcError, Status } from "./errors";
import { Unwrapped, sameValue, unwrapProperties } from "./structs";

import { PACKAGE } from "../protocol";

export { PACKAGE };

/** Keys the engine itself adds to provider inputs; they pass through untouched. */
const ENGINE_KEYS: ReadonlySet<string> = new Set(["version", "pluginDownloadURL", "pluginChecksums", "parameter"]);

// The core (io-ts, axios) is loaded on the first configuration call, not at start-up.
const core = (): typeof import("../core") => require("../core");

/** The provider's configuration keys, from the settings table (one source of truth). */
export function configKeys(): string[] {
  return [...core().CONFIG_KEYS];
}

export interface Failure {
  readonly property: string;
  readonly reason: string;
}

/** Where a user fixes a key: stack config for the default provider, the resource's inputs for an explicit one. */
function whereToFix(key: string, providerName: string): string {
  if (!providerName || providerName.startsWith("default")) {
    return ` Check \`pulumi config get ${PACKAGE}:${key}\` (or unset it to use the environment).`;
  }
  return ` Check the "${key}" input of the provider resource "${providerName}".`;
}

/** Where a user sets a missing key. */
function whereToSet(key: string, providerName: string): string {
  if (!providerName || providerName.startsWith("default")) return ` Set it with \`pulumi config set --secret ${PACKAGE}:${key} …\`.`;
  return ` Set the "${key}" input of the provider resource "${providerName}".`;
}

/** CheckConfig: one failure per bad or unknown key; unknown (preview) and empty values are not checked. */
export function checkConfig(news: Struct | undefined, providerName: string): Failure[] {
  const { CONFIG_KEYS, describe, programWording, settingViolations } = core();
  const known: readonly string[] = CONFIG_KEYS;
  const failures: Failure[] = [];
  for (const [key, u] of Object.entries(unwrapProperties(news))) {
    if (ENGINE_KEYS.has(key)) continue;
    if (!known.includes(key)) {
      failures.push({
        property: key,
        reason: `${PACKAGE}:${key} is not a configuration key of the ${PACKAGE} provider; the known ones are ${known.join(", ")}.`,
      });
      continue;
    }
    if (u.unknown || u.value === null || u.value === undefined || u.value === "") continue;
    for (const v of settingViolations(key, u.value, u.secret)) {
      failures.push({ property: key, reason: describe(v, programWording()) + whereToFix(key, providerName) });
    }
  }
  return [...failures, ...credentialFailures(unwrapProperties(news), providerName)];
}

/**
 * The key pair is one credential: a configuration that sets one key and not the other would sign with a pair
 * that was never issued (the other is not taken from the environment), and a security token belongs to a pair.
 * An unknown value (a preview) counts as set.
 */
function credentialFailures(props: Record<string, Unwrapped>, providerName: string): Failure[] {
  const isSet = (key: string): boolean => {
    const u = props[key];
    return u !== undefined && (u.unknown || (u.value !== null && u.value !== undefined && u.value !== ""));
  };
  const ak = isSet("accessKey");
  const sk = isSet("secretKey");
  if (ak !== sk) {
    const [set, missing] = ak ? ["accessKey", "secretKey"] : ["secretKey", "accessKey"];
    return [
      {
        property: missing,
        reason:
          `${PACKAGE}:${set} is set but ${PACKAGE}:${missing} is not: set both (as secrets) or neither (the environment's ` +
          `HW_ACCESS_KEY and HW_SECRET_KEY are then used).${whereToSet(missing, providerName)}`,
      },
    ];
  }
  if (!ak && isSet("securityToken")) {
    return [
      {
        property: "securityToken",
        reason:
          `${PACKAGE}:securityToken is set but ${PACKAGE}:accessKey and ${PACKAGE}:secretKey are not: a security token ` +
          `belongs to the temporary key pair it was issued with; set all three, or none.${whereToSet("accessKey", providerName)}`,
      },
    ];
  }
  return [];
}

export interface ConfigDiff {
  /** Top-level keys whose value changed, was added or was removed. */
  readonly changed: { key: string; kind: "add" | "delete" | "update" }[];
}

/** DiffConfig: which top-level keys differ (ignoring `ignoreChanges`); unknown new values count as changed. */
export function diffConfig(olds: Struct | undefined, news: Struct | undefined, ignoreChanges: readonly string[]): ConfigDiff {
  const before = unwrapProperties(olds);
  const after = unwrapProperties(news);
  const ignored = (key: string): boolean => ignoreChanges.some((p) => p === key || p.startsWith(`${key}.`) || p.startsWith(`${key}[`));
  const present = (u: Unwrapped | undefined): boolean => u !== undefined && (u.unknown || (u.value !== null && u.value !== undefined));
  const changed: ConfigDiff["changed"] = [];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    if (ignored(key)) continue;
    const o = before[key];
    const n = after[key];
    if (!present(o) && !present(n)) continue;
    if (!present(o)) changed.push({ key, kind: "add" });
    else if (!present(n)) changed.push({ key, kind: "delete" });
    else if (n!.unknown || o!.unknown || !sameValue(o!.value, n!.value)) changed.push({ key, kind: "update" });
  }
  return { changed };
}

/** What Configure was given, before validation: plain values, and which keys were secret. */
export interface RawConfig {
  readonly values: Record<string, unknown>;
  readonly secretKeys: ReadonlySet<string>;
}

/** Reads Configure's `args` (secrets unwrapped) or, from engines that send none, the legacy `variables`. */
export function readConfigure(args: Struct | undefined, variables: Iterable<[string, string]>): RawConfig {
  const values: Record<string, unknown> = {};
  const secretKeys = new Set<string>();
  if (args) {
    for (const [key, u] of Object.entries(unwrapProperties(args))) {
      if (u.unknown) continue;
      values[key] = u.value;
      if (u.secret) secretKeys.add(key);
    }
    return { values, secretKeys };
  }
  for (const [name, value] of variables) {
    const key = name.startsWith(`${PACKAGE}:config:`)
      ? name.slice(`${PACKAGE}:config:`.length)
      : name.startsWith(`${PACKAGE}:`)
        ? name.slice(`${PACKAGE}:`.length)
        : undefined;
    if (key) values[key] = value;
  }
  return { values, secretKeys };
}

/** Validates what Configure was given; a bad key is an INVALID_ARGUMENT error naming it (never a secret's value). */
export function parseConfigure(raw: RawConfig): ProviderConfig {
  const { parseConfig, programWording, ValidationError } = core();
  try {
    return parseConfig(raw.values, raw.secretKeys);
  } catch (e) {
    throw new RpcError(Status.INVALID_ARGUMENT, e instanceof ValidationError ? e.wordedFor(programWording()) : String(e));
  }
}
