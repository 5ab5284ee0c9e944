// Keys set directly (config, stack config, environment): the pair comes from one source, never half from one
// and half from another — a lone access key never pairs with a secret key found elsewhere.
import { ValidationError } from "../errors";
import type { Credentials } from "../signer";
import { nameIn, staticCredentials, type KeySource, type Named } from "./types";

export interface KeyPairSource {
  /** What each key is called there, e.g. `HW_ACCESS_KEY`; the source is named `ACCESS/SECRET`. */
  readonly accessKeyName: Named;
  readonly secretKeyName: Named;
  readonly accessKey?: string;
  readonly secretKey?: string;
  readonly securityToken?: string;
}

export function keyPairSource(src: KeyPairSource): KeySource {
  const name: Named = (w) => `${nameIn(src.accessKeyName, w)}/${nameIn(src.secretKeyName, w)}`;
  return {
    name,
    find: () => {
      const { accessKey, secretKey, securityToken } = src;
      if (accessKey === undefined && secretKey === undefined) return { none: "not set" };
      if (accessKey === undefined || secretKey === undefined) {
        const [set, missing] = accessKey === undefined ? [src.secretKeyName, src.accessKeyName] : [src.accessKeyName, src.secretKeyName];
        throw new ValidationError(accessKey === undefined ? "accessKey" : "secretKey", (w) => `${nameIn(set, w)} is set but ${nameIn(missing, w)} is not: set both or neither.`);
      }
      const creds: Credentials = { accessKey, secretKey, ...(securityToken ? { securityToken } : {}) };
      // Named for logs as the program words it; the source never holds a key.
      return { provider: staticCredentials(typeof name === "string" ? name : "configured keys", creds) };
    },
  };
}
