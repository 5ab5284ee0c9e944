// Case f: Ctrl-C (SIGINT to the process group, as a terminal sends it) while `pulumi up` waits at the gate of
// examples/gate-deployment: the update ends within a few seconds, and the next `up` works.
import type { Emulator, EmulatorKey, EmulatorTask } from "../../provider/emulator";
import { Workspace, emulatedExample } from "./harness";
import { whereSecretsLeak } from "./secrets";

const PROJECT_ID = "2c3d4e5f60718293a4b5c6d7e8f90a1b";
const INSTANCE = "e2e-kafka-interrupt";
const HISTORY: EmulatorTask[] = [{ id: "t-old", name: "partitionReassign", status: "SUCCESS", schedule_at: "2024-01-01T00:00:00Z" }];
const STUCK: EmulatorTask = { id: "t-upgrade-7", name: "kafkaVersionUpgrade", status: "EXECUTING" };
/** "Within a few seconds" of the Ctrl-C. */
const ENDS_WITHIN_MS = 10_000;

let emulator: Emulator;
let key: EmulatorKey;
let ws: Workspace;

beforeAll(async () => {
  ({ emulator, key, ws } = await emulatedExample("gate-deployment", { instanceId: INSTANCE, projectId: PROJECT_ID, tasks: [], config: { gatePollSeconds: "1", gateTimeoutSeconds: "600" } }));
});

afterAll(async () => {
  await ws?.dispose();
  await emulator?.close();
});

test("f. Ctrl-C while the gate waits ends `pulumi up` within a few seconds", async () => {
  emulator.setTasks(INSTANCE, [...HISTORY, STUCK]);
  emulator.resetRequests();
  const up = ws.start(["up", "--yes"], { timeoutMs: 5 * 60_000 });
  // The program lists once; requests beyond that are the gate polling.
  const deadline = Date.now() + 180_000;
  while (emulator.requests.filter((r) => r.target === "api").length < 3) {
    if (Date.now() > deadline) throw new Error(ws.redact(`The gate never polled; pulumi printed:\n${up.output()}`));
    await new Promise((r) => setTimeout(r, 100));
  }
  const interruptedAt = Date.now();
  up.signal("SIGINT");
  const r = await up.result;
  const endedAfter = Date.now() - interruptedAt;
  expect(r.timedOut).toBe(false);
  expect(r.code).not.toBe(0);
  expect(endedAfter).toBeLessThan(ENDS_WITHIN_MS);
  expect(r.stdout + r.stderr).toContain("cancelled (Ctrl-C) while the gate was waiting");
  // Its language host and plugins end with it.
  const quietBy = Date.now() + 5_000;
  while (ws.leftoverProcesses().length > 0 && Date.now() < quietBy) await new Promise((res) => setTimeout(res, 100));
  expect(ws.leftoverProcesses()).toEqual([]);
  // The gate stopped polling with it.
  const polls = emulator.requests.length;
  await new Promise((res) => setTimeout(res, 2_500));
  expect(emulator.requests.length).toBe(polls);
  const names = (await ws.exportState()).deployment.resources?.map((x) => x.urn.split("::").pop()) ?? [];
  expect(names).not.toContain("orders-retention");
});

test("f. the next `pulumi up` works", async () => {
  emulator.setTasks(INSTANCE, HISTORY);
  await ws.ok(["up", "--yes"], { timeoutMs: 5 * 60_000 });
  const out = await ws.outputs();
  expect(out.hasExecuting).toBe(false);
  expect(typeof out.changeAppliedAt).toBe("string");
  expect(out.gateStatusCounts).toEqual({ SUCCESS: 1 });
});

test("d. the credentials set with --secret appear in no state file, export or CLI output", async () => {
  expect(await whereSecretsLeak(ws, key)).toEqual([]);
});
