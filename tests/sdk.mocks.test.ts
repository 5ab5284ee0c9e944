// Under Pulumi's mocks (pulumi.runtime.setMocks: the runtime's monitor is a MockMonitor) the SDK's function
// goes through pulumi.runtime.invoke, so the mocks' call() answers and nothing is sent; the gate is registered
// like any resource. (The in-process path, as in a real run, is sdk.invoke.test.ts.)
import * as pulumi from "@pulumi/pulumi";
import { Emulator, startEmulator } from "../provider/emulator";
import * as dms from "../sdk";
import { underMocks } from "../sdk/kafka/getScheduledTasks";
import { setEngineLikeMonitor } from "./helpers/engineMonitor";

const TOKEN = "huaweicloud-dms:kafka:getScheduledTasks";
const ANSWER = {
  id: "mocked",
  instanceId: "kafka-1",
  projectId: "p",
  jobCount: 1,
  jobs: [{ id: "t1", status: "EXECUTING" }],
  statusCounts: { EXECUTING: 1 },
  executingCount: 1,
  hasExecuting: true,
  complete: true,
};

let emulator: Emulator;
let calls: pulumi.runtime.MockCallArgs[];
let registered: pulumi.runtime.MockResourceArgs[];
const savedEnv = { ...process.env };

function mocks(preview = false, call: (args: pulumi.runtime.MockCallArgs) => Record<string, unknown> = () => ANSWER): Promise<void> {
  return pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push(args);
        return { id: preview ? undefined : `${args.name}-id`, state: args.inputs };
      },
      call(args) {
        calls.push(args);
        return call(args);
      },
    },
    "mocks-test",
    "dev",
    preview,
  );
}

async function settle<T>(o: pulumi.Output<T>): Promise<{ known: boolean; value: T | undefined }> {
  const internal = o as unknown as { isKnown: Promise<boolean>; promise(): Promise<T> };
  const [known, value] = await Promise.all([internal.isKnown, internal.promise()]);
  return { known, value: known ? value : undefined };
}

beforeAll(async () => {
  // Credentials and endpoints that would work: nothing may reach the emulator all the same.
  emulator = await startEmulator({ seed: "demo" });
  process.env = {
    PATH: savedEnv.PATH,
    HW_ACCESS_KEY: "DEMOACCESSKEY0000000",
    HW_SECRET_KEY: "demo-secret-key-not-for-production",
    HW_REGION_NAME: "cn-north-4",
    HW_DMS_ENDPOINT: emulator.url,
    HW_IAM_ENDPOINT: emulator.url,
  };
});

afterAll(async () => {
  process.env = savedEnv;
  await emulator.close();
});

beforeEach(async () => {
  calls = [];
  registered = [];
  emulator.resetRequests();
  await mocks();
});

afterEach(() => expect(emulator.requests).toEqual([]));

test("the runtime's monitor tells mocks from a real run", async () => {
  expect(underMocks()).toBe(true);
  await setEngineLikeMonitor(pulumi, { newResource: () => ({ id: "x", state: {} }), call: () => ({}) }, "p", "s", false);
  expect(underMocks()).toBe(false);
});

test("getScheduledTasks: the mocks' call() answers with the token and the validated inputs (Dates as API times)", async () => {
  const r = await dms.kafka.getScheduledTasks({ instanceId: "kafka-1", beginTime: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), limit: 10 });
  expect(r).toEqual(ANSWER);
  expect(calls.map((c) => [c.token, c.inputs])).toEqual([[TOKEN, { instanceId: "kafka-1", beginTime: "20240102030405", limit: 10 }]]);
});

test("getScheduledTasksOutput: the same call, once its inputs are known", async () => {
  const out = dms.kafka.getScheduledTasksOutput({ instanceId: pulumi.output("kafka-1"), statuses: ["EXECUTING"] });
  expect(await settle(out.hasExecuting)).toEqual({ known: true, value: true });
  expect(calls.map((c) => [c.token, c.inputs])).toEqual([[TOKEN, { instanceId: "kafka-1", statuses: ["EXECUTING"] }]]);
});

test("explicit providers are accepted; their settings stay in the program (the mock sees the call's inputs)", async () => {
  const eu = new dms.Provider("eu", { configNamespace: "dms-eu", region: "eu-west-101" });
  await dms.kafka.getScheduledTasks({ instanceId: "kafka-1" }, { provider: eu });
  expect(calls.map((c) => c.inputs)).toEqual([{ instanceId: "kafka-1" }]);
});

test("invalid inputs are refused before the mocks are asked, naming the field", async () => {
  const err = (await dms.kafka.getScheduledTasks({ instanceId: "kafka-1", limit: 500 }).catch((e: Error) => e)) as Error;
  expect(pulumi.RunError.isInstance(err)).toBe(true);
  expect(err.message).toMatch(/^huaweicloud-dms:kafka:getScheduledTasks: limit must be an integer from 1 to 100/);
  // The cause is the package's exported class, for `instanceof` in programs.
  const cause = (err as { cause?: unknown }).cause;
  expect(cause instanceof dms.ValidationError && cause.field).toBe("limit");
  expect(cause instanceof dms.ApiError).toBe(false);
  expect(calls).toEqual([]);
});

test("a failing call() rejects the function (a test can check its program's error handling)", async () => {
  await mocks(false, () => {
    throw new Error("instance not found in the test double");
  });
  await expect(dms.kafka.getScheduledTasks({ instanceId: "kafka-1" })).rejects.toBeInstanceOf(Error);
  expect(calls).toHaveLength(1);
});

test("preview with an unknown input: no call", async () => {
  await mocks(true);
  class Thing extends pulumi.CustomResource {
    constructor(name: string) {
      super("test:index:Thing", name, {});
    }
  }
  const thing = new Thing("t");
  const out = dms.kafka.getScheduledTasksOutput({ instanceId: thing.id });
  expect(await settle(out)).toEqual({ known: false, value: undefined });
  expect(calls).toEqual([]);
});

test("the gate registers as a normal resource: newResource gets its inputs, the mocks' state comes back", async () => {
  const gate = new dms.kafka.ScheduledTasksGate("kafka-idle", { instanceId: "kafka-1", timeoutSeconds: 60 });
  expect(await settle(gate.id)).toEqual({ known: true, value: "kafka-idle-id" });
  expect(await settle(gate.timeoutSeconds)).toEqual({ known: true, value: 60 });
  expect(registered.map((r) => [r.name, r.inputs.instanceId, r.inputs.timeoutSeconds])).toEqual([["kafka-idle", "kafka-1", 60]]);
});
