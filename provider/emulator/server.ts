// The HTTP(S) server: records every request, applies faults and latency, authenticates, routes, answers JSON;
// serves ECS metadata's temporary keys unauthenticated, as the real metadata service does. Pure Node `http`/`https`. close() destroys every open socket (hanging ones included) and cancels pending delays.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "http";
import { createServer as createHttpsServer } from "https";
import type { AddressInfo, Socket } from "net";
import { randomBytes } from "crypto";
import { Authenticator } from "./auth";
import { DEMO_AGENCY, DEMO_CREDENTIALS, DEMO_DOMAIN_ID, DEMO_EXECUTING_MS, DEMO_INSTANCE_ID, DEMO_PROJECT_ID, DEMO_REGION, demoTasks } from "./demo";
import { FaultQueue } from "./faults";
import { flatHeaders, parseTarget, targetOf } from "./request";
import { defaultErrorFor, errorResponse, ERRORS, htmlPage, type EmulatorResponse } from "./responses";
import { credentialBody, route } from "./routes";
import { TaskStore } from "./tasks";
import type { Emulator, EmulatorAgency, EmulatorOptions, IssuedKey, EmulatorProject, EmulatorTask, Fault, FaultKind, GenerateTasksOptions, JobCountMode, PagingQuirks, RecordedRequest } from "./types";

const DEFAULT_SKEW_MS = 15 * 60 * 1000;
const METADATA_PATH = "/openstack/latest/securitykey";
const METADATA_KEY_SECONDS = 3_600;
/** Largest request body read (the only bodies are assume-role requests, a few hundred bytes). */
const MAX_BODY_BYTES = 64 * 1024;

interface MutableRecord {
  method: string;
  url: string;
  path: string;
  query: Readonly<Record<string, string>>;
  headers: Readonly<Record<string, string>>;
  target: "api" | "iam" | "metadata";
  time: number;
  status: number | undefined;
  fault: FaultKind | undefined;
}

function checkMs(name: string, v: number): number {
  if (!Number.isFinite(v) || v < 0) throw new TypeError(`${name} must be a number of 0 or more; got ${v}.`);
  return v;
}

function checkMode(mode: JobCountMode): JobCountMode {
  if (mode !== "string" && mode !== "number") throw new TypeError(`jobCountAs must be "string" or "number"; got ${String(mode)}.`);
  return mode;
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

class EmulatorServer implements Emulator {
  url = "";
  port = 0;

  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private readonly store = new TaskStore();
  private readonly faults = new FaultQueue();
  private readonly auth: Authenticator;
  private readonly projects: readonly EmulatorProject[];
  private readonly maxLimit: number;
  private readonly maxRecorded: number;
  private readonly agencies: readonly EmulatorAgency[];
  private readonly issued: IssuedKey[] = [];
  private ecsAgency: boolean;
  private keyLifetimeSeconds: number | undefined;
  private jobCountAs: JobCountMode;
  private latencyMs: number;
  private recorded: MutableRecord[] = [];
  private closing: Promise<void> | undefined;

  constructor(private readonly opts: EmulatorOptions) {
    const handler = (req: IncomingMessage, res: ServerResponse): void => void this.handle(req, res);
    this.server = opts.tls ? createHttpsServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : createServer(handler);
    this.agencies = (opts.agencies ?? [DEMO_AGENCY]).map((a) => ({ ...a }));
    this.ecsAgency = opts.ecsAgency ?? true;
    this.keyLifetimeSeconds = opts.temporaryKeyLifetimeSeconds === undefined ? undefined : checkLifetime(opts.temporaryKeyLifetimeSeconds);
    this.auth = new Authenticator(opts.keys ?? [DEMO_CREDENTIALS], checkMs("clockSkewToleranceMs", opts.clockSkewToleranceMs ?? DEFAULT_SKEW_MS));
    this.projects = (opts.projects ?? [{ id: DEMO_PROJECT_ID, name: DEMO_REGION }]).map((p) => ({ id: p.id, name: p.name }));
    const maxLimit = opts.maxLimit ?? 100;
    if (!Number.isSafeInteger(maxLimit) || maxLimit < 1) throw new TypeError(`maxLimit must be an integer of 1 or more; got ${maxLimit}.`);
    this.maxLimit = maxLimit;
    this.maxRecorded = opts.maxRecordedRequests ?? 100_000;
    if (!Number.isSafeInteger(this.maxRecorded) || this.maxRecorded < 0) {
      throw new TypeError(`maxRecordedRequests must be an integer of 0 or more; got ${this.maxRecorded}.`);
    }
    this.jobCountAs = checkMode(opts.jobCountAs ?? "string");
    this.latencyMs = checkMs("latencyMs", opts.latencyMs ?? 0);
    const seed = opts.seed ?? "empty";
    if (seed === "demo") {
      this.store.setTasks(DEMO_INSTANCE_ID, demoTasks(Date.now(), checkMs("demoExecutingMs", opts.demoExecutingMs ?? DEMO_EXECUTING_MS)));
      this.store.startClocksOnFirstRead(DEMO_INSTANCE_ID);
    }
    else if (seed !== "empty") throw new TypeError(`seed must be "demo" or "empty"; got ${String(seed)}.`);

    this.server.on(opts.tls ? "secureConnection" : "connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    this.server.keepAliveTimeout = 5_000;
  }

  listen(): Promise<void> {
    const host = this.opts.host ?? "127.0.0.1";
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once("error", onError);
      this.server.listen(this.opts.port ?? 0, host, () => {
        this.server.off("error", onError);
        // Later server errors (e.g. EMFILE on accept) must not crash the process that embeds the emulator.
        this.server.on("error", (err) => process.stderr.write(`emulator: ${err.message}\n`));
        const addr = this.server.address() as AddressInfo;
        this.port = addr.port;
        this.url = `${this.opts.tls ? "https" : "http"}://${urlHost(host)}:${addr.port}`;
        resolve();
      });
    });
  }

  // ---- programming API ----
  setTasks(instanceId: string, tasks: EmulatorTask[], projectId?: string): void {
    this.store.setTasks(instanceId, tasks, projectId);
  }
  addTasks(instanceId: string, tasks: EmulatorTask[], projectId?: string): void {
    this.store.addTasks(instanceId, tasks, projectId);
  }
  generateTasks(instanceId: string, count: number, opts?: GenerateTasksOptions): void {
    this.store.generateTasks(instanceId, count, opts);
  }
  setJobCount(instanceId: string, claimed: number | undefined): void {
    this.store.setJobCount(instanceId, claimed);
  }
  setPagingQuirks(instanceId: string, quirks: PagingQuirks | undefined): void {
    this.store.setPagingQuirks(instanceId, quirks);
  }
  setJobCountAs(mode: JobCountMode): void {
    this.jobCountAs = checkMode(mode);
  }
  setLatency(ms: number): void {
    this.latencyMs = checkMs("latency", ms);
  }
  injectFaults(...faults: Fault[]): void {
    this.faults.inject(faults);
  }
  clearFaults(): void {
    this.faults.clear();
  }
  get pendingFaults(): ReadonlyArray<Fault> {
    return this.faults.pending;
  }
  get requests(): ReadonlyArray<RecordedRequest> {
    return this.recorded;
  }
  resetRequests(): void {
    this.recorded = [];
  }
  get issuedKeys(): ReadonlyArray<IssuedKey> {
    return this.issued.slice();
  }
  setEcsAgency(enabled: boolean): void {
    this.ecsAgency = enabled === true;
  }
  setTemporaryKeyLifetime(seconds: number | undefined): void {
    this.keyLifetimeSeconds = seconds === undefined ? undefined : checkLifetime(seconds);
  }

  /** New temporary keys, accepted from now until they expire. */
  private issue(via: IssuedKey["via"], seconds: number, extra: Pick<IssuedKey, "agencyName" | "assumedWith"> = {}): IssuedKey {
    const lifetime = this.keyLifetimeSeconds ?? seconds;
    const key: IssuedKey = {
      via,
      accessKey: "TMP" + randomBytes(10).toString("hex").toUpperCase(),
      secretKey: randomBytes(24).toString("base64url"),
      securityToken: "gQ" + randomBytes(96).toString("base64url"),
      expiresAt: Date.now() + lifetime * 1000,
      ...extra,
    };
    this.auth.add({ accessKey: key.accessKey, secretKey: key.secretKey, securityToken: key.securityToken, expiresAt: key.expiresAt });
    this.issued.push(key);
    return key;
  }

  close(): Promise<void> {
    if (!this.closing) {
      this.closing = new Promise<void>((resolve) => {
        for (const [timer, wake] of this.timers) {
          clearTimeout(timer);
          wake();
        }
        this.timers.clear();
        this.server.close(() => resolve());
        for (const s of this.sockets) s.destroy();
        this.sockets.clear();
        if (!this.server.listening) resolve();
      });
    }
    return this.closing;
  }

  // ---- request handling ----
  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.set(timer, resolve);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const time = Date.now();
    const target = parseTarget(req.url);
    const headers = flatHeaders(req.headers);
    const method = (req.method ?? "GET").toUpperCase();
    const record: MutableRecord = {
      method,
      url: req.url ?? "/",
      path: target.rawPath,
      query: target.query ?? {},
      headers,
      target: targetOf(target.rawPath),
      time,
      status: undefined,
      fault: undefined,
    };
    this.recorded.push(record);
    if (this.recorded.length > this.maxRecorded) {
      // Drop the oldest in chunks so a long-running emulator stays bounded without O(n) work per request.
      this.recorded.splice(0, Math.max(this.recorded.length - this.maxRecorded, Math.ceil(this.maxRecorded / 10)));
    }
    const requestId = randomBytes(16).toString("hex");
    try {
      const body = await readBody(req);
      const fault = this.faults.take(record.target);
      record.fault = fault?.kind;
      if (fault?.kind === "reset") {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "hang") return; // the socket stays open until the client gives up or close()

      await this.sleep(this.latencyMs + (fault?.kind === "delay" ? fault.ms : 0));
      if (this.closing) return;

      if (fault?.kind === "html") {
        this.sendRaw(res, record, fault.status ?? 200, { "Content-Type": "text/html; charset=utf-8" }, htmlPage(fault.title ?? "Network Login"));
        return;
      }
      if (fault?.kind === "redirect") {
        this.sendRaw(res, record, fault.status ?? 302, { Location: fault.location }, "");
        return;
      }
      let response: EmulatorResponse;
      if (fault?.kind === "status") {
        const d = defaultErrorFor(fault.status);
        const extra: Record<string, string> = fault.retryAfter !== undefined ? { "Retry-After": String(fault.retryAfter) } : {};
        response = errorResponse({ status: fault.status, code: fault.errorCode ?? d.code, msg: fault.errorMsg ?? d.msg }, extra);
      } else {
        response = this.respond(method, target.path, target.query, headers, body, Date.now());
      }
      this.send(res, record, requestId, response, fault?.kind === "truncate");
    } catch (err) {
      if (!res.headersSent && !res.destroyed) this.send(res, record, requestId, errorResponse(ERRORS.internal), false);
      else res.destroy(err instanceof Error ? err : undefined);
    }
  }

  private respond(
    method: string,
    path: string | undefined,
    query: Readonly<Record<string, string>> | undefined,
    headers: Readonly<Record<string, string>>,
    body: string | undefined,
    now: number,
  ): EmulatorResponse {
    if (path === METADATA_PATH) {
      // The metadata service asks for no signature: only the instance can reach it.
      if (method !== "GET") return errorResponse(ERRORS.noApi);
      if (!this.ecsAgency) return errorResponse({ status: 404, code: "ECS.0404", msg: "No agency is attached to this instance." });
      return { status: 200, body: credentialBody(this.issue("metadata", METADATA_KEY_SECONDS)) };
    }
    if (body === undefined) return errorResponse({ status: 413, code: "APIGW.0201", msg: "Request entity too large" });
    const auth = this.auth.verify({ method, path, query, headers, body }, now);
    if (!auth.ok) return errorResponse(auth.error);
    // verify() fails when path or query cannot be decoded, so both are defined here.
    return route(
      { method, path: path ?? "", query: query ?? {}, headers, body },
      {
        store: this.store,
        projects: this.projects,
        domainId: DEMO_DOMAIN_ID,
        jobCountAs: this.jobCountAs,
        maxLimit: this.maxLimit,
        agencies: this.agencies,
        issue: (via, seconds, extra) => this.issue(via, seconds, extra),
        accessKey: auth.accessKey,
      },
    );
  }

  /** Writes a body that is not the API's JSON (an HTML page, a redirect). */
  private sendRaw(res: ServerResponse, record: MutableRecord, status: number, headers: Readonly<Record<string, string>>, text: string): void {
    if (res.destroyed || res.writableEnded) return;
    const payload = Buffer.from(text, "utf8");
    res.writeHead(status, { ...headers, "Content-Length": String(payload.length) });
    res.end(payload);
    record.status = status;
  }

  private send(res: ServerResponse, record: MutableRecord, requestId: string, response: EmulatorResponse, truncate: boolean): void {
    if (res.destroyed || res.writableEnded) return;
    let body: unknown = response.body;
    if (typeof body === "object" && body !== null && "error_code" in body) body = { ...body, request_id: requestId };
    let text = JSON.stringify(body);
    let status = response.status;
    if (truncate) {
      text = text.slice(0, Math.floor(text.length / 2));
      status = 200;
    }
    const payload = Buffer.from(text, "utf8");
    res.writeHead(status, {
      ...response.headers,
      "Content-Type": "application/json",
      "Content-Length": String(payload.length),
      "X-Request-Id": requestId,
    });
    res.end(payload);
    record.status = status;
  }
}

function checkLifetime(seconds: number): number {
  if (!Number.isFinite(seconds) || seconds <= 0) throw new TypeError(`temporary key lifetime must be a number of seconds above 0; got ${seconds}.`);
  return seconds;
}

/** The request body as text; undefined when larger than MAX_BODY_BYTES (the rest is drained). */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(undefined));
    req.on("close", () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString("utf8")));
  });
}

/** Starts an emulator of the DMS scheduled-tasks API (with IAM's project lookup and assume-role, and ECS
 * metadata's temporary keys) on 127.0.0.1. */
export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const emulator = new EmulatorServer(opts);
  await emulator.listen();
  return emulator;
}
