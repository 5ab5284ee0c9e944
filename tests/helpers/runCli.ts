// Runs the built `hwdms` executable as a child process (asynchronously, so an in-process emulator can answer).
import { spawn } from "child_process";
import * as path from "path";
import type { Emulator } from "../../provider/emulator";
import { DEMO_CREDENTIALS } from "../../provider/emulator";

export const HWDMS = path.join(__dirname, "..", "..", "bin", "hwdms");

/** Variables that preload tests/helpers/isolation.js into a spawned process: no link-local connection (the real
 * ECS metadata address; the process exits 97), and an empty HOME unless the test gives one. */
export function guardEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const options = [env.NODE_OPTIONS, `--require ${path.join(__dirname, "isolation.js")}`].filter(Boolean).join(" ");
  return { NODE_OPTIONS: options, HWDMS_TEST_GUARD: "exit" };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs hwdms; with `interruptWhen`, sends it SIGINT (as Ctrl-C would) once that returns true. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
  interruptWhen?: () => boolean,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [HWDMS, ...args], {
      env: { PATH: process.env.PATH, ...env, ...guardEnv(env) } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`hwdms ${args.join(" ")} did not exit within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    const interrupt =
      interruptWhen &&
      setInterval(() => {
        if (!interruptWhen()) return;
        clearInterval(interrupt);
        child.kill("SIGINT");
      }, 20);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (interrupt) clearInterval(interrupt);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** The environment that points the CLI at an emulator with its demo credentials. */
export function emulatorEnv(emu: Emulator, overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
    HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
    HW_REGION_NAME: "cn-north-4",
    HW_DMS_ENDPOINT: emu.url,
    HW_IAM_ENDPOINT: emu.url,
    // Without keys, never the real ECS metadata address (a test that wants it points this at the emulator).
    HW_METADATA_ENDPOINT: "off",
    ...overrides,
  };
}
