// `hwdms emulator`: runs the emulator in the foreground, prints how to point the tools at it, stops on SIGINT/SIGTERM.
// The printed keys are the public demo credentials (printing them is intended).
import { DEMO_AGENCY, DEMO_CREDENTIALS, DEMO_EXECUTING_MS, DEMO_INSTANCE_ID, DEMO_REGION } from "./demo";
import { startEmulator } from "./server";
import type { SeedName } from "./types";

export interface EmulatorCommandOptions {
  host: string;
  port: number;
  seed: SeedName;
  /** How long the demo's EXECUTING task runs from the first request that lists it (default DEMO_EXECUTING_MS). */
  executingMs?: number;
}

export async function runEmulatorCommand(opts: EmulatorCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<void> {
  const emulator = await startEmulator({ host: opts.host, port: opts.port, seed: opts.seed, demoExecutingMs: opts.executingMs });
  const lines = [
    `Huawei Cloud DMS emulator listening on ${emulator.url} (seed: ${opts.seed}). Stop it with Ctrl-C.`,
    `export HW_ACCESS_KEY=${DEMO_CREDENTIALS.accessKey}`,
    `export HW_SECRET_KEY=${DEMO_CREDENTIALS.secretKey}`,
    `export HW_DMS_ENDPOINT=${emulator.url}`,
    `export HW_IAM_ENDPOINT=${emulator.url}`,
    `export HW_REGION_NAME=${DEMO_REGION}`,
    `It also serves ECS metadata (instance keys) and IAM's assume-role for the agency "${DEMO_AGENCY.agencyName}" of "${DEMO_AGENCY.domainName}":`,
    `without the keys above, export HW_METADATA_ENDPOINT=${emulator.url}; with them, HW_ASSUME_ROLE_AGENCY_NAME and HW_ASSUME_ROLE_DOMAIN_NAME.`,
  ];
  if (opts.seed === "demo") {
    lines.push(
      `Demo instance: ${DEMO_INSTANCE_ID}`,
      `Its partitionReassign task is EXECUTING for ${Math.round((opts.executingMs ?? DEMO_EXECUTING_MS) / 1000)} s from the first request that lists it.`,
      `Try: hwdms scheduled-tasks wait-idle --instance-id ${DEMO_INSTANCE_ID} --interval 5`,
    );
  }
  out.write(lines.join("\n") + "\n");

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  await emulator.close();
}
