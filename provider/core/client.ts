// The one function every surface calls: validate → resolve config → (IAM lookup) → page → decode → result.
import { resolveConfig } from "./config";
import type { SignedPost } from "./credentials";
import { apiQuery, parseArgs } from "./inputs";
import type { ResolvedConfig } from "./resolution";
import { Env, ProviderConfig, SettingValues, parseConfig } from "./settings";
import type { Wording } from "./errors";
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
  /** `huaweicloud:*` stack configuration (pulumi-huaweicloud's keys), validated; after `config`, before the
   * environment. Only surfaces that see the stack's configuration (the SDK, the gate) have it. */
  readonly stackConfig?: SettingValues;
  /** Whether keys can be set in `config` (false for the CLI, whose flags set none). Default true. */
  readonly configHoldsKeys?: boolean;
  /** How the surface names settings, for warnings (default: a Pulumi program's). */
  readonly wording?: Wording;
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

/** What every request of the call shares; the keys are added per request (temporary ones may be renewed). */
type SharedTransport = Omit<TransportOptions, "credentials">;

function transportOptions(resolved: ResolvedConfig | undefined, options: ClientOptions, deadline: number): SharedTransport {
  const retry = { ...DEFAULT_RETRY, ...(resolved?.maxRetries !== undefined ? { limit: resolved.maxRetries } : {}), ...options.retry };
  return {
    timeoutMs: options.timeoutMs ?? resolved?.requestTimeoutMs ?? DEFAULTS.timeoutMs,
    deadline,
    retry,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULTS.maxResponseBytes,
    signal: options.signal,
    onRetry: options.onRetry,
    env: options.env ?? process.env,
    onWarning: options.onWarning,
    ...(resolved ? { tls: resolved.tls } : {}),
  };
}

/**
 * Resolves the configuration of one call: every setting from its first source, keys (and, with an agency,
 * temporary keys signed for with them) through the same transport settings as the listing.
 */
export async function resolveClientConfig(
  call: { readonly region?: string; readonly projectId?: string },
  options: ClientOptions,
  deadline: number = Date.now() + (options.deadlineMs ?? DEFAULTS.deadlineMs),
): Promise<ResolvedConfig> {
  let resolved: ResolvedConfig | undefined;
  const post: SignedPost = (req, credentials, signal) =>
    sendSigned({ ...req, method: "POST", query: {} }, { ...transportOptions(resolved, options, deadline), credentials, signal: signal ?? options.signal });
  const done = await resolveConfig(
    call,
    {
      config: parseConfig(options.config ?? {}),
      ...(options.configHoldsKeys === false ? { configHoldsKeys: false } : {}),
      ...(options.stackConfig ? { stackConfig: options.stackConfig } : {}),
      env: options.env ?? process.env,
    },
    { post, onWarning: options.onWarning, signal: options.signal, ...(options.wording ? { wording: options.wording } : {}) },
  );
  resolved = done;
  return done;
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
  const deadline = Date.now() + (options.deadlineMs ?? DEFAULTS.deadlineMs);
  const resolved = await resolveClientConfig(args, options, deadline);
  const shared = transportOptions(resolved, options, deadline);
  const transport = async (signal: AbortSignal | undefined): Promise<TransportOptions> => ({
    ...shared,
    credentials: await resolved.credentials.get(signal),
    signal,
  });
  const projectId =
    resolved.projectId ?? (await lookupProjectId(resolved.iamEndpoint!, resolved.region!, await transport(options.signal)));
  const path = `/v2/${projectId}/instances/${args.instanceId}/scheduled-tasks`;
  const maxTasks = options.maxListingTasks ?? DEFAULTS.maxListingTasks;
  const maxBytes = options.maxListingBytes ?? DEFAULTS.maxListingBytes;

  let bytes = 0;
  const fetchPage = async (offset: number, limit: number, signal: AbortSignal): Promise<Page<ApiTask>> => {
    const res = await sendSigned(
      { service: SERVICE, baseUrl: resolved.endpoint, path, query: apiQuery(args, offset, limit), projectId },
      await transport(signal), // the pager's signal: it follows options.signal
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
