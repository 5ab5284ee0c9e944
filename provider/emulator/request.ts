// Splits an incoming request target into its raw path, decoded path and decoded query, and flattens headers.
import type { IncomingHttpHeaders } from "http";

export interface ParsedTarget {
  /** The path exactly as received (percent-encoded), without the query. */
  readonly rawPath: string;
  /** The path with each segment percent-decoded; undefined when a segment is not valid percent-encoding. */
  readonly path: string | undefined;
  /** The query with keys and values percent-decoded (`+` is kept as is); undefined when not decodable. */
  readonly query: Readonly<Record<string, string>> | undefined;
  /** The raw query string (without `?`). */
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

export function parseTarget(url: string | undefined): ParsedTarget {
  const target = url ?? "/";
  const q = target.indexOf("?");
  const rawPath = q < 0 ? target : target.slice(0, q);
  const rawQuery = q < 0 ? "" : target.slice(q + 1);

  const segments = rawPath.split("/").map(decode);
  const path = segments.every((s): s is string => s !== undefined) ? segments.join("/") : undefined;

  let query: Record<string, string> | undefined = {};
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = decode(eq < 0 ? "" : pair.slice(eq + 1));
    if (key === undefined || value === undefined) {
      query = undefined;
      break;
    }
    query[key] = value;
  }
  return { rawPath, path, query };
}

/** Headers as one string each (Node lowercases the names; repeated headers are joined with ", "). */
export function flatHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** Where a request goes: IAM (`/v3/…`, `/v3.0/…`), ECS metadata (`/openstack/…`) or the DMS API (everything else). */
export function targetOf(rawPath: string): "api" | "iam" | "metadata" {
  if (rawPath === "/v3" || rawPath.startsWith("/v3/") || rawPath.startsWith("/v3.0/")) return "iam";
  return rawPath.startsWith("/openstack/") ? "metadata" : "api";
}
