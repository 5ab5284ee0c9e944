// Routing and the two API handlers: DMS `GET /v2/{project_id}/instances/{instance_id}/scheduled-tasks`
// and IAM `GET /v3/projects?name=REGION`. Called only for authenticated requests.
import { isApiTime } from "../core";
import { errorResponse, ERRORS, invalidParameter, type EmulatorResponse } from "./responses";
import type { TaskStore } from "./tasks";
import type { EmulatorProject, JobCountMode } from "./types";

export interface RouteContext {
  readonly store: TaskStore;
  readonly projects: readonly EmulatorProject[];
  readonly domainId: string;
  readonly jobCountAs: JobCountMode;
  readonly maxLimit: number;
}

export interface RoutedRequest {
  readonly method: string;
  /** Percent-decoded path. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
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
  return errorResponse(ERRORS.noApi);
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
