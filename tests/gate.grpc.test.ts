// The ScheduledTasksGate end to end as the engine runs it: the program (under pulumi.runtime.setMocks)
// serializes the gate's provider into `__provider`; the dynamic-provider server shipped in
// `@pulumi/pulumi/cmd/dynamic-provider` is spawned as the engine spawns it and driven over gRPC
// (Configure, Check, Diff, Create, Update, Delete) against the emulator. Sentinel credentials are searched
// for in everything the engine would store. Needs the built dist/ (npm test builds first).
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pulumi from "@pulumi/pulumi";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { Emulator, startEmulator } from "../provider/emulator";
import type * as Sdk from "../sdk";

const ROOT = path.join(__dirname, "..");
const DYNAMIC_PROVIDER = path.join(ROOT, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js");
// The SDK as users get it (built), so the serialized provider is the shipped code.
const sdk: typeof Sdk = require("../dist/sdk");

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const TOKEN = "pulumi-nodejs:dynamic/huaweicloud-dms:ScheduledTasksGate";
const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const EU_PROJECT_ID = "fedcba9876543210fedcba9876543210";
const suffix = Math.random().toString(16).slice(2, 10);
/** Credentials nobody else uses: finding this text anywhere the engine stores things is a leak. */
const SENTINEL = {
  accessKey: `SENTINELAK${suffix.toUpperCase()}`,
  secretKey: `sentinel-secret-${suffix}`,
  securityToken: `sentinel-token-${suffix}`,
};
const EU_KEY = { accessKey: `EUSENTINELAK${suffix.toUpperCase()}`, secretKey: `eu-sentinel-secret-${suffix}` };
const ENV_KEY = { accessKey: `ENVSENTINELAK${suffix.toUpperCase()}`, secretKey: `env-sentinel-secret-${suffix}` };

const IDLE = "gate-idle";
const BUSY_2S = "gate-busy-2s";
const STUCK = "gate-stuck";
const UPDATED = "gate-updated";
const EU = "gate-eu";

const struct = (o: Record<string, unknown>): Struct => Struct.fromJavaScript(o as never);

interface DynamicProvider {
  child: ChildProcess;
  stderr(): string;
  call<Res>(method: string, req: unknown, deadlineMs?: number): Promise<Res>;
  close(): Promise<void>;
}

/** Spawns the dynamic-provider server as the engine does (its address as the argument) and dials it. */
function startDynamicProvider(cwd: string, env: NodeJS.ProcessEnv): Promise<DynamicProvider> {
  const child = spawn(process.execPath, [DYNAMIC_PROVIDER, "127.0.0.1:1"], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (err += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`dynamic-provider printed no port; stderr: ${err}`));
    }, 20_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`dynamic-provider exited (${code}) before printing its port; stderr: ${err}`));
    });
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      const first = !out.includes("\n");
      out += d;
      if (!first || !out.includes("\n")) return;
      clearTimeout(timer);
      const port = Number(out.slice(0, out.indexOf("\n")).trim());
      const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
      resolve({
        child,
        stderr: () => err,
        call: <Res>(method: string, req: unknown, deadlineMs = 30_000) =>
          new Promise<Res>((res, rej) => {
            const fn = (client as unknown as Record<string, (...a: unknown[]) => void>)[method];
            fn.call(client, req, new grpc.Metadata(), { deadline: Date.now() + deadlineMs }, (e: grpc.ServiceError | null, r: Res) =>
              e ? rej(e) : res(r),
            );
          }),
        async close() {
          client.close();
          if (child.exitCode === null && child.signalCode === null) {
            child.kill("SIGTERM");
            await exited;
          }
        },
      });
    });
  });
}

/** A gate's inputs as the engine hands them to the provider: what the program registered. */
type Inputs = Record<string, unknown>;
const registered = new Map<string, Inputs>();
const stackConfig: Record<string, string> = {
  "huaweicloud-dms:accessKey": SENTINEL.accessKey,
  "huaweicloud-dms:secretKey": SENTINEL.secretKey,
  "huaweicloud-dms:securityToken": SENTINEL.securityToken,
  "huaweicloud-dms:projectId": PROJECT_ID,
  "dms-eu:accessKey": EU_KEY.accessKey,
  "dms-eu:secretKey": EU_KEY.secretKey,
};

let emulator: Emulator;
let dp: DynamicProvider;
const savedEnv = { ...process.env };

async function registerGates(): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        if (args.type === TOKEN) registered.set(args.name, JSON.parse(JSON.stringify(args.inputs)) as Inputs);
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: () => ({}),
    },
    "gate-test",
    "dev",
    false,
  );
  // The program's own process has sentinel credentials in its config and environment: none may be captured.
  pulumi.runtime.setAllConfig(stackConfig, Object.keys(stackConfig).filter((k) => /Key$|Token$/.test(k)));
  process.env.HW_ACCESS_KEY = ENV_KEY.accessKey;
  process.env.HW_SECRET_KEY = ENV_KEY.secretKey;
  const gates = [
    new sdk.kafka.ScheduledTasksGate(IDLE, { instanceId: "inst-idle", pollIntervalSeconds: 1, timeoutSeconds: 5 }),
    new sdk.kafka.ScheduledTasksGate(BUSY_2S, { instanceId: "inst-busy", pollIntervalSeconds: 1, timeoutSeconds: 20 }),
    new sdk.kafka.ScheduledTasksGate(STUCK, {
      instanceId: "inst-stuck",
      pollIntervalSeconds: 1,
      timeoutSeconds: 2,
      blockingStatuses: ["EXECUTING", "CREATED"],
    }),
    new sdk.kafka.ScheduledTasksGate(UPDATED, {
      instanceId: "inst-idle",
      checkOnEveryDeployment: false,
      triggers: ["v1"],
      pollIntervalSeconds: 1,
    }),
    new sdk.kafka.ScheduledTasksGate(
      EU,
      { instanceId: "inst-eu" },
      { provider: new sdk.Provider("eu", { configNamespace: "dms-eu", projectId: EU_PROJECT_ID }) },
    ),
  ];
  await Promise.all(gates.map((g) => new Promise((resolve) => g.urn.apply(resolve))));
}

beforeAll(async () => {
  emulator = await startEmulator({ keys: [SENTINEL, EU_KEY, ENV_KEY] });
  await registerGates();
  dp = await startDynamicProvider(ROOT, { PATH: process.env.PATH, HW_DMS_ENDPOINT: emulator.url, HW_IAM_ENDPOINT: emulator.url });
  // The engine configures the dynamic provider with the whole stack configuration (secrets in plain text).
  await dp.call("configure", new pb.ConfigureRequest().setArgs(struct(stackConfig)).setAcceptsecrets(true));
}, 30_000);

afterAll(async () => {
  await dp?.close();
  await emulator?.close();
  process.env = savedEnv;
});

function inputsOf(name: string): Inputs {
  const inputs = registered.get(name);
  if (!inputs) throw new Error(`gate ${name} was not registered`);
  return inputs;
}

async function check(news: Inputs, olds: Inputs = {}): Promise<pb.CheckResponse> {
  return dp.call<pb.CheckResponse>(
    "check",
    new pb.CheckRequest().setUrn(`urn:pulumi:dev::gate-test::${TOKEN}::g`).setType(TOKEN).setOlds(struct(olds)).setNews(struct(news)),
  );
}

async function create(inputs: Inputs): Promise<pb.CreateResponse> {
  const checked = (await check(inputs)).getInputs()!.toJavaScript();
  return dp.call<pb.CreateResponse>(
    "create",
    new pb.CreateRequest().setUrn(`urn:pulumi:dev::gate-test::${TOKEN}::g`).setType(TOKEN).setProperties(struct(checked)),
    60_000,
  );
}

async function diff(olds: Inputs, news: Inputs): Promise<pb.DiffResponse> {
  return dp.call<pb.DiffResponse>(
    "diff",
    new pb.DiffRequest().setId("x").setUrn(`urn:pulumi:dev::gate-test::${TOKEN}::g`).setType(TOKEN).setOlds(struct(olds)).setNews(struct(news)),
  );
}

const stored: string[] = [];
function keep(text: string): string {
  stored.push(text);
  return text;
}

describe("what the program registers", () => {
  test("the gate's inputs name no credential, only where to read them", () => {
    const inputs = inputsOf(IDLE);
    expect(Object.keys(inputs).sort()).toEqual(["__provider", "configNamespace", "instanceId", "pollIntervalSeconds", "timeoutSeconds"]);
    expect(inputs.configNamespace).toBe("huaweicloud-dms");
    keep(JSON.stringify([...registered.values()]));
  });

  test("the serialized provider is a small loader: no client, no credentials, no absolute paths", () => {
    const text = keep(String(inputsOf(IDLE).__provider));
    expect(text).toContain("exports.handler");
    expect(text).toContain('"./dist/sdk/kafka/gateRuntime.js"');
    expect(text).toContain('"pulumi-huaweicloud-dms/dist/sdk/kafka/gateRuntime.js"');
    expect(text).not.toContain(ROOT);
    expect(text).not.toMatch(/axios|io-ts|signRequest|HW_ACCESS_KEY/);
    expect(text.length).toBeLessThan(10_000);
  });
});

describe("Check and Diff (what runs in preview too)", () => {
  test("Check fills in the defaults and passes the provider through", async () => {
    const res = await check(inputsOf(IDLE));
    expect(res.getFailuresList()).toEqual([]);
    const inputs = res.getInputs()!.toJavaScript();
    expect(inputs).toMatchObject({
      instanceId: "inst-idle",
      blockingStatuses: ["EXECUTING"],
      timeoutSeconds: 5,
      pollIntervalSeconds: 1,
      checkOnEveryDeployment: true,
      configNamespace: "huaweicloud-dms",
      __provider: inputsOf(IDLE).__provider,
    });
  });

  test("Check names each bad input and makes no request", async () => {
    emulator.resetRequests();
    const res = await check({
      ...inputsOf(IDLE),
      instanceId: "../etc",
      blockingStatuses: ["RUNNING"],
      timeoutSeconds: -1,
      pollIntervalSeconds: 0,
      checkOnEveryDeployment: "yes",
      instanceID: "typo",
    });
    const failures = res.getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
    expect(failures.map(([p]) => p).sort()).toEqual(
      ["blockingStatuses", "checkOnEveryDeployment", "instanceID", "instanceId", "pollIntervalSeconds", "timeoutSeconds"].sort(),
    );
    expect(failures.find(([p]) => p === "blockingStatuses")![1]).toMatch(/^blockingStatuses\[0\] must be one of CREATED, .*got "RUNNING"/);
    expect(failures.find(([p]) => p === "timeoutSeconds")![1]).toMatch(/^timeoutSeconds must be a number of seconds from 0 to 86400/);
    expect(failures.find(([p]) => p === "instanceID")![1]).toMatch(/not a ScheduledTasksGate input/);
    expect(emulator.requests).toHaveLength(0);
  });

  test("Check accepts unknown values in preview", async () => {
    const res = await check({ ...inputsOf(IDLE), instanceId: UNKNOWN, blockingStatuses: [UNKNOWN] });
    expect(res.getFailuresList()).toEqual([]);
  });

  test("Diff: every deployment is a change by default (no replacement)", async () => {
    const olds = (await check(inputsOf(IDLE))).getInputs()!.toJavaScript();
    const res = await diff(olds, olds);
    expect(res.getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_SOME);
    expect(res.getReplacesList()).toEqual([]);
  });

  test("Diff: with checkOnEveryDeployment false only a change of inputs counts", async () => {
    const olds = (await check(inputsOf(UPDATED))).getInputs()!.toJavaScript();
    expect((await diff(olds, olds)).getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_NONE);
    expect((await diff(olds, { ...olds, triggers: ["v2"] })).getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_SOME);
    expect((await diff(olds, { ...olds, instanceId: UNKNOWN })).getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_SOME);
  });
});

describe("Create and Update (pulumi up)", () => {
  test("idle instance: Create passes at once with the outputs", async () => {
    emulator.setTasks("inst-idle", [{ id: "t-done", name: "partitionReassign", status: "SUCCESS" }]);
    emulator.resetRequests();
    const res = await create(inputsOf(IDLE));
    const props = res.getProperties()!.toJavaScript() as Record<string, unknown>;
    keep(JSON.stringify(props));
    expect(res.getId()).toMatch(/^gate-[0-9a-f]{16}$/); // a digest: no instance ID in clear
    expect(props).toMatchObject({ instanceId: "inst-idle", waitedSeconds: 0, statusCounts: { SUCCESS: 1 } });
    expect(Date.now() - Date.parse(String(props.checkedAt))).toBeLessThan(10_000);
    // Signed with the credentials from the stack configuration the engine handed to Configure (not the env).
    expect(emulator.requests.length).toBeGreaterThan(0);
    for (const r of emulator.requests) {
      expect(r.headers.authorization).toContain(`Access=${SENTINEL.accessKey},`);
      expect(r.headers["x-security-token"]).toBe(SENTINEL.securityToken);
    }
  });

  test("a task EXECUTING for 2 more seconds: Create waits, then passes", async () => {
    emulator.setTasks("inst-busy", [
      { id: "t-running", name: "kafkaRestart", status: "EXECUTING", executingForMs: 2000 },
      { id: "t-next", name: "partitionReassign", status: "CREATED" },
    ]);
    const started = Date.now();
    const res = await create(inputsOf(BUSY_2S));
    const took = Date.now() - started;
    const props = res.getProperties()!.toJavaScript() as Record<string, unknown>;
    keep(JSON.stringify(props));
    expect(took).toBeGreaterThanOrEqual(1900);
    expect(took).toBeLessThan(8000);
    expect(props.waitedSeconds).toBeGreaterThanOrEqual(2);
    expect(props.statusCounts).toEqual({ SUCCESS: 1, CREATED: 1 });
    expect(dp.stderr()).toMatch(/waiting for 1 EXECUTING task\(s\) on DMS instance inst-busy .*t-running \(kafkaRestart\)/);
  });

  test("EXECUTING beyond the timeout: Create fails naming the task", async () => {
    emulator.setTasks("inst-stuck", [
      { id: "t-stuck", name: "kafkaVersionUpgrade", status: "EXECUTING", executingForMs: 60_000, schedule_at: "2024-05-01T10:00:00Z" },
      { id: "t-later", name: "kafkaRestart", status: "CREATED" },
      { id: "t-old", name: "partitionReassign", status: "SUCCESS" },
    ]);
    const started = Date.now();
    const err = await create(inputsOf(STUCK)).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(err).toBeDefined();
    keep(err!.details);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(err!.details).toMatch(/^ScheduledTasksGate: Gave up after 2 s/);
    expect(err!.details).toContain("2 scheduled tasks on DMS instance inst-stuck are still EXECUTING or CREATED");
    expect(err!.details).toContain("t-stuck (kafkaVersionUpgrade) EXECUTING, scheduled at 2024-05-01T10:00:00Z");
    expect(err!.details).toContain("t-later (kafkaRestart) CREATED");
    expect(err!.details).not.toContain("t-old");
  });

  test("Update waits again and keeps the id; Delete does nothing", async () => {
    emulator.setTasks("inst-idle", [{ id: "t-running", name: "kafkaRestart", status: "EXECUTING", executingForMs: 1000 }]);
    const olds = (await check(inputsOf(UPDATED))).getInputs()!.toJavaScript();
    const news = { ...olds, triggers: ["v2"] };
    const res = await dp.call<pb.UpdateResponse>(
      "update",
      new pb.UpdateRequest().setId("p/inst-idle").setUrn(`urn:pulumi:dev::gate-test::${TOKEN}::g`).setType(TOKEN).setOlds(struct(olds)).setNews(struct(news)),
    );
    const props = res.getProperties()!.toJavaScript() as Record<string, unknown>;
    keep(JSON.stringify(props));
    expect(props).toMatchObject({ triggers: ["v2"], statusCounts: { SUCCESS: 1 }, checkOnEveryDeployment: false });
    expect(props.waitedSeconds).toBeGreaterThanOrEqual(1);
    emulator.resetRequests();
    await dp.call<Empty>(
      "delete",
      new pb.DeleteRequest().setId("p/inst-idle").setUrn(`urn:pulumi:dev::gate-test::${TOKEN}::g`).setType(TOKEN).setProperties(struct(props)),
    );
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("Ctrl-C (the engine's Cancel)", () => {
  test("Cancel while Create waits for a task: Create fails at once, naming the cancellation; later waits stop too", async () => {
    // A host of its own: once cancelled, a dynamic-provider host serves no more waits (the engine starts one per deployment).
    const own = await startDynamicProvider(ROOT, { PATH: process.env.PATH, HW_DMS_ENDPOINT: emulator.url });
    try {
      await own.call("configure", new pb.ConfigureRequest().setArgs(struct(stackConfig)).setAcceptsecrets(true));
      emulator.setTasks("inst-busy", [{ id: "t-forever", name: "kafkaVersionUpgrade", status: "EXECUTING" }]);
      const props = (await check(inputsOf(BUSY_2S))).getInputs()!;
      const createReq = new pb.CreateRequest().setUrn(`urn:pulumi:dev::gate-test::${TOKEN}::g`).setType(TOKEN).setProperties(props);
      emulator.resetRequests();
      const waiting = own.call<pb.CreateResponse>("create", createReq, 60_000).then(
        () => undefined,
        (e: grpc.ServiceError) => e,
      );
      // Cancel once the gate has seen the task at least twice (it is waiting).
      const deadline = Date.now() + 20_000;
      while (emulator.requests.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(emulator.requests.length).toBeGreaterThanOrEqual(2);
      const cancelledAt = Date.now();
      await own.call<Empty>("cancel", new Empty());
      const err = await waiting;
      expect(err).toBeDefined();
      expect(Date.now() - cancelledAt).toBeLessThan(1_000);
      expect(err!.details).toBe(
        "ScheduledTasksGate: the deployment was cancelled (Ctrl-C) while the gate was waiting; nothing that depends on it was changed.",
      );
      // No poll after the cancellation, and a later Create in this host does not wait either.
      const polls = emulator.requests.length;
      const again = await own.call<pb.CreateResponse>("create", createReq, 10_000).then(
        () => undefined,
        (e: grpc.ServiceError) => e,
      );
      expect(again?.details).toMatch(/cancelled \(Ctrl-C\)/);
      expect(emulator.requests.length).toBe(polls);
    } finally {
      await own.close();
    }
  });
});

describe("explicit provider", () => {
  test("a gate with { provider }: its namespace and settings are inputs, its credentials come from that namespace", async () => {
    expect(inputsOf(EU)).toMatchObject({ instanceId: "inst-eu", configNamespace: "dms-eu", projectId: EU_PROJECT_ID });
    emulator.setTasks("inst-eu", []);
    emulator.resetRequests();
    const res = await create(inputsOf(EU));
    keep(JSON.stringify(res.getProperties()!.toJavaScript()));
    expect(res.getId()).toMatch(/^gate-[0-9a-f]{16}$/);
    expect(emulator.requests.map((r) => r.path)).toEqual([`/v2/${EU_PROJECT_ID}/instances/inst-eu/scheduled-tasks`]);
    expect(emulator.requests[0].headers.authorization).toContain(`Access=${EU_KEY.accessKey},`);
  });
});

describe("the provider found from another working directory", () => {
  test("a program directory with the package in node_modules: the package name resolves; env credentials", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hwdms-gate-"));
    fs.mkdirSync(path.join(dir, "node_modules"));
    fs.symlinkSync(ROOT, path.join(dir, "node_modules", "pulumi-huaweicloud-dms"), "dir");
    const other = await startDynamicProvider(dir, {
      PATH: process.env.PATH,
      HW_ACCESS_KEY: ENV_KEY.accessKey,
      HW_SECRET_KEY: ENV_KEY.secretKey,
      HW_PROJECT_ID: PROJECT_ID,
      HW_DMS_ENDPOINT: emulator.url,
    });
    try {
      await other.call("configure", new pb.ConfigureRequest().setArgs(struct({})));
      emulator.setTasks("inst-idle", []);
      emulator.resetRequests();
      const props = struct({ ...inputsOf(IDLE), blockingStatuses: ["EXECUTING"], configNamespace: "huaweicloud-dms" });
      const res = await other.call<pb.CreateResponse>(
        "create",
        new pb.CreateRequest().setUrn(`urn:pulumi:dev::gate-test::${TOKEN}::g`).setType(TOKEN).setProperties(props),
      );
      expect(res.getId()).toMatch(/^gate-[0-9a-f]{16}$/); // a digest: no instance ID in clear
      expect(emulator.requests[0].headers.authorization).toContain(`Access=${ENV_KEY.accessKey},`);
    } finally {
      await other.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("no credential leaks", () => {
  test("the serialized provider, the inputs, the outputs and the errors contain no credential text", () => {
    expect(stored.length).toBeGreaterThanOrEqual(6);
    const everything = stored.join("\n");
    for (const secret of [...Object.values(SENTINEL), ...Object.values(EU_KEY), ...Object.values(ENV_KEY)]) {
      expect(everything).not.toContain(secret);
    }
    // Nor does anything the provider printed.
    for (const secret of [...Object.values(SENTINEL), ...Object.values(EU_KEY), ...Object.values(ENV_KEY)]) expect(dp.stderr()).not.toContain(secret);
  });
});
