// An assumed agency: the base keys sign IAM's `POST /v3.0/OS-CREDENTIAL/securitytokens`, whose answer is a set
// of temporary keys (and token) acting in the agency's account; they sign the listing. One set per (IAM
// endpoint, agency, base access key), renewed shortly before it expires.
import { createHash } from "crypto";
import { ApiError } from "../errors";
import type { Credentials } from "../signer";
import { Clock, RenewingCredentials, SYSTEM_CLOCK, decodeTemporary } from "./temporary";
import type { CredentialProvider } from "./types";

export const SECURITY_TOKENS_PATH = "/v3.0/OS-CREDENTIAL/securitytokens";
export const DEFAULT_ASSUME_ROLE_SECONDS = 3_600;

export interface AssumeRole {
  readonly agencyName: string;
  /** The account that owns the agency, by name or ID (one of them). */
  readonly domainName?: string;
  readonly domainId?: string;
  /** 900 to 43,200 (default 3,600). */
  readonly durationSeconds?: number;
}

/** A signed POST with a JSON body; answers the decoded JSON of a 2xx, or throws the transport's ApiError. */
export type SignedPost = (
  req: { readonly service: string; readonly baseUrl: string; readonly path: string; readonly body: string },
  credentials: Credentials,
  signal?: AbortSignal,
) => Promise<{ readonly status: number; readonly body: unknown }>;

export function assumeRoleBody(role: AssumeRole): string {
  const assume: Record<string, unknown> = { agency_name: role.agencyName };
  if (role.domainId !== undefined) assume.domain_id = role.domainId;
  else if (role.domainName !== undefined) assume.domain_name = role.domainName;
  assume.duration_seconds = role.durationSeconds ?? DEFAULT_ASSUME_ROLE_SECONDS;
  return JSON.stringify({ auth: { identity: { methods: ["assume_role"], assume_role: assume } } });
}

const held = new Map<string, RenewingCredentials>();

/** The agency's temporary keys, obtained with (and renewed with) the base keys. */
export function assumedCredentials(
  base: CredentialProvider,
  role: AssumeRole,
  iamEndpoint: string,
  post: SignedPost,
  clock: Clock = SYSTEM_CLOCK,
): CredentialProvider {
  const owner = role.domainId ?? role.domainName ?? "";
  const service = `IAM API (assuming agency "${role.agencyName}")`;
  return {
    source: `agency "${role.agencyName}" of ${owner || "the base account"} assumed with ${base.source}`,
    async get(signal?: AbortSignal): Promise<Credentials> {
      const baseKeys = await base.get(signal);
      const akHash = createHash("sha256").update(baseKeys.accessKey).digest("hex");
      const key = [iamEndpoint, role.agencyName, role.domainId ?? "", role.domainName ?? "", role.durationSeconds ?? "", akHash].join("\n");
      let renewing = held.get(key);
      if (!renewing) {
        renewing = new RenewingCredentials(async (sig) => {
          const res = await post({ service, baseUrl: iamEndpoint, path: SECURITY_TOKENS_PATH, body: assumeRoleBody(role) }, await base.get(sig), sig);
          const creds = decodeTemporary(res.body);
          if (!creds) {
            throw new ApiError(`The ${service} answered HTTP ${res.status} without a credential (access, secret, securitytoken, expires_at).`, {
              status: res.status,
              errorCode: "EASSUMEROLE",
            });
          }
          return creds;
        }, clock);
        held.set(key, renewing);
      }
      return renewing.get(signal);
    },
  };
}

/** Forgets every assumed agency's keys (tests; credentials that changed). */
export function clearAssumedCredentials(): void {
  held.clear();
}
