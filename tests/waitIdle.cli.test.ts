// `hwdms scheduled-tasks wait-idle` as a process (the built bin/hwdms) against the emulator:
// idle → 0, finishes in time → 0, times out → 4 with the blocking tasks listed; bad flags → 2; auth → 3.
import { Emulator, startEmulator } from "../provider/emulator";
import { emulatorEnv, runCli } from "./helpers/runCli";

const INSTANCE = "inst-wait";
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());
beforeEach(() => emulator.resetRequests());

const waitIdle = (...args: string[]) => runCli(["scheduled-tasks", "wait-idle", "--instance-id", INSTANCE, ...args], emulatorEnv(emulator));

test("idle: exit 0 at once, one sentence on stdout, no progress", async () => {
  emulator.setTasks(INSTANCE, [{ id: "t-done", name: "partitionReassign", status: "SUCCESS" }]);
  const run = await waitIdle("--timeout", "5", "--interval", "1");
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(`Instance ${INSTANCE} is idle: no scheduled task is EXECUTING (waited 0 s, 1 check).\n`);
  expect(run.stderr).toBe("");
});

test("a task finishing in 2 s: plain progress lines (not a TTY), then exit 0", async () => {
  emulator.setTasks(INSTANCE, [
    { id: "t-run", name: "kafkaRestart", status: "EXECUTING", executingForMs: 2000 },
    { id: "t-next", name: "partitionReassign", status: "CREATED" },
  ]);
  const run = await waitIdle("--timeout", "20", "--interval", "1");
  expect(run.code).toBe(0);
  expect(run.ms).toBeGreaterThanOrEqual(1900);
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(lines[0]).toBe("waiting: [0s] 1 EXECUTING: t-run (kafkaRestart); next check in 1s");
  expect(run.stderr).not.toMatch(/\r|\x1b/);
  expect(run.stdout).toMatch(/^Instance inst-wait is idle: no scheduled task is EXECUTING \(waited \d s, \d checks\)\.\n$/);
});

test("still EXECUTING at the timeout: exit 4 with the blocking tasks listed", async () => {
  emulator.setTasks(INSTANCE, [
    { id: "t-stuck", name: "kafkaVersionUpgrade", status: "EXECUTING", executingForMs: 60_000, schedule_at: "2024-05-01T10:00:00Z" },
    { id: "t-done", name: "partitionReassign", status: "SUCCESS" },
  ]);
  const run = await waitIdle("--timeout", "2", "--interval", "1");
  expect(run.code).toBe(4);
  expect(run.stdout).toBe("");
  expect(run.stderr).toContain("Gave up after 2 s (3 checks): 1 scheduled task on DMS instance inst-wait is still EXECUTING:\n");
  expect(run.stderr).toContain("  - t-stuck (kafkaVersionUpgrade) EXECUTING, scheduled at 2024-05-01T10:00:00Z\n");
  expect(run.stderr).not.toContain("t-done");
});

test("--status names the blocking statuses; --timeout 0 checks once; --output json prints the last listing", async () => {
  emulator.setTasks(INSTANCE, [
    { id: "t-run", name: "kafkaRestart", status: "EXECUTING", executingForMs: 60_000 },
    { id: "t-new", name: "partitionReassign", status: "CREATED" },
  ]);
  const busy = await waitIdle("--status", "CREATED", "--timeout", "0");
  expect(busy.code).toBe(4);
  expect(busy.stderr).toContain("1 scheduled task on DMS instance inst-wait is still CREATED:\n  - t-new (partitionReassign) CREATED");
  const idle = await waitIdle("--status", "FAILED,CANCELLED", "--timeout", "0", "--output", "json");
  expect(idle.code).toBe(0);
  expect(JSON.parse(idle.stdout)).toMatchObject({ instanceId: INSTANCE, jobCount: 2, executingCount: 1, statusCounts: { EXECUTING: 1, CREATED: 1 } });
});

test("--output json at the timeout: exit 4, the last listing still on stdout, the blocking tasks on stderr", async () => {
  emulator.setTasks(INSTANCE, [
    { id: "t-stuck", name: "kafkaVersionUpgrade", status: "EXECUTING", executingForMs: 60_000 },
    { id: "t-done", name: "partitionReassign", status: "SUCCESS" },
  ]);
  const run = await waitIdle("--timeout", "0", "--output", "json");
  expect(run.code).toBe(4);
  expect(JSON.parse(run.stdout)).toMatchObject({ instanceId: INSTANCE, jobCount: 2, executingCount: 1, hasExecuting: true });
  expect(run.stderr).toContain("  - t-stuck (kafkaVersionUpgrade) EXECUTING");
});

test("bad flags: exit 2 naming the flag, nothing sent", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["--interval", "0"], /^error: --interval must be a number of seconds from 1 to 3600; got 0\.\n$/],
    [["--timeout", "soon"], /^error: --timeout must be a number of seconds from 0 to 86400; got "soon"\.\n$/],
    [["--status", "RUNNING"], /^error: --status must be one of CREATED, SUCCESS, FAILED, DELETED, EXECUTING, CANCELLED; got "RUNNING"\.\n$/],
    [["--output", "yaml"], /^error: --output must be "table" or "json"/],
  ];
  for (const [args, message] of cases) {
    const run = await waitIdle(...args);
    expect([args, run.code]).toEqual([args, 2]);
    expect(run.stderr).toMatch(message);
  }
  expect(emulator.requests).toHaveLength(0);
});

test("wrong credentials: exit 3 at once (no point in polling), no secret printed", async () => {
  const env = emulatorEnv(emulator, { HW_SECRET_KEY: "not-the-right-secret-key" });
  const run = await runCli(["scheduled-tasks", "wait-idle", "--instance-id", INSTANCE, "--timeout", "30", "--interval", "1"], env);
  expect(run.code).toBe(3);
  expect(run.ms).toBeLessThan(10_000);
  expect(run.stderr).toMatch(/^error: /);
  expect(run.stderr).not.toContain("not-the-right-secret-key");
});
