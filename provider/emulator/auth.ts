// SDK-HMAC-SHA256 signature verification, as the Huawei Cloud API gateway does it: the canonical request is
// rebuilt from what arrived (method, percent-decoded path, decoded query, the headers named in SignedHeaders
// with their values as received, empty body) with the same canonicalForm the client signs with.
//
// Order of checks: Authorization parse → X-Sdk-Date (APIGW.0303) → signed headers (must include host and
// x-sdk-date, all present) → access key → security token (temporary keys) → signature. Every failure except the
// date is APIGW.0301.
import { timingSafeEqual } from "crypto";
import { canonicalForm, parseAuthorization, signature, utcFromDigits } from "../core";
import { ERRORS, type ErrorSpec } from "./responses";
import type { EmulatorKey } from "./types";

export interface AuthInput {
  readonly method: string;
  /** The path percent-decoded per segment (undefined when it could not be decoded). */
  readonly path: string | undefined;
  /** The decoded query (undefined when it could not be decoded). */
  readonly query: Readonly<Record<string, string>> | undefined;
  /** Headers, lowercase names, values as received. */
  readonly headers: Readonly<Record<string, string>>;
}

export type AuthResult = { readonly ok: true; readonly accessKey: string } | { readonly ok: false; readonly error: ErrorSpec };

/** Parses `YYYYMMDDTHHMMSSZ` into ms since the epoch; undefined when malformed or not a real instant. */
export function parseSdkDate(value: string | undefined): number | undefined {
  const m = /^(\d{8})T(\d{6})Z$/.exec(value ?? "");
  return m ? utcFromDigits(m[1] + m[2]) : undefined;
}

function equalSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export class Authenticator {
  private readonly keys = new Map<string, EmulatorKey>();

  constructor(
    keys: readonly EmulatorKey[],
    private readonly clockSkewToleranceMs: number,
  ) {
    for (const k of keys) {
      if (!k || typeof k.accessKey !== "string" || typeof k.secretKey !== "string" || !k.accessKey || !k.secretKey) {
        throw new TypeError("Emulator keys need a non-empty accessKey and secretKey.");
      }
      this.keys.set(k.accessKey, { ...k });
    }
  }

  verify(req: AuthInput, now: number): AuthResult {
    const fail = (error: ErrorSpec): AuthResult => ({ ok: false, error });
    const auth = parseAuthorization(req.headers["authorization"]);
    if (!auth) return fail(ERRORS.signature);

    const date = req.headers["x-sdk-date"];
    const dateMs = parseSdkDate(date);
    if (date === undefined || dateMs === undefined || Math.abs(now - dateMs) > this.clockSkewToleranceMs) {
      return fail(ERRORS.date);
    }

    const signed = auth.signedHeaders;
    if (!signed.includes("host") || !signed.includes("x-sdk-date")) return fail(ERRORS.signature);
    if (new Set(signed).size !== signed.length) return fail(ERRORS.signature);
    const headers: Record<string, string> = {};
    for (const name of signed) {
      if (name !== name.toLowerCase()) return fail(ERRORS.signature);
      const value = req.headers[name];
      if (value === undefined) return fail(ERRORS.signature);
      headers[name] = value;
    }

    const key = this.keys.get(auth.accessKey);
    if (!key) return fail(ERRORS.signature);
    if (key.securityToken !== undefined) {
      const token = headers["x-security-token"];
      if (token === undefined || !equalSecret(token, key.securityToken)) return fail(ERRORS.signature);
    }

    if (req.path === undefined || req.query === undefined) return fail(ERRORS.signature);
    const { canonicalRequest } = canonicalForm({ method: req.method, path: req.path, query: req.query, headers, body: "" });
    const expected = Buffer.from(signature(key.secretKey, date, canonicalRequest), "hex");
    const given = Buffer.from(auth.signature, "hex");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail(ERRORS.signature);
    return { ok: true, accessKey: key.accessKey };
  }
}
