// Temporary keys (ECS metadata, assumed agencies): the answer both services send, and a cache that renews
// them shortly before they expire, one renewal at a time.
import * as t from "io-ts";
import type { Credentials } from "../signer";
import { ApiError } from "../errors";
import { rememberSecrets } from "./types";

/** `{"credential": {"access", "secret", "securitytoken", "expires_at"}}`, as ECS metadata and IAM answer. */
export const TemporaryCredentialBody = t.type({
  credential: t.type({ access: t.string, secret: t.string, securitytoken: t.string, expires_at: t.string }),
});

export interface TemporaryCredentials extends Credentials {
  /** ms since the epoch. */
  readonly expiresAt: number;
}

/** Decodes the answer; undefined when it is not one (the caller words the error, without the body's values). */
export function decodeTemporary(body: unknown): TemporaryCredentials | undefined {
  if (!TemporaryCredentialBody.is(body)) return undefined;
  const c = body.credential;
  const expiresAt = Date.parse(c.expires_at);
  if (!c.access || !c.secret || !c.securitytoken || Number.isNaN(expiresAt)) return undefined;
  return { accessKey: c.access, secretKey: c.secret, securityToken: c.securitytoken, expiresAt };
}

/** Renew this long before `expires_at` (or at half the lifetime, for keys that live less than twice this). */
export const REFRESH_BEFORE_MS = 5 * 60_000;

export interface Clock {
  now(): number;
}
export const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

/**
 * Holds one set of temporary keys: fetches on first use, again once within `refreshBeforeMs` of expiry
 * (a failed renewal keeps the old keys while they are still valid), one fetch in flight at a time.
 */
export class RenewingCredentials {
  private current: TemporaryCredentials | undefined;
  private issuedAt = 0;
  private inFlight: Promise<TemporaryCredentials> | undefined;

  constructor(
    private readonly fetch: (signal?: AbortSignal) => Promise<TemporaryCredentials>,
    private readonly clock: Clock = SYSTEM_CLOCK,
    private readonly refreshBeforeMs: number = REFRESH_BEFORE_MS,
  ) {}

  /** When the held keys are due for renewal (ms since the epoch); undefined when none are held. */
  get renewAt(): number | undefined {
    if (!this.current) return undefined;
    const lifetime = this.current.expiresAt - this.issuedAt;
    return this.current.expiresAt - Math.min(this.refreshBeforeMs, lifetime / 2);
  }

  async get(signal?: AbortSignal): Promise<Credentials> {
    const now = this.clock.now();
    const renewAt = this.renewAt;
    if (this.current && renewAt !== undefined && now < renewAt) return strip(this.current);
    try {
      return strip(await this.renew(signal));
    } catch (e) {
      if (this.current && now < this.current.expiresAt) return strip(this.current);
      throw e;
    }
  }

  private renew(signal?: AbortSignal): Promise<TemporaryCredentials> {
    this.inFlight ??= this.fetch(signal)
      .then((fresh) => {
        if (fresh.expiresAt <= this.clock.now()) {
          throw new ApiError("The temporary keys received had already expired; check the clock of this machine.", {
            errorCode: "EEXPIRED",
          });
        }
        rememberSecrets(fresh);
        this.current = fresh;
        this.issuedAt = this.clock.now();
        return fresh;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}

function strip(c: TemporaryCredentials): Credentials {
  return { accessKey: c.accessKey, secretKey: c.secretKey, securityToken: c.securityToken };
}
