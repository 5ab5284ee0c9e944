// Invoke: dispatch on the function token, validate the inputs (→ `failures`), call the shared core client,
// and turn its typed errors into what the engine shows: ValidationError → failures (nothing was sent),
// ApiError → a gRPC error whose details is the core's message (which never holds a secret).
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { ProviderConfig } from "../core";
import type { GetScheduledTasksResult } from "../core";
import { RpcError, Status } from "./errors";
import { Failure } from "./config";
import { secret, unwrapProperties } from "./structs";
import { GET_SCHEDULED_TASKS } from "../protocol";

export const FUNCTION_TOKENS: readonly string[] = [GET_SCHEDULED_TASKS];

export interface InvokeContext {
  /** The provider configuration Configure validated (undefined before Configure: the environment alone). */
  readonly config?: ProviderConfig;
  /** Configuration keys that arrived as secrets. */
  readonly secretConfigKeys?: ReadonlySet<string>;
  /** Aborted by Cancel and at shutdown. */
  readonly signal: AbortSignal;
  readonly onWarning: (message: string) => void;
}

export type InvokeOutcome =
  | { readonly result: Record<string, unknown>; /** Inputs not known yet: nothing was called. */ readonly unknownInputs?: readonly string[] }
  | { readonly failures: Failure[] };

/** Outputs that repeat an input (or a configuration value) stay secret when that input was one. */
const ECHOED: ReadonlyArray<keyof GetScheduledTasksResult & string> = ["instanceId", "projectId", "region"];

export async function invoke(tok: string, argsStruct: Struct | undefined, ctx: InvokeContext): Promise<InvokeOutcome> {
  if (!FUNCTION_TOKENS.includes(tok)) {
    throw new RpcError(
      Status.INVALID_ARGUMENT,
      `Unknown function "${tok}": the huaweicloud-dms provider offers only ${FUNCTION_TOKENS.join(", ")}.`,
    );
  }

  // Engine wrappers off; null means "not set" (the engine and some SDKs send it for omitted optionals).
  const args: Record<string, unknown> = {};
  const secretArgs = new Set<string>();
  const unwrapped = unwrapProperties(argsStruct);

  // An input not known yet (a preview, an output of a resource still to be created), at any depth: calling
  // without it, or with a list missing the unknown element, would run a different query and report its tasks
  // as this one's. No request is sent. The protocol has no unknown result to give back (the engine rejects
  // unknowns in an Invoke's return), so the answer is what the engine itself answers for an Invoke it cannot
  // make yet (a provider whose configuration is unknown): an empty result, no failures.
  const unknown = Object.entries(unwrapped).filter(([, u]) => u.unknown).map(([key]) => key);
  if (unknown.length) return { result: {}, unknownInputs: unknown };

  for (const [key, u] of Object.entries(unwrapped)) {
    if (u.value === null || u.value === undefined) continue;
    args[key] = u.value;
    if (u.secret) secretArgs.add(key);
  }

  // The core (axios, io-ts) is loaded on the first invoke, not at start-up.
  const core = require("../core") as typeof import("../core");
  const wording = core.programWording();

  const problems = core.checkArgs(args, secretArgs);
  if (problems.length) return { failures: problems.map((p) => ({ property: p.key + p.path, reason: core.describe(p, wording) })) };

  let result: GetScheduledTasksResult;
  try {
    result = await core.getScheduledTasks(args, { config: ctx.config, signal: ctx.signal, onWarning: ctx.onWarning });
  } catch (e) {
    const { ApiError, ValidationError } = core;
    if (e instanceof ValidationError) return { failures: [{ property: e.field, reason: e.wordedFor(wording) }] };
    if (e instanceof ApiError) {
      const cancelled = e.errorCode === "ECANCELLED" || ctx.signal.aborted;
      throw new RpcError(cancelled ? Status.CANCELLED : Status.UNKNOWN, e.message);
    }
    throw e;
  }

  const out: Record<string, unknown> = { ...result };
  let anySecret = false;
  for (const key of ECHOED) {
    const wasSecret = secretArgs.has(key) || (args[key] === undefined && ctx.secretConfigKeys?.has(key));
    if (wasSecret && out[key] !== undefined) {
      out[key] = secret(out[key]);
      anySecret = true;
    }
  }
  if (anySecret) out.id = secret(out.id); // the id embeds the project and instance IDs
  return { result: out };
}
