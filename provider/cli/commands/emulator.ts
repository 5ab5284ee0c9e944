// hwdms emulator
import { Command, Option } from "commander";
import { EXIT, UsageError, runCommand } from "../common";

export function emulatorCommand(): Command {
  return new Command("emulator")
    .description("Run the embedded emulator of the DMS scheduled-tasks API (signature-checking) until interrupted.")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--port <n>", "port (0: any free port)", "0")
    .addOption(new Option("--seed <seed>", "initial tasks").choices(["demo", "empty"]).default("demo"))
    .option("--executing-seconds <n>", "how long the demo's EXECUTING task runs, from the first request that lists it", "60")
    .action((flags: { host: string; port: string; seed: "demo" | "empty"; executingSeconds: string }) =>
      runCommand(async () => {
        const port = Number(flags.port);
        if (!/^\d+$/.test(flags.port) || port > 65535) {
          throw new UsageError(`--port must be a whole number from 0 to 65535; got ${JSON.stringify(flags.port)}.`);
        }
        if (!/^\d+$/.test(flags.executingSeconds) || Number(flags.executingSeconds) > 86_400) {
          throw new UsageError(`--executing-seconds must be a whole number from 0 to 86400; got ${JSON.stringify(flags.executingSeconds)}.`);
        }
        const { runEmulatorCommand } = await import("../../emulator/cli");
        await runEmulatorCommand({ host: flags.host, port, seed: flags.seed, executingMs: Number(flags.executingSeconds) * 1000 });
        return EXIT.ok;
      }),
    );
}
