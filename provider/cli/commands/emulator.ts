// hwdms emulator
import { Command, Option } from "commander";
import { EXIT, UsageError, runCommand } from "../common";

export function emulatorCommand(): Command {
  return new Command("emulator")
    .description("Run the embedded emulator of the DMS scheduled-tasks API (signature-checking) until interrupted.")
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--port <n>", "port (0: any free port)", "0")
    .addOption(new Option("--seed <seed>", "initial tasks").choices(["demo", "empty"]).default("demo"))
    .action((flags: { host: string; port: string; seed: "demo" | "empty" }) =>
      runCommand(async () => {
        const port = Number(flags.port);
        if (!/^\d+$/.test(flags.port) || port > 65535) {
          throw new UsageError(`--port must be a whole number from 0 to 65535; got ${JSON.stringify(flags.port)}.`);
        }
        const { runEmulatorCommand } = await import("../../emulator/cli");
        await runEmulatorCommand({ host: flags.host, port, seed: flags.seed });
        return EXIT.ok;
      }),
    );
}
