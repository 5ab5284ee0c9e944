// google.protobuf.Struct <-> plain values, and the engine's special values inside them (secrets, unknowns,
// resource references, output values), as the engine marshals them (sdk/go/common/resource/plugin/rpc.go).
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

import { OUTPUT_SIG, RESOURCE_SIG, SECRET_SIG, SIG_KEY, UNKNOWN, UNKNOWN_SENTINELS } from "../protocol";

export { SECRET_SIG, SIG_KEY, UNKNOWN };

/** A value with the engine's wrappers removed, and what the wrappers said. */
export interface Unwrapped {
  readonly value: unknown;
  /** Some part of the value was a secret. */
  readonly secret: boolean;
  /** Some part of the value is not known yet. */
  readonly unknown: boolean;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Removes secret, output-value and resource-reference wrappers (a reference becomes its id, or its URN for a
 * component, as the engine itself downgrades references for providers that do not accept them).
 */
export function unwrap(v: unknown): Unwrapped {
  if (typeof v === "string" && UNKNOWN_SENTINELS.has(v)) return { value: undefined, secret: false, unknown: true };
  if (Array.isArray(v)) {
    let secret = false;
    let unknown = false;
    const value = v.map((item) => {
      const u = unwrap(item);
      secret ||= u.secret;
      unknown ||= u.unknown;
      return u.value;
    });
    return { value, secret, unknown };
  }
  if (!isObject(v)) return { value: v, secret: false, unknown: false };
  switch (v[SIG_KEY]) {
    case SECRET_SIG: {
      const inner = unwrap(v.value);
      return { ...inner, secret: true };
    }
    case OUTPUT_SIG: {
      const inner = "value" in v ? unwrap(v.value) : { value: undefined, secret: false, unknown: true };
      return { ...inner, secret: inner.secret || v.secret === true };
    }
    case RESOURCE_SIG: {
      const id = v.id;
      if ((typeof id === "string" && UNKNOWN_SENTINELS.has(id)) || id === "") return { value: undefined, secret: false, unknown: true };
      return unwrap(typeof id === "string" ? id : v.urn);
    }
    default: {
      let secret = false;
      let unknown = false;
      const value: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v)) {
        const u = unwrap(item);
        secret ||= u.secret;
        unknown ||= u.unknown;
        value[k] = u.value;
      }
      return { value, secret, unknown };
    }
  }
}

/** The top-level properties of a Struct, each unwrapped. */
export function unwrapProperties(s: Struct | undefined): Record<string, Unwrapped> {
  const out: Record<string, Unwrapped> = {};
  if (!s) return out;
  for (const [k, v] of Object.entries(s.toJavaScript())) out[k] = unwrap(v);
  return out;
}

/** Wraps a value as a secret, the way the engine expects it in a Struct. */
export function secret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** Drops undefined values (a Struct has no place for them; they mean "not set"). */
function defined(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((item) => (item === undefined ? null : defined(item)));
  if (!isObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(v)) if (item !== undefined) out[k] = defined(item);
  return out;
}

export function toStruct(obj: Readonly<Record<string, unknown>>): Struct {
  return Struct.fromJavaScript(defined(obj) as Parameters<typeof Struct.fromJavaScript>[0]);
}

/** Deep equality of plain JSON-like values. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
  }
  return false;
}
