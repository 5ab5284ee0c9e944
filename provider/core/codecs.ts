// io-ts codecs for everything a user hands us: the function's inputs and the provider configuration.
// Each refinement carries one sentence naming the field and the rule, ending "; got VALUE." (a secret's value
// is never shown: `violations` swaps it for "a secret value"); `parseArgs`/`parseConfig` raise the first.
// schema.json's function inputs are held equal to `GetScheduledTasksArgs` by a test.
import * as t from "io-ts";
import { isLeft } from "fp-ts/Either";
import { ValidationError } from "./errors";

/** The statuses the API documents. Responses may carry others; inputs may only name these. */
export const TASK_STATUSES = ["CREATED", "SUCCESS", "FAILED", "DELETED", "EXECUTING", "CANCELLED"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Builds a codec from a type guard and the rule "{field} must …"; a failure's message is the rule followed by
 * "; got VALUE." (`shows` describes the value; by default a short, safe rendering of it).
 */
function rule<A>(
  name: string,
  is: (u: unknown) => u is A,
  describe: (field: string) => string,
  shows: (u: unknown) => string = shown,
): t.Type<A, A, unknown> {
  return new t.Type<A, A, unknown>(
    name,
    is,
    (u, c) => (is(u) ? t.success(u) : t.failure(u, c, `${describe(fieldOf(c))}; got ${shows(u)}.`)),
    t.identity,
  );
}

const GOT = /; got [\s\S]*\.$/;

/** The user-facing path of a context, e.g. `statuses[1]` (intersection and union members are not part of it). */
export function fieldOf(c: t.Context): string {
  let out = "";
  c.forEach((entry, i) => {
    const parent = i > 0 ? c[i - 1].type : undefined;
    if (entry.key === "" || parent instanceof t.IntersectionType || parent instanceof t.UnionType) return;
    out += /^\d+$/.test(entry.key) ? `[${entry.key}]` : (out ? "." : "") + entry.key;
  });
  return out || "value";
}

/** Shows a rejected value briefly and safely (no control characters, bounded length). */
export function shown(u: unknown): string {
  let s: string;
  if (typeof u === "string") s = JSON.stringify(u.length > 40 ? u.slice(0, 40) + "…" : u);
  else if (typeof u === "number" || typeof u === "boolean" || u === null) s = String(u);
  else if (u === undefined) s = "nothing";
  else if (Array.isArray(u)) s = "a list";
  else s = "an object";
  return s;
}

/** An integer (a plain number type, unlike io-ts's branded Int). */
export const Integer = new t.Type<number, number, unknown>(
  "Integer",
  (u): u is number => typeof u === "number" && Number.isSafeInteger(u),
  (u, c) => (typeof u === "number" && Number.isSafeInteger(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** A number within [min, max] (a whole one when `integer`), e.g. a timeout in seconds. */
export function numberIn(min: number, max: number, unit: string, integer = false): t.Type<number, number, unknown> {
  return rule<number>(
    `NumberIn(${min},${max})`,
    (u): u is number => typeof u === "number" && Number.isFinite(u) && u >= min && u <= max && (!integer || Number.isInteger(u)),
    (f) => `${f} must be a ${integer ? "whole number" : "number"} of ${unit} from ${min} to ${max}`,
  );
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ResourceId = rule<string>(
  "ResourceId",
  (u): u is string => typeof u === "string" && ID_PATTERN.test(u),
  (f) =>
    `${f} must be 1 to 64 letters, digits, "-" or "_" (no "/", "..", "%", spaces or control characters)`,
);

const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;
export const Region = rule<string>(
  "Region",
  (u): u is string => typeof u === "string" && u.length <= 40 && REGION_PATTERN.test(u),
  (f) => `${f} must be a Huawei Cloud region name such as "cn-north-4" (lowercase letters, digits, "-")`,
);

export const StartIndex = rule<number>(
  "StartIndex",
  (u): u is number => typeof u === "number" && Number.isSafeInteger(u) && u >= 0,
  (f) => `${f} must be an integer of 0 or more (the offset of the first task)`,
);

export const PageLimit = rule<number>(
  "PageLimit",
  (u): u is number => typeof u === "number" && Number.isInteger(u) && u >= 1 && u <= 100,
  (f) => `${f} must be an integer from 1 to 100 (leave it unset to fetch every page)`,
);

/** ms since the epoch of 14 digits `YYYYMMDDHHmmss` read as UTC; undefined unless they name a real instant
 * (no 13th month, no 30 February, no 24th hour). */
export function utcFromDigits(digits: string): number | undefined {
  if (!/^\d{14}$/.test(digits)) return undefined;
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((i) => Number(digits.slice(i, i === 0 ? 4 : i + 2)));
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  const real =
    back.getUTCFullYear() === y &&
    back.getUTCMonth() === mo - 1 &&
    back.getUTCDate() === d &&
    back.getUTCHours() === h &&
    back.getUTCMinutes() === mi &&
    back.getUTCSeconds() === s;
  return real ? ms : undefined;
}

/** `YYYYMMDDHHmmss` that names a real UTC instant. */
export function isApiTime(u: unknown): u is string {
  return typeof u === "string" && utcFromDigits(u) !== undefined;
}

export const ApiTime = rule<string>(
  "ApiTime",
  isApiTime,
  (f) => `${f} must be a real UTC time written as 14 digits YYYYMMDDHHmmss, e.g. "20240101000000"`,
);

export const Status = rule<TaskStatus>(
  "Status",
  (u): u is TaskStatus => typeof u === "string" && (TASK_STATUSES as readonly string[]).includes(u),
  (f) => `${f} must be one of ${TASK_STATUSES.join(", ")}`,
);

export const StatusList = new t.Type<TaskStatus[], TaskStatus[], unknown>(
  "StatusList",
  (u): u is TaskStatus[] => Array.isArray(u) && u.length > 0 && u.every(Status.is),
  (u, c) => {
    if (!Array.isArray(u) || u.length === 0) {
      return t.failure(u, c, `${fieldOf(c)} must be a non-empty list of statuses (leave it unset to keep every status); got ${shown(u)}.`);
    }
    return t.array(Status).validate(u, c);
  },
  t.identity,
);

export const Endpoint = rule<string>(
  "Endpoint",
  (u): u is string => {
    if (typeof u !== "string") return false;
    try {
      const url = new URL(u);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  },
  (f) => `${f} must be an http(s) URL without credentials, query or fragment, e.g. "https://dms.cn-north-4.myhuaweicloud.com"`,
  // Never echo credentials embedded in a URL.
  (u) => shown(typeof u === "string" ? u.replace(/\/\/[^/?#]*@/, "//…@") : u),
);

/** A secret: validated without ever echoing its value. */
export const SecretString = rule<string>(
  "SecretString",
  (u): u is string => typeof u === "string" && u.length <= 4096 && /^[\x21-\x7e]+$/.test(u),
  (f) => `${f} must be printable ASCII without spaces (check for a stray space or newline)`,
  (u) => (typeof u === "string" ? "a value that is not" : u === undefined ? "nothing" : typeof u),
);

/** The function's inputs (camelCase, as Pulumi generates them). */
export const GetScheduledTasksArgs = t.intersection([
  t.type({ instanceId: ResourceId }),
  t.partial({
    projectId: ResourceId,
    region: Region,
    start: StartIndex,
    limit: PageLimit,
    beginTime: ApiTime,
    endTime: ApiTime,
    statuses: StatusList,
  }),
]);
export type GetScheduledTasksArgs = t.TypeOf<typeof GetScheduledTasksArgs>;

/** Provider configuration (`huaweicloud-dms:*` keys, provider resource inputs). */
export const ProviderConfig = t.partial({
  region: Region,
  projectId: ResourceId,
  accessKey: SecretString,
  secretKey: SecretString,
  securityToken: SecretString,
  endpoint: Endpoint,
});
export type ProviderConfig = t.TypeOf<typeof ProviderConfig>;
export const SECRET_CONFIG_KEYS = ["accessKey", "secretKey", "securityToken"] as const;

export interface Violation {
  readonly field: string;
  readonly message: string;
}

/** Every violation found, one sentence each; the values of `secretFields` (top-level keys) are not shown. */
export function violations<A, O>(
  codec: t.Type<A, O, unknown>,
  value: unknown,
  secretFields: ReadonlySet<string> = new Set(),
): Violation[] {
  const result = codec.decode(value);
  if (!isLeft(result)) return [];
  const seen = new Set<string>();
  const out: { field: string; message: string }[] = [];
  for (const e of result.left) {
    const field = fieldOf(e.context);
    let message = e.message ?? `${field} has the wrong type; got ${shown(e.value)}.`;
    if (secretFields.has(field.split(/[.[]/)[0])) message = message.replace(GOT, "; got a secret value.");
    if (seen.has(message)) continue;
    seen.add(message);
    out.push({ field, message });
  }
  return out;
}

/** Cross-field rules of the function's inputs. */
function argsViolations(args: GetScheduledTasksArgs, secretFields: ReadonlySet<string>): Violation[] {
  if (args.beginTime !== undefined && args.endTime !== undefined && args.beginTime > args.endTime) {
    const got = secretFields.has("beginTime") || secretFields.has("endTime") ? "secret values" : `${args.beginTime} > ${args.endTime}`;
    return [{ field: "beginTime", message: `beginTime must not be after endTime; got ${got}.` }];
  }
  return [];
}

/** Unknown keys are a typo more often than not: name them. */
function unknownKeys(value: unknown, known: readonly string[], what: string): Violation[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.keys(value)
    .filter((k) => !known.includes(k) && (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => ({ field: k, message: `${k} is not a ${what}; the known ones are ${known.join(", ")}.` }));
}

export const ARG_NAMES = ["instanceId", "projectId", "region", "start", "limit", "beginTime", "endTime", "statuses"] as const;

/**
 * All problems with the function's inputs, each one sentence naming the field and the rule; the values of
 * `secretFields` (inputs that arrived as secrets) are never shown.
 */
export function checkArgs(value: unknown, secretFields: ReadonlySet<string> = new Set()): Violation[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return [{ field: "args", message: `The arguments must be an object with at least instanceId; got ${shown(value)}.` }];
  }
  const found = [...violations(GetScheduledTasksArgs, value, secretFields), ...unknownKeys(value, ARG_NAMES, "getScheduledTasks input")];
  if (found.length) return found;
  return argsViolations(value as GetScheduledTasksArgs, secretFields);
}

/** Validates the function's inputs; throws a ValidationError with the first problem's sentence. */
export function parseArgs(value: unknown, secretFields?: ReadonlySet<string>): GetScheduledTasksArgs {
  const problems = checkArgs(value, secretFields);
  if (problems.length) throw new ValidationError(problems[0].field, problems[0].message);
  // Drop undefined-valued keys so the query (and the result's id) depend only on what was set.
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) out[k] = v;
  return out as GetScheduledTasksArgs;
}

/** Validates provider configuration; throws a ValidationError naming the key (never its value when secret). */
/** Empty strings count as unset (an exported-but-empty variable, a blank config value). */
export function parseConfig(
  value: Readonly<Record<string, unknown>>,
  keyPrefix = "",
  secretKeys: ReadonlySet<string> = new Set(),
): ProviderConfig {
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined && v !== null && v !== "" && k in ProviderConfig.props) set[k] = v;
  }
  const problems = violations(ProviderConfig, set, secretKeys);
  if (problems.length) {
    const p = problems[0];
    throw new ValidationError(keyPrefix + p.field, keyPrefix + p.message);
  }
  return set as ProviderConfig;
}
