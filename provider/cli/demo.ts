// `npm start`: a tour of hwdms against the embedded emulator (no cloud, no credentials of yours needed).
import { spawn } from "child_process";
import * as path from "path";
import { DEMO_CREDENTIALS, DEMO_INSTANCE_ID, DEMO_REGION, startEmulator } from "../emulator";
import { demoTasks } from "../emulator/demo";

const HWDMS = path.join(__dirname, "..", "..", "..", "bin", "hwdms");

function run(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  process.stdout.write(`\n$ hwdms ${args.join(" ")}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HWDMS, ...args], { env, stdio: "inherit" });
    child.on("error", reject);
    child.on("close", (code) => {
      process.stdout.write(`(exit code ${code})\n`);
      resolve(code ?? 1);
    });
  });
}

async function demo(): Promise<void> {
  const emulator = await startEmulator({ seed: "empty" });
  // The demo's partition reassignment runs for 8 more seconds, so wait-idle has something to wait for.
  emulator.setTasks(
    DEMO_INSTANCE_ID,
    demoTasks(Date.now()).map((t) => (t.executingForMs ? { ...t, executingForMs: 8_000 } : t)),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
    HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
    HW_REGION_NAME: DEMO_REGION,
    HW_DMS_ENDPOINT: emulator.url,
    HW_IAM_ENDPOINT: emulator.url,
  };
  delete env.HW_PROJECT_ID;
  delete env.HW_SECURITY_TOKEN;
  process.stdout.write(
    `Emulator of the DMS scheduled-tasks API listening on ${emulator.url} (it checks every signature).\n` +
      `The tool reads HW_ACCESS_KEY / HW_SECRET_KEY / HW_REGION_NAME; the project ID is looked up through IAM by region.\n`,
  );
  const id = ["--instance-id", DEMO_INSTANCE_ID];
  try {
    await run(["scheduled-tasks", "list", ...id], env);
    await run(["scheduled-tasks", "list", ...id, "--status", "EXECUTING", "--output", "json"], env);
    await run(["scheduled-tasks", "wait-idle", ...id, "--timeout", "30", "--interval", "2"], env);
    process.stdout.write("\nBad input is refused before anything is sent (exit code 2):");
    await run(["scheduled-tasks", "list", ...id, "--status", "EXECUTEING"], env);
  } finally {
    await emulator.close();
  }
  process.stdout.write(`\nThe emulator answered ${emulator.requests.length} signed requests. Run your own: hwdms emulator\n`);
}

demo().catch((e: unknown) => {
  process.stderr.write(`demo failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
