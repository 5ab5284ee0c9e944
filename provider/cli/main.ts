// hwdms: the scheduled-tasks client for CI pipelines and humans. Exit codes: 0 ok, 2 invalid input (nothing
// sent), 3 API/auth/network error, 4 gate not passed.
import { Command, CommanderError } from "commander";
import { EXIT } from "./common";
import { listCommand } from "./commands/list";
import { waitIdleCommand } from "./commands/waitIdle";
import { emulatorCommand } from "./commands/emulator";

function version(): string {
  return (require("../../../package.json") as { version: string }).version;
}

export function buildProgram(): Command {
  const program = new Command("hwdms")
    .description("Read the scheduled tasks of Huawei Cloud DMS Kafka instances.\nCredentials: HW_ACCESS_KEY, HW_SECRET_KEY (HW_SECURITY_TOKEN for temporary keys).")
    .version(version())
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text.startsWith("error:") ? text : `error: ${text}`) });
  const tasks = new Command("scheduled-tasks").description("Scheduled tasks of a DMS Kafka instance.");
  tasks.addCommand(listCommand()).addCommand(waitIdleCommand());
  program.addCommand(tasks).addCommand(emulatorCommand());
  for (const cmd of [program, tasks, ...tasks.commands, ...program.commands]) cmd.exitOverride();
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv], { from: "node" });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0; a missing command ("commander.help": the help went to stderr) and bad
      // flags exit 2.
      const ok = e.code === "commander.helpDisplayed" || e.code === "commander.version";
      process.exit(ok ? EXIT.ok : EXIT.invalidInput);
    }
    throw e;
  }
}

if (require.main === module) void main(process.argv);
