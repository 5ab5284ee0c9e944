// What every hwdms command shares: the query options, client tuning options, exit codes and error reporting.
import { Command, Option } from "commander";
import * as t from "io-ts";
import { INPUTS, InputEntry, SETTINGS, SettingEntry, invalid, numberIn, printable, redact, secretsOf, violations, warnIfNodeDebug } from "../core";
import type { ClientOptions } from "../core";

export const EXIT = { ok: 0, invalidInput: 2, apiError: 3, gateNotPassed: 4, interrupted: 130 } as const;

/** Integers stay strings when they are not integers, so the validator can quote what was typed. */
function integerOrRaw(value: string): number | string {
  return /^[-+]?\d+$/.test(value.trim()) ? Number(value) : value;
}

/** Numbers (fractions too) stay strings when they are not numbers. */
export function numberOrRaw(value: string): number | string {
  return /^\s*[-+]?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
}

function collectStatuses(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(",").map((s) => s.trim()).filter(Boolean)];
}

export type QueryFlags = Record<string, unknown> & { instanceId?: string; output?: string };

/** The tuning flags of `scheduled-tasks` commands: flag, codec (in the flag's unit), help. */
const TUNING = {
  concurrency: { flag: "--concurrency <n>", codec: numberIn(1, 64, "requests", true), help: "requests in flight when fetching every page (default 8)" },
  requestTimeout: { flag: "--request-timeout <seconds>", codec: numberIn(1, 3_600, "seconds"), help: "longest wait for one request attempt (default 30)" },
  deadline: { flag: "--deadline <seconds>", codec: numberIn(1, 86_400, "seconds"), help: "longest the whole listing may take, retries included (default 300)" },
  retries: { flag: "--retries <n>", codec: numberIn(0, 10, "retries", true), help: "retries on throttling, 5xx and network errors (default 4)" },
} as const;

/** The option a table entry's flag becomes. */
function optionOf(flag: string, help: string, parse?: InputEntry["flagParse"] | "number"): Option {
  const option = new Option(flag, help);
  if (parse === "integer") option.argParser(integerOrRaw);
  else if (parse === "number") option.argParser(numberOrRaw);
  else if (parse === "list") option.argParser(collectStatuses);
  return option;
}

/** Adds the query options (from the inputs table, and settings with a flag of their own) and the tuning options. */
export function addQueryOptions(cmd: Command): Command {
  for (const e of Object.values(INPUTS as Record<string, InputEntry>)) cmd.addOption(optionOf(e.flag, e.flagHelp, e.flagParse));
  for (const [key, e] of Object.entries(SETTINGS as Record<string, SettingEntry>)) {
    if (e.flag && !(key in INPUTS)) cmd.addOption(optionOf(`${e.flag} <value>`, `${key} (default: ${e.env.join(", ")})`));
  }
  for (const e of Object.values(TUNING)) cmd.addOption(optionOf(e.flag, e.help, e.flag.includes("seconds") ? "number" : "integer"));
  return cmd;
}

/** The attribute commander stores a flag's value under (`--instance-id` → `instanceId`). */
function attributeOf(flag: string): string {
  return new Option(flag).attributeName();
}

/** Thrown for bad flags: exit 2 with this sentence. */
export class UsageError extends Error {}

/** Flags checked against their codecs in one go (keys are the flags, so messages name them). */
export function checkFlags(codecs: Record<string, t.Mixed>, flags: QueryFlags): void {
  const given = Object.fromEntries(
    Object.keys(codecs)
      .map((flag) => [flag, flags[attributeOf(flag)]] as const)
      .filter(([, v]) => v !== undefined),
  );
  const problems = violations(t.partial(codecs), given, "input");
  if (problems.length) throw invalid(problems[0]);
}

/** The function's inputs from the flags, per the inputs table (validated later, by the core's codecs). */
export function argsFromFlags(flags: QueryFlags): Record<string, unknown> {
  if (flags.instanceId === undefined) throw new UsageError("--instance-id is required: name the DMS Kafka instance to query.");
  return Object.fromEntries(
    Object.entries(INPUTS as Record<string, InputEntry>)
      .map(([name, e]) => [name, flags[attributeOf(e.flag)]] as const)
      .filter(([, v]) => v !== undefined),
  );
}

/** Client options from the tuning flags and the settings' flags; the rest comes from the environment. */
export function clientOptionsFromFlags(flags: QueryFlags, signal: AbortSignal, warn: (m: string) => void): ClientOptions {
  checkFlags(Object.fromEntries(Object.values(TUNING).map((e) => [e.flag.split(" ")[0], e.codec])), flags);
  const value = (key: keyof typeof TUNING): number | undefined => flags[attributeOf(TUNING[key].flag)] as number | undefined;
  const config = Object.fromEntries(
    Object.entries(SETTINGS as Record<string, SettingEntry>)
      .filter(([key, e]) => e.flag && !(key in INPUTS) && flags[attributeOf(e.flag)] !== undefined)
      .map(([key, e]) => [key, flags[attributeOf(e.flag!)]]),
  );
  const seconds = (s: number | undefined): number | undefined => (s === undefined ? undefined : Math.round(s * 1000));
  const retries = value("retries");
  // NODE_DEBUG=http prints every request's headers (the signature and the security token) to stderr.
  warnIfNodeDebug(process.env, warn);
  return {
    config,
    concurrency: value("concurrency"),
    timeoutMs: seconds(value("requestTimeout")),
    deadlineMs: seconds(value("deadline")),
    retry: retries === undefined ? undefined : { limit: retries },
    signal,
    onWarning: warn,
  };
}

/** Writes a warning: control and bidi characters neutralised (line breaks kept), secrets of the environment removed. */
export function warnToStderr(message: string): void {
  process.stderr.write(`warning: ${redact(safeLines(message), secretsOf(undefined, process.env))}\n`);
}

/** Text from the API made safe for a terminal, line by line (the line breaks of a multi-line message stay). */
function safeLines(text: string): string {
  return text.split("\n").map(printable).join("\n");
}

/**
 * Runs a command body and exits with the code its outcome calls for. Error messages were built
 * without secrets; they are redacted once more against the environment's keys before printing.
 */
export async function runCommand(body: (signal: AbortSignal) => Promise<number>): Promise<never> {
  const abort = new AbortController();
  const onSignal = (): void => abort.abort(new Error("interrupted"));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  let code: number;
  try {
    code = await body(abort.signal);
  } catch (e) {
    if (abort.signal.aborted) {
      process.stderr.write("error: interrupted; the requests in flight were cancelled.\n");
      code = EXIT.interrupted;
    } else {
      code = reportError(e);
    }
  }
  return exitAfterFlush(code);
}

/** Exits once stdout and stderr have handed everything to the OS (pipes are asynchronous in Node). */
export function exitAfterFlush(code: number): Promise<never> {
  return new Promise<never>(() => {
    let pending = 2;
    const done = (): void => {
      if (--pending === 0) process.exit(code);
    };
    process.stdout.write("", done);
    process.stderr.write("", done);
  });
}

export function reportError(e: unknown): number {
  // Loaded lazily: the error classes live in the core, which a usage error never needs.
  const { ApiError, ValidationError, GateTimeoutError, CLI_WORDING } = require("../core") as typeof import("../core");
  const clean = (m: string): string => redact(safeLines(m), secretsOf(undefined, process.env));
  if (e instanceof UsageError) {
    process.stderr.write(`error: ${clean(e.message)}\n`);
    return EXIT.invalidInput;
  }
  if (e instanceof ValidationError) {
    process.stderr.write(`error: ${clean(e.wordedFor(CLI_WORDING))}\n`);
    return EXIT.invalidInput;
  }
  if (e instanceof GateTimeoutError) {
    process.stderr.write(`${clean(e.message)}\n`);
    return EXIT.gateNotPassed;
  }
  if (e instanceof ApiError) {
    process.stderr.write(`error: ${clean(e.message)}\n`);
    return EXIT.apiError;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`error: unexpected failure: ${clean(message)}\n`);
  return EXIT.apiError;
}
