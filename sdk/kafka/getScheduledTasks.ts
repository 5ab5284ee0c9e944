// huaweicloud-dms:kafka:getScheduledTasks, run in-process (no plugin), with the conventions of generated
// Pulumi functions: a Promise variant and an Output variant that waits for its inputs.
import * as pulumi from "@pulumi/pulumi";
import * as core from "../../provider/core";
import { GET_SCHEDULED_TASKS } from "../../provider/protocol";
import { DEFAULT_CONFIG_NAMESPACE, huaweicloudConfig, wordedFor } from "../configKeys";
import { Provider, programConfig } from "../provider";
import { GetScheduledTasksArgs, GetScheduledTasksOutputArgs, GetScheduledTasksResult, TimeInput } from "./types";

export const FUNCTION_TOKEN = GET_SCHEDULED_TASKS;

export interface InvokeOptions {
  /** An explicit provider: another account, region or endpoint (see `Provider`). Default: stack config, then env. */
  provider?: Provider;
  /** The resource that warnings about the call are attached to. */
  parent?: pulumi.Resource;
  /** Cancels the call. */
  signal?: AbortSignal;
}

export interface InvokeOutputOptions extends InvokeOptions {
  /**
   * Call only after these resources exist. During a preview, while any of them is still to be created, the
   * result is unknown and no call is made.
   */
  dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** A Date as the API's `YYYYMMDDHHmmss` (UTC); strings pass through (the core validates them). */
export function toApiTime(field: string, value: TimeInput | undefined): string | undefined {
  if (!(value instanceof Date)) return value;
  if (Number.isNaN(value.getTime())) throw new core.ValidationError(field, `${field} must be a valid Date; got an invalid Date.`);
  return (
    pad(value.getUTCFullYear(), 4) +
    pad(value.getUTCMonth() + 1) +
    pad(value.getUTCDate()) +
    pad(value.getUTCHours()) +
    pad(value.getUTCMinutes()) +
    pad(value.getUTCSeconds())
  );
}

/**
 * Core errors become a RunError (a clean one-sentence failure in `pulumi up`); the original is its `cause`.
 * Validation messages are worded with the keys of the config namespace the settings came from.
 */
export function asRunError(e: unknown, what = FUNCTION_TOKEN, namespace = DEFAULT_CONFIG_NAMESPACE): Error {
  if (pulumi.RunError.isInstance(e)) return e;
  if (e instanceof core.ValidationError || e instanceof core.ApiError || e instanceof core.GateTimeoutError) {
    const err = new pulumi.RunError(`${what}: ${wordedFor(e, namespace)}`);
    Object.defineProperty(err, "cause", { value: e, enumerable: false });
    return err;
  }
  return e instanceof Error ? e : new Error(String(e));
}

function withApiTimes<T extends { beginTime?: unknown; endTime?: unknown }>(args: T): T {
  const out: Record<string, unknown> = { ...args };
  if (args.beginTime instanceof Date) out.beginTime = toApiTime("beginTime", args.beginTime);
  if (args.endTime instanceof Date) out.endTime = toApiTime("endTime", args.endTime);
  return out as T;
}

/**
 * Lists the scheduled tasks of a DMS Kafka instance. Configuration: the call's inputs, then `opts.provider`
 * (or stack config `huaweicloud-dms:*`), then the environment (`HW_*`). Failures reject with a
 * `pulumi.RunError` whose `cause` is the core's ValidationError or ApiError.
 */
export function getScheduledTasks(args: GetScheduledTasksArgs, opts: InvokeOptions = {}): Promise<GetScheduledTasksResult> {
  return invoke(args, opts, new Set());
}

/** pulumi-huaweicloud's `huaweicloud:*` stack config, read now (after the provider's namespace, before the
 * environment). */
function programStackConfig(): core.SettingValues {
  const config = new pulumi.Config("huaweicloud");
  return huaweicloudConfig((fullKey) => config.get(fullKey.slice("huaweicloud:".length)));
}

/**
 * True under `pulumi.runtime.setMocks`: the runtime's monitor is then a MockMonitor. Recognised by its class
 * name as well, so a program whose `@pulumi/pulumi` is another copy than this package's is recognised too
 * (the runtime's settings are shared between copies).
 */
export function underMocks(): boolean {
  const monitor: unknown = pulumi.runtime.getMonitor();
  if (typeof monitor !== "object" || monitor === null) return false;
  const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as { MockMonitor: new (...a: never[]) => object };
  return monitor instanceof MockMonitor || (monitor.constructor?.name === "MockMonitor" && "mocks" in monitor);
}

/**
 * Under mocks the call goes through `pulumi.runtime.invoke`, so the mocks' `call()` answers (token
 * huaweicloud-dms:kafka:getScheduledTasks, the validated inputs with Dates as `YYYYMMDDHHmmss`); nothing is sent.
 */
async function invokeMocked(args: GetScheduledTasksArgs, opts: InvokeOptions, secretInputs: ReadonlySet<string>): Promise<GetScheduledTasksResult> {
  try {
    const inputs = core.parseArgs(args, secretInputs);
    const result: unknown = await pulumi.runtime.invoke(FUNCTION_TOKEN, inputs, opts.parent ? { parent: opts.parent } : {});
    return result as GetScheduledTasksResult;
  } catch (e) {
    throw asRunError(e);
  }
}

/** The call itself; `secretInputs` are inputs that arrived as secrets (messages never show their values). */
async function invoke(args: GetScheduledTasksArgs, opts: InvokeOptions, secretInputs: ReadonlySet<string>): Promise<GetScheduledTasksResult> {
  let config: core.ProviderConfig = {};
  try {
    if (typeof args !== "object" || args === null) throw new core.ValidationError("args", "The arguments must be an object with at least instanceId.");
    if (opts.provider !== undefined && !Provider.isInstance(opts.provider)) programConfig(opts.provider); // names the mistake
    if (underMocks()) return await invokeMocked(withApiTimes(args), opts, secretInputs);
    config = programConfig(opts.provider);
    return await core.getScheduledTasks(withApiTimes(args), {
      config,
      stackConfig: programStackConfig(),
      env: process.env,
      signal: opts.signal,
      secretInputs,
      onWarning: (message) => void pulumi.log.warn(`${FUNCTION_TOKEN}: ${message}`, opts.parent),
    });
  } catch (e) {
    const namespace = Provider.isInstance(opts.provider) ? opts.provider.settings.configNamespace : DEFAULT_CONFIG_NAMESPACE;
    // The original error stays reachable as `cause` (and a logger may print it): redacted like the message.
    const err = core.redactError(asRunError(e, FUNCTION_TOKEN, namespace), core.secretsOf(config, process.env));
    throw err;
  }
}

/** Waits for the resources (their ids, or urns for components); unknown in preview for ones still to create. */
function dependencies(dependsOn: InvokeOutputOptions["dependsOn"]): pulumi.Output<unknown> {
  if (!dependsOn) return pulumi.output(true);
  return pulumi.output(dependsOn as pulumi.Input<pulumi.Resource | pulumi.Resource[]>).apply((deps) => {
    const list = (Array.isArray(deps) ? deps : [deps]).filter((r): r is pulumi.Resource => !!r);
    return pulumi.all(list.map((r) => (pulumi.CustomResource.isInstance(r) ? r.id : r.urn)));
  });
}

/**
 * The Output form of getScheduledTasks: takes Inputs and returns an Output. Nothing is called until every
 * input is known — during a preview an unknown input gives an unknown result, with no request made — and a
 * secret input gives a secret result.
 */
export function getScheduledTasksOutput(
  args: GetScheduledTasksOutputArgs,
  opts: InvokeOutputOptions = {},
): pulumi.Output<GetScheduledTasksResult> {
  let prepared: GetScheduledTasksOutputArgs;
  try {
    // Dates are converted first: Pulumi outputs cannot carry Date values.
    prepared = withApiTimes(args);
  } catch (e) {
    throw asRunError(e);
  }
  const secretInputs = Promise.all(
    Object.entries(prepared).map(async ([key, value]) => ((await pulumi.isSecret(pulumi.output(value))) ? [key] : [])),
  ).then((keys) => keys.flat());
  return pulumi
    .all([pulumi.output(prepared), dependencies(opts.dependsOn), secretInputs])
    .apply(([resolved, , secrets]) => invoke(resolved as GetScheduledTasksArgs, opts, new Set(secrets)));
}
