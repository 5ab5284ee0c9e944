// Sends one signed GET over axios: per-attempt timeout, overall deadline, retries with jittered backoff
// (Retry-After honoured), a fresh signature per attempt, a cap on the response size, typed errors.
import axios, { AxiosInstance } from "axios";
import * as http from "http";
import * as https from "https";
import { linkSignals } from "./abort";
import { ApiError, hintFor, redact } from "./errors";
import { RetryOptions, parseRetryAfter, retryDelay, sleep } from "./retry";
import { Credentials, canonicalQuery, encodeRfc3986, signRequest } from "./signer";

export interface TransportOptions {
  readonly credentials: Credentials;
  /** Longest wait for one attempt, in ms. */
  readonly timeoutMs: number;
  /** Epoch ms after which no attempt starts and none goes on. */
  readonly deadline: number;
  readonly retry: RetryOptions;
  readonly maxResponseBytes: number;
  /** Aborts the call (no retry): the plugin's Cancel, the CLI's Ctrl-C, the pager's early stop. */
  readonly signal?: AbortSignal;
  readonly onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
}

export interface ApiRequest {
  /** What the error messages call the service, e.g. "DMS API". */
  readonly service: string;
  /** Endpoint, e.g. `https://dms.cn-north-4.myhuaweicloud.com` (a path prefix is kept). */
  readonly baseUrl: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly projectId?: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly requestId?: string;
  /** Size of the body as received (characters of its text), for the listing's overall size cap. */
  readonly bytes: number;
}

let shared: AxiosInstance | undefined;
/** One axios instance with keep-alive agents per process: paging reuses connections. */
function client(): AxiosInstance {
  shared ??= axios.create({
    httpAgent: new http.Agent({ keepAlive: true }),
    httpsAgent: new https.Agent({ keepAlive: true }),
    maxRedirects: 0,
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
  return shared;
}

/** A failed attempt: whether another may help, and what to tell the user if none does. */
interface AttemptFailure {
  readonly retryable: boolean;
  readonly error: ApiError;
  readonly retryAfterMs?: number;
}

function header(headers: unknown, name: string): string | undefined {
  const value = (headers as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : undefined;
}

function httpFailure(req: ApiRequest, status: number, body: unknown, headers: unknown, retry: RetryOptions): AttemptFailure {
  const obj = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const errorCode = typeof obj.error_code === "string" ? obj.error_code : undefined;
  const errorMsg = typeof obj.error_msg === "string" ? obj.error_msg : undefined;
  const requestId = header(headers, "x-request-id") ?? (typeof obj.request_id === "string" ? obj.request_id : undefined);
  const hint = hintFor(status, errorCode);
  const what = [errorCode, errorMsg && JSON.stringify(errorMsg)].filter(Boolean).join(" ");
  const message =
    `The ${req.service} answered HTTP ${status}${what ? ` ${what}` : ""}` +
    `${requestId ? ` (request id ${requestId})` : ""}${hint ? `; ${hint}` : ""}.`;
  return {
    retryable: retry.statusCodes.includes(status),
    retryAfterMs: parseRetryAfter(header(headers, "retry-after")),
    error: new ApiError(message, { status, errorCode, errorMsg, requestId, hint }),
  };
}

function networkFailure(req: ApiRequest, e: unknown, timedOut: boolean, opts: TransportOptions): AttemptFailure {
  if (timedOut) {
    return {
      retryable: true,
      error: new ApiError(`The ${req.service} at ${req.baseUrl} did not answer within ${opts.timeoutMs / 1000} s.`, {
        errorCode: "ETIMEDOUT",
      }),
    };
  }
  const code = axios.isAxiosError(e) ? e.code : undefined;
  const detail = e instanceof Error ? e.message : String(e);
  if (code === "ERR_BAD_RESPONSE" && /maxContentLength/.test(detail)) {
    return {
      retryable: false,
      error: new ApiError(`The ${req.service} sent a response larger than ${opts.maxResponseBytes} bytes, which the client refuses.`, {
        errorCode: "ERESPONSETOOLARGE",
      }),
    };
  }
  // The connection dropped before the whole body arrived: as transient as a reset.
  const effective = code === "ERR_BAD_RESPONSE" ? "ERR_BAD_RESPONSE_BODY" : code;
  // A keep-alive socket the server closed as we reused it (Node 20's agent ignores the server's
  // `Keep-Alive: timeout` hint unless the agent has a timeout of its own, so an idle socket is reused until
  // the server's FIN arrives): the server was not overloaded and the request is an idempotent GET, so the
  // retry goes at once, not after a backoff.
  const staleSocket = code === "ECONNRESET" && (e as { request?: { reusedSocket?: boolean } }).request?.reusedSocket === true;
  return {
    retryable: effective !== undefined && opts.retry.errorCodes.includes(effective),
    ...(staleSocket ? { retryAfterMs: 0 } : {}),
    error: new ApiError(`Could not reach the ${req.service} at ${req.baseUrl}: ${detail}.`, { errorCode: code }),
  };
}

async function attempt(req: ApiRequest, opts: TransportOptions, timeoutMs: number): Promise<ApiResponse | AttemptFailure> {
  const base = new URL(req.baseUrl);
  const path = base.pathname.replace(/\/+$/, "") + req.path;
  const headers: Record<string, string> = { "content-type": "application/json", host: base.host };
  if (req.projectId) headers["x-project-id"] = req.projectId;
  const signed = signRequest({ method: "GET", path, query: req.query, headers }, opts.credentials);
  const query = canonicalQuery(req.query);
  const url = `${base.origin}${path.split("/").map(encodeRfc3986).join("/")}${query ? `?${query}` : ""}`;

  const link = linkSignals([opts.signal], timeoutMs);
  const signal = link.signal;
  try {
    const res = await client().request<string>({
      method: "GET",
      url,
      headers: signed,
      signal,
      maxContentLength: opts.maxResponseBytes,
    });
    let body: unknown;
    try {
      body = res.data === "" ? undefined : JSON.parse(res.data);
    } catch {
      body = undefined;
      if (res.status >= 200 && res.status < 300) {
        return {
          retryable: opts.retry.errorCodes.includes("ERR_BAD_RESPONSE_BODY"),
          error: new ApiError(
            `The ${req.service} answered HTTP ${res.status} with a body that is not valid JSON (it may have been cut off).`,
            { status: res.status, errorCode: "ERR_BAD_RESPONSE_BODY" },
          ),
        };
      }
    }
    if (res.status >= 200 && res.status < 300) {
      return { status: res.status, body, requestId: header(res.headers, "x-request-id"), bytes: res.data.length };
    }
    return httpFailure(req, res.status, body, res.headers, opts.retry);
  } catch (e) {
    if (opts.signal?.aborted) throw cancelled(req);
    return networkFailure(req, e, link.timedOut(), opts);
  } finally {
    link.dispose();
  }
}

function cancelled(req: ApiRequest): ApiError {
  return new ApiError(`The request to the ${req.service} was cancelled.`, { errorCode: "ECANCELLED" });
}

function isFailure(r: ApiResponse | AttemptFailure): r is AttemptFailure {
  return "error" in r;
}

/** Sends the request, retrying what is worth retrying, and returns the decoded JSON body of a 2xx answer. */
export async function sendSigned(req: ApiRequest, opts: TransportOptions): Promise<ApiResponse> {
  const secrets = [opts.credentials.accessKey, opts.credentials.secretKey, opts.credentials.securityToken];
  const final = (e: ApiError, attempts: number, retryable: boolean): ApiError =>
    new ApiError(redact(e.message, secrets), { ...e, attempts, retryable, errorMsg: e.errorMsg && redact(e.errorMsg, secrets) });
  for (let n = 1; ; n++) {
    const remaining = opts.deadline - Date.now();
    if (opts.signal?.aborted) throw cancelled(req);
    if (remaining <= 0) {
      throw final(new ApiError(`The call to the ${req.service} ran out of time before attempt ${n}.`, { errorCode: "EDEADLINE" }), n - 1, true);
    }
    const result = await attempt(req, opts, Math.min(opts.timeoutMs, remaining));
    if (!isFailure(result)) return result;
    const delay = result.retryable && n <= opts.retry.limit ? retryDelay(n, result.retryAfterMs, opts.retry) : undefined;
    if (delay === undefined || Date.now() + delay >= opts.deadline) throw final(result.error, n, result.retryable);
    opts.onRetry?.({ attempt: n, delayMs: delay, reason: redact(result.error.message, secrets) });
    try {
      await sleep(delay, opts.signal);
    } catch {
      throw cancelled(req);
    }
  }
}
