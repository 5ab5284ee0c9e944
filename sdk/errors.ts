// The error classes a failed call's pulumi.RunError carries as its `cause`, for `instanceof` checks in programs.
// They are the core's own classes; their declarations are written here, so a program type-checks no core (io-ts)
// declarations.
import * as core from "../provider/core";

/** Bad input or configuration, found before any request was sent. */
export interface ValidationError extends Error {
  readonly name: "ValidationError";
  /** The input or setting at fault, e.g. `limit` or `region`. */
  readonly field: string;
}

/** The API, the network or authentication failed. The message never contains credentials. */
export interface ApiError extends Error {
  readonly name: "ApiError";
  /** HTTP status, or undefined when no response arrived (network error, timeout, cancellation). */
  readonly status?: number;
  /** The API's `error_code` (e.g. `APIGW.0301`, `DMS.00404022`), or a network code such as `ETIMEDOUT`. */
  readonly errorCode?: string;
  /** The API's `error_msg`. */
  readonly errorMsg?: string;
  readonly requestId?: string;
  /** What you can do about it. */
  readonly hint?: string;
  /** How many attempts were made. */
  readonly attempts?: number;
}

/** A ScheduledTasksGate (or a wait) gave up: tasks were still blocking, or the listing incomplete, at its timeout. */
export interface GateTimeoutError extends Error {
  readonly name: "GateTimeoutError";
}

/** A class to test errors against with `instanceof` (not to construct: the package throws them). */
export type ErrorClass<T> = new (...args: never[]) => T;

export const ValidationError: ErrorClass<ValidationError> = core.ValidationError;
export const ApiError: ErrorClass<ApiError> = core.ApiError;
export const GateTimeoutError: ErrorClass<GateTimeoutError> = core.GateTimeoutError;
