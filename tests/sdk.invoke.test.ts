// The TS SDK's functions in a Pulumi program, run in-process as in a real `pulumi up` (resources answered by
// Pulumi's mocks behind a monitor that is not a MockMonitor) against the emulator: generated-function
// conventions (unknown → no call, secret → secret), Dates, configuration order, explicit providers, errors,
// and assertNoExecutingTasks.
import * as pulumi from "@pulumi/pulumi";
import { Emulator, startEmulator } from "../provider/emulator";
import { clearProjectIdCache } from "../provider/core";
import * as dms from "../sdk";
import { setEngineLikeMonitor } from "./helpers/engineMonitor";

const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const EU_PROJECT_ID = "fedcba9876543210fedcba9876543210";
const STACK_KEY = { accessKey: "STACKACCESSKEY000001", secretKey: "stack-secret-key-0001" };
const EU_KEY = { accessKey: "EUACCESSKEY000000001", secretKey: "eu-secret-key-00001" };
const ENV_KEY = { accessKey: "ENVACCESSKEY00000001", secretKey: "env-secret-key-00001" };
const INSTANCE = "inst-1";

let emulator: Emulator;
const savedEnv = { ...process.env };

function mocks(preview: boolean): Promise<void> {
  return setEngineLikeMonitor(
    pulumi,
    {
      newResource: (args) => ({ id: preview ? undefined : `${args.name}-id`, state: args.inputs }),
      call: () => ({}),
    },
    "sdk-test",
    "dev",
    preview,
  );
}

/** An Output's value, known-ness and secret-ness (the same internals the Pulumi SDK's own tests read). */
async function settle<T>(o: pulumi.Output<T>): Promise<{ known: boolean; secret: boolean; value: T | undefined }> {
  const internal = o as unknown as { isKnown: Promise<boolean>; isSecret: Promise<boolean>; promise(): Promise<T> };
  const [known, secret, value] = await Promise.all([internal.isKnown, internal.isSecret, internal.promise()]);
  return { known, secret, value: known ? value : undefined };
}

function apiRequests(): typeof emulator.requests {
  return emulator.requests.filter((r) => r.target === "api");
}

function accessKeyOf(r: (typeof emulator.requests)[number]): string | undefined {
  return /Access=([^,]+),/.exec(r.headers.authorization ?? "")?.[1];
}

beforeAll(async () => {
  emulator = await startEmulator({
    keys: [STACK_KEY, EU_KEY, ENV_KEY],
    projects: [
      { id: PROJECT_ID, name: "cn-north-4" },
      { id: EU_PROJECT_ID, name: "eu-west-101" },
    ],
  });
});

afterAll(async () => {
  process.env = savedEnv;
  await emulator.close();
});

beforeEach(async () => {
  process.env = { PATH: savedEnv.PATH, HOME: savedEnv.HOME, HW_DMS_ENDPOINT: emulator.url, HW_IAM_ENDPOINT: emulator.url, HW_METADATA_ENDPOINT: "off" };
  clearProjectIdCache();
  pulumi.runtime.setAllConfig({});
  emulator.setTasks(INSTANCE, [
    { id: "t1", name: "partitionReassign", status: "SUCCESS", schedule_at: "2024-01-01T00:00:00Z" },
    { id: "t2", name: "kafkaRestart", status: "EXECUTING", schedule_at: "2024-01-02T00:00:00Z" },
    { id: "t3", name: "kafkaVersionUpgrade", status: "CREATED", schedule_at: "2024-01-03T00:00:00Z" },
  ]);
  emulator.resetRequests();
  await mocks(false);
});

describe("getScheduledTasks (Promise form)", () => {
  test("reads credentials and project from stack config (huaweicloud-dms:*)", async () => {
    pulumi.runtime.setAllConfig(
      { "huaweicloud-dms:accessKey": STACK_KEY.accessKey, "huaweicloud-dms:secretKey": STACK_KEY.secretKey, "huaweicloud-dms:projectId": PROJECT_ID },
      ["huaweicloud-dms:accessKey", "huaweicloud-dms:secretKey"],
    );
    process.env.HW_ACCESS_KEY = ENV_KEY.accessKey;
    process.env.HW_SECRET_KEY = ENV_KEY.secretKey;
    const r = await dms.kafka.getScheduledTasks({ instanceId: INSTANCE });
    expect(r).toMatchObject({ instanceId: INSTANCE, projectId: PROJECT_ID, jobCount: 3, executingCount: 1, hasExecuting: true });
    expect(r.statusCounts).toEqual({ SUCCESS: 1, EXECUTING: 1, CREATED: 1 });
    expect(r.jobs.map((j) => j.id)).toEqual(["t1", "t2", "t3"]);
    expect(apiRequests().map(accessKeyOf)).toEqual([STACK_KEY.accessKey]);
  });

  test("falls back to the environment; the call's own region wins, the project is looked up through IAM", async () => {
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: ENV_KEY.secretKey, HW_REGION_NAME: "cn-north-4" });
    pulumi.runtime.setAllConfig({ "huaweicloud-dms:region": "cn-north-4" });
    const r = await dms.kafka.getScheduledTasks({ instanceId: INSTANCE, region: "eu-west-101", statuses: ["EXECUTING"] });
    expect(r).toMatchObject({ projectId: EU_PROJECT_ID, region: "eu-west-101", jobs: [{ id: "t2", status: "EXECUTING" }] });
    expect(emulator.requests.find((q) => q.target === "iam")!.query.name).toBe("eu-west-101");
    expect(apiRequests().map(accessKeyOf)).toEqual([ENV_KEY.accessKey]);
  });

  test("beginTime / endTime accept a Date (sent as UTC YYYYMMDDHHmmss)", async () => {
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: ENV_KEY.secretKey, HW_PROJECT_ID: PROJECT_ID });
    await dms.kafka.getScheduledTasks({
      instanceId: INSTANCE,
      beginTime: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      endTime: "20241231235959",
    });
    expect(apiRequests()[0].query).toMatchObject({ begin_time: "20240102030405", end_time: "20241231235959" });
  });

  test("bad input: a RunError naming the field (the core's ValidationError as cause), nothing sent", async () => {
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: ENV_KEY.secretKey, HW_PROJECT_ID: PROJECT_ID });
    const err = await dms.kafka.getScheduledTasks({ instanceId: INSTANCE, limit: 500 }).catch((e: Error) => e);
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect((err as Error).message).toMatch(/^huaweicloud-dms:kafka:getScheduledTasks: limit must be an integer from 1 to 100/);
    expect(((err as Error & { cause?: Error }).cause as Error).name).toBe("ValidationError");
    const bad = await dms.kafka.getScheduledTasks({ instanceId: INSTANCE, beginTime: new Date("nope") }).catch((e: Error) => e);
    expect((bad as Error).message).toMatch(/beginTime must be a valid Date/);
    expect(emulator.requests).toHaveLength(0);
  });

  test("a lone stack-config access key is an error, not mixed with the environment's secret key", async () => {
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: ENV_KEY.secretKey, HW_PROJECT_ID: PROJECT_ID });
    pulumi.runtime.setAllConfig({ "huaweicloud-dms:accessKey": STACK_KEY.accessKey });
    const err = await dms.kafka.getScheduledTasks({ instanceId: INSTANCE }).catch((e: Error) => e);
    expect((err as Error).message).toContain("huaweicloud-dms:accessKey is set but huaweicloud-dms:secretKey is not");
    expect((err as Error).message).not.toContain(STACK_KEY.accessKey);
    expect(emulator.requests).toHaveLength(0);
  });

  test("API failures: a RunError with the API's words and no secret", async () => {
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: "wrong-secret-key-123", HW_PROJECT_ID: PROJECT_ID });
    const err = (await dms.kafka.getScheduledTasks({ instanceId: INSTANCE }).catch((e: Error) => e)) as Error;
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect(err.message).toMatch(/APIGW\.0301|access key/i);
    expect(err.message).not.toContain("wrong-secret-key-123");
  });
});

describe("explicit provider (a second account or region)", () => {
  test("new Provider with its own config namespace and region, passed as { provider }", async () => {
    pulumi.runtime.setAllConfig(
      {
        "huaweicloud-dms:accessKey": STACK_KEY.accessKey,
        "huaweicloud-dms:secretKey": STACK_KEY.secretKey,
        "huaweicloud-dms:projectId": PROJECT_ID,
        "dms-eu:accessKey": EU_KEY.accessKey,
        "dms-eu:secretKey": EU_KEY.secretKey,
      },
      ["huaweicloud-dms:accessKey", "huaweicloud-dms:secretKey", "dms-eu:accessKey", "dms-eu:secretKey"],
    );
    const eu = new dms.Provider("eu", { configNamespace: "dms-eu", region: "eu-west-101" });
    const [home, away] = await Promise.all([
      dms.kafka.getScheduledTasks({ instanceId: INSTANCE }),
      settle(dms.kafka.getScheduledTasksOutput({ instanceId: INSTANCE }, { provider: eu })),
    ]);
    expect(home.projectId).toBe(PROJECT_ID);
    expect(away.value).toMatchObject({ projectId: EU_PROJECT_ID, region: "eu-west-101" });
    expect(apiRequests().map(accessKeyOf).sort()).toEqual([EU_KEY.accessKey, STACK_KEY.accessKey].sort());
  });

  test("messages name the provider's own config keys; a foreign provider object is refused", async () => {
    const eu = new dms.Provider("eu", { configNamespace: "dms-eu", projectId: EU_PROJECT_ID });
    const err = (await dms.kafka.getScheduledTasks({ instanceId: INSTANCE }, { provider: eu }).catch((e: Error) => e)) as Error;
    expect(err.message).toBe(
      "huaweicloud-dms:kafka:getScheduledTasks: No credentials found; tried, in order: dms-eu:accessKey/dms-eu:secretKey: not set; " +
        "huaweicloud:accessKey/huaweicloud:secretKey: not set; HW_ACCESS_KEY/HW_SECRET_KEY: not set; HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK: not set; " +
        `KooCLI profile (${savedEnv.HOME}/.hcloud/config.json): no file; ECS metadata (HW_METADATA_ENDPOINT is "off"): skipped. ` +
        "Set dms-eu:accessKey or HW_ACCESS_KEY or HUAWEICLOUD_SDK_AK, and dms-eu:secretKey or HW_SECRET_KEY or HUAWEICLOUD_SDK_SK (as secrets), or a KooCLI profile.",
    );
    const foreign = { name: "aws" } as unknown as dms.Provider;
    await expect(dms.kafka.getScheduledTasks({ instanceId: INSTANCE }, { provider: foreign })).rejects.toThrow(/provider must be a pulumi-huaweicloud-dms Provider/);
    expect(emulator.requests).toHaveLength(0);
  });

  test("a Provider's settings are validated where they are written", () => {
    expect(() => new dms.Provider("bad", { region: "EU West" })).toThrow(/region must be a Huawei Cloud region name/);
    expect(() => new dms.Provider("bad", { configNamespace: "a:b" })).toThrow(/configNamespace must be a stack-config namespace/);
  });
});

describe("getScheduledTasksOutput (Output form)", () => {
  test("an unknown input during preview gives an unknown result and makes no request", async () => {
    await mocks(true);
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: ENV_KEY.secretKey, HW_PROJECT_ID: PROJECT_ID });
    class Instance extends pulumi.CustomResource {
      constructor(name: string) {
        super("test:index:Instance", name, {});
      }
    }
    const instance = new Instance("kafka");
    const out = dms.kafka.getScheduledTasksOutput({ instanceId: instance.id });
    const settled = await settle(out);
    expect(settled.known).toBe(false);
    // dependsOn a resource still to be created: unknown too.
    const after = await settle(dms.kafka.getScheduledTasksOutput({ instanceId: INSTANCE }, { dependsOn: [instance] }));
    expect(after.known).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(emulator.requests).toHaveLength(0);
  });

  test("known inputs during preview: the call is made (so preview can fail fast)", async () => {
    await mocks(true);
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: ENV_KEY.secretKey, HW_PROJECT_ID: PROJECT_ID });
    const settled = await settle(dms.kafka.getScheduledTasksOutput({ instanceId: pulumi.output(INSTANCE), limit: 2 }));
    expect(settled).toMatchObject({ known: true, secret: false, value: { jobCount: 3, jobs: [{ id: "t1" }, { id: "t2" }] } });
  });

  test("a secret input gives a secret result", async () => {
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: ENV_KEY.secretKey, HW_PROJECT_ID: PROJECT_ID });
    const settled = await settle(dms.kafka.getScheduledTasksOutput({ instanceId: pulumi.secret(INSTANCE), beginTime: new Date(0) }));
    expect(settled.known).toBe(true);
    expect(settled.secret).toBe(true);
    expect(settled.value!.instanceId).toBe(INSTANCE);
    expect(apiRequests()[0].query.begin_time).toBe("19700101000000");
  });

  test("a bad secret input is refused without showing its value", async () => {
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: ENV_KEY.secretKey, HW_PROJECT_ID: PROJECT_ID });
    const err = await settle(dms.kafka.getScheduledTasksOutput({ instanceId: pulumi.secret("secret instance/../x") })).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/instanceId must be 1 to 64 letters.*; got a secret value\./);
    expect(err?.message).not.toContain("secret instance");
    expect(apiRequests()).toHaveLength(0);
  });

  test("plain inputs give a plain result; dependsOn known resources waits for them, then calls", async () => {
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: ENV_KEY.secretKey, HW_PROJECT_ID: PROJECT_ID });
    class Thing extends pulumi.CustomResource {
      constructor(name: string) {
        super("test:index:Thing", name, {});
      }
    }
    const settled = await settle(dms.kafka.getScheduledTasksOutput({ instanceId: INSTANCE }, { dependsOn: new Thing("t") }));
    expect(settled).toMatchObject({ known: true, secret: false, value: { hasExecuting: true, executingCount: 1 } });
  });
});

describe("assertNoExecutingTasks", () => {
  test("throws a RunError listing each blocking task; passes an idle listing through", async () => {
    Object.assign(process.env, { HW_ACCESS_KEY: ENV_KEY.accessKey, HW_SECRET_KEY: ENV_KEY.secretKey, HW_PROJECT_ID: PROJECT_ID });
    const busy = await dms.kafka.getScheduledTasks({ instanceId: INSTANCE });
    let err: Error | undefined;
    try {
      dms.kafka.assertNoExecutingTasks(busy);
    } catch (e) {
      err = e as Error;
    }
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect(err!.message).toContain("1 scheduled task on DMS instance inst-1 is EXECUTING");
    expect(err!.message).toContain("t2 (kafkaRestart) EXECUTING, scheduled at 2024-01-02T00:00:00Z");
    expect(() => dms.kafka.assertNoExecutingTasks(busy, ["EXECUTING", "CREATED"])).toThrow(/t3 \(kafkaVersionUpgrade\) CREATED/);

    emulator.setTasks(INSTANCE, [{ id: "t1", status: "SUCCESS" }]);
    const idle = dms.kafka.getScheduledTasksOutput({ instanceId: INSTANCE }).apply((r) => dms.kafka.assertNoExecutingTasks(r));
    expect((await settle(idle)).value!.hasExecuting).toBe(false);
  });
});
