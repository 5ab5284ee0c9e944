// Codecs of the settings that are not plain strings: each reads its value from text (stack config, variables,
// CLI flags) or as itself (a provider resource's typed inputs), and carries its rule as a predicate.
import { reading, shown } from "./codecs";
import { DEFAULT_ASSUME_ROLE_SECONDS, type AssumeRole } from "./credentials/agency";

/** `true`/`false` (also as text, any case, and `1`/`0`). */
export const Flag = reading<boolean>(
  "Flag",
  (u) => {
    if (typeof u === "boolean") return u;
    if (typeof u !== "string") return undefined;
    const v = u.trim().toLowerCase();
    return v === "true" || v === "1" ? true : v === "false" || v === "0" ? false : undefined;
  },
  "must be true or false",
);

function numberFrom(u: unknown): number | undefined {
  if (typeof u === "number") return u;
  if (typeof u === "string" && /^\s*\d+(\.\d+)?\s*$/.test(u)) return Number(u);
  return undefined;
}

/** A number from `min` to `max` (a whole one when `integer`), also as text. */
export function countIn(min: number, max: number, unit: string, integer = true) {
  return reading<number>(
    `CountIn(${min},${max})`,
    (u) => {
      const n = numberFrom(u);
      return n !== undefined && Number.isFinite(n) && n >= min && n <= max && (!integer || Number.isInteger(n)) ? n : undefined;
    },
    `must be a ${integer ? "whole number" : "number"} of ${unit} from ${min} to ${max}`,
  );
}

const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const DOMAIN = new RegExp(`^${LABEL}(?:\\.${LABEL})+$`);
/** A cloud's domain, e.g. `myhuaweicloud.com`. */
export const Domain = reading<string>(
  "Domain",
  (u) => (typeof u === "string" && u.length <= 253 && DOMAIN.test(u) ? u : undefined),
  'must be a domain name such as "myhuaweicloud.com" (lowercase letters, digits, "-" and ".")',
);

/** A file path (a leading `~` is the home directory). */
export const FilePath = reading<string>(
  "FilePath",
  (u) => (typeof u === "string" && u.length <= 4096 && !/[\x00-\x1f\x7f]/.test(u) ? u : undefined),
  "must be a file path without control characters",
);

/** A KooCLI profile name. */
export const ProfileName = reading<string>(
  "ProfileName",
  (u) => (typeof u === "string" && u.length <= 128 && !/[\x00-\x1f\x7f]/.test(u) ? u : undefined),
  "must be a KooCLI profile name (up to 128 characters, no control characters)",
);

/** The ECS metadata service's base URL, or `off` (never ask it). */
export const MetadataEndpoint = reading<string>(
  "MetadataEndpoint",
  (u) => {
    if (u === "off") return u;
    if (typeof u !== "string") return undefined;
    try {
      const url = new URL(u);
      return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password && !url.search && !url.hash ? u : undefined;
    } catch {
      return undefined;
    }
  },
  'must be an http(s) URL such as "http://169.254.169.254", or "off"',
);

const NAME = /^[^\x00-\x1f\x7f]{1,128}$/;

/** An agency to assume: `{agencyName, domainName or domainId, durationSeconds?}`, as an object or its JSON text. */
export const AssumeRoleSetting = reading<AssumeRole>(
  "AssumeRole",
  (u) => {
    let v: unknown = u;
    if (typeof u === "string") {
      try {
        v = JSON.parse(u);
      } catch {
        return undefined;
      }
    }
    if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
    const o = v as Record<string, unknown>;
    const known = ["agencyName", "domainName", "domainId", "durationSeconds"];
    if (Object.keys(o).some((k) => !known.includes(k) && o[k] !== undefined)) return undefined;
    const text = (x: unknown): string | undefined => (typeof x === "string" && NAME.test(x) ? x : undefined);
    const agencyName = text(o.agencyName);
    const domainName = o.domainName === undefined ? undefined : text(o.domainName);
    const domainId = o.domainId === undefined ? undefined : text(o.domainId);
    const duration = o.durationSeconds === undefined ? DEFAULT_ASSUME_ROLE_SECONDS : numberFrom(o.durationSeconds);
    if (agencyName === undefined) return undefined;
    if ((o.domainName !== undefined && domainName === undefined) || (o.domainId !== undefined && domainId === undefined)) return undefined;
    if ((domainName === undefined) === (domainId === undefined)) return undefined;
    if (duration === undefined || !Number.isInteger(duration) || duration < 900 || duration > 43_200) return undefined;
    const role: AssumeRole = {
      agencyName,
      ...(domainName !== undefined ? { domainName } : {}),
      ...(domainId !== undefined ? { domainId } : {}),
      ...(o.durationSeconds !== undefined ? { durationSeconds: duration } : {}),
    };
    // Stable identity for already-decoded values (the codec's `is`).
    return typeof u === "object" && JSON.stringify(u) === JSON.stringify(role) ? (u as AssumeRole) : role;
  },
  "must name an agency: {agencyName, domainName or domainId (one of them), durationSeconds from 900 to 43200 (default 3600)}",
  (u) => (typeof u === "string" ? "text that is not such an object" : shown(u)),
);
