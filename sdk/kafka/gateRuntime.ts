// What the ScheduledTasksGate's dynamic provider does, loaded with require() by the serialized provider at
// call time (inside `pulumi up`'s dynamic-provider process). Plain module code, so it is never serialized:
// no @pulumi/pulumi import, no captured client, credentials read only here, only when called.
import { createHash } from "crypto";
import * as t from "io-ts";
import {
  Endpoint,
  IntervalSeconds,
  PROPERTY_WORDING,
  ProviderConfig,
  Region,
  ResourceId,
  StatusList,
  TimeoutSeconds,
  WAIT_DEFAULTS,
  WaitProgress,
  describe,
  describeTask,
  redact,
  rule,
  secretsOf,
  seconds,
  violations,
  waitForIdle,
} from "../../provider/core";
import { UNKNOWN } from "../../provider/protocol";
import { DEFAULT_CONFIG_NAMESPACE, configFromNamespace, isConfigNamespace, wordedFor } from "../configKeys";
import { engineCancelSignal } from "./engineCancel";

export { UNKNOWN };

// Watch for the engine's Cancel from the moment the dynamic-provider host loads the runtime (its first Check),
// so a Ctrl-C that comes before the wait starts is not missed. Outside that host this does nothing.
engineCancelSignal();

const PROVIDER_KEY = "__provider";

export const GATE_DEFAULTS = {
  blockingStatuses: WAIT_DEFAULTS.blockingStatuses,
  timeoutSeconds: WAIT_DEFAULTS.timeoutSeconds,
  pollIntervalSeconds: WAIT_DEFAULTS.intervalSeconds,
  checkOnEveryDeployment: true,
  configNamespace: DEFAULT_CONFIG_NAMESPACE,
} as const;

/** Inputs that decide what the gate waits for (a change to any of them means a new wait). */
export const GATE_INPUTS = [
  "instanceId",
  "projectId",
  "region",
  "blockingStatuses",
  "timeoutSeconds",
  "pollIntervalSeconds",
  "triggers",
  "checkOnEveryDeployment",
  "configNamespace",
  "endpoint",
] as const;
export const GATE_OUTPUTS = ["checkedAt", "waitedSeconds", "statusCounts"] as const;

type Props = Record<string, unknown>;

export interface GateInputs {
  instanceId: string;
  projectId?: string;
  region?: string;
  blockingStatuses: string[];
  timeoutSeconds: number;
  pollIntervalSeconds: number;
  triggers?: unknown;
  checkOnEveryDeployment: boolean;
  configNamespace: string;
  endpoint?: string;
}

/** What `configure(req)` hands over: the stack's whole configuration, keys with their namespace. */
export interface StackConfig {
  get(key: string): string | undefined;
}

export interface CheckFailure {
  property: string;
  reason: string;
}

function isUnknown(v: unknown): boolean {
  return v === UNKNOWN || (Array.isArray(v) && v.some(isUnknown));
}

/** The gate's inputs, checked in one go (outputs and the provider key pass through). */
const GateInputsCodec = t.partial({
  instanceId: ResourceId,
  projectId: ResourceId,
  region: Region,
  endpoint: Endpoint,
  blockingStatuses: StatusList,
  timeoutSeconds: TimeoutSeconds,
  pollIntervalSeconds: IntervalSeconds,
  checkOnEveryDeployment: rule("Boolean", (u): u is boolean => typeof u === "boolean", "must be true or false"),
  configNamespace: rule(
    "ConfigNamespace",
    isConfigNamespace,
    'must be a stack-config namespace such as "huaweicloud-dms" or "dms-eu" (letters, digits, ".", "_", "-")',
  ),
});

/** Every problem with known input values, one sentence each (unknown values are checked once known). */
export function gateProblems(inputs: Props): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const key of Object.keys(inputs)) {
    if (key === PROVIDER_KEY || inputs[key] === undefined) continue;
    if (!(GATE_INPUTS as readonly string[]).includes(key) && !(GATE_OUTPUTS as readonly string[]).includes(key)) {
      failures.push({ property: key, reason: `${key} is not a ScheduledTasksGate input; the inputs are ${GATE_INPUTS.join(", ")}.` });
    }
  }
  if (inputs.instanceId === undefined || inputs.instanceId === null) {
    failures.push({ property: "instanceId", reason: "instanceId is required: name the DMS Kafka instance to wait for." });
  }
  const known = Object.fromEntries(
    Object.entries(inputs).filter(([k, v]) => k in GateInputsCodec.props && v !== undefined && v !== null && !isUnknown(v)),
  );
  for (const v of violations(GateInputsCodec, known, "input")) failures.push({ property: v.key, reason: describe(v, PROPERTY_WORDING) });
  return failures;
}

/** The inputs with their defaults; output keys and anything unknown to the gate dropped. */
function withDefaults(news: Props): Props {
  const out: Props = {};
  for (const key of GATE_INPUTS) if (news[key] !== undefined && news[key] !== null) out[key] = news[key];
  out.blockingStatuses ??= [...GATE_DEFAULTS.blockingStatuses];
  out.timeoutSeconds ??= GATE_DEFAULTS.timeoutSeconds;
  out.pollIntervalSeconds ??= GATE_DEFAULTS.pollIntervalSeconds;
  out.checkOnEveryDeployment ??= GATE_DEFAULTS.checkOnEveryDeployment;
  out.configNamespace ??= GATE_DEFAULTS.configNamespace;
  return out;
}

/** Check: validate (failures name the input), fill in the defaults. Runs in preview and update alike. */
export function check(_olds: Props, news: Props): { inputs: Props; failures: CheckFailure[] } {
  const failures = gateProblems(news);
  const inputs = withDefaults(news);
  // Unknown keys are reported, not silently dropped: keep them so the failure refers to something.
  for (const f of failures) if (!(f.property in inputs) && news[f.property] !== undefined) inputs[f.property] = news[f.property];
  return { inputs, failures };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Diff: with checkOnEveryDeployment (the default) every deployment is a change, so every `pulumi up` runs
 * Update and waits again; otherwise only a change of what is waited for (instance, statuses, triggers, …).
 * Never a replacement: there is nothing to delete.
 */
export function diff(olds: Props, news: Props): { changes: boolean; replaces: string[]; deleteBeforeReplace: boolean } {
  const every = news.checkOnEveryDeployment ?? GATE_DEFAULTS.checkOnEveryDeployment;
  const changed = every !== false || GATE_INPUTS.some((k) => !same(olds[k], news[k]));
  return { changes: changed, replaces: [], deleteBeforeReplace: false };
}

function parseInputs(props: Props): GateInputs {
  const problems = gateProblems(props).filter((f) => !(GATE_OUTPUTS as readonly string[]).includes(f.property));
  if (problems.length) throw new Error(`ScheduledTasksGate: ${problems[0].reason}`);
  const p = withDefaults(props);
  return p as unknown as GateInputs;
}

/** A stack-config value; a provider the engine never configured has none (its Config then throws). */
function configValue(stackConfig: StackConfig, key: string): string | undefined {
  try {
    const value = stackConfig.get(key);
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}

function defaultLog(line: string): void {
  process.stderr.write(line + "\n");
}

function progressLine(g: GateInputs, p: WaitProgress): string | undefined {
  if (p.error) {
    return `ScheduledTasksGate: a check of DMS instance ${g.instanceId} failed (${p.error.message}); checking again in ${seconds(p.nextPollInMs ?? 0)}.`;
  }
  const next = p.nextPollInMs === undefined ? "giving up" : `next check in ${seconds(p.nextPollInMs)}`;
  if (p.blocking.length === 0) {
    return p.incompleteReason
      ? `ScheduledTasksGate: the listing of DMS instance ${g.instanceId} is incomplete, so it is not called idle (${seconds(p.elapsedMs)} elapsed, ${next}): ${p.incompleteReason}`
      : undefined;
  }
  return (
    `ScheduledTasksGate: waiting for ${p.blocking.length} ${g.blockingStatuses.join("/")} task(s) on DMS instance ` +
    `${g.instanceId} (${seconds(p.elapsedMs)} elapsed, ${next}): ${p.blocking.slice(0, 3).map(describeTask).join("; ")}` +
    (p.blocking.length > 3 ? "; …" : "")
  );
}

/**
 * Waits until no task of the instance is in a blocking status, and returns the gate's outputs. Credentials
 * are read now: from the stack config the engine handed to `configure` (`NAMESPACE:accessKey`, …), else
 * from the environment (HW_*). They go into no output and no message.
 */
export async function pass(
  props: Props,
  stackConfig?: StackConfig,
  log: (line: string) => void = defaultLog,
): Promise<{ outs: Props; projectId: string }> {
  const g = parseInputs(props);
  const ns = g.configNamespace;
  const env = process.env;
  let config: ProviderConfig = {};
  try {
    config = stackConfig ? configFromNamespace(ns, (key) => configValue(stackConfig, `${ns}:${key}`)) : {};
    if (g.endpoint) config = { ...config, endpoint: g.endpoint };
    const args = {
      instanceId: g.instanceId,
      ...(g.projectId ? { projectId: g.projectId } : {}),
      ...(g.region ? { region: g.region } : {}),
    };
    const waited = await waitForIdle(args, {
      blockingStatuses: g.blockingStatuses,
      timeoutMs: g.timeoutSeconds * 1000,
      intervalMs: g.pollIntervalSeconds * 1000,
      clientOptions: { config, env, onWarning: (message) => log(`ScheduledTasksGate: ${message}`) },
      // The engine's Cancel (the first Ctrl-C of `pulumi up`) ends the wait at once.
      signal: engineCancelSignal(),
      onProgress: (p) => {
        const line = progressLine(g, p);
        if (line) log(line);
      },
    });
    const outs: Props = {
      ...withDefaults(props),
      checkedAt: waited.checkedAt,
      waitedSeconds: Math.round(waited.waitedMs / 1000),
      statusCounts: waited.result.statusCounts,
    };
    return { outs, projectId: waited.result.projectId };
  } catch (e) {
    const secrets = secretsOf(config, env);
    const message = wordedFor(e, ns);
    const text = message.startsWith("ScheduledTasksGate") ? message : `ScheduledTasksGate: ${message}`;
    throw new Error(redact(text, secrets));
  }
}

export async function create(inputs: Props, stackConfig?: StackConfig): Promise<{ id: string; outs: Props }> {
  const { outs, projectId } = await pass(inputs, stackConfig);
  // A digest, not the IDs themselves: resource IDs are stored in clear even when the inputs are secrets.
  const digest = createHash("sha256").update(`${projectId}/${String(inputs.instanceId)}`).digest("hex").slice(0, 16);
  return { id: `gate-${digest}`, outs };
}

export async function update(_id: string, _olds: Props, news: Props, stackConfig?: StackConfig): Promise<{ outs: Props }> {
  const { outs } = await pass(news, stackConfig);
  return { outs };
}
