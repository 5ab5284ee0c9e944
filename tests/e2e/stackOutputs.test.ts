// Case a (and d): examples/stack-outputs under the real engine, installed from the packed tarball, against
// the emulator. `up` exports what the emulator holds; a second `preview` shows no changes; a task that starts
// EXECUTING shows in the next `refresh` and `up`. Credentials (set with --secret) appear nowhere.
import type { Emulator, EmulatorKey, EmulatorTask } from "../../provider/emulator";
import { Workspace, emulatedExample } from "./harness";
import { whereSecretsLeak } from "./secrets";

const PROJECT_ID = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
const INSTANCE = "e2e-kafka-stack-outputs";

const IDLE: EmulatorTask[] = [
  { id: "t-old", name: "partitionReassign", status: "SUCCESS", schedule_at: "2024-01-01T00:00:00Z", updated_at: "2024-01-01T00:07:00Z" },
  { id: "t-late", name: "kafkaRestart", status: "CREATED", schedule_at: "2030-01-02T00:00:00Z" },
  { id: "t-soon", name: "kafkaVersionUpgrade", status: "CREATED", schedule_at: "2030-01-01T00:00:00Z" },
];
const RUNNING: EmulatorTask = { id: "t-run", name: "partitionReassign", status: "EXECUTING", updated_at: "2026-01-02T03:04:05Z" };

let emulator: Emulator;
let key: EmulatorKey;
let ws: Workspace;

beforeAll(async () => {
  ({ emulator, key, ws } = await emulatedExample("stack-outputs", { instanceId: INSTANCE, projectId: PROJECT_ID, tasks: IDLE }));
});

afterAll(async () => {
  await ws?.dispose();
  await emulator?.close();
});

/** The listing requests the emulator answered (IAM aside). */
function apiRequests(): number {
  return emulator.requests.filter((r) => r.target === "api" && r.status === 200).length;
}

test("a. `pulumi up` exports what the emulator holds", async () => {
  emulator.resetRequests();
  await ws.ok(["up", "--yes"]);
  expect(apiRequests()).toBeGreaterThan(0);
  expect(await ws.outputs()).toEqual({
    projectId: PROJECT_ID,
    jobCount: 3,
    statusCounts: { SUCCESS: 1, CREATED: 2 },
    executingCount: 0,
    hasExecuting: false,
    executing: [],
    nextTask: { id: "t-soon", name: "kafkaVersionUpgrade", scheduleAt: "2030-01-01T00:00:00Z" },
  });
});

test("a. a second `pulumi preview` shows no changes", async () => {
  const r = await ws.ok(["preview", "--expect-no-changes", "--json"]);
  const preview = JSON.parse(r.stdout) as { steps?: Array<{ op: string; urn: string }>; changeSummary?: Record<string, number> };
  expect((preview.steps ?? []).filter((s) => s.op !== "same")).toEqual([]);
  expect(Object.keys(preview.changeSummary ?? {}).filter((op) => op !== "same")).toEqual([]);
});

test("a. a task that starts EXECUTING shows in `refresh` and `up`", async () => {
  emulator.setTasks(INSTANCE, [...IDLE, RUNNING]);
  emulator.resetRequests();
  const refreshed = await ws.ok(["refresh", "--yes", "--run-program"]);
  expect(apiRequests()).toBeGreaterThan(0);
  expect(refreshed.stdout).toMatch(/hasExecuting\s*:\s*false\s*=>\s*true/);

  await ws.ok(["up", "--yes"]);
  expect(await ws.outputs()).toMatchObject({
    jobCount: 4,
    statusCounts: { SUCCESS: 1, CREATED: 2, EXECUTING: 1 },
    executingCount: 1,
    hasExecuting: true,
    executing: [{ id: "t-run", name: "partitionReassign", updatedAt: "2026-01-02T03:04:05Z" }],
  });
});

test("d. the credentials set with --secret appear in no state file, export or CLI output", async () => {
  expect(await whereSecretsLeak(ws, key)).toEqual([]);
  // The search itself finds values that are there (the instance id and project id are plain outputs and config).
  expect(await whereSecretsLeak(ws, { accessKey: INSTANCE, secretKey: PROJECT_ID })).toEqual(
    expect.arrayContaining([expect.stringMatching(/^backend file /), "pulumi stack export", "CLI output"]),
  );
});
