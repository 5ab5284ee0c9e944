// What every credential source hands over: keys to sign the next request with, and where they came from.
import type { Credentials } from "../signer";

export interface CredentialProvider {
  /** Where the keys come from, for messages, e.g. `HW_ACCESS_KEY/HW_SECRET_KEY` or `ECS metadata`. Never a key. */
  readonly source: string;
  /** The keys for the next request; temporary ones are renewed shortly before they expire. */
  get(signal?: AbortSignal): Promise<Credentials>;
}

/** Keys that do not change for the life of the process (config, environment, a profile). */
export function staticCredentials(source: string, credentials: Credentials): CredentialProvider {
  const frozen = Object.freeze({ ...credentials });
  return { source, get: () => Promise.resolve(frozen) };
}

/** A source of keys tried in turn by the chain: keys found, or why it gave none. */
export type Found = { readonly provider: CredentialProvider } | { readonly none: string };

export interface KeySource {
  /** How the chain's message names it, e.g. `huaweicloud-dms:accessKey/secretKey`. */
  readonly name: string;
  /** Keys, or one clause saying why there are none. A source that is set but wrong throws a ValidationError. */
  find(): Found | Promise<Found>;
}
