// google.protobuf.Struct <-> plain values, and the engine's special values inside them (secrets, unknowns,
// resource references, output values), as the engine marshals them (sdk/go/common/resource/plugin/rpc.go).
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** The key that marks an object as one of the engine's special values. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const OUTPUT_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
/** A value not known yet (during previews): the engine's sentinel for an unknown string. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Every sentinel the engine writes for an unknown value, by the type it stands for (plugin/rpc.go). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  UNKNOWN, // string
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7", // bool
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421", // number
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2", // array
  "030794c1-ac77-496b-92df-f27374a8bd58", // asset
  "e48ece36-62e2-4504-bad9-02848725956a", // archive
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff", // object
]);

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
