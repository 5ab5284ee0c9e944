// The three kinds of failure a caller can act on differently (the CLI maps them to exit codes 2, 3 and 4).

/** How one surface names things in its messages (see wording.ts): a function input, a setting, and every way to
 * set a setting there. */
export interface Wording {
  input(key: string): string;
  setting(key: string): string;
  howToSet(key: string): string;
  /** Whether names carry the path below an entry (`statuses[1]`); a repeated CLI flag has none. */
  readonly paths?: false;
}

/** Bad input or configuration, found before any request was sent. */
export class ValidationError extends Error {
  override readonly name = "ValidationError";
  private readonly words: (w: Wording) => string;
  constructor(
    /** The input or setting at fault, e.g. `limit` or `region`. */
    readonly field: string,
    /** The sentence, or a function wording it for a surface (`message` is its wording for Pulumi programs). */
    words: string | ((w: Wording) => string),
    wording?: Wording,
  ) {
    const render = typeof words === "string" ? () => words : words;
    super(render(wording ?? programWording()));
    this.words = render;
  }

  /** The sentence with the names of a surface: a CLI flag, a config key in a namespace, a property. */
  wordedFor(wording: Wording): string {
    return this.words(wording);
  }
}

/** A Pulumi program's wording (the default `message`), loaded when first needed: wording.ts builds it from the
 * tables, whose codecs throw ValidationErrors, so it cannot be imported here at load time. */
function programWording(): Wording {
  return (require("./wording") as typeof import("./wording")).programWording();
}

export interface ApiErrorDetails {
  /** HTTP status, or undefined when no response arrived (network error, timeout, cancellation). */
  readonly status?: number;
  readonly errorCode?: string;
  readonly errorMsg?: string;
  readonly requestId?: string;
  /** What the user can do about it. */
  readonly hint?: string;
  /** How many attempts were made. */
  readonly attempts?: number;
  /** Whether the failure is of a kind worth trying again later (throttling, a retryable 5xx, the network):
   * the transport decides, with its retry options; polling reads it. */
  readonly retryable?: boolean;
}

const HINTS: Readonly<Record<string, string>> = {
  "APIGW.0301": "check the access key / secret key (and the security token for temporary credentials)",
  "APIGW.0101": "check the endpoint and the region: the API was not found there",
  "APIGW.0308": "the API gateway throttled the requests; retry later or lower the concurrency",
};

export function hintFor(status: number | undefined, errorCode: string | undefined): string | undefined {
  if (errorCode && HINTS[errorCode]) return HINTS[errorCode];
  if (status === 401 || status === 403) return HINTS["APIGW.0301"];
  if (status === 404) return "check the project ID and the instance ID";
  return undefined;
}

// The details are the error's own fields (declaration merging).
export interface ApiError extends ApiErrorDetails {}

/** The API, the network or authentication failed. The message never contains credentials. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(message: string, details: ApiErrorDetails = {}) {
    super(message);
    Object.assign(this, details);
  }
}

/** The waited-for tasks were still in a blocking status when the timeout passed. */
export class GateTimeoutError extends Error {
  override readonly name = "GateTimeoutError";
}

/** Removes every occurrence of the given secrets from a text (defence in depth for messages and logs). */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join("***");
  }
  return out;
}

/**
 * Redacts an error in place, as deep as its `cause` chain goes (an error wrapped for the user keeps the original
 * as its cause, and a cause is printed by `console.error`, `util.inspect` and many loggers): the message, the
 * stack (which repeats the message) and an ApiError's `errorMsg`. Returns the same error.
 */
export function redactError<E>(e: E, secrets: ReadonlyArray<string | undefined>): E {
  const seen = new Set<unknown>();
  let current: unknown = e;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const err = current as Error & { errorMsg?: unknown };
    err.message = redact(err.message, secrets);
    if (typeof err.stack === "string") err.stack = redact(err.stack, secrets);
    if (typeof err.errorMsg === "string") err.errorMsg = redact(err.errorMsg, secrets);
    current = err.cause;
  }
  return e;
}
