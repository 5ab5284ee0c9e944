// The emulator's public types: what tests, the demo, benchmarks and users program against.

/** One scheduled task as the emulator stores it. API fields are snake_case, exactly as the API answers them. */
export interface EmulatorTask {
  id: string;
  name?: string;
  user_name?: string;
  user_id?: string;
  params?: string;
  status?: string;
  created_at?: string;
  updated_at?: string;
  schedule_at?: string;
  /**
   * Optional: the task is EXECUTING (whatever `status` says) until this many ms after it was added with
   * setTasks/addTasks, then `thenStatus` with `updated_at` set to that moment. Never sent on the wire.
   */
  executingForMs?: number;
  /** The status after `executingForMs` has passed (default SUCCESS). Never sent on the wire. */
  thenStatus?: string;
}

/** An access key pair the emulator accepts. */
export interface EmulatorKey {
  accessKey: string;
  secretKey: string;
  /** When set the key pair is temporary: X-Security-Token must be present, signed, and equal to this. */
  securityToken?: string;
  /** When set (ms since the epoch) the key pair is refused from then on. */
  expiresAt?: number;
}

/** An agency the emulator's IAM lets any accepted key assume (`POST /v3.0/OS-CREDENTIAL/securitytokens`). */
export interface EmulatorAgency {
  agencyName: string;
  /** The account that owns it; a request must name it by name or by ID. */
  domainName: string;
  domainId: string;
}

/** Temporary keys the emulator issued (ECS metadata or an assumed agency); it accepts them until they expire. */
export interface IssuedKey {
  readonly via: "metadata" | "agency";
  readonly accessKey: string;
  readonly secretKey: string;
  readonly securityToken: string;
  /** ms since the epoch. */
  readonly expiresAt: number;
  /** The agency assumed (via "agency"). */
  readonly agencyName?: string;
  /** The access key that signed the assume-role request (via "agency"). */
  readonly assumedWith?: string;
}

/** HTTPS: a PEM private key and certificate (a test generates them). */
export interface EmulatorTls {
  key: string | Buffer;
  cert: string | Buffer;
}

/** An IAM project (what `GET /v3/projects?name=REGION` lists). */
export interface EmulatorProject {
  id: string;
  name: string;
}

export type JobCountMode = "string" | "number";
export type SeedName = "demo" | "empty";

export interface EmulatorOptions {
  /** Interface to listen on (default "127.0.0.1"). */
  host?: string;
  /** Port (default 0: any free port; read it from `Emulator.port`). */
  port?: number;
  /** Accepted key pairs (default `[DEMO_CREDENTIALS]`). */
  keys?: EmulatorKey[];
  /** IAM projects (default `[{ id: DEMO_PROJECT_ID, name: DEMO_REGION }]`). */
  projects?: EmulatorProject[];
  /** "demo": a handful of realistic tasks on DEMO_INSTANCE_ID; "empty" (default): no instances. */
  seed?: SeedName;
  /**
   * With seed "demo": how long the demo's EXECUTING task runs, counted from the first request that lists the
   * demo instance (default DEMO_EXECUTING_MS, 60 s).
   */
  demoExecutingMs?: number;
  /** How `job_count` is written: "string" (as documented, default) or "number" (as the doc example shows). */
  jobCountAs?: JobCountMode;
  /** Largest accepted distance between X-Sdk-Date and the server clock (default 15 minutes). */
  clockSkewToleranceMs?: number;
  /** Fixed delay before every response (default 0). */
  latencyMs?: number;
  /** Largest page the server returns; larger `limit`s are capped to it (default 100). */
  maxLimit?: number;
  /** How many requests `requests` keeps (the oldest are dropped beyond it; default 100,000). */
  maxRecordedRequests?: number;
  /** Serve HTTPS with this key and certificate (default: plain HTTP). */
  tls?: EmulatorTls;
  /** Agencies IAM lets keys assume (default: `DEMO_AGENCY`). */
  agencies?: EmulatorAgency[];
  /** Whether `GET /openstack/latest/securitykey` answers keys, as on an ECS instance with an agency (default true;
   * false answers 404, as an instance without one). */
  ecsAgency?: boolean;
  /** Lifetime of the temporary keys it issues, seconds (default: the asked duration for agencies, 3,600 for metadata). */
  temporaryKeyLifetimeSeconds?: number;
}

/** How a misbehaving server pages one instance (see `Emulator.setPagingQuirks`). */
export interface PagingQuirks {
  /** Read `start` as a 1-based task number, as the sibling `/tasks` API does: start 0 and 1 both mean the
   * first task, start N the N-th (so pages requested at 0-based offsets overlap by one). */
  oneBasedStart?: boolean;
  /** Ignore `start`: every page begins at the first task. */
  ignoreStart?: boolean;
  /** Pages that begin at or past this offset come back empty (job_count unchanged). */
  emptyFrom?: number;
}

/** Which requests a fault applies to: "api" = every path except IAM's and metadata's (default); "iam" = `/v3/…` and
 * `/v3.0/…`; "metadata" = `/openstack/…`. */
export type FaultTarget = "api" | "iam" | "metadata";

export type Fault =
  /** Answer with this status and an `{error_code, error_msg, request_id}` body (plus Retry-After when given). */
  | { kind: "status"; status: number; errorCode?: string; errorMsg?: string; retryAfter?: string | number; target?: FaultTarget }
  /** Destroy the socket without answering. */
  | { kind: "reset"; target?: FaultTarget }
  /** Never answer (until `close()`). */
  | { kind: "hang"; target?: FaultTarget }
  /** Answer 200 with the normal JSON body cut in half (Content-Length matches the cut body). */
  | { kind: "truncate"; target?: FaultTarget }
  /** Answer normally after `ms` more milliseconds. */
  | { kind: "delay"; ms: number; target?: FaultTarget }
  /**
   * Answer with an HTML page (`Content-Type: text/html`) instead of JSON, as a captive portal, a login page or
   * a proxy's error page does; `status` defaults to 200, `title` to "Network Login".
   */
  | { kind: "html"; status?: number; title?: string; target?: FaultTarget }
  /** Answer with a redirect (`status` 301, 302, 303, 307 or 308; default 302) to `location`, with an empty body. */
  | { kind: "redirect"; location: string; status?: number; target?: FaultTarget };

export type FaultKind = Fault["kind"];

/** One request the emulator received. */
export interface RecordedRequest {
  readonly method: string;
  /** The request target exactly as received (path and query, still percent-encoded). */
  readonly url: string;
  /** The path exactly as received (still percent-encoded), without the query. */
  readonly path: string;
  /** The query, percent-decoded (empty when it could not be decoded; see `url`). */
  readonly query: Readonly<Record<string, string>>;
  /** Headers as received, names lowercased. */
  readonly headers: Readonly<Record<string, string>>;
  /** "iam" for `/v3/…` and `/v3.0/…` paths, "metadata" for `/openstack/…`, "api" otherwise. */
  readonly target: FaultTarget;
  /** Arrival time (ms since the epoch). */
  readonly time: number;
  /** The status answered; undefined while pending and when no answer was sent (reset, hang, closed). */
  readonly status: number | undefined;
  /** The fault applied to this request, if any. */
  readonly fault: FaultKind | undefined;
}

export interface GenerateTasksOptions {
  /** Every generated task gets this status (default: the documented statuses in turn). */
  status?: string;
  /** Scope the instance to this project id (default: visible under every project id). */
  projectId?: string;
  /** Append after the instance's current tasks instead of replacing them (default false). */
  append?: boolean;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` (`https://…` with `tls`; an unspecified listen address is shown as loopback). */
  readonly url: string;
  readonly port: number;
  /** Replace the tasks of one instance (in the server's order). Without projectId the instance is visible under every project id. */
  setTasks(instanceId: string, tasks: EmulatorTask[], projectId?: string): void;
  /** Append tasks to one instance (creating it if needed). */
  addTasks(instanceId: string, tasks: EmulatorTask[], projectId?: string): void;
  /**
   * Replace the instance's tasks with `count` synthetic ones (ids unique and deterministic, statuses cycling,
   * schedule_at increasing one minute apart from 2024-01-01T00:00:00Z). Generated lazily by index: O(1) memory.
   */
  generateTasks(instanceId: string, count: number, opts?: GenerateTasksOptions): void;
  /** Claimed job_count for an instance (a lying server): job_count reports this while only the real tasks are returned. undefined = tell the truth. */
  setJobCount(instanceId: string, claimed: number | undefined): void;
  setJobCountAs(mode: JobCountMode): void;
  /** Make paging of one instance misbehave (undefined: behave). Combine with setJobCount for stale counts. */
  setPagingQuirks(instanceId: string, quirks: PagingQuirks | undefined): void;
  setLatency(ms: number): void;
  /** Queue faults for the next matching requests (see faults.ts for the consumption rule). */
  injectFaults(...faults: Fault[]): void;
  clearFaults(): void;
  /** Faults still queued. */
  readonly pendingFaults: ReadonlyArray<Fault>;
  /** Every request received, in arrival order. */
  readonly requests: ReadonlyArray<RecordedRequest>;
  resetRequests(): void;
  /** Temporary keys issued so far (ECS metadata, assumed agencies), oldest first. */
  readonly issuedKeys: ReadonlyArray<IssuedKey>;
  /** Whether the metadata service answers keys (an instance with an agency) or 404. */
  setEcsAgency(enabled: boolean): void;
  /** Lifetime of the temporary keys issued from now on, seconds; undefined: the default. */
  setTemporaryKeyLifetime(seconds: number | undefined): void;
  /** Closes the server and destroys open sockets (hanging ones included). Idempotent. */
  close(): Promise<void>;
}
