// `hwdms scheduled-tasks list` as a user runs it: a real process against the emulator on 127.0.0.1.
import { DEMO_CREDENTIALS, DEMO_PROJECT_ID, Emulator, startEmulator } from "../provider/emulator";
import { emulatorEnv, runCli } from "./helpers/runCli";

const INSTANCE = "inst-cli-0001";
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(() => {
  emu.clearFaults();
  emu.resetRequests();
  emu.setLatency(0);
  emu.setJobCount(INSTANCE, undefined);
  emu.setJobCountAs("string");
});

const list = (extra: string[], env: Record<string, string | undefined> = {}) =>
  runCli(["scheduled-tasks", "list", "--instance-id", INSTANCE, ...extra], emulatorEnv(emu, env));

describe("hwdms scheduled-tasks list", () => {
  it("prints all 1,234 tasks exactly once, in server order, with jobCount 1234 (job_count sent as a string)", async () => {
    emu.generateTasks(INSTANCE, 1234);
    const run = await list(["--output", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.jobCount).toBe(1234);
    expect(out.jobs).toHaveLength(1234);
    expect(new Set(out.jobs.map((j: { id: string }) => j.id)).size).toBe(1234);
    // Server order: the emulator's order is the order its pages return them in.
    const direct = emu.requests.filter((r) => r.target === "api").length;
    expect(direct).toBe(13);
    const order = out.jobs.map((j: { scheduleAt: string }) => j.scheduleAt);
    expect([...order].sort()).toEqual(order);
    expect(out.projectId).toBe(DEMO_PROJECT_ID); // looked up through IAM by region
    expect(out.region).toBe("cn-north-4");
    expect(Object.values(out.statusCounts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(1234);
    expect(out.executingCount).toBe(out.statusCounts.EXECUTING ?? 0);
    expect(out.hasExecuting).toBe(out.executingCount > 0);
  });

  it("prints a table by default, and filters by status", async () => {
    emu.setTasks(INSTANCE, [
      { id: "t1", name: "reassign-a", status: "EXECUTING", schedule_at: "2024-01-01T00:00:00.000Z" },
      { id: "t2", name: "reassign-b", status: "SUCCESS", schedule_at: "2024-01-02T00:00:00.000Z" },
    ]);
    const table = await list([]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+STATUS/);
    expect(table.stdout).toContain("reassign-a");
    expect(table.stdout).toContain("1 EXECUTING");
    const filtered = JSON.parse((await list(["--status", "SUCCESS", "--output", "json"])).stdout);
    expect(filtered.jobs.map((j: { id: string }) => j.id)).toEqual(["t2"]);
    expect(filtered.jobCount).toBe(2);
    // Counted over every task fetched, before the filter: a --status filter never hides an EXECUTING task.
    expect(filtered.hasExecuting).toBe(true);
    expect(filtered.complete).toBe(true);
  });

  it("sends one request for one page when --limit is set, with the API's query names", async () => {
    emu.generateTasks(INSTANCE, 50);
    const run = await list(["--limit", "10", "--start", "5", "--begin-time", "20240101000000", "--end-time", "20250101000000", "--project-id", DEMO_PROJECT_ID, "--output", "json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).jobs).toHaveLength(10);
    const api = emu.requests.filter((r) => r.target === "api");
    expect(api).toHaveLength(1);
    expect(api[0].path).toBe(`/v2/${DEMO_PROJECT_ID}/instances/${INSTANCE}/scheduled-tasks`);
    expect(api[0].query).toEqual({ start: "5", limit: "10", begin_time: "20240101000000", end_time: "20250101000000" });
    expect(api[0].headers["x-project-id"]).toBe(DEMO_PROJECT_ID);
    expect(emu.requests.some((r) => r.target === "iam")).toBe(false);
  });

  const bad: Array<[string, string[], RegExp]> = [
    ["limit 0", ["--limit", "0"], /^error: --limit must be an integer from 1 to 100/],
    ["limit 101", ["--limit", "101"], /^error: --limit must be an integer from 1 to 100/],
    ["start -1", ["--start", "-1"], /^error: --start must be an integer of 0 or more/],
    ["an impossible month", ["--begin-time", "20241301000000"], /^error: --begin-time must be a real UTC time/],
    ["30 February", ["--begin-time", "20240230120000"], /^error: --begin-time must be a real UTC time/],
    ["begin after end", ["--begin-time", "20240102000000", "--end-time", "20240101000000"], /^error: --begin-time must not be after --end-time/],
    ["a status typo", ["--status", "EXECUTEING"], /^error: --status must be one of CREATED, SUCCESS, FAILED, DELETED, EXECUTING, CANCELLED; got "EXECUTEING"/],
    ["a bad output format", ["--output", "yaml"], /^error: --output must be "table" or "json"/],
  ];
  it.each(bad)("rejects %s with exit 2, one sentence, and no request", async (_name, extra, message) => {
    const run = await list(extra);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stdout).toBe("");
    expect(emu.requests).toHaveLength(0);
  });

  it("rejects an instance id that would change the path (../x) with exit 2 and no request", async () => {
    const run = await runCli(["scheduled-tasks", "list", "--instance-id", "../x"], emulatorEnv(emu));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: --instance-id must be 1 to 64 letters, digits, "-" or "_"/);
    expect(emu.requests).toHaveLength(0);
  });

  it("exits 2 naming the missing credential before sending anything", async () => {
    const run = await list([], { HW_SECRET_KEY: undefined });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: HW_ACCESS_KEY is set but HW_SECRET_KEY is not: set both or neither\.$/m);
    expect(emu.requests).toHaveLength(0);
  });

  it("exits 3 with APIGW.0301 and the hint on a wrong secret key, and never prints the key", async () => {
    const wrong = "WRONG-secret-key-sentinel-7f3a";
    emu.generateTasks(INSTANCE, 3);
    const run = await list(["--project-id", DEMO_PROJECT_ID], { HW_SECRET_KEY: wrong });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/APIGW\.0301/);
    expect(run.stderr).toMatch(/check the access key \/ secret key/);
    for (const secret of [wrong, DEMO_CREDENTIALS.secretKey]) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
    expect(emu.requests.filter((r) => r.target === "api")).toHaveLength(1); // 401 is not retried
  });

  it("retries 503, 503 and then succeeds", async () => {
    emu.generateTasks(INSTANCE, 5);
    emu.injectFaults({ kind: "status", status: 503 }, { kind: "status", status: 503 });
    const run = await list(["--project-id", DEMO_PROJECT_ID, "--output", "json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).jobs).toHaveLength(5);
    expect(emu.requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  it("honours Retry-After on 429 and then succeeds", async () => {
    emu.generateTasks(INSTANCE, 5);
    emu.injectFaults({ kind: "status", status: 429, retryAfter: 1 });
    const run = await list(["--project-id", DEMO_PROJECT_ID, "--output", "json"]);
    expect(run.code).toBe(0);
    const [throttled, ok] = emu.requests;
    expect(throttled.status).toBe(429);
    expect(ok.status).toBe(200);
    expect(ok.time - throttled.time).toBeGreaterThanOrEqual(1000);
  });

  it("recovers from a reset connection and from a truncated body", async () => {
    emu.generateTasks(INSTANCE, 5);
    emu.injectFaults({ kind: "reset" }, { kind: "truncate" });
    const run = await list(["--project-id", DEMO_PROJECT_ID, "--output", "json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).jobs).toHaveLength(5);
  });

  it("gives up on a server that never answers within the configured time, with exit 3", async () => {
    emu.generateTasks(INSTANCE, 5);
    emu.injectFaults({ kind: "hang" }, { kind: "hang" }, { kind: "hang" });
    const run = await list(["--project-id", DEMO_PROJECT_ID, "--request-timeout", "1", "--retries", "1"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/did not answer within 1 s/);
    expect(run.ms).toBeLessThan(15_000);
    expect(emu.requests).toHaveLength(2);
  });

  it("stops at once on Ctrl-C, cancelling the request in flight (exit 130)", async () => {
    emu.generateTasks(INSTANCE, 5);
    emu.injectFaults({ kind: "hang" });
    const run = await runCli(["scheduled-tasks", "list", "--instance-id", INSTANCE, "--project-id", DEMO_PROJECT_ID], emulatorEnv(emu), 10_000, () => emu.requests.length > 0);
    expect(run.code).toBe(130);
    expect(run.stderr).toBe("error: interrupted; the requests in flight were cancelled.\n");
    expect(run.ms).toBeLessThan(5_000);
  });

  it("returns the tasks a server really has when its job_count lies, with a warning and no hang", async () => {
    emu.generateTasks(INSTANCE, 150);
    emu.setJobCount(INSTANCE, 1000);
    const run = await list(["--project-id", DEMO_PROJECT_ID, "--output", "json"]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.jobs).toHaveLength(150);
    expect(out.jobCount).toBe(1000);
    expect(run.stderr).toMatch(/^warning: The API reported job_count 1000 but returned only 150 tasks/);
    expect(emu.requests.length).toBeLessThanOrEqual(10);
  });

  it("accepts job_count sent as a number", async () => {
    emu.generateTasks(INSTANCE, 120);
    emu.setJobCountAs("number");
    const out = JSON.parse((await list(["--project-id", DEMO_PROJECT_ID, "--output", "json"])).stdout);
    expect(out.jobCount).toBe(120);
    expect(out.jobs).toHaveLength(120);
  });
});
