// The one function every surface calls: validate → resolve config → (IAM lookup) → page → decode → result.
import { ResolvedConfig, resolveConfig } from "./config";
import { apiQuery, parseArgs } from "./inputs";
import { Env, ProviderConfig, parseConfig } from "./settings";
import { lookupProjectId } from "./iam";
import { DEFAULTS } from "./defaults";
import { ApiError } from "./errors";
import { Page, PagerEnd, PagerPage, paginate } from "./pager";
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
  /** Largest listing accepted, summed over its pages: tasks (default 500,000) and bytes (default 128 MiB). */
  readonly maxListingTasks?: number;
  readonly maxListingBytes?: number;
  /** Aborts every request of the call. */
  readonly signal?: AbortSignal;
  /** Called with a sentence when the API misbehaves in a way the call survived (e.g. a job_count that lies). */
  readonly onWarning?: (message: string) => void;
  readonly onRetry?: TransportOptions["onRetry"];
  /** Inputs that are secrets: validation messages never show their values. */
  readonly secretInputs?: ReadonlySet<string>;
}


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

/** A listing with what the function's output leaves out: every task fetched, before the `statuses` filter. */
export interface Listing {
  readonly result: GetScheduledTasksResult;
  /** Every distinct task fetched, in server order (the output's `jobs` keeps only the `statuses` asked for). */
  readonly fetched: readonly ScheduledTask[];
  /** Why `result.complete` is false (one sentence); undefined when complete. */
  readonly incompleteReason?: string;
}

function tooLarge(what: string, limit: number): ApiError {
  return new ApiError(
    `The listing grew past ${limit} ${what}, the most one call accepts; narrow it with beginTime/endTime, start and limit.`,
    { errorCode: "ELISTINGTOOLARGE" },
  );
}

/**
 * Lists the scheduled tasks of a DMS Kafka instance. Invalid input or missing configuration throws a
 * ValidationError before any request; API, auth and network failures throw an ApiError.
 */
export async function getScheduledTasks(rawArgs: unknown, options: ClientOptions = {}): Promise<GetScheduledTasksResult> {
  return (await listScheduledTasks(rawArgs, options)).result;
}

/** getScheduledTasks, also returning every task fetched and why the listing is incomplete (the gates need both). */
export async function listScheduledTasks(rawArgs: unknown, options: ClientOptions = {}): Promise<Listing> {
  const args = parseArgs(rawArgs, options.secretInputs);
  const resolved = resolveConfig(args, parseConfig(options.config ?? {}), options.env ?? process.env);
  const transport = transportOptions(resolved, options);
  const projectId = resolved.projectId ?? (await lookupProjectId(resolved.iamEndpoint!, resolved.region!, transport));
  const path = `/v2/${projectId}/instances/${args.instanceId}/scheduled-tasks`;
  const maxTasks = options.maxListingTasks ?? DEFAULTS.maxListingTasks;
  const maxBytes = options.maxListingBytes ?? DEFAULTS.maxListingBytes;

  let bytes = 0;
  const fetchPage = async (offset: number, limit: number, signal: AbortSignal): Promise<Page<ApiTask>> => {
    const res = await sendSigned(
      { service: SERVICE, baseUrl: resolved.endpoint, path, query: apiQuery(args, offset, limit), projectId },
      { ...transport, signal }, // the pager's signal: it follows options.signal
    );
    bytes += res.bytes;
    if (bytes > maxBytes) throw tooLarge("bytes", maxBytes);
    const page = decodeTaskPage(res.body, SERVICE);
    return { total: page.job_count, items: page.jobs };
  };

  const keep = args.statuses ? new Set<string>(args.statuses) : undefined;
  const fetched: ScheduledTask[] = [];
  let jobCount: number | undefined;
  const pages = paginate(fetchPage, {
    start: args.start ?? 0,
    limit: args.limit,
    pageSize: DEFAULTS.pageSize,
    concurrency: Math.max(1, options.concurrency ?? DEFAULTS.concurrency),
    key: (task) => task.id,
    onWarning: options.onWarning,
    signal: options.signal,
  });
  let step: IteratorResult<PagerPage<ApiTask>, PagerEnd>;
  try {
    while (!(step = await pages.next()).done) {
      jobCount ??= step.value.total;
      for (const task of step.value.items) fetched.push(toScheduledTask(task));
      if (fetched.length > maxTasks) throw tooLarge("tasks", maxTasks);
    }
  } catch (e) {
    await pages.return({ complete: false, listed: fetched.length }); // aborts the requests still in flight
    throw e;
  }
  const end = step.value;
  const jobs = keep ? fetched.filter((task) => task.status != null && keep.has(task.status)) : fetched;
  const where = { projectId, region: resolved.region, endpoint: resolved.endpoint };
  return {
    result: summarize(args, where, { jobCount: jobCount ?? 0, fetched, jobs, complete: end.complete }),
    fetched,
    ...(end.incompleteReason ? { incompleteReason: end.incompleteReason } : {}),
  };
}
