// Sends one signed request (a GET, or a POST with a JSON body) over axios: per-attempt timeout, overall deadline, retries with jittered backoff
// (Retry-After honoured), a fresh signature per attempt, a cap on the response size, typed errors.
// Answers that are not the API's — an HTML page with 200, a redirect, a proxy's 407, an unreachable proxy — are
// called what they are, in one sentence, and not retried when a retry cannot help.
import axios, { AxiosInstance, AxiosProxyConfig } from "axios";
import * as http from "http";
import * as https from "https";
import * as tls from "tls";
import { createHash } from "crypto";
import { linkSignals } from "./abort";
import { ApiError, hintFor, redact } from "./errors";
import { warnIfCleartext } from "./exposure";
import { ProxyRoute, proxyFor } from "./proxy";
import { RetryOptions, parseRetryAfter, retryDelay, sleep } from "./retry";
import { Credentials, canonicalQuery, encodeRfc3986, signRequest } from "./signer";
import { printable, quoted } from "./text";

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
  /** Where HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY are read from (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Told once per process about settings that expose credentials (a plain-HTTP endpoint off this machine). */
  readonly onWarning?: (message: string) => void;
  /** How HTTPS servers are verified (default: Node's roots). */
  readonly tls?: TlsSettings;
}

export interface TlsSettings {
  /** PEM certificates trusted in addition to Node's roots (a company CA, a test server's certificate). */
  readonly ca?: string;
  /** Skip verification altogether (the caller warns). */
  readonly insecure?: boolean;
}

export interface ApiRequest {
  /** What the error messages call the service, e.g. "DMS API". */
  readonly service: string;
  /** Endpoint, e.g. `https://dms.cn-north-4.myhuaweicloud.com` (a path prefix is kept). */
  readonly baseUrl: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly projectId?: string;
  /** Default GET. */
  readonly method?: "GET" | "POST";
  /** A JSON body (POST); signed. */
  readonly body?: string;
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
    httpsAgent: httpsAgent(undefined),
    maxRedirects: 0,
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
  });
  return shared;
}

const agents = new Map<string, https.Agent>();
/** One keep-alive HTTPS agent per way of verifying servers (Node's roots; plus a CA bundle; none at all). */
function httpsAgent(settings: TlsSettings | undefined): https.Agent {
  const ca = settings?.ca;
  const key = `${settings?.insecure === true}\n${ca ? createHash("sha256").update(ca).digest("hex") : ""}`;
  let agent = agents.get(key);
  if (!agent) {
    agent = new https.Agent({
      keepAlive: true,
      ...(ca ? { ca: [...tls.rootCertificates, ca] } : {}),
      ...(settings?.insecure ? { rejectUnauthorized: false } : {}),
    });
    agents.set(key, agent);
  }
  return agent;
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

/** " (through the proxy at http://host:port from HTTPS_PROXY)", or "" without a proxy. */
function via(route: ProxyRoute | undefined): string {
  return route ? ` (through the proxy at ${route.shown} from ${route.variable})` : "";
}

function httpFailure(
  req: ApiRequest,
  status: number,
  body: unknown,
  headers: unknown,
  retry: RetryOptions,
  route: ProxyRoute | undefined,
  text: string,
): AttemptFailure {
  if (status === 407) return proxyAuthFailure(req, route);
  if (status >= 300 && status < 400) return redirectFailure(req, status, headers);
  const obj = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const errorCode = typeof obj.error_code === "string" ? printable(obj.error_code) : undefined;
  const errorMsg = typeof obj.error_msg === "string" ? printable(obj.error_msg) : undefined;
  const rawRequestId = header(headers, "x-request-id") ?? (typeof obj.request_id === "string" ? obj.request_id : undefined);
  const requestId = rawRequestId === undefined ? undefined : printable(rawRequestId).slice(0, 100);
  const hint = hintFor(status, errorCode);
  const what = [errorCode, errorMsg && quoted(errorMsg, 500)].filter(Boolean).join(" ");
  // Not the API's error body: say what came instead, and which proxy it may have come from.
  const notApi = errorCode === undefined && errorMsg === undefined;
  const other = notApi ? describeBody(header(headers, "content-type"), text) : undefined;
  const message =
    `The ${req.service} answered HTTP ${status}${what ? ` ${what}` : ""}${other ? ` with ${other}` : ""}` +
    `${requestId ? ` (request id ${requestId})` : ""}${notApi ? via(route) : ""}${hint ? `; ${hint}` : ""}.`;
  return {
    retryable: retry.statusCodes.includes(status),
    retryAfterMs: parseRetryAfter(header(headers, "retry-after")),
    error: new ApiError(message, { status, errorCode, errorMsg, requestId, hint }),
  };
}

/** A redirect is never followed: the signature covers one host and path, and the keys must not go elsewhere. */
function redirectFailure(req: ApiRequest, status: number, headers: unknown): AttemptFailure {
  const location = header(headers, "location");
  const where = location ? `redirecting to ${quoted(stripCredentials(location), 300)}` : "(a redirect without a Location)";
  const hint = "set the endpoint to the address the service really answers at; the client does not follow redirects, which would send a signed request elsewhere";
  return {
    retryable: false,
    error: new ApiError(`The ${req.service} at ${req.baseUrl} answered HTTP ${status} ${where}; ${hint}.`, {
      status,
      errorCode: "EREDIRECT",
      errorMsg: location && printable(location),
      hint,
    }),
  };
}

function proxyAuthFailure(req: ApiRequest, route: ProxyRoute | undefined): AttemptFailure {
  const hint = route
    ? `put the proxy's user and password in ${route.variable} (http://USER:PASSWORD@host:port), or list the ${req.service}'s host in NO_PROXY`
    : "a proxy this machine goes through (set outside HTTPS_PROXY/HTTP_PROXY, e.g. a transparent one) wants credentials; ask its administrator";
  const who = route ? `The proxy at ${route.shown} (from ${route.variable})` : `A proxy between this machine and the ${req.service}`;
  return {
    retryable: false,
    error: new ApiError(`${who} refused the request with HTTP 407 Proxy Authentication Required; ${hint}.`, {
      status: 407,
      errorCode: "EPROXYAUTH",
      hint,
    }),
  };
}

/** `https://user:pass@host/…` → `https://…@host/…` (a Location or a proxy URL may carry credentials). */
function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, "$1…@");
}

/** What a body that is not JSON looks like: "an HTML page (title "…")", "a text/plain body ("…")", "an empty body". */
function describeBody(contentType: string | undefined, text: string): string {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const trimmed = text.trimStart();
  if (type === "text/html" || type === "application/xhtml+xml" || /^<(!doctype html|html|head|body|title)\b/i.test(trimmed)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1]?.replace(/\s+/g, " ").trim();
    return `an HTML page${title ? ` (title ${quoted(title, 80)})` : ""}`;
  }
  if (trimmed === "") return "an empty body";
  return `${type ? `a ${printable(type).slice(0, 60)} body` : "a body"} starting ${quoted(trimmed, 60)}`;
}

/** A 2xx answer whose body is not JSON: a cut-off JSON body may come whole next time; anything else will not. */
function notJsonFailure(req: ApiRequest, status: number, headers: unknown, text: string, opts: TransportOptions, route: ProxyRoute | undefined): AttemptFailure {
  const type = (header(headers, "content-type") ?? "").split(";")[0].trim().toLowerCase();
  const looksJson = (type === "" || type === "application/json" || type.endsWith("+json")) && /^\s*[[{]/.test(text);
  if (looksJson) {
    return {
      retryable: opts.retry.errorCodes.includes("ERR_BAD_RESPONSE_BODY"),
      error: new ApiError(
        `The ${req.service} answered HTTP ${status} with a body that is not valid JSON (it may have been cut off).`,
        { status, errorCode: "ERR_BAD_RESPONSE_BODY" },
      ),
    };
  }
  const what = describeBody(header(headers, "content-type"), text);
  const html = what.startsWith("an HTML page");
  const hint = html
    ? "a proxy, a captive portal or a login page answered instead of the API; check the endpoint, the network and the proxy settings"
    : "check that the endpoint is the DMS API's";
  return {
    retryable: false,
    error: new ApiError(`The ${req.service} at ${req.baseUrl} answered HTTP ${status} with ${what}, not JSON${via(route)}${html ? " — a proxy or captive portal?" : ""} (${hint}).`, {
      status,
      errorCode: html ? "EHTML" : "ENOTJSON",
      hint,
    }),
  };
}

/** Errors of opening a connection: with a proxy configured, the connection opened is the one to the proxy (the
 * proxy resolves and reaches the API's host itself, and answers with an HTTP status when it cannot). */
const PROXY_CONNECT_ERRORS: ReadonlySet<string> = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function networkFailure(req: ApiRequest, e: unknown, timedOut: boolean, opts: TransportOptions, timeoutMs: number, route: ProxyRoute | undefined): AttemptFailure {
  if (timedOut) {
    return {
      retryable: true,
      error: new ApiError(`The ${req.service} at ${req.baseUrl} did not answer within ${Math.round(timeoutMs / 100) / 10} s${via(route)}.`, {
        errorCode: "ETIMEDOUT",
      }),
    };
  }
  const code = axios.isAxiosError(e) ? e.code : undefined;
  const detail = printable(e instanceof Error ? e.message : String(e));
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
  const reused = (e as { request?: { reusedSocket?: boolean } }).request?.reusedSocket === true;
  const staleSocket = code === "ECONNRESET" && reused;
  const retryable = effective !== undefined && opts.retry.errorCodes.includes(effective);
  if (route && code !== undefined && PROXY_CONNECT_ERRORS.has(code)) {
    const hint = `check ${route.variable} (or list the ${req.service}'s host in NO_PROXY to connect directly)`;
    return {
      retryable,
      error: new ApiError(`Could not reach the proxy at ${route.shown} (from ${route.variable}) on the way to the ${req.service}: ${detail}; ${hint}.`, {
        errorCode: code,
        hint,
      }),
    };
  }
  return {
    retryable,
    ...(staleSocket ? { retryAfterMs: 0 } : {}),
    error: new ApiError(`Could not reach the ${req.service} at ${req.baseUrl}${via(route)}: ${detail}.`, { errorCode: code }),
  };
}

const PROXY_VARIABLES = ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"];

/**
 * The proxy option for axios: our route, or — when the process's environment names a proxy our resolution did
 * not choose — false, so axios never reads the environment on its own. Without any proxy variable the option is
 * left out: axios then finds none either, and `proxy: false` costs it ~40 MiB more peak memory on a 100,000-task
 * listing (npm run bench, memory).
 */
function proxyOption(route: ProxyRoute | undefined): { proxy?: AxiosProxyConfig | false } {
  if (route) return { proxy: axiosProxy(route) };
  return PROXY_VARIABLES.some((v) => process.env[v]) ? { proxy: false } : {};
}

/** The proxy as axios takes it. */
function axiosProxy(route: ProxyRoute): AxiosProxyConfig {
  const u = route.url;
  return {
    protocol: u.protocol.replace(/:$/, ""),
    host: u.hostname.replace(/^\[|\]$/g, ""),
    port: Number(u.port) || (u.protocol === "https:" ? 443 : 80),
    ...(u.username ? { auth: { username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) } } : {}),
  };
}

async function attempt(req: ApiRequest, opts: TransportOptions, timeoutMs: number): Promise<ApiResponse | AttemptFailure> {
  const base = new URL(req.baseUrl);
  const path = base.pathname.replace(/\/+$/, "") + req.path;
  const headers: Record<string, string> = { "content-type": "application/json", host: base.host };
  if (req.projectId) headers["x-project-id"] = req.projectId;
  const method = req.method ?? "GET";
  const signed = signRequest({ method, path, query: req.query, headers, body: req.body }, opts.credentials);
  const query = canonicalQuery(req.query);
  const url = `${base.origin}${path.split("/").map(encodeRfc3986).join("/")}${query ? `?${query}` : ""}`;
  const route = proxyFor(req.baseUrl, opts.env ?? process.env);

  const link = linkSignals([opts.signal], timeoutMs);
  const signal = link.signal;
  try {
    const res = await client().request<string>({
      method,
      url,
      headers: signed,
      ...(req.body !== undefined ? { data: req.body } : {}),
      httpsAgent: httpsAgent(opts.tls),
      signal,
      maxContentLength: opts.maxResponseBytes,
      ...proxyOption(route),
    });
    const text = typeof res.data === "string" ? res.data : "";
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
      if (res.status >= 200 && res.status < 300) return notJsonFailure(req, res.status, res.headers, text, opts, route);
    }
    if (res.status >= 200 && res.status < 300) {
      return { status: res.status, body, requestId: header(res.headers, "x-request-id"), bytes: text.length };
    }
    return httpFailure(req, res.status, body, res.headers, opts.retry, route, text);
  } catch (e) {
    if (opts.signal?.aborted) throw cancelled(req);
    return networkFailure(req, e, link.timedOut(), opts, timeoutMs, route);
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

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

/** Why no retry follows a retryable failure, as a sentence to append; undefined when one does. */
function noRetryBecause(failure: AttemptFailure, n: number, opts: TransportOptions): { delay?: number; why?: string } {
  if (!failure.retryable) return {};
  if (n > opts.retry.limit) return { why: n > 1 ? `Gave up after ${n} attempts.` : undefined };
  const delay = retryDelay(n, failure.retryAfterMs, opts.retry);
  if (delay === undefined) {
    return {
      why:
        `It asked to be retried after ${seconds(failure.retryAfterMs!)} (Retry-After), longer than the client waits ` +
        `(at most ${seconds(opts.retry.maxRetryAfterMs)}); try again later.`,
    };
  }
  const left = opts.deadline - Date.now();
  if (delay >= left) {
    return {
      why:
        failure.retryAfterMs !== undefined
          ? `It asked to be retried after ${seconds(failure.retryAfterMs)} (Retry-After), beyond the call's deadline ` +
            `(${seconds(Math.max(0, left))} left); try again later or allow a longer deadline.`
          : `No time is left before the call's deadline (${seconds(Math.max(0, left))} left) for another attempt.`,
    };
  }
  return { delay };
}

/** Sends the request, retrying what is worth retrying, and returns the decoded JSON body of a 2xx answer. */
export async function sendSigned(req: ApiRequest, opts: TransportOptions): Promise<ApiResponse> {
  const secrets = [opts.credentials.accessKey, opts.credentials.secretKey, opts.credentials.securityToken];
  const final = (e: ApiError, attempts: number, retryable: boolean, why?: string): ApiError =>
    new ApiError(redact(why ? `${e.message} ${why}` : e.message, secrets), {
      ...e,
      attempts,
      retryable,
      errorMsg: e.errorMsg && redact(e.errorMsg, secrets),
    });
  if (opts.onWarning) warnIfCleartext(req.baseUrl, req.service, opts.onWarning);
  for (let n = 1; ; n++) {
    const remaining = opts.deadline - Date.now();
    if (opts.signal?.aborted) throw cancelled(req);
    if (remaining <= 0) {
      throw final(new ApiError(`The call to the ${req.service} ran out of time before attempt ${n}.`, { errorCode: "EDEADLINE" }), n - 1, true);
    }
    const result = await attempt(req, opts, Math.min(opts.timeoutMs, remaining));
    if (!isFailure(result)) return result;
    const { delay, why } = noRetryBecause(result, n, opts);
    if (delay === undefined) throw final(result.error, n, result.retryable, why);
    opts.onRetry?.({ attempt: n, delayMs: delay, reason: redact(result.error.message, secrets) });
    try {
      await sleep(delay, opts.signal);
    } catch {
      throw cancelled(req);
    }
  }
}
