// The TS SDK's error surface against hostile answers: a wrapped error's cause is redacted like its message;
// assertNoExecutingTasks given nothing says what it needs.
import * as pulumi from "@pulumi/pulumi";
import { clearProjectIdCache } from "../provider/core";
import { Emulator, startEmulator } from "../provider/emulator";
import * as dms from "../sdk";
import { setEngineLikeMonitor } from "./helpers/engineMonitor";

const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const STACK_KEY = { accessKey: "STACKACCESSKEY000001", secretKey: "stack-secret-key-0001" };
const ENV_TOKEN = "env-security-token-0123456789";
const INSTANCE = "inst-sdk-hostile";

let emulator: Emulator;
const savedEnv = { ...process.env };

beforeAll(async () => {
  emulator = await startEmulator({ keys: [STACK_KEY] });
  emulator.setTasks(INSTANCE, [{ id: "t1", status: "SUCCESS" }]);
  // As in a real run (the function in-process, against the emulator): mocks behind a monitor that is not a MockMonitor.
  await setEngineLikeMonitor(pulumi, { newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: () => ({}) }, "sdk-hostile", "dev", false);
});
afterAll(async () => {
  process.env = savedEnv;
  await emulator.close();
});
beforeEach(() => {
  process.env = { PATH: savedEnv.PATH, HW_DMS_ENDPOINT: emulator.url, HW_IAM_ENDPOINT: emulator.url };
  clearProjectIdCache();
  emulator.clearFaults();
});

describe("errors", () => {
  test("the RunError's cause is redacted like its message (a secret the API echoes back)", async () => {
    // Keys from stack config; the environment's security token is still a secret of this process.
    pulumi.runtime.setAllConfig(
      { "huaweicloud-dms:accessKey": STACK_KEY.accessKey, "huaweicloud-dms:secretKey": STACK_KEY.secretKey, "huaweicloud-dms:projectId": PROJECT_ID },
      ["huaweicloud-dms:accessKey", "huaweicloud-dms:secretKey"],
    );
    process.env.HW_SECURITY_TOKEN = ENV_TOKEN;
    emulator.injectFaults({ kind: "status", status: 400, errorCode: "DMS.00400004", errorMsg: `Invalid parameter near ${ENV_TOKEN}` });
    const err = (await dms.kafka.getScheduledTasks({ instanceId: INSTANCE }).catch((e: Error) => e)) as Error & { cause?: Error & { errorMsg?: string } };
    expect(pulumi.RunError.isInstance(err)).toBe(true);
    expect(err.message).toContain("Invalid parameter near ***");
    expect(err.cause).toBeDefined();
    expect(err.cause!.name).toBe("ApiError");
    for (const text of [err.message, err.stack, err.cause!.message, err.cause!.stack, err.cause!.errorMsg]) {
      expect(text ?? "").not.toContain(ENV_TOKEN);
    }
  });
});

describe("assertNoExecutingTasks", () => {
  test("given nothing (or not a listing), says what it needs in one sentence", () => {
    for (const bad of [undefined, null, "x", [], {}]) {
      let err: Error | undefined;
      try {
        dms.kafka.assertNoExecutingTasks(bad as never);
      } catch (e) {
        err = e as Error;
      }
      expect(pulumi.RunError.isInstance(err)).toBe(true);
      expect(err!.message).toMatch(
        /^assertNoExecutingTasks needs the result of getScheduledTasks \(or the value inside getScheduledTasksOutput's apply\); got (undefined|null|string|object)\.$/,
      );
    }
  });
});
