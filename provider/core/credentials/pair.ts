// Keys set directly (config, stack config, environment): the pair comes from one source, never half from one
// and half from another — a lone access key never pairs with a secret key found elsewhere.
import { ValidationError } from "../errors";
import type { Credentials } from "../signer";
import { staticCredentials, type KeySource } from "./types";

export interface KeyPairSource {
  /** How the chain names it, e.g. `HW_ACCESS_KEY/HW_SECRET_KEY`. */
  readonly name: string;
  /** What each key is called there, for the "set both" message, e.g. `HW_ACCESS_KEY`. */
  readonly accessKeyName: string;
  readonly secretKeyName: string;
  readonly accessKey?: string;
  readonly secretKey?: string;
  readonly securityToken?: string;
}

export function keyPairSource(src: KeyPairSource): KeySource {
  return {
    name: src.name,
    find: () => {
      const { accessKey, secretKey, securityToken } = src;
      if (accessKey === undefined && secretKey === undefined) return { none: "not set" };
      if (accessKey === undefined || secretKey === undefined) {
        const [set, missing] = accessKey === undefined ? [src.secretKeyName, src.accessKeyName] : [src.accessKeyName, src.secretKeyName];
        throw new ValidationError(accessKey === undefined ? "accessKey" : "secretKey", `${set} is set but ${missing} is not: set both or neither.`);
      }
      const creds: Credentials = { accessKey, secretKey, ...(securityToken ? { securityToken } : {}) };
      return { provider: staticCredentials(src.name, creds) };
    },
  };
}
