// Case b (and d): examples/gate-deployment under the real engine. `preview` never waits; `up` waits while a
// task is EXECUTING and applies the dependent change only after the task finished; every `up` checks again;
// past `timeoutSeconds` the update fails naming the task and the change is not created; `destroy` works.
import type { Emulator, EmulatorKey, EmulatorTask } from "../../provider/emulator";
import { PulumiRun, RunningPulumi, StackExport, Workspace, describe as describeRun, emulatedExample } from "./harness";
import { whereSecretsLeak } from "./secrets";

const PROJECT_ID = "1b2c3d4e5f60718293a4b5c6d7e8f90a";
const INSTANCE = "e2e-kafka-gate";
const HISTORY: EmulatorTask[] = [{ id: "t-old", name: "partitionReassign", status: "SUCCESS", schedule_at: "2024-01-01T00:00:00Z" }];
/** EXECUTING until replaced. */
const STUCK: EmulatorTask = { id: "t-reassign-42", name: "partitionReassign", status: "EXECUTING" };
/** How long the task keeps running once the gate has seen it. */
const FINISHES_AFTER_MS = 4_000;

let emulator: Emulator;
let key: EmulatorKey;
let ws: Workspace;

beforeAll(async () => {
  ({ emulator, key, ws } = await emulatedExample("gate-deployment", { instanceId: INSTANCE, projectId: PROJECT_ID, tasks: HISTORY, config: { gatePollSeconds: "1", gateTimeoutSeconds: "300" } }));
});

afterAll(async () => {
  await ws?.dispose();
  await emulator?.close();
});

function apiRequests(): number {
  return emulator.requests.filter((r) => r.target === "api").length;
}

async function until(what: string, cond: () => boolean, run: RunningPulumi, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(ws.redact(`Gave up waiting for ${what}; pulumi printed:\n${run.output()}`));
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * `pulumi up` while STUCK runs: once the gate has polled and seen it (a listing request beyond the program's
 * own), the task is given FINISHES_AFTER_MS more. Returns the run and the earliest moment the task finished.
 */
async function upWhileATaskRuns(): Promise<{ run: PulumiRun; finishedAt: number }> {
  emulator.setTasks(INSTANCE, [...HISTORY, STUCK]);
  emulator.resetRequests();
  const up = ws.start(["up", "--yes"]);
  // The program lists once (getScheduledTasksOutput); every request past that one is the gate's.
  await until("the gate to poll", () => apiRequests() >= 3, up);
  const finishedAt = Date.now() + FINISHES_AFTER_MS;
  emulator.setTasks(INSTANCE, [...HISTORY, { ...STUCK, executingForMs: FINISHES_AFTER_MS, thenStatus: "SUCCESS" }]);
  const run = await up.result;
  if (run.code !== 0) throw new Error(ws.redact(describeRun(run)));
  return { run, finishedAt };
}

function byName(state: StackExport): Map<string, NonNullable<StackExport["deployment"]["resources"]>[number]> {
  return new Map((state.deployment.resources ?? []).map((r) => [r.urn.split("::").pop()!, r]));
}

let firstCheckedAt = "";

test("b. `pulumi preview` does not wait for a running task", async () => {
  emulator.setTasks(INSTANCE, [...HISTORY, STUCK]);
  const r = await ws.ok(["preview", "--json"], { timeoutMs: 120_000 });
  const preview = JSON.parse(r.stdout) as { steps: Array<{ op: string; urn: string }> };
  const ops = Object.fromEntries(preview.steps.map((s) => [s.urn.split("::").pop(), s.op]));
  expect(ops).toMatchObject({ "kafka-idle": "create", "orders-retention": "create" });
  // The task never finished, yet the preview did: it did not wait.
  expect(emulator.requests.length).toBeGreaterThan(0);
});

test("b. `pulumi up` waits, and the dependent change is created after the task finished", async () => {
  const { finishedAt } = await upWhileATaskRuns();
  const out = await ws.outputs();
  expect(out.hasExecuting).toBe(true);
  expect(out.executingTasks).toEqual(["t-reassign-42 (partitionReassign)"]);
  const checkedAt = Date.parse(String(out.gateCheckedAt));
  const appliedAt = Date.parse(String(out.changeAppliedAt));
  expect(checkedAt).toBeGreaterThanOrEqual(finishedAt);
  expect(appliedAt).toBeGreaterThanOrEqual(checkedAt);
  expect(out.gateWaitedSeconds).toBeGreaterThanOrEqual(FINISHES_AFTER_MS / 1000 - 1);
  expect(out.gateStatusCounts).toEqual({ SUCCESS: 2 });
  const resources = byName(await ws.exportState());
  expect(resources.get("kafka-idle")?.outputs?.checkedAt).toBe(out.gateCheckedAt);
  expect(resources.get("orders-retention")?.outputs?.appliedAt).toBe(out.changeAppliedAt);
  firstCheckedAt = String(out.gateCheckedAt);
});

test("b. the next `pulumi up` checks again", async () => {
  const { finishedAt } = await upWhileATaskRuns();
  const out = await ws.outputs();
  expect(Date.parse(String(out.gateCheckedAt))).toBeGreaterThanOrEqual(finishedAt);
  expect(Date.parse(String(out.gateCheckedAt))).toBeGreaterThan(Date.parse(firstCheckedAt));
  expect(out.gateWaitedSeconds).toBeGreaterThanOrEqual(FINISHES_AFTER_MS / 1000 - 1);
});

test("b. `pulumi destroy` works", async () => {
  await ws.ok(["destroy", "--yes"]);
  const names = [...byName(await ws.exportState()).keys()];
  expect(names).not.toContain("kafka-idle");
  expect(names).not.toContain("orders-retention");
});

test("b. past timeoutSeconds `pulumi up` fails naming the task, and the change is not created", async () => {
  await ws.setConfig("gateTimeoutSeconds", "3");
  emulator.setTasks(INSTANCE, [...HISTORY, STUCK]);
  const r = await ws.run(["up", "--yes"], { timeoutMs: 180_000 });
  expect(r.code).not.toBe(0);
  expect(r.stdout + r.stderr).toContain("t-reassign-42");
  const names = [...byName(await ws.exportState()).keys()];
  expect(names).not.toContain("orders-retention");
  expect(names).not.toContain("kafka-idle");
  await ws.ok(["destroy", "--yes"]);
});

test("d. the credentials set with --secret appear in no state file, export or CLI output", async () => {
  expect(await whereSecretsLeak(ws, key)).toEqual([]);
});
