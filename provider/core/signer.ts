// SDK-HMAC-SHA256 request signing, as the Huawei Cloud API gateway verifies it.
// The emulator verifies with the same canonical form, and the tests hold it equal to the
// official SDK's AKSKSigner.sign on random requests.
import { createHash, createHmac } from "crypto";

export const ALGORITHM = "SDK-HMAC-SHA256";
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface Credentials {
  readonly accessKey: string;
  readonly secretKey: string;
  /** Present with temporary credentials; sent and signed as X-Security-Token. */
  readonly securityToken?: string;
}

export interface SignableRequest {
  readonly method: string;
  /** Path as the server sees it before percent-encoding, e.g. `/v2/{project}/instances/{id}/scheduled-tasks`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Headers to sign (`host` included). Names are matched case-insensitively. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Percent-encodes everything except `A–Z a–z 0–9 - _ . ~` (UTF-8 for the rest). */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

export function canonicalUri(path: string): string {
  const encoded = path.split("/").map(encodeRfc3986).join("/");
  return encoded.endsWith("/") ? encoded : encoded + "/";
}

export function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.keys(query)
    .sort()
    .map((key) => `${encodeRfc3986(key)}=${encodeRfc3986(query[key])}`)
    .join("&");
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}

export interface CanonicalForm {
  readonly canonicalRequest: string;
  readonly signedHeaders: string;
}

export function canonicalForm(req: SignableRequest): CanonicalForm {
  const headers = Object.entries(req.headers)
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .sort((a, b) => byName(a[0], b[0]));
  const signedHeaders = headers.map(([name]) => name).join(";");
  const canonicalHeaders = headers.map(([name, value]) => `${name}:${value}\n`).join("");
  const bodyHash = req.body ? sha256Hex(req.body) : EMPTY_BODY_SHA256;
  const canonicalRequest = [
    req.method.toUpperCase(),
    canonicalUri(req.path),
    canonicalQuery(req.query),
    canonicalHeaders,
    signedHeaders,
    bodyHash,
  ].join("\n");
  return { canonicalRequest, signedHeaders };
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(now: Date): string {
  return now.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

export function signature(secretKey: string, date: string, canonicalRequest: string): string {
  const stringToSign = `${ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;
  return createHmac("sha256", secretKey).update(stringToSign, "utf8").digest("hex");
}

/**
 * Returns the request's headers plus `X-Sdk-Date`, `X-Security-Token` (temporary credentials) and
 * `Authorization`. Every header passed in is signed.
 */
export function signRequest(req: SignableRequest, creds: Credentials, now: Date = new Date()): Record<string, string> {
  const date = sdkDate(now);
  const headers: Record<string, string> = { ...req.headers, "X-Sdk-Date": date };
  if (creds.securityToken) headers["X-Security-Token"] = creds.securityToken;
  const { canonicalRequest, signedHeaders } = canonicalForm({ ...req, headers });
  const sig = signature(creds.secretKey, date, canonicalRequest);
  headers["Authorization"] = `${ALGORITHM} Access=${creds.accessKey}, SignedHeaders=${signedHeaders}, Signature=${sig}`;
  return headers;
}

export interface ParsedAuthorization {
  readonly accessKey: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Parses an `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` header; undefined if malformed. */
export function parseAuthorization(header: string | undefined): ParsedAuthorization | undefined {
  const m = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/.exec(
    header ?? "",
  );
  if (!m) return undefined;
  return { accessKey: m[1], signedHeaders: m[2].split(";"), signature: m[3] };
}
