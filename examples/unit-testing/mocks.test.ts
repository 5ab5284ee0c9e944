// Unit test with Pulumi's mocks: nothing is sent anywhere. getScheduledTasks is answered by the mocks' call()
// (token huaweicloud-dms:kafka:getScheduledTasks); the gate is registered like any resource (newResource).
import * as pulumi from "@pulumi/pulumi";

const calls: pulumi.runtime.MockCallArgs[] = [];
const resources: pulumi.runtime.MockResourceArgs[] = [];

pulumi.runtime.setMocks(
  {
    newResource(args) {
      resources.push(args);
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call(args) {
      calls.push(args);
      if (args.token !== "huaweicloud-dms:kafka:getScheduledTasks") return args.inputs;
      return {
        id: "listing-1",
        instanceId: args.inputs.instanceId,
        projectId: "0123456789abcdef0123456789abcdef",
        jobCount: 1,
        jobs: [{ id: "task-1", name: "partitionReassign", status: "EXECUTING" }],
        statusCounts: { EXECUTING: 1 },
        executingCount: 1,
        hasExecuting: true,
        complete: true,
      };
    },
  },
  "unit-testing",
  "test",
);
pulumi.runtime.setConfig("unit-testing:instanceId", "kafka-1");

function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

test("exports what the listing says, and gates on the same instance", async () => {
  // Loaded after setMocks, so the program runs under the mocks.
  const program = require("./index") as typeof import("./index");

  expect(await valueOf(program.hasExecuting)).toBe(true);
  expect(await valueOf(program.runningTaskIds)).toEqual(["task-1"]);
  expect(calls.map((c) => [c.token, c.inputs])).toEqual([
    ["huaweicloud-dms:kafka:getScheduledTasks", { instanceId: "kafka-1", statuses: ["EXECUTING"] }],
  ]);

  expect(await valueOf(program.gate.id)).toBe("kafka-idle-id");
  expect(await valueOf(program.gate.timeoutSeconds)).toBe(900);
  expect(resources.map((r) => [r.name, r.inputs.instanceId])).toEqual([["kafka-idle", "kafka-1"]]);
});
