// What the emulator answers: a status, extra headers and a JSON body; the API gateway's and DMS's error bodies.
import { STATUS_CODES } from "http";

export interface EmulatorResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export const ERRORS = {
  signature: { status: 401, code: "APIGW.0301", msg: "Incorrect IAM authentication information: verify aksk signature fail" },
  date: {
    status: 401,
    code: "APIGW.0303",
    msg: "Incorrect app authentication information: the request date (X-Sdk-Date) is missing, malformed or outside the allowed window",
  },
  noApi: { status: 404, code: "APIGW.0101", msg: "The API does not exist or has not been published in the environment" },
  throttled: { status: 429, code: "APIGW.0308", msg: "The throttling threshold has been reached" },
  noInstance: { status: 404, code: "DMS.00404022", msg: "The instance does not exist." },
  badParam: { status: 400, code: "DMS.00400004", msg: "Invalid parameter" },
  internal: { status: 500, code: "DMS.00500000", msg: "Internal error" },
} as const;

export interface ErrorSpec {
  readonly status: number;
  readonly code: string;
  readonly msg: string;
}

export function errorResponse(spec: ErrorSpec, headers?: Readonly<Record<string, string>>): EmulatorResponse {
  return { status: spec.status, body: { error_code: spec.code, error_msg: spec.msg }, headers };
}

export function invalidParameter(name: string): EmulatorResponse {
  return errorResponse({ ...ERRORS.badParam, msg: `Invalid parameter: ${name}` });
}

/** Default code and message of an injected status fault. */
export function defaultErrorFor(status: number): { code: string; msg: string } {
  if (status === 429) return { code: ERRORS.throttled.code, msg: ERRORS.throttled.msg };
  if (status >= 500) return { code: ERRORS.internal.code, msg: ERRORS.internal.msg };
  if (status === 401) return { code: ERRORS.signature.code, msg: ERRORS.signature.msg };
  if (status === 404) return { code: ERRORS.noApi.code, msg: ERRORS.noApi.msg };
  return { code: `DMS.00${status}000`, msg: STATUS_CODES[status] ?? "Error" };
}

/** A captive portal's or a proxy's HTML page: what a client gets when something other than the API answers. */
export function htmlPage(title: string): string {
  const t = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>\n<html><head><title>${t}</title></head><body><h1>${t}</h1><p>Please sign in to continue.</p></body></html>\n`;
}
