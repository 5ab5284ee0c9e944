// Routing and the API handlers: DMS `GET /v2/{project_id}/instances/{instance_id}/scheduled-tasks`, IAM
// `GET /v3/projects?name=REGION` and `POST /v3.0/OS-CREDENTIAL/securitytokens` (assume an agency). Called only
// for authenticated requests.
import { isApiTime } from "../core";
import { errorResponse, ERRORS, invalidParameter, type EmulatorResponse } from "./responses";
import type { TaskStore } from "./tasks";
import type { EmulatorAgency, EmulatorProject, IssuedKey, JobCountMode } from "./types";

export interface RouteContext {
  readonly store: TaskStore;
  readonly projects: readonly EmulatorProject[];
  readonly domainId: string;
  readonly jobCountAs: JobCountMode;
  readonly maxLimit: number;
  readonly agencies: readonly EmulatorAgency[];
  /** Issues (and starts accepting) temporary keys for `seconds`. */
  readonly issue: (via: IssuedKey["via"], seconds: number, extra: Pick<IssuedKey, "agencyName" | "assumedWith">) => IssuedKey;
  /** The access key that signed the request. */
  readonly accessKey: string;
}

export interface RoutedRequest {
  readonly method: string;
  /** Percent-decoded path. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const TASKS_PATH = /^\/v2\/([^/]+)\/instances\/([^/]+)\/scheduled-tasks$/;
const DEFAULT_LIMIT = 10;
const API_MAX_LIMIT = 100;

export function route(req: RoutedRequest, ctx: RouteContext): EmulatorResponse {
  if (req.method === "GET") {
    const m = TASKS_PATH.exec(req.path);
    if (m) return listScheduledTasks(m[1], m[2], req, ctx);
    if (req.path === "/v3/projects") return listProjects(req, ctx);
  }
  if (req.method === "POST" && req.path === "/v3.0/OS-CREDENTIAL/securitytokens") return assumeRole(req, ctx);
  return errorResponse(ERRORS.noApi);
}

/** The body of a temporary-keys answer, as ECS metadata and IAM send it. */
export function credentialBody(key: IssuedKey): unknown {
  return {
    credential: {
      access: key.accessKey,
      secret: key.secretKey,
      securitytoken: key.securityToken,
      expires_at: new Date(key.expiresAt).toISOString().replace(/Z$/, "000Z"),
    },
  };
}

const iamError = (status: number, code: string, msg: string): EmulatorResponse => errorResponse({ status, code, msg });

function assumeRole(req: RoutedRequest, ctx: RouteContext): EmulatorResponse {
  let body: unknown;
  try {
    body = JSON.parse(req.body);
  } catch {
    return iamError(400, "IAM.0007", "The request body is not valid JSON.");
  }
  const identity = (body as { auth?: { identity?: { methods?: unknown; assume_role?: Record<string, unknown> } } })?.auth?.identity;
  const role = identity?.assume_role;
  if (!Array.isArray(identity?.methods) || !identity.methods.includes("assume_role") || typeof role !== "object" || role === null) {
    return iamError(400, "IAM.0007", "Request parameter auth.identity.assume_role is missing.");
  }
  const { agency_name, domain_name, domain_id, duration_seconds } = role;
  if (typeof agency_name !== "string") return iamError(400, "IAM.0007", "agency_name is required.");
  if (typeof domain_name !== "string" && typeof domain_id !== "string") return iamError(400, "IAM.0007", "domain_name or domain_id is required.");
  const duration = duration_seconds === undefined ? 900 : duration_seconds;
  if (typeof duration !== "number" || !Number.isInteger(duration) || duration < 900 || duration > 43_200) {
    return iamError(400, "IAM.0007", "duration_seconds must be an integer from 900 to 43200.");
  }
  const agency = ctx.agencies.find(
    (a) => a.agencyName === agency_name && (domain_id !== undefined ? a.domainId === domain_id : a.domainName === domain_name),
  );
  if (!agency) return iamError(403, "IAM.0002", "You do not have permission to assume this agency, or it does not exist.");
  const key = ctx.issue("agency", duration, { agencyName: agency.agencyName, assumedWith: ctx.accessKey });
  return { status: 201, body: credentialBody(key) };
}

/** Whole seconds since the epoch of a `YYYYMMDDHHmmss` value (validated with isApiTime first). */
function apiTimeSec(v: string): number {
  return Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8), +v.slice(8, 10), +v.slice(10, 12), +v.slice(12, 14)) / 1000;
}

function listScheduledTasks(projectId: string, instanceId: string, req: RoutedRequest, ctx: RouteContext): EmulatorResponse {
  const headerProject = req.headers["x-project-id"];
  if (headerProject !== undefined && headerProject !== projectId) {
    return errorResponse({ ...ERRORS.badParam, msg: "Invalid parameter: project_id does not match the X-Project-Id header" });
  }

  const q = req.query;
  let start = 0;
  if (q.start !== undefined) {
    if (!/^\d{1,15}$/.test(q.start)) return invalidParameter("start");
    start = Number(q.start);
  }
  let limit = DEFAULT_LIMIT;
  if (q.limit !== undefined) {
    if (!/^\d{1,15}$/.test(q.limit)) return invalidParameter("limit");
    limit = Number(q.limit);
    if (limit < 1 || limit > Math.max(API_MAX_LIMIT, ctx.maxLimit)) return invalidParameter("limit");
  }
  limit = Math.min(limit, ctx.maxLimit);
  let beginSec: number | undefined;
  let endSec: number | undefined;
  if (q.begin_time !== undefined) {
    if (!isApiTime(q.begin_time)) return invalidParameter("begin_time");
    beginSec = apiTimeSec(q.begin_time);
  }
  if (q.end_time !== undefined) {
    if (!isApiTime(q.end_time)) return invalidParameter("end_time");
    endSec = apiTimeSec(q.end_time);
  }

  const effective = ctx.store.effectiveStart(instanceId, start);
  const page = ctx.store.page(projectId, instanceId, { start: effective ?? 0, limit, beginSec, endSec });
  if (!page) return errorResponse(ERRORS.noInstance);
  if (effective === undefined) page.jobs.length = 0;
  const count = ctx.store.claimedCount(instanceId) ?? page.total;
  return { status: 200, body: { job_count: ctx.jobCountAs === "number" ? count : String(count), jobs: page.jobs } };
}

function listProjects(req: RoutedRequest, ctx: RouteContext): EmulatorResponse {
  const name = req.query.name;
  const projects = ctx.projects
    .filter((p) => name === undefined || p.name === name)
    .map((p) => ({ id: p.id, name: p.name, domain_id: ctx.domainId, enabled: true, is_domain: false, description: "" }));
  return { status: 200, body: { projects } };
}
