// The plugin driven in the engine's order (Handshake, GetPluginInfo, GetSchema, CheckConfig, Configure, Invoke)
// against the emulator: results equal the in-process core's, credentials from secret-wrapped Configure args or
// from the environment alone, failures for bad inputs, gRPC errors for API errors (and the plugin serves on),
// Cancel ends a hanging request promptly, warnings reach the engine's Log service.
// Needs `npx tsc -p tsconfig.build.json` first (npm test does it).
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as yaml from "js-yaml";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import * as enginePb from "@pulumi/pulumi/proto/engine_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { getScheduledTasks } from "../provider/core/client";
import { clearProjectIdCache } from "../provider/core/iam";
import { DEMO_CREDENTIALS, DEMO_INSTANCE_ID, DEMO_PROJECT_ID, DEMO_REGION, Emulator, startEmulator } from "../provider/emulator";
import { PluginProcess, spawnPlugin } from "./helpers/pluginHarness";

const ROOT = path.join(__dirname, "..");
const TOKEN = "huaweicloud-dms:kafka:getScheduledTasks";
const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const URN = "urn:pulumi:dev::proj::pulumi:providers:huaweicloud-dms::dms";
const BIG = "big-instance-0001"; // 250 generated tasks: three pages of 100
const LIAR = "liar-instance-0001"; // job_count claims more than it returns

const struct = (o: Record<string, unknown>) => Struct.fromJavaScript(o as never);
const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, ...extra });

let emu: Emulator;
const plugins: PluginProcess[] = [];

beforeAll(async () => {
  emu = await startEmulator({ seed: "demo" });
  emu.generateTasks(BIG, 250);
  emu.generateTasks(LIAR, 5);
  emu.setJobCount(LIAR, 7);
});
afterAll(async () => {
  await Promise.all(plugins.map((p) => p.close()));
  await emu?.close();
});
beforeEach(() => {
  emu.clearFaults();
  clearProjectIdCache();
});

async function start(env: Record<string, string> = {}, args: string[] = []): Promise<PluginProcess> {
  const p = await spawnPlugin({ env: cleanEnv(env), args });
  plugins.push(p);
  return p;
}

/** Engine order up to Configure; returns the plugin ready to Invoke. */
async function startConfigured(config: Record<string, unknown>, env: Record<string, string> = {}, args: string[] = []): Promise<PluginProcess> {
  const p = await start(env, args);
  await p.handshake(new pb.ProviderHandshakeRequest().setRootDirectory(ROOT).setProgramDirectory(ROOT).setConfigureWithUrn(true));
  await p.getPluginInfo();
  await p.getSchema(new pb.GetSchemaRequest());
  const checked = await p.checkConfig(new pb.CheckRequest().setUrn(URN).setName("dms").setOlds(struct({})).setNews(struct({ ...config, version: "0.1.0" })));
  expect(checked.getFailuresList().map((f) => f.getReason())).toEqual([]);
  await p.configure(new pb.ConfigureRequest().setArgs(checked.getInputs()).setAcceptsecrets(true).setAcceptresources(true).setUrn(URN).setName("dms"));
  return p;
}

function invokeRequest(args: Record<string, unknown>, tok = TOKEN): pb.InvokeRequest {
  return new pb.InvokeRequest().setTok(tok).setArgs(struct(args));
}

async function invokeOk(p: PluginProcess, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await p.invoke(invokeRequest(args));
  expect(res.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([]);
  return res.getReturn()!.toJavaScript() as Record<string, unknown>;
}

function failuresOf(res: pb.InvokeResponse): Record<string, string> {
  expect(res.hasReturn()).toBe(false);
  return Object.fromEntries(res.getFailuresList().map((f) => [f.getProperty(), f.getReason()]));
}

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("credentials as secret-wrapped Configure args (project looked up through IAM)", () => {
  let p: PluginProcess;
  const config = () => ({
    region: DEMO_REGION,
    endpoint: emu.url,
    accessKey: SECRET(DEMO_CREDENTIALS.accessKey),
    secretKey: SECRET(DEMO_CREDENTIALS.secretKey),
  });
  beforeAll(async () => {
    p = await startConfigured(config(), { HW_IAM_ENDPOINT: emu.url });
  });

  test.each([
    ["every page", { instanceId: BIG }],
    ["one page with start and limit", { instanceId: BIG, start: 5, limit: 10 }],
    ["a status filter", { instanceId: BIG, statuses: ["EXECUTING", "FAILED"] }],
    ["a time window and an explicit project", { instanceId: BIG, projectId: DEMO_PROJECT_ID, beginTime: "20240101000000", endTime: "20240101020000" }],
    ["the demo instance", { instanceId: DEMO_INSTANCE_ID, statuses: ["SUCCESS", "FAILED", "CANCELLED"] }],
  ])("Invoke with %s equals the in-process core result", async (_name, args) => {
    const viaPlugin = await invokeOk(p, args);
    const inProcess = await getScheduledTasks(args, {
      config: { region: DEMO_REGION, endpoint: emu.url, ...DEMO_CREDENTIALS },
      env: { HW_IAM_ENDPOINT: emu.url },
    });
    expect(viaPlugin).toEqual(inProcess);
    expect(viaPlugin.projectId).toBe(DEMO_PROJECT_ID);
  });

  test("fetched all 250 tasks in three signed requests (the IAM lookup cached in the plugin)", async () => {
    emu.resetRequests();
    const res = await invokeOk(p, { instanceId: BIG });
    expect(res.jobCount).toBe(250);
    expect((res.jobs as unknown[]).length).toBe(250);
    const api = emu.requests.filter((r) => r.target === "api");
    expect(api.length).toBe(3);
    expect(emu.requests.filter((r) => r.target === "iam")).toEqual([]);
    expect(api.every((r) => r.status === 200 && r.headers.authorization.startsWith("SDK-HMAC-SHA256 Access=DEMOACCESSKEY"))).toBe(true);
  });

  test("inputs passed as secrets keep their echoes secret in the result", async () => {
    const res = await invokeOk(p, { instanceId: SECRET(DEMO_INSTANCE_ID), limit: 3 });
    expect(res.instanceId).toEqual(SECRET(DEMO_INSTANCE_ID));
    expect((res.id as Record<string, unknown>)[SIG]).toBeDefined();
    expect(res.projectId).toBe(DEMO_PROJECT_ID);
    expect((res.jobs as unknown[]).length).toBe(3);
  });

  test("invalid inputs come back as failures naming each input, and nothing is sent", async () => {
    emu.resetRequests();
    const res = await p.invoke(invokeRequest({ instanceId: "../etc", limit: 0, statuses: ["RUNNING"], instance_id: "x", beginTime: "20241301000000" }));
    const failures = failuresOf(res);
    expect(Object.keys(failures).sort()).toEqual(["beginTime", "instanceId", "instance_id", "limit", "statuses[0]"]);
    expect(failures.limit).toMatch(/limit must be an integer from 1 to 100/);
    expect(failures.instance_id).toMatch(/not a getScheduledTasks input/);
    expect(failuresOf(await p.invoke(invokeRequest({})))).toHaveProperty("instanceId");
    expect(emu.requests).toEqual([]);
  });

  test("an API error is a gRPC error carrying the message, and the plugin serves the next call", async () => {
    emu.injectFaults({ kind: "status", status: 404, errorCode: "DMS.00404022", errorMsg: "The instance does not exist." });
    const err = await p.invoke(invokeRequest({ instanceId: DEMO_INSTANCE_ID })).catch((e) => e);
    expect(err.code).toBe(grpc.status.UNKNOWN);
    expect(err.details).toMatch(/^The DMS API answered HTTP 404 DMS\.00404022 "The instance does not exist\."/);
    expect(err.details).not.toContain(DEMO_CREDENTIALS.secretKey);
    const next = await invokeOk(p, { instanceId: DEMO_INSTANCE_ID });
    expect(next.instanceId).toBe(DEMO_INSTANCE_ID);
  });

  test("a retryable API error (503) is retried behind the scenes", async () => {
    emu.injectFaults({ kind: "status", status: 503, errorCode: "APIGW.0503" });
    const res = await invokeOk(p, { instanceId: DEMO_INSTANCE_ID, limit: 1 });
    expect(res.jobCount).toBeGreaterThan(0);
  });
});

describe("credentials from the environment alone", () => {
  test("Configure with no keys, HW_* in the plugin's environment: same result as the core", async () => {
    const env = {
      HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
      HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
      HW_REGION_NAME: DEMO_REGION,
      HW_DMS_ENDPOINT: emu.url,
      HW_IAM_ENDPOINT: emu.url,
    };
    const p = await startConfigured({}, env);
    const args = { instanceId: BIG, limit: 50, start: 100 };
    expect(await invokeOk(p, args)).toEqual(await getScheduledTasks(args, { env }));
  });

  test("a wrong secret key from the environment: APIGW.0301 as a gRPC error, never the key", async () => {
    const wrong = "not-the-right-secret-key-123";
    const p = await startConfigured({ projectId: DEMO_PROJECT_ID, endpoint: emu.url }, { HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: wrong });
    const err = await p.invoke(invokeRequest({ instanceId: DEMO_INSTANCE_ID })).catch((e) => e);
    expect(err.code).toBe(grpc.status.UNKNOWN);
    expect(err.details).toMatch(/HTTP 401 APIGW\.0301/);
    expect(err.details).toMatch(/check the access key/);
    expect(err.details).not.toContain(wrong);
    expect(p.stderr()).not.toContain(wrong);
  });

  test("no credentials anywhere: a failure naming accessKey and how to set it, nothing sent", async () => {
    emu.resetRequests();
    const p = await startConfigured({ region: DEMO_REGION, endpoint: emu.url }, { HW_METADATA_ENDPOINT: "off" });
    const failures = failuresOf(await p.invoke(invokeRequest({ instanceId: DEMO_INSTANCE_ID })));
    expect(Object.keys(failures)).toEqual(["accessKey"]);
    expect(failures.accessKey).toMatch(/^No credentials found; tried, in order: huaweicloud-dms:accessKey\/huaweicloud-dms:secretKey: not set; HW_ACCESS_KEY\/HW_SECRET_KEY: not set; .*ECS metadata \(HW_METADATA_ENDPOINT is "off"\): skipped\./);
    expect(emu.requests).toEqual([]);
  });
});

describe("Cancel", () => {
  test("ends a hanging request promptly; later Invokes fail fast; other calls still work", async () => {
    const p = await startConfigured({ projectId: DEMO_PROJECT_ID, endpoint: emu.url, accessKey: DEMO_CREDENTIALS.accessKey, secretKey: SECRET(DEMO_CREDENTIALS.secretKey) });
    emu.resetRequests();
    emu.injectFaults({ kind: "hang" });
    const pending = p.invoke(invokeRequest({ instanceId: DEMO_INSTANCE_ID })).then(
      () => ({ code: grpc.status.OK, details: "", ms: 0 }),
      (e: grpc.ServiceError) => ({ code: e.code, details: e.details, ms: Date.now() - t0 }),
    );
    await waitFor(() => emu.requests.some((r) => r.fault === "hang"));
    const t0 = Date.now();
    await p.cancel();
    const outcome = await pending;
    expect(outcome.code).toBe(grpc.status.CANCELLED);
    expect(outcome.details).toMatch(/cancelled/);
    expect(outcome.ms).toBeLessThan(2000);

    const again = await p.invoke(invokeRequest({ instanceId: DEMO_INSTANCE_ID })).catch((e) => e);
    expect(again.code).toBe(grpc.status.CANCELLED);
    expect((await p.getPluginInfo()).getVersion()).toMatch(/^\d/);
  });
});

describe("engine logging", () => {
  test("warnings the core raises reach the engine's Log service (address from the command line)", async () => {
    const logs: { severity: number; message: string }[] = [];
    const engine = new grpc.Server();
    engine.addService(EngineService, {
      log: (call: grpc.ServerUnaryCall<enginePb.LogRequest, Empty>, cb: grpc.sendUnaryData<Empty>) => {
        logs.push({ severity: call.request.getSeverity(), message: call.request.getMessage() });
        cb(null, new Empty());
      },
    });
    const port = await new Promise<number>((resolve, reject) =>
      engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, port) => (e ? reject(e) : resolve(port))),
    );
    try {
      const p = await startConfigured(
        { projectId: DEMO_PROJECT_ID, endpoint: emu.url, accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey },
        {},
        [`127.0.0.1:${port}`],
      );
      const res = await invokeOk(p, { instanceId: LIAR });
      expect((res.jobs as unknown[]).length).toBe(5);
      await waitFor(() => logs.length > 0);
      expect(logs[0].severity).toBe(enginePb.LogSeverity.WARNING);
      expect(logs[0].message).toMatch(/job_count 7 but returned only 5/);
      expect(p.stdout()).toBe(`${p.port}\n`);
    } finally {
      engine.forceShutdown();
    }
  });
});

describe("the YAML example through the plugin", () => {
  test("its provider inputs and invoke arguments work, and yield what it exports", async () => {
    const program = yaml.load(fs.readFileSync(path.join(ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const stackConfig: Record<string, unknown> = {
      ...Object.fromEntries(Object.entries(program.config as Record<string, { default: unknown }>).map(([k, v]) => [k, v.default])),
      endpoint: emu.url,
      accessKey: SECRET(DEMO_CREDENTIALS.accessKey),
      secretKey: SECRET(DEMO_CREDENTIALS.secretKey),
    };
    const fill = (v: unknown): unknown => {
      const m = typeof v === "string" ? /^\$\{([A-Za-z0-9_]+)\}$/.exec(v) : null;
      return m ? stackConfig[m[1]] : v;
    };
    const fillAll = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fill(v)]));
    const p = await startConfigured(fillAll(program.resources.dms.properties), { HW_IAM_ENDPOINT: emu.url });
    const invoke = program.variables.tasks["fn::invoke"];
    const res = await p.invoke(invokeRequest(fillAll(invoke.arguments), invoke.function));
    expect(res.getFailuresList()).toEqual([]);
    const tasks = res.getReturn()!.toJavaScript() as Record<string, unknown>;
    for (const expr of Object.values(program.outputs as Record<string, string>)) {
      const key = /^\$\{tasks\.([A-Za-z]+)\}$/.exec(expr)![1];
      expect(tasks[key]).toBeDefined();
    }
    expect(tasks.instanceId).toBe(DEMO_INSTANCE_ID);
    expect(typeof tasks.hasExecuting).toBe("boolean");
  });
});
