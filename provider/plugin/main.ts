// Entry of `pulumi-resource-huaweicloud-dms`, started by the Pulumi engine as `<plugin> [flags] ENGINE_ADDRESS`:
// serve the ResourceProvider gRPC service (see server.ts for why we implement it ourselves) on 127.0.0.1,
// print ONLY the port on stdout (the engine reads it from the first line), log to stderr, and exit 0 on
// SIGTERM/SIGINT after a graceful shutdown. Start-up loads @grpc/grpc-js and the proto stubs only — never the
// root `@pulumi/pulumi` module, nor the core client (loaded by the first Invoke).
import { packageVersion } from "./info";
import { Logger } from "./log";
import { serve } from "./server";

const USAGE = `Usage: pulumi-resource-huaweicloud-dms [engine flags] ENGINE_ADDRESS

The Pulumi resource-provider plugin of the huaweicloud-dms package: serves huaweicloud-dms:kafka:getScheduledTasks
to the Pulumi engine over gRPC. The engine starts it (found on PATH, or through a plugins.providers path in
Pulumi.yaml) and reads the port it prints; it is not meant to be run by hand. For a command line, use hwdms.

Options:
  -h, --help     print this help and exit
  -V, --version  print the plugin's version and exit
`;

let started: Promise<void> | undefined;

/** Starts the plugin once (calling it again returns the same start). */
export function main(argv: readonly string[] = process.argv): Promise<void> {
  return (started ??= run(argv));
}

async function run(argv: readonly string[]): Promise<void> {
  const args = argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) return exitWith(USAGE);
  if (args.includes("--version") || args.includes("-V")) return exitWith(`${packageVersion()}\n`);

  // stdout belongs to the engine handshake: anything a dependency prints goes to stderr instead.
  console.log = console.info = console.debug = console.error;

  // The engine passes flags (-v=N, --logtostderr, --tracing ENDPOINT) and then its own address, last.
  const last = argv.slice(2).at(-1);
  const engineAddress = last && !last.startsWith("-") ? last : undefined;

  const logger = new Logger();
  const running = await serve({ engineAddress, logger });
  process.stdout.write(`${running.port}\n`);

  const stop = (signal: NodeJS.Signals): void => {
    process.stderr.write(`huaweicloud-dms: ${signal}: shutting down\n`);
    running.shutdown().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
  process.on("unhandledRejection", (e) => logger.log("error", `unhandled rejection: ${e instanceof Error ? e.message : String(e)}`));
}

/** Prints on stdout and exits 0 once it is written (stdout may be a pipe). */
function exitWith(text: string): Promise<void> {
  return new Promise(() => process.stdout.write(text, () => process.exit(0)));
}

main().catch((e: unknown) => {
  process.stderr.write(`huaweicloud-dms: the plugin could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
