// hwdms scheduled-tasks list
import { Command, Option } from "commander";
import { EXIT, QueryFlags, UsageError, addQueryOptions, argsFromFlags, clientOptionsFromFlags, runCommand, warnToStderr } from "../common";

type ListFlags = QueryFlags & { output: string };

export function listCommand(): Command {
  return addQueryOptions(new Command("list").description("List the scheduled tasks of a DMS Kafka instance."))
    .addOption(new Option("--output <format>", "table or json (json prints exactly the function's output)").default("table"))
    .action((flags: ListFlags) =>
      runCommand(async (signal) => {
        if (flags.output !== "table" && flags.output !== "json") {
          throw new UsageError(`--output must be "table" or "json"; got ${JSON.stringify(flags.output)}.`);
        }
        const args = argsFromFlags(flags);
        const options = clientOptionsFromFlags(flags, signal, warnToStderr);
        const { getScheduledTasks } = await import("../../core");
        const result = await getScheduledTasks(args, options);
        const { formatJson, formatListing } = await import("../format");
        process.stdout.write(flags.output === "json" ? formatJson(result) : formatListing(result));
        return EXIT.ok;
      }),
    );
}
