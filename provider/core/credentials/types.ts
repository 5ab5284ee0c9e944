// What every credential source hands over: keys to sign the next request with, and where they came from.
import type { Wording } from "../errors";
import type { Credentials } from "../signer";

/** A name as each surface words it (a config key, a CLI flag), or one every surface shares (a variable). */
export type Named = string | ((w: Wording) => string);

export function nameIn(n: Named, w: Wording): string {
  return typeof n === "string" ? n : n(w);
}

export interface CredentialProvider {
  /** Where the keys come from, for messages, e.g. `HW_ACCESS_KEY/HW_SECRET_KEY` or `ECS metadata`. Never a key. */
  readonly source: string;
  /** The keys for the next request; temporary ones are renewed shortly before they expire. */
  get(signal?: AbortSignal): Promise<Credentials>;
}

/** Every key, secret and token any source has handed over in this process: messages are redacted against them
 * (defence in depth: no message is built with one). */
const seen = new Set<string>();

export function rememberSecrets(c: Credentials): void {
  for (const s of [c.accessKey, c.secretKey, c.securityToken]) if (s) seen.add(s);
}

export function seenSecrets(): string[] {
  return [...seen];
}

/** Keys that do not change for the life of the process (config, environment, a profile). */
export function staticCredentials(source: string, credentials: Credentials): CredentialProvider {
  const frozen = Object.freeze({ ...credentials });
  rememberSecrets(frozen);
  return { source, get: () => Promise.resolve(frozen) };
}

/** A source of keys tried in turn by the chain: keys found, or why it gave none. */
export type Found = { readonly provider: CredentialProvider } | { readonly none: string };

export interface KeySource {
  /** How the chain's message names it, e.g. `huaweicloud-dms:accessKey/secretKey`. */
  readonly name: Named;
  /** Keys, or one clause saying why there are none. A source that is set but wrong throws a ValidationError. */
  find(): Found | Promise<Found>;
}
