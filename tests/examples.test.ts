// The TypeScript examples run as Pulumi programs under pulumi.runtime.setMocks against the emulator, importing
// "pulumi-huaweicloud-dms" as users do (mapped to the built dist/sdk). Dynamic resources (the gate, the
// example's stand-in change) are run the way the engine runs them: their serialized `__provider` is evaluated
// and configured with the stack configuration, then Check and Create are called — only in an update, never in
// a preview. Needs the built dist/ (npm test builds first).
import * as fs from "fs";
import * as path from "path";
import type * as Pulumi from "@pulumi/pulumi";
import { Emulator, EmulatorTask, startEmulator } from "../provider/emulator";
import { setEngineLikeMonitor } from "./helpers/engineMonitor";

jest.mock("pulumi-huaweicloud-dms", () => jest.requireActual("../dist/sdk/index.js"), { virtual: true });

const ROOT = path.join(__dirname, "..");
const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const KEY = { accessKey: `EXAMPLEAK${Date.now()}`, secretKey: `example-sentinel-secret-${process.pid}` };
const INSTANCE = "kafka-example-1";

interface Settled {
  known: boolean;
  secret: boolean;
  value: unknown;
}

interface Registration {
  type: string;
  name: string;
  /** What its dynamic provider wrote to stderr (Pulumi's log, in a real run). */
  log?: string;
  inputs: Record<string, unknown>;
  state?: Record<string, unknown>;
  registeredAt: number;
  createdAt?: number;
}

interface Run {
  outputs: Record<string, Settled>;
  resources: Registration[];
  started: number;
}

let emulator: Emulator;
const savedEnv = { ...process.env };

beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY] });
  // Nothing from the machine running the tests: the programs get everything from stack config.
  for (const k of Object.keys(process.env)) if (k.startsWith("HW_")) delete process.env[k];
});

afterAll(async () => {
  process.env = savedEnv;
  await emulator.close();
});

function projectName(dir: string): string {
  const yaml = fs.readFileSync(path.join(ROOT, "examples", dir, "Pulumi.yaml"), "utf8");
  expect(yaml).toMatch(/^runtime:\s*\n\s+name: nodejs/m);
  return /^name:\s*(\S+)/m.exec(yaml)![1];
}

function stackConfig(project: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    [`${project}:instanceId`]: INSTANCE,
    "huaweicloud-dms:accessKey": KEY.accessKey,
    "huaweicloud-dms:secretKey": KEY.secretKey,
    "huaweicloud-dms:projectId": PROJECT_ID,
    "huaweicloud-dms:endpoint": emulator.url,
    ...extra,
  };
}

/** Runs `body` with process.stderr captured into `reg.log` (as the engine captures a provider's stderr). */
async function capturingStderr<T>(reg: Registration, body: () => Promise<T>): Promise<T> {
  const original = process.stderr.write;
  reg.log = "";
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    reg.log += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const done = rest.find((r): r is () => void => typeof r === "function");
    done?.();
    return true;
  }) as typeof process.stderr.write;
  try {
    return await body();
  } finally {
    process.stderr.write = original;
  }
}

/** Runs examples/<dir>/index.ts as `pulumi preview` (preview) or `pulumi up` would, with mocks. */
async function runProgram(dir: string, config: Record<string, string>, preview: boolean, tasks: EmulatorTask[]): Promise<Run> {
  const resources: Registration[] = [];
  const outputs: Record<string, Settled> = {};
  let started = Date.now();
  await jest.isolateModulesAsync(async () => {
    const pulumi: typeof Pulumi = require("@pulumi/pulumi");
    const requireFromString: (code: string) => { handler(): Pulumi.dynamic.ResourceProvider } = jest.requireActual("require-from-string");
    await setEngineLikeMonitor(
      pulumi,
      {
        async newResource(args) {
          const reg: Registration = { type: args.type, name: args.name, inputs: args.inputs, registeredAt: Date.now() };
          resources.push(reg);
          const code = args.inputs.__provider;
          if (typeof code !== "string" || preview) {
            // Preview: the engine calls Check and Diff only; outputs stay unknown.
            return { id: preview ? undefined : `${args.name}-id`, state: preview ? {} : args.inputs };
          }
          const provider = requireFromString(code).handler();
          await provider.configure?.({ config: { get: (k: string) => config[k], require: (k: string) => config[k] } });
          const checked = provider.check ? await provider.check({}, args.inputs) : { inputs: args.inputs };
          if (checked.failures?.length) throw new Error(checked.failures.map((f) => f.reason).join("; "));
          // The engine shows what the dynamic-provider process writes to stderr in Pulumi's log: capture it.
          const created = await capturingStderr(reg, () => provider.create(checked.inputs));
          reg.state = created.outs;
          reg.createdAt = Date.now();
          return { id: created.id, state: created.outs };
        },
        call: () => ({}),
      },
      projectName(dir),
      "dev",
      preview,
    );
    pulumi.runtime.setAllConfig(config, Object.keys(config).filter((k) => /Key$/.test(k)));
    // The tasks are set as the program starts, so "EXECUTING for N ms" counts from the program's start.
    emulator.setTasks(INSTANCE, tasks);
    emulator.resetRequests();
    started = Date.now();
    const program = require(path.join(ROOT, "examples", dir, "index.ts")) as Record<string, unknown>;
    for (const [name, value] of Object.entries(program)) {
      const o = pulumi.output(value) as unknown as { isKnown: Promise<boolean>; isSecret: Promise<boolean>; promise(): Promise<unknown> };
      const [known, secret, v] = await Promise.all([o.isKnown, o.isSecret, o.promise()]);
      outputs[name] = { known, secret, value: known ? v : undefined };
    }
  });
  return { outputs, resources, started };
}

function values(run: Run): Record<string, unknown> {
  return Object.fromEntries(Object.entries(run.outputs).map(([k, s]) => [k, s.value]));
}

function expectNoCredentials(run: Run): void {
  const everything = JSON.stringify([run.outputs, run.resources]);
  expect(everything).not.toContain(KEY.accessKey);
  expect(everything).not.toContain(KEY.secretKey);
}

const BUSY_TASKS = [
  { id: "t-old", name: "partitionReassign", status: "SUCCESS", schedule_at: "2024-01-01T00:00:00Z" },
  { id: "t-run", name: "partitionReassign", status: "EXECUTING", executingForMs: 3000, updated_at: "2024-01-02T00:00:00Z" },
  { id: "t-late", name: "kafkaRestart", status: "CREATED", schedule_at: "2030-01-02T00:00:00Z" },
  { id: "t-soon", name: "kafkaVersionUpgrade", status: "CREATED", schedule_at: "2030-01-01T00:00:00Z" },
];

describe("examples/stack-outputs", () => {
  test("exports the task summary (hasExecuting true)", async () => {
    const run = await runProgram("stack-outputs", stackConfig(projectName("stack-outputs")), false, BUSY_TASKS);
    expect(values(run)).toEqual({
      projectId: PROJECT_ID,
      jobCount: 4,
      statusCounts: { SUCCESS: 1, EXECUTING: 1, CREATED: 2 },
      executingCount: 1,
      hasExecuting: true,
      executing: [{ id: "t-run", name: "partitionReassign", updatedAt: "2024-01-02T00:00:00Z" }],
      nextTask: { id: "t-soon", name: "kafkaVersionUpgrade", scheduleAt: "2030-01-01T00:00:00Z" },
    });
    expect(Object.values(run.outputs).every((o) => o.known && !o.secret)).toBe(true);
    expectNoCredentials(run);
  });

  test("exports the task summary (hasExecuting false)", async () => {
    const idle = [{ id: "t-old", name: "partitionReassign", status: "SUCCESS" }];
    const run = await runProgram("stack-outputs", stackConfig(projectName("stack-outputs")), false, idle);
    expect(values(run)).toMatchObject({ jobCount: 1, statusCounts: { SUCCESS: 1 }, executingCount: 0, hasExecuting: false, executing: [], nextTask: null });
  });
});

describe("examples/gate-deployment", () => {
  const project = (): string => projectName("gate-deployment");
  const config = (): Record<string, string> => stackConfig(project(), { [`${project()}:gatePollSeconds`]: "1", [`${project()}:gateTimeoutSeconds`]: "20" });

  test("idle instance: the gate passes at once, then the change is applied (hasExecuting false)", async () => {
    const idle = [{ id: "t-old", name: "partitionReassign", status: "SUCCESS" }];
    const run = await runProgram("gate-deployment", config(), false, idle);
    const v = values(run);
    expect(v).toMatchObject({ hasExecuting: false, executingCount: 0, executingTasks: [], gateWaitedSeconds: 0, gateStatusCounts: { SUCCESS: 1 } });
    expect(typeof v.gateCheckedAt).toBe("string");
    expect(typeof v.changeAppliedAt).toBe("string");
    expectNoCredentials(run);
  });

  test("a running task: the gate waits for it, the change waits for the gate (hasExecuting true)", async () => {
    const run = await runProgram("gate-deployment", config(), false, BUSY_TASKS);
    const v = values(run);
    expect(v).toMatchObject({ hasExecuting: true, executingCount: 1, executingTasks: ["t-run (partitionReassign)"] });
    // It waited (at least one more poll); how long depends on how fast the program reached the gate.
    expect(v.gateWaitedSeconds).toBeGreaterThanOrEqual(1);
    expect(v.gateStatusCounts).toEqual({ SUCCESS: 2, CREATED: 2 });
    const gate = run.resources.find((r) => r.type === "pulumi-nodejs:dynamic/huaweicloud-dms:ScheduledTasksGate")!;
    const change = run.resources.find((r) => r.type === "pulumi-nodejs:dynamic/example:KafkaChange")!;
    expect(gate.createdAt! - run.started).toBeGreaterThanOrEqual(2900);
    // dependsOn: the change is registered only once the gate has passed.
    expect(change.registeredAt).toBeGreaterThanOrEqual(gate.createdAt!);
    expect(gate.inputs).toMatchObject({ instanceId: INSTANCE, timeoutSeconds: 20, pollIntervalSeconds: 1, configNamespace: "huaweicloud-dms" });
    // Its progress, for Pulumi's log: one line per check while the task runs.
    expect(gate.log).toMatch(/^ScheduledTasksGate: waiting for 1 EXECUTING task\(s\) on DMS instance kafka-example-1 \(0 s elapsed, next check in 1 s\): t-run \(partitionReassign\) EXECUTING/);
    expectNoCredentials(run);
  });

  test("preview: the tasks are read, the gate does not wait (its outputs are unknown)", async () => {
    const run = await runProgram("gate-deployment", config(), true, BUSY_TASKS);
    expect(run.outputs.hasExecuting).toEqual({ known: true, secret: false, value: true });
    expect(run.outputs.gateCheckedAt.known).toBe(false);
    expect(run.outputs.changeAppliedAt.known).toBe(false);
    expect(emulator.requests.filter((r) => r.target === "api")).toHaveLength(1);
    expect(run.resources.filter((r) => r.createdAt !== undefined)).toEqual([]);
  });
});
