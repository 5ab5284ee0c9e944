// The io-ts codecs every value a user hands us is checked with, and validation failures as data.
// Each codec carries its rule as a predicate ("must be …"); a failure becomes a Violation — which entry, the rule,
// the value shown safely — and each surface words it with its own names (a flag, a config key, a property):
// see wording.ts. The tables that use these codecs: inputs.ts (the function's inputs), settings.ts (the
// provider's settings).
import * as t from "io-ts";
import { isLeft } from "fp-ts/Either";
import { ValidationError, type Wording } from "./errors";

/** The statuses the API documents. Responses may carry others; inputs may only name these. */
export const TASK_STATUSES = ["CREATED", "SUCCESS", "FAILED", "DELETED", "EXECUTING", "CANCELLED"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** How a codec shows a rejected value (default: `shown`); codecs of secrets and URLs hide parts of it. */
const SHOWS = new WeakMap<t.Decoder<unknown, unknown>, (u: unknown) => string>();

/**
 * Builds a codec from a type guard and its rule, a predicate such as "must be an integer from 1 to 100"; the
 * failure's message is the rule (`shows` describes the rejected value; by default a short, safe rendering).
 */
export function rule<A>(
  name: string,
  is: (u: unknown) => u is A,
  predicate: string,
  shows: (u: unknown) => string = shown,
): t.Type<A, A, unknown> {
  const codec = new t.Type<A, A, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c, predicate)), t.identity);
  SHOWS.set(codec, shows);
  return codec;
}

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
    `must be a ${integer ? "whole number" : "number"} of ${unit} from ${min} to ${max}`,
  );
}

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ResourceId = rule<string>(
  "ResourceId",
  (u): u is string => typeof u === "string" && ID_PATTERN.test(u),
  `must be 1 to 64 letters, digits, "-" or "_" (no "/", "..", "%", spaces or control characters)`,
);

const REGION_PATTERN = /^[a-z]{2,}(-[a-z0-9]+)+$/;
export const Region = rule<string>(
  "Region",
  (u): u is string => typeof u === "string" && u.length <= 40 && REGION_PATTERN.test(u),
  `must be a Huawei Cloud region name such as "cn-north-4" (lowercase letters, digits, "-")`,
);

export const StartIndex = rule<number>(
  "StartIndex",
  (u): u is number => typeof u === "number" && Number.isSafeInteger(u) && u >= 0,
  `must be an integer of 0 or more (the offset of the first task)`,
);

export const PageLimit = rule<number>(
  "PageLimit",
  (u): u is number => typeof u === "number" && Number.isInteger(u) && u >= 1 && u <= 100,
  `must be an integer from 1 to 100 (leave it unset to fetch every page)`,
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
  `must be a real UTC time written as 14 digits YYYYMMDDHHmmss, e.g. "20240101000000"`,
);

export const Status = rule<TaskStatus>(
  "Status",
  (u): u is TaskStatus => typeof u === "string" && (TASK_STATUSES as readonly string[]).includes(u),
  `must be one of ${TASK_STATUSES.join(", ")}`,
);

export const StatusList = new t.Type<TaskStatus[], TaskStatus[], unknown>(
  "StatusList",
  (u): u is TaskStatus[] => Array.isArray(u) && u.length > 0 && u.every(Status.is),
  (u, c) => {
    if (!Array.isArray(u) || u.length === 0) {
      return t.failure(u, c, "must be a non-empty list of statuses (leave it unset to keep every status)");
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
  `must be an http(s) URL without credentials, query or fragment, e.g. "https://dms.cn-north-4.myhuaweicloud.com"`,
  // Never echo credentials embedded in a URL.
  (u) => shown(typeof u === "string" ? u.replace(/\/\/[^/?#]*@/, "//…@") : u),
);

/** A secret: validated without ever echoing its value. */
export const SecretString = rule<string>(
  "SecretString",
  (u): u is string => typeof u === "string" && u.length <= 4096 && /^[\x21-\x7e]+$/.test(u),
  `must be printable ASCII without spaces (check for a stray space or newline)`,
  (u) => (typeof u === "string" ? "a value that is not" : u === undefined ? "nothing" : typeof u),
);

/** One validation failure, as data: each surface words it (see wording.ts). */
export interface Violation {
  /** The entry at fault: a function input, a setting, or an environment variable (see `kind`). */
  readonly key: string;
  readonly kind: "input" | "setting" | "env";
  /** Below the entry, e.g. `[1]` for the second status; empty for the entry itself. */
  readonly path: string;
  /** The rule as a predicate, e.g. `must be an integer from 1 to 100`; `{name}` stands for another entry of
   * the same kind, worded like the key. */
  readonly rule: string;
  /** The rejected value shown safely, or "a secret value"; absent when the rule is not about one value. */
  readonly got?: string;
}

/** Every violation of `value` against `codec`, by top-level key; the values of `secretKeys` are not shown. */
export function violations<A, O>(
  codec: t.Type<A, O, unknown>,
  value: unknown,
  kind: Violation["kind"],
  secretKeys: ReadonlySet<string> = new Set(),
): Violation[] {
  const result = codec.decode(value);
  if (!isLeft(result)) return [];
  const seen = new Set<string>();
  const out: Violation[] = [];
  for (const e of result.left) {
    const field = fieldOf(e.context);
    const cut = field.search(/[.[]/);
    const key = cut < 0 ? field : field.slice(0, cut);
    const failed = e.context[e.context.length - 1]?.type;
    const got = secretKeys.has(key) ? "a secret value" : (SHOWS.get(failed) ?? shown)(e.value);
    const v: Violation = { key, kind, path: cut < 0 ? "" : field.slice(cut), rule: e.message ?? `has the wrong type`, got };
    const id = `${field}\n${v.rule}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(v);
  }
  return out;
}

/** Violations for keys a table does not know (a typo more often than not), naming the known ones. */
export function unknownKeys(value: unknown, known: readonly string[], kind: Violation["kind"], what: string): Violation[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return [];
  return Object.keys(value)
    .filter((k) => !known.includes(k) && (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => ({ key: k, kind, path: "", rule: `is not ${what}; the known ones are ${known.join(", ")}` }));
}

/** A violation in one surface's words: `NAME RULE; got VALUE.` */
export function describe(v: Violation, w: Wording): string {
  const name = (key: string): string => (v.kind === "input" ? w.input(key) : v.kind === "setting" ? w.setting(key) : key);
  const subject = v.kind === "env" ? `The environment variable ${v.key}` : name(v.key);
  const rule = v.rule.replace(/\{(\w+)\}/g, (_, key: string) => name(key));
  return `${subject}${w.paths === false ? "" : v.path} ${rule}${v.got !== undefined ? `; got ${v.got}` : ""}.`;
}

/** The ValidationError for a violation: each surface words it (ValidationError.wordedFor). */
export function invalid(v: Violation): ValidationError {
  return new ValidationError(v.key, (w) => describe(v, w));
}
