// The fault matrix: one row per way the API misbehaves, each run on every surface (core, CLI, plugin, SDK and
// the gates) through the emulator. The guarantee under test: nothing ever calls an instance idle without having
// seen every task — a listing says `complete: false` when it cannot know, and nothing that gates passes on it.
// Each row also bounds the requests made and the time taken. Needs the built dist/ (npm test builds first).
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { GateTimeoutError, getScheduledTasks, waitForIdle } from "../provider/core";
import { clearProjectIdCache } from "../provider/core/iam";
import { ApiError } from "../provider/core/errors";
import { Emulator, EmulatorTask, Fault, PagingQuirks, startEmulator } from "../provider/emulator";
import * as dms from "../sdk";
import { pass as gatePass } from "../sdk/kafka/gateRuntime";
import { PluginProcess, spawnPlugin } from "./helpers/pluginHarness";
import { emulatorEnv, runCli } from "./helpers/runCli";

interface Row {
  readonly name: string;
  /** Tasks in server order; `executingAt` marks the EXECUTING one. */
  readonly size: number;
  readonly executingAt: number;
  readonly claimedCount?: number;
  readonly quirks?: PagingQuirks;
  /** Extra inputs of the listing. */
  readonly args?: { limit?: number; statuses?: string[] };
  /** What every listing surface must report. */
  readonly expect: { listed: number; hasExecuting: boolean; complete: boolean };
  /** Most API requests one listing may make. */
  readonly maxRequests: number;
  /** What a gate must say when it refuses to pass: the EXECUTING task's id, or that the listing is incomplete. */
  readonly gateSays: RegExp;
}

const ROWS: readonly Row[] = [
  {
    name: "pages after the first come back empty while job_count says 250",
    size: 250,
    executingAt: 200,
    quirks: { emptyFrom: 100 },
    expect: { listed: 100, hasExecuting: false, complete: false },
    maxRequests: 3,
    gateSays: /incomplete.*job_count 250 but returned only 100 tasks/s,
  },
  {
    name: "job_count understates: 50 while 250 exist",
    size: 250,
    executingAt: 200,
    claimedCount: 50,
    expect: { listed: 250, hasExecuting: true, complete: true },
    maxRequests: 3,
    gateSays: /task-200/,
  },
  {
    name: "start read as a 1-based task number, 200 tasks, the last one EXECUTING",
    size: 200,
    executingAt: 199,
    quirks: { oneBasedStart: true },
    expect: { listed: 200, hasExecuting: true, complete: true },
    maxRequests: 3,
    gateSays: /task-199/,
  },
  {
    name: "start ignored by the server",
    size: 300,
    executingAt: 150,
    quirks: { ignoreStart: true },
    expect: { listed: 100, hasExecuting: false, complete: false },
    maxRequests: 4,
    gateSays: /incomplete.*ignoring "start"/s,
  },
  {
    name: "limit 2 on 7 tasks, one EXECUTING beyond the page",
    size: 7,
    executingAt: 5,
    args: { limit: 2 },
    expect: { listed: 2, hasExecuting: false, complete: false },
    maxRequests: 1,
    gateSays: /incomplete.*limit 2/s,
  },
  {
    name: "a statuses filter that leaves the EXECUTING task out of jobs",
    size: 7,
    executingAt: 3,
    args: { statuses: ["SUCCESS"] },
    expect: { listed: 6, hasExecuting: true, complete: true },
    maxRequests: 1,
    gateSays: /task-3/,
  },
];

const INSTANCE = "matrix-instance";

function tasksOf(row: Row): EmulatorTask[] {
  return Array.from({ length: row.size }, (_, i) => ({
    id: `task-${i}`,
    name: i === row.executingAt ? "partitionReassign" : "kafkaRestart",
    status: i === row.executingAt ? "EXECUTING" : "SUCCESS",
  }));
}

let emu: Emulator;
let plugin: PluginProcess;
const savedEnv = { ...process.env };

beforeAll(async () => {
  emu = await startEmulator({});
  const env = emulatorEnv(emu) as Record<string, string>;
  for (const k of Object.keys(process.env)) if (k.startsWith("HW_")) delete process.env[k];
  Object.assign(process.env, env); // the SDK and the gate read HW_* at call time, as in a real program
  plugin = await spawnPlugin({ env: { PATH: process.env.PATH, ...env } });
  await plugin.configure(new pb.ConfigureRequest().setArgs(Struct.fromJavaScript({})).setAcceptsecrets(true));
});

afterAll(async () => {
  process.env = savedEnv;
  await plugin?.close();
  await emu?.close();
});

async function arrange(row: Row): Promise<void> {
  // Requests a surface abandoned when it stopped paging early may still be arriving: let them land first.
  await new Promise((r) => setTimeout(r, 100));
  emu.setTasks(INSTANCE, tasksOf(row));
  emu.setJobCount(INSTANCE, row.claimedCount);
  emu.setPagingQuirks(INSTANCE, row.quirks);
  emu.clearFaults();
  clearProjectIdCache();
  emu.resetRequests();
}

function apiRequests(): number {
  return emu.requests.filter((r) => r.target === "api").length;
}

interface Seen {
  jobs: unknown[];
  hasExecuting: boolean;
  complete: boolean;
}

const LISTINGS: ReadonlyArray<readonly [string, (row: Row) => Promise<Seen>]> = [
  ["core", (row) => getScheduledTasks({ instanceId: INSTANCE, ...row.args }, { env: process.env, onWarning: () => undefined })],
  [
    "CLI list --output json",
    async (row) => {
      const flags = [
        ...(row.args?.limit ? ["--limit", String(row.args.limit)] : []),
        ...(row.args?.statuses ?? []).flatMap((s) => ["--status", s]),
      ];
      const run = await runCli(["scheduled-tasks", "list", "--instance-id", INSTANCE, "--output", "json", ...flags], emulatorEnv(emu));
      expect(run.code).toBe(0);
      return JSON.parse(run.stdout) as Seen;
    },
  ],
  [
    "plugin Invoke",
    async (row) => {
      const res = await plugin.invoke(
        new pb.InvokeRequest().setTok("huaweicloud-dms:kafka:getScheduledTasks").setArgs(Struct.fromJavaScript({ instanceId: INSTANCE, ...row.args })),
      );
      expect(res.getFailuresList()).toEqual([]);
      return res.getReturn()!.toJavaScript() as unknown as Seen;
    },
  ],
  ["SDK getScheduledTasks", (row) => dms.kafka.getScheduledTasks({ instanceId: INSTANCE, ...row.args })],
];

describe.each(ROWS)("$name", (row) => {
  let warn: jest.SpyInstance;
  beforeAll(() => {
    // Outside an engine, Pulumi's log.warn writes to the console: keep the test output clean, and read it.
    warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterAll(() => warn.mockRestore());

  test.each(LISTINGS)("%s reports what it saw, complete only when it saw every task", async (_surface, list) => {
    await arrange(row);
    const started = Date.now();
    const seen = await list(row);
    expect({ listed: seen.jobs.length, hasExecuting: seen.hasExecuting, complete: seen.complete }).toEqual(row.expect);
    expect(apiRequests()).toBeLessThanOrEqual(row.maxRequests);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  test("the CLI's table never claims nothing is EXECUTING for a partial listing", async () => {
    await arrange(row);
    const flags = row.args?.limit ? ["--limit", String(row.args.limit)] : [];
    const run = await runCli(["scheduled-tasks", "list", "--instance-id", INSTANCE, ...flags], emulatorEnv(emu));
    expect(run.code).toBe(0);
    if (!row.expect.complete) {
      expect(run.stdout).not.toMatch(/Nothing is EXECUTING/);
      expect(run.stdout).toMatch(/incomplete/);
    }
  });

  test("waitForIdle (timeout 0: one check) refuses to call the instance idle", async () => {
    await arrange(row);
    const err = await waitForIdle({ instanceId: INSTANCE }, { timeoutMs: 0, clientOptions: { env: process.env, onWarning: () => undefined } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(GateTimeoutError);
    // The statuses filter and limit are the listing's; a gate always looks at every task.
    expect((err as Error).message).toMatch(row.args ? /task-\d+|incomplete/ : row.gateSays);
  });

  test("hwdms wait-idle --timeout 0 exits 4 saying why", async () => {
    await arrange(row);
    const flags = row.args?.limit ? ["--limit", String(row.args.limit)] : [];
    const run = await runCli(["scheduled-tasks", "wait-idle", "--instance-id", INSTANCE, "--timeout", "0", ...flags], emulatorEnv(emu));
    expect(run.code).toBe(4);
    expect(run.stdout).not.toMatch(/is idle/);
    expect(run.stderr).toMatch(row.args?.statuses ? /task-\d+/ : row.gateSays);
  });

  test("the ScheduledTasksGate (timeoutSeconds 0) fails instead of passing", async () => {
    await arrange(row);
    const lines: string[] = [];
    await expect(gatePass({ instanceId: INSTANCE, timeoutSeconds: 0 }, undefined, (l) => lines.push(l))).rejects.toThrow(
      row.args ? /task-\d+|incomplete/ : row.gateSays,
    );
    // What the API did wrong reaches the deployment's log too.
    if (!row.args) expect(lines.join("\n")).toMatch(/ScheduledTasksGate: .*(job_count|overlapped|ignoring)/);
  });

  test("assertNoExecutingTasks throws on the SDK's listing", async () => {
    await arrange(row);
    const listing = await dms.kafka.getScheduledTasks({ instanceId: INSTANCE, ...row.args });
    expect(() => dms.kafka.assertNoExecutingTasks(listing)).toThrow(row.expect.hasExecuting ? /task-\d+|EXECUTING/ : /incomplete/);
    if (!row.expect.hasExecuting) expect(dms.kafka.assertNoExecutingTasks(listing, { allowIncomplete: true })).toBe(listing);
  });
});

describe("a hung API", () => {
  beforeEach(async () => {
    await arrange({ name: "", size: 3, executingAt: -1, expect: { listed: 3, hasExecuting: false, complete: true }, maxRequests: 1, gateSays: /x/ });
    emu.injectFaults(...Array.from({ length: 20 }, () => ({ kind: "hang" as const })));
  });

  test("wait-idle --timeout 3 ends within the timeout, hung requests included", async () => {
    const run = await runCli(["scheduled-tasks", "wait-idle", "--instance-id", INSTANCE, "--timeout", "3", "--interval", "1"], emulatorEnv(emu), 20_000);
    expect(run.code).toBe(3); // never listed anything: the API's failure, not a gate verdict
    expect(run.ms).toBeLessThan(7_000);
  });

  test("the gate's timeoutSeconds bounds its whole wait", async () => {
    const started = Date.now();
    await expect(gatePass({ instanceId: INSTANCE, timeoutSeconds: 2, pollIntervalSeconds: 1 }, undefined, () => undefined)).rejects.toThrow(
      /did not answer|ran out of time/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe("the listing's overall size cap", () => {
  test("a listing past maxListingBytes or maxListingTasks fails with one sentence, before it grows further", async () => {
    emu.clearFaults();
    emu.generateTasks(INSTANCE, 1_000);
    emu.setJobCount(INSTANCE, undefined);
    emu.setPagingQuirks(INSTANCE, undefined);
    emu.resetRequests();
    const bytes = getScheduledTasks({ instanceId: INSTANCE }, { env: process.env, maxListingBytes: 50_000, concurrency: 1 });
    await expect(bytes).rejects.toThrow(/The listing grew past 50000 bytes, the most one call accepts; narrow it/);
    await expect(bytes).rejects.toMatchObject({ errorCode: "ELISTINGTOOLARGE" });
    expect(apiRequests()).toBeLessThan(5);
    const tasks = getScheduledTasks({ instanceId: INSTANCE }, { env: process.env, maxListingTasks: 250 });
    await expect(tasks).rejects.toThrow(/past 250 tasks/);
    await expect(tasks).rejects.toBeInstanceOf(ApiError);
  });
});

// Answers that are not the API's: every surface fails at once with one sentence saying what came back, after
// one request (nothing is retried), and no gate passes.
interface Hostile {
  readonly name: string;
  readonly fault: Fault;
  readonly says: RegExp;
}

const HOSTILE: readonly Hostile[] = [
  { name: "an HTML page with HTTP 200 (a captive portal)", fault: { kind: "html", title: "Please log in" }, says: /HTML page \(title "Please log in"\)/ },
  {
    name: "a redirect to another host",
    fault: { kind: "redirect", location: "https://elsewhere.example/login", status: 302 },
    says: /redirecting to "https:\/\/elsewhere\.example\/login"/,
  },
];

describe.each(HOSTILE)("$name", (row) => {
  const arrangeFault = async (): Promise<void> => {
    await arrange({ name: row.name, size: 3, executingAt: 1, expect: { listed: 3, hasExecuting: true, complete: true }, maxRequests: 1, gateSays: /x/ });
    emu.injectFaults(row.fault);
  };
  let warn: jest.SpyInstance;
  beforeAll(() => {
    warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
  });
  afterAll(() => warn.mockRestore());

  const SURFACES: ReadonlyArray<readonly [string, () => Promise<string>]> = [
    ["core", () => getScheduledTasks({ instanceId: INSTANCE }, { env: process.env }).then(() => "", (e: Error) => e.message)],
    [
      "CLI list",
      async () => {
        const run = await runCli(["scheduled-tasks", "list", "--instance-id", INSTANCE], emulatorEnv(emu));
        expect(run.code).toBe(3);
        return run.stderr;
      },
    ],
    [
      "CLI wait-idle",
      async () => {
        const run = await runCli(["scheduled-tasks", "wait-idle", "--instance-id", INSTANCE, "--timeout", "0"], emulatorEnv(emu));
        expect(run.code).toBe(3);
        return run.stderr;
      },
    ],
    [
      "plugin Invoke",
      () =>
        plugin
          .invoke(new pb.InvokeRequest().setTok("huaweicloud-dms:kafka:getScheduledTasks").setArgs(Struct.fromJavaScript({ instanceId: INSTANCE })))
          .then(() => "", (e: Error) => e.message),
    ],
    ["SDK getScheduledTasks", () => dms.kafka.getScheduledTasks({ instanceId: INSTANCE }).then(() => "", (e: Error) => e.message)],
    ["ScheduledTasksGate", () => gatePass({ instanceId: INSTANCE, timeoutSeconds: 0 }, undefined, () => undefined).then(() => "", (e: Error) => e.message)],
  ];

  test.each(SURFACES)("%s fails at once, saying what came back, after one request", async (_surface, run) => {
    await arrangeFault();
    const started = Date.now();
    expect(await run()).toMatch(row.says);
    expect(apiRequests()).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
