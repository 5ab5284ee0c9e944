// Parent-side handle on the emulator child (see emulatorChild.ts), plus the client environment that
// points the core client at it with the demo credentials.
import { ChildProcess, fork } from "child_process";
import * as path from "path";
import { DEMO_CREDENTIALS, DEMO_PROJECT_ID } from "../provider/emulator";

export interface EmulatorProcess {
  readonly url: string;
  readonly pid: number;
  generateTasks(instanceId: string, count: number): Promise<void>;
  setLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

export const PROJECT_ID = DEMO_PROJECT_ID;
export const CREDENTIALS = { accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey };

/** HW_* variables for the core client (the project ID is passed in the args, so there is no IAM lookup). */
export function clientEnv(url: string): Record<string, string> {
  return { HW_ACCESS_KEY: CREDENTIALS.accessKey, HW_SECRET_KEY: CREDENTIALS.secretKey, HW_DMS_ENDPOINT: url };
}

export function startEmulatorProcess(latencyMs: number): Promise<EmulatorProcess> {
  const child: ChildProcess = fork(path.join(__dirname, "emulatorChild.js"), [String(latencyMs)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const call = (msg: Record<string, unknown>): Promise<void> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, ...msg });
    });

  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the emulator child exited early (code ${code})`)));
    child.on("message", (raw: unknown) => {
      const m = raw as { ready?: boolean; url?: string; id?: number; ok?: boolean; error?: string };
      if (m.ready) {
        resolve({
          url: m.url!,
          pid: child.pid!,
          generateTasks: (instanceId, count) => call({ op: "generate", instanceId, count }),
          setLatency: (ms) => call({ op: "latency", ms }),
          close: async () => {
            if (child.connected) child.disconnect();
            const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
            await exited;
            clearTimeout(timer);
          },
        });
        return;
      }
      const p = m.id !== undefined ? pending.get(m.id) : undefined;
      if (!p) return;
      pending.delete(m.id!);
      if (m.ok) p.resolve();
      else p.reject(new Error(m.error));
    });
  });
}
