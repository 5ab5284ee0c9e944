// hwdms scheduled-tasks wait-idle: poll until no task is in a blocking status (exit 0) or give up (exit 4,
// listing the blocking tasks). Progress goes to stderr: one updating line on a TTY, plain lines otherwise.
import { Command, Option } from "commander";
import { IntervalSeconds, StatusList, TimeoutSeconds, WAIT_DEFAULTS, printable } from "../../core";
import type { GetScheduledTasksResult, WaitProgress } from "../../core";
import { EXIT, QueryFlags, UsageError, addQueryOptions, argsFromFlags, checkFlags, clientOptionsFromFlags, numberOrRaw, runCommand, warnToStderr } from "../common";
import { formatJson } from "../format";

type WaitFlags = QueryFlags & { timeout?: number; interval?: number; output: string };

function secs(ms: number): string {
  return `${Math.round(ms / 1000)}s`;
}

/** The progress of one poll as one line (no newline): elapsed time, then what blocks or what failed. */
export function progressText(p: WaitProgress, statuses: readonly string[]): string {
  const head = `[${secs(p.elapsedMs)}]`;
  if (p.error) return `${head} check failed (${printable(p.error.message)}); retrying${p.nextPollInMs !== undefined ? ` in ${secs(p.nextPollInMs)}` : ""}`;
  const next = p.nextPollInMs !== undefined ? `; next check in ${secs(p.nextPollInMs)}` : "";
  if (p.blocking.length === 0) {
    return p.incompleteReason ? `${head} listing incomplete, not idle yet: ${printable(p.incompleteReason)}${next}` : `${head} idle: nothing ${statuses.join("/")}`;
  }
  const names = p.blocking
    .slice(0, 3)
    .map((t) => `${printable(t.id)} (${printable(t.name ?? "unnamed")})`)
    .join(", ");
  const more = p.blocking.length > 3 ? ` and ${p.blocking.length - 3} more` : "";
  return `${head} ${p.blocking.length} ${statuses.join("/")}: ${names}${more}${next}`;
}

export interface ProgressWriter {
  update(p: WaitProgress): void;
  /** Ends an updating line (before anything else is printed). */
  done(): void;
}

/** On a TTY one line rewritten in place (cut to the terminal's width); otherwise one plain line per poll. */
export function progressWriter(stream: NodeJS.WriteStream, statuses: readonly string[]): ProgressWriter {
  let open = false;
  if (stream.isTTY) {
    return {
      update(p) {
        const width = Math.max(20, (stream.columns || 80) - 1);
        let text = `waiting: ${progressText(p, statuses)}`;
        if (text.length > width) text = text.slice(0, width - 1) + "…";
        stream.write(`\r\x1b[2K${text}`);
        open = true;
      },
      done() {
        if (open) stream.write("\n");
        open = false;
      },
    };
  }
  return {
    update(p) {
      stream.write(`waiting: ${progressText(p, statuses)}\n`);
    },
    done() {},
  };
}

function summary(result: GetScheduledTasksResult, statuses: readonly string[], waitedMs: number, polls: number): string {
  return (
    `Instance ${result.instanceId} is idle: no scheduled task is ${statuses.join(" or ")}` +
    ` (waited ${Math.round(waitedMs / 1000)} s, ${polls} check${polls === 1 ? "" : "s"}).\n`
  );
}

export function waitIdleCommand(): Command {
  return addQueryOptions(
    new Command("wait-idle").description(
      "Wait until no scheduled task of a DMS Kafka instance is EXECUTING (or in the --status statuses).\n" +
        "Exit 0 when idle, 4 (listing the blocking tasks) when --timeout passes first.",
    ),
  )
    .addOption(new Option("--timeout <seconds>", `give up after this long (default ${WAIT_DEFAULTS.timeoutSeconds}; 0 = check once)`).argParser(numberOrRaw))
    .addOption(new Option("--interval <seconds>", `pause between checks (default ${WAIT_DEFAULTS.intervalSeconds}, at least 1)`).argParser(numberOrRaw))
    .addOption(new Option("--output <format>", "table (a sentence) or json (the last listing, the function's output)").default("table"))
    .addHelpText(
      "after",
      "\nHere --status names the statuses that block (default EXECUTING); the wait ends when no task is in them.",
    )
    .action((flags: WaitFlags) =>
      runCommand(async (signal) => {
        if (flags.output !== "table" && flags.output !== "json") {
          throw new UsageError(`--output must be "table" or "json"; got ${JSON.stringify(flags.output)}.`);
        }
        // Here --status names the statuses that block: checked as such, with the wait's own flags.
        checkFlags({ "--timeout": TimeoutSeconds, "--interval": IntervalSeconds, "--status": StatusList }, flags);
        const timeout = flags.timeout ?? WAIT_DEFAULTS.timeoutSeconds;
        const interval = flags.interval ?? WAIT_DEFAULTS.intervalSeconds;
        const { statuses, ...args } = argsFromFlags(flags) as { statuses?: string[] } & Record<string, unknown>;
        const blockingStatuses = statuses ?? [...WAIT_DEFAULTS.blockingStatuses];
        const progress = progressWriter(process.stderr, blockingStatuses);
        const options = clientOptionsFromFlags(flags, signal, (m) => {
          progress.done();
          warnToStderr(m);
        });
        const { waitForIdle } = await import("../../core");
        try {
          const waited = await waitForIdle(args, {
            blockingStatuses,
            timeoutMs: timeout * 1000,
            intervalMs: interval * 1000,
            signal,
            clientOptions: options,
            onProgress: (p) => {
              // The idle verdict is printed on stdout; progress lines are for the wait itself.
              if (p.blocking.length > 0 || p.error || p.incompleteReason) progress.update(p);
            },
          });
          progress.done();
          process.stdout.write(
            flags.output === "json"
              ? formatJson(waited.result)
              : summary(waited.result, blockingStatuses, waited.waitedMs, waited.polls),
          );
          return EXIT.ok;
        } catch (e) {
          // Exit 4 with --output json: stdout still gets the last listing (the blocking tasks go to stderr).
          const { GateTimeoutError } = await import("../../core");
          const last = e instanceof GateTimeoutError ? (e as { result?: GetScheduledTasksResult }).result : undefined;
          if (last && flags.output === "json") {
            progress.done();
            process.stdout.write(JSON.stringify(last, null, 2) + "\n");
          }
          throw e;
        } finally {
          progress.done();
        }
      }),
    );
}
