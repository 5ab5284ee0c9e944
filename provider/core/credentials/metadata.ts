// ECS instance credentials: `GET {base}/openstack/latest/securitykey` on the metadata service answers the
// temporary keys of the agency attached to the instance. Off ECS the address does not answer, so the
// connection gets about a second; the keys are renewed shortly before `expires_at`. Never through a proxy.
import * as http from "http";
import * as https from "https";
import * as net from "net";
import * as tls from "tls";
import type { Duplex } from "stream";
import { ApiError } from "../errors";
import { Clock, RenewingCredentials, SYSTEM_CLOCK, TemporaryCredentials, decodeTemporary } from "./temporary";
import type { CredentialProvider, Found, KeySource } from "./types";

export const DEFAULT_METADATA_ENDPOINT = "http://169.254.169.254";
export const METADATA_PATH = "/openstack/latest/securitykey";
export const METADATA_CONNECT_TIMEOUT_MS = 1_000;
/** The whole answer, once connected. */
export const METADATA_READ_TIMEOUT_MS = 5_000;

/** An agent whose connections give up when not established within `connectTimeoutMs`. */
class ConnectTimeoutAgent extends http.Agent {
  constructor(private readonly connectTimeoutMs: number) {
    super({ keepAlive: false });
  }

  override createConnection(options: http.ClientRequestArgs): Duplex {
    const socket = net.createConnection(options as net.NetConnectOpts);
    const timer = setTimeout(() => {
      const err = Object.assign(new Error(`no connection within ${this.connectTimeoutMs / 1000} s`), { code: "ECONNTIMEOUT" });
      socket.destroy(err);
    }, this.connectTimeoutMs);
    socket.once("connect", () => clearTimeout(timer));
    socket.once("close", () => clearTimeout(timer));
    return socket;
  }
}

export interface MetadataOptions {
  readonly endpoint: string;
  readonly connectTimeoutMs?: number;
  readonly readTimeoutMs?: number;
  readonly clock?: Clock;
  /** For an https endpoint (an emulator, a relay): a CA bundle added to Node's roots, or no verification. */
  readonly tls?: { readonly ca?: string; readonly insecure?: boolean };
}

function failure(endpoint: string, what: string, code: string, status?: number): ApiError {
  return new ApiError(`The ECS metadata service at ${endpoint} ${what}.`, { errorCode: code, ...(status ? { status } : {}) });
}

/** One fetch of the instance's temporary keys; an ApiError (never holding a key) when there are none. */
export async function fetchMetadataCredentials(opts: MetadataOptions, signal?: AbortSignal): Promise<TemporaryCredentials> {
  const connectMs = opts.connectTimeoutMs ?? METADATA_CONNECT_TIMEOUT_MS;
  const agent = new ConnectTimeoutAgent(connectMs);
  const secureAgent = opts.endpoint.startsWith("https:")
    ? new https.Agent({
        ...(opts.tls?.ca ? { ca: [...tls.rootCertificates, opts.tls.ca] } : {}),
        ...(opts.tls?.insecure ? { rejectUnauthorized: false } : {}),
      })
    : undefined;
  const url = opts.endpoint.replace(/\/+$/, "") + METADATA_PATH;
  // axios loads on first use, not when the configuration is read (the plugin's start stays fast).
  const axios = (require("axios") as typeof import("axios")).default;
  try {
    const res = await axios.get<string>(url, {
      httpAgent: agent,
      ...(secureAgent ? { httpsAgent: secureAgent } : {}),
      proxy: false,
      timeout: connectMs + (opts.readTimeoutMs ?? METADATA_READ_TIMEOUT_MS),
      responseType: "text",
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      maxRedirects: 0,
      maxContentLength: 1024 * 1024,
      signal,
    });
    if (res.status === 404) {
      throw failure(opts.endpoint, "answered HTTP 404 (no agency is attached to this instance)", "ENOAGENCY", 404);
    }
    if (res.status < 200 || res.status >= 300) throw failure(opts.endpoint, `answered HTTP ${res.status}`, "EMETADATA", res.status);
    let body: unknown;
    try {
      body = JSON.parse(res.data);
    } catch {
      body = undefined;
    }
    const creds = decodeTemporary(body);
    if (!creds) throw failure(opts.endpoint, "answered without a credential (access, secret, securitytoken, expires_at)", "EMETADATA", res.status);
    return creds;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    const code = axios.isAxiosError(e) ? (e.cause as NodeJS.ErrnoException | undefined)?.code ?? e.code : undefined;
    if (code === "ECONNTIMEOUT") throw failure(opts.endpoint, `did not accept a connection within ${connectMs / 1000} s (not on ECS?)`, code);
    if (code === "ECONNREFUSED") throw failure(opts.endpoint, "refused the connection", code);
    if (code === "ECONNABORTED" || code === "ETIMEDOUT") throw failure(opts.endpoint, "did not answer in time", "ETIMEDOUT");
    if (code === "ERR_CANCELED") throw failure(opts.endpoint, "was not asked: the call was cancelled", "ECANCELLED");
    throw failure(opts.endpoint, `could not be reached (${code ?? "network error"})`, code ?? "ENETWORK");
  } finally {
    agent.destroy();
    secureAgent?.destroy();
  }
}

/** Renewing keys per metadata endpoint, for the life of the process. */
const held = new Map<string, RenewingCredentials>();

export function metadataCredentials(opts: MetadataOptions): CredentialProvider {
  let renewing = held.get(opts.endpoint);
  if (!renewing) {
    renewing = new RenewingCredentials((signal) => fetchMetadataCredentials(opts, signal), opts.clock ?? SYSTEM_CLOCK);
    held.set(opts.endpoint, renewing);
  }
  const r = renewing;
  return { source: `ECS metadata (${opts.endpoint})`, get: (signal) => r.get(signal) };
}

/** The metadata service as the last source of the chain: keys, or why it gave none. */
export function metadataSource(opts: MetadataOptions, signal?: AbortSignal): KeySource {
  return {
    name: `ECS metadata (${opts.endpoint})`,
    async find(): Promise<Found> {
      const provider = metadataCredentials(opts);
      try {
        await provider.get(signal);
        return { provider };
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        return { none: message.replace(/^The ECS metadata service at \S+ /, "").replace(/\.$/, "") };
      }
    },
  };
}

/** Forgets held metadata keys (tests; a process that moved). */
export function clearMetadataCredentials(): void {
  held.clear();
}
