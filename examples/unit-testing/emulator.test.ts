// Unit test against the package's emulator: the real client (signing, paging, retries) talks to a local
// server that checks every signature; no cloud account needed. No Pulumi run here: the function is called
// directly, as code outside a stack (a CI helper, say) calls it.
import * as dms from "pulumi-huaweicloud-dms";
import { DEMO_CREDENTIALS, type Emulator, startEmulator } from "pulumi-huaweicloud-dms/emulator";

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator(); // 127.0.0.1, a free port; accepts DEMO_CREDENTIALS
  process.env.HW_ACCESS_KEY = DEMO_CREDENTIALS.accessKey;
  process.env.HW_SECRET_KEY = DEMO_CREDENTIALS.secretKey;
  process.env.HW_REGION_NAME = "cn-north-4";
  process.env.HW_DMS_ENDPOINT = emulator.url;
  process.env.HW_IAM_ENDPOINT = emulator.url; // the project ID is looked up by region
});

afterAll(() => emulator.close());

test("a running reassignment blocks until it finishes", async () => {
  emulator.setTasks("kafka-1", [
    { id: "task-1", name: "partitionReassign", status: "EXECUTING", executingForMs: 1000, thenStatus: "SUCCESS" },
    { id: "task-2", name: "kafkaRestart", status: "CREATED" },
  ]);

  const busy = await dms.kafka.getScheduledTasks({ instanceId: "kafka-1" });
  expect(busy.statusCounts).toEqual({ EXECUTING: 1, CREATED: 1 });
  expect(() => dms.kafka.assertNoExecutingTasks(busy)).toThrow(/task-1 \(partitionReassign\) EXECUTING/);

  await new Promise((resolve) => setTimeout(resolve, 1100));
  const idle = await dms.kafka.getScheduledTasks({ instanceId: "kafka-1" });
  expect(idle.hasExecuting).toBe(false);
});

test("throttling is retried after Retry-After", async () => {
  emulator.setTasks("kafka-2", [{ id: "task-3", status: "SUCCESS" }]);
  emulator.injectFaults({ kind: "status", status: 429, retryAfter: 1 });

  const result = await dms.kafka.getScheduledTasks({ instanceId: "kafka-2" });
  expect(result.jobs.map((j) => j.id)).toEqual(["task-3"]);
});
