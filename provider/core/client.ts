// The one function every surface calls: validate → resolve config → (IAM lookup) → page → decode → result.
import { GetScheduledTasksArgs, ProviderConfig, parseArgs, parseConfig } from "./codecs";
import { Env, ResolvedConfig, resolveConfig } from "./config";
import { lookupProjectId } from "./iam";
import { Page, paginate } from "./pager";
import { ApiTask, decodeTaskPage } from "./response";
import { GetScheduledTasksResult, ScheduledTask, summarize, toScheduledTask } from "./result";
import { DEFAULT_RETRY, RetryOptions } from "./retry";
import { TransportOptions, sendSigned } from "./transport";

export interface ClientOptions {
  /** Explicit provider or stack configuration; wins over the environment. */
  readonly config?: ProviderConfig;
  /** Where HW_* variables are read from (default: process.env). */
  readonly env?: Env;
  /** Requests in flight at once when fetching every page (default 8). */
  readonly concurrency?: number;
  /** Longest wait for one attempt, ms (default 30,000). */
  readonly timeoutMs?: number;
  /** Longest the whole call may take, ms (default 300,000). */
  readonly deadlineMs?: number;
  readonly retry?: Partial<RetryOptions>;
  /** Largest response body accepted, bytes (default 16 MiB). */
  readonly maxResponseBytes?: number;
  /** Aborts every request of the call. */
  readonly signal?: AbortSignal;
  /** Called with a sentence when the API misbehaves in a way the call survived (e.g. a job_count that lies). */
  readonly onWarning?: (message: string) => void;
  readonly onRetry?: TransportOptions["onRetry"];
  /** Inputs that are secrets: validation messages never show their values. */
  readonly secretInputs?: ReadonlySet<string>;
}

export const DEFAULTS = {
  concurrency: 8,
  timeoutMs: 30_000,
  deadlineMs: 300_000,
  maxResponseBytes: 16 * 1024 * 1024,
  pageSize: 100,
} as const;

const SERVICE = "DMS API";

function transportOptions(resolved: ResolvedConfig, options: ClientOptions): TransportOptions {
  return {
    credentials: resolved.credentials,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    deadline: Date.now() + (options.deadlineMs ?? DEFAULTS.deadlineMs),
    retry: { ...DEFAULT_RETRY, ...options.retry },
    maxResponseBytes: options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
    signal: options.signal,
    onRetry: options.onRetry,
    env: options.env ?? process.env,
    onWarning: options.onWarning,
  };
}

function apiQuery(args: GetScheduledTasksArgs, offset: number, limit: number): Record<string, string> {
  const query: Record<string, string> = { start: String(offset), limit: String(limit) };
  if (args.beginTime !== undefined) query.begin_time = args.beginTime;
  if (args.endTime !== undefined) query.end_time = args.endTime;
  return query;
}

/**
 * Lists the scheduled tasks of a DMS Kafka instance. Invalid input or missing configuration throws a
 * ValidationError before any request; API, auth and network failures throw an ApiError.
 */
export async function getScheduledTasks(rawArgs: unknown, options: ClientOptions = {}): Promise<GetScheduledTasksResult> {
  const args = parseArgs(rawArgs, options.secretInputs);
  const resolved = resolveConfig(args, parseConfig(options.config ?? {}), options.env ?? process.env);
  const transport = transportOptions(resolved, options);
  const projectId = resolved.projectId ?? (await lookupProjectId(resolved.iamEndpoint!, resolved.region!, transport));
  const path = `/v2/${projectId}/instances/${args.instanceId}/scheduled-tasks`;

  const fetchPage = async (offset: number, limit: number, signal: AbortSignal): Promise<Page<ApiTask>> => {
    const res = await sendSigned(
      { service: SERVICE, baseUrl: resolved.endpoint, path, query: apiQuery(args, offset, limit), projectId },
      { ...transport, signal }, // the pager's signal: it follows options.signal
    );
    const page = decodeTaskPage(res.body, SERVICE);
    return { total: page.job_count, items: page.jobs };
  };

  const keep = args.statuses ? new Set<string>(args.statuses) : undefined;
  const jobs: ScheduledTask[] = [];
  let jobCount: number | undefined;
  for await (const page of paginate(fetchPage, {
    start: args.start ?? 0,
    limit: args.limit,
    pageSize: DEFAULTS.pageSize,
    concurrency: Math.max(1, options.concurrency ?? DEFAULTS.concurrency),
    key: (task) => task.id,
    onWarning: options.onWarning,
    signal: options.signal,
  })) {
    jobCount ??= page.total;
    for (const task of page.items) {
      if (!keep || (task.status != null && keep.has(task.status))) jobs.push(toScheduledTask(task));
    }
  }
  return summarize(args, { projectId, region: resolved.region, endpoint: resolved.endpoint }, jobCount ?? 0, jobs);
}
