// The core function in-process: decoding quirks, temporary credentials, IAM caching, and the transport's limits.
import * as http from "http";
import { AddressInfo } from "net";
import { ApiError, ValidationError, clearProjectIdCache, getScheduledTasks } from "../provider/core";
import { parseRetryAfter, backoffDelay, DEFAULT_RETRY } from "../provider/core/retry";
import { DEMO_CREDENTIALS, DEMO_PROJECT_ID, Emulator, EmulatorTask, startEmulator } from "../provider/emulator";
import { emulatorEnv } from "./helpers/runCli";

const INSTANCE = "inst-client-01";
let emu: Emulator;
/** The demo credentials and the emulator as both endpoints (tests/helpers/runCli), plus `extra`. */
const env = (extra: Record<string, string> = {}) => emulatorEnv(emu, extra);

beforeAll(async () => {
  emu = await startEmulator({ keys: [DEMO_CREDENTIALS, { accessKey: "TEMPAK00000000000000", secretKey: "temp-sk", securityToken: "temp-token-xyz" }] });
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.resetRequests();
  emu.clearFaults();
  clearProjectIdCache();
});

/** A one-route server answering every request with the given JSON text. */
async function fixedServer(body: string, status = 200): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

describe("getScheduledTasks", () => {
  it("keeps unknown statuses, leaves absent and null fields absent, and counts statuses", async () => {
    emu.setTasks(INSTANCE, [
      { id: "a", status: "EXECUTING", name: "n" },
      { id: "b", status: "PAUSED_BY_OPERATOR" },
      { id: "c", name: null } as unknown as EmulatorTask,
    ]);
    const r = await getScheduledTasks({ instanceId: INSTANCE }, { env: env() });
    expect(r.jobs).toEqual([{ id: "a", status: "EXECUTING", name: "n" }, { id: "b", status: "PAUSED_BY_OPERATOR" }, { id: "c" }]);
    expect(r.statusCounts).toEqual({ EXECUTING: 1, PAUSED_BY_OPERATOR: 1 });
    expect(r.executingCount).toBe(1);
    expect(r.hasExecuting).toBe(true);
  });

  it("gives the same query the same id, and a different query a different id", async () => {
    emu.setTasks(INSTANCE, [{ id: "a", status: "SUCCESS" }]);
    const a = await getScheduledTasks({ instanceId: INSTANCE, statuses: ["SUCCESS", "FAILED"] }, { env: env() });
    const b = await getScheduledTasks({ instanceId: INSTANCE, statuses: ["FAILED", "SUCCESS"] }, { env: env() });
    const c = await getScheduledTasks({ instanceId: INSTANCE, limit: 5 }, { env: env() });
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
  });

  it("looks the project up through IAM once per process", async () => {
    emu.setTasks(INSTANCE, []);
    await getScheduledTasks({ instanceId: INSTANCE }, { env: env() });
    await getScheduledTasks({ instanceId: INSTANCE }, { env: env() });
    expect(emu.requests.filter((r) => r.target === "iam")).toHaveLength(1);
    expect(emu.requests.find((r) => r.target === "api")?.path).toContain(`/v2/${DEMO_PROJECT_ID}/`);
  });

  it("says to set the project ID when IAM knows no project for the region", async () => {
    await expect(getScheduledTasks({ instanceId: INSTANCE, region: "ap-southeast-9" }, { env: env() })).rejects.toThrow(
      /IAM knows no project named "ap-southeast-9" for this access key; set the project ID explicitly \(the projectId input or setting, --project-id, or HW_PROJECT_ID\)/,
    );
  });

  it("signs and sends the security token of temporary credentials", async () => {
    emu.setTasks(INSTANCE, [{ id: "a" }]);
    const temp = env({ HW_ACCESS_KEY: "TEMPAK00000000000000", HW_SECRET_KEY: "temp-sk", HW_SECURITY_TOKEN: "temp-token-xyz", HW_PROJECT_ID: DEMO_PROJECT_ID });
    const r = await getScheduledTasks({ instanceId: INSTANCE }, { env: temp });
    expect(r.jobs).toHaveLength(1);
    const sent = emu.requests[0];
    expect(sent.headers["x-security-token"]).toBe("temp-token-xyz");
    expect(sent.headers.authorization).toMatch(/SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,/);
    const missing = { ...temp, HW_SECURITY_TOKEN: "" };
    await expect(getScheduledTasks({ instanceId: INSTANCE }, { env: missing })).rejects.toMatchObject({ status: 401, errorCode: "APIGW.0301" });
  });

  it("names the field of a malformed response", async () => {
    const server = await fixedServer(JSON.stringify({ job_count: "2", jobs: [{ id: "ok" }, { name: "no id" }] }));
    try {
      const err = await getScheduledTasks({ instanceId: INSTANCE, projectId: "p1" }, { env: env({ HW_DMS_ENDPOINT: server.url }) }).catch((e) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect(err.message).toMatch(/^The DMS API sent a malformed response: jobs\[1\]\.id/);
    } finally {
      await server.close();
    }
  });

  it("rejects a job_count that is not a count", async () => {
    const server = await fixedServer(JSON.stringify({ job_count: "many", jobs: [] }));
    try {
      await expect(getScheduledTasks({ instanceId: INSTANCE, projectId: "p1" }, { env: env({ HW_DMS_ENDPOINT: server.url }) })).rejects.toThrow(
        /job_count must be a non-negative integer or a string of digits; got "many"/,
      );
    } finally {
      await server.close();
    }
  });

  it("refuses a response over the size cap without retrying", async () => {
    const server = await fixedServer(JSON.stringify({ job_count: 1, jobs: [{ id: "x".repeat(5000) }] }));
    try {
      await expect(
        getScheduledTasks({ instanceId: INSTANCE, projectId: "p1" }, { env: env({ HW_DMS_ENDPOINT: server.url }), maxResponseBytes: 1024 }),
      ).rejects.toMatchObject({ errorCode: "ERESPONSETOOLARGE", attempts: 1 });
    } finally {
      await server.close();
    }
  });

  it("fails rather than waits when Retry-After asks for more than the client allows", async () => {
    emu.setTasks(INSTANCE, [{ id: "a" }]);
    emu.injectFaults({ kind: "status", status: 429, retryAfter: 3600 });
    await expect(getScheduledTasks({ instanceId: INSTANCE, projectId: DEMO_PROJECT_ID }, { env: env() })).rejects.toMatchObject({
      status: 429,
      errorCode: "APIGW.0308",
      attempts: 1,
    });
  });

  it("stops promptly when cancelled mid-request", async () => {
    emu.setTasks(INSTANCE, [{ id: "a" }]);
    emu.injectFaults({ kind: "hang" });
    const abort = new AbortController();
    const started = Date.now();
    setTimeout(() => abort.abort(), 200);
    await expect(
      getScheduledTasks({ instanceId: INSTANCE, projectId: DEMO_PROJECT_ID }, { env: env(), signal: abort.signal }),
    ).rejects.toThrow(/was cancelled/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("validates before sending anything, including the configuration", async () => {
    await expect(getScheduledTasks({ instanceId: INSTANCE }, { env: env(), config: { endpoint: "not a url" } })).rejects.toBeInstanceOf(ValidationError);
    await expect(getScheduledTasks({ instanceId: INSTANCE, limit: 0 }, { env: env() })).rejects.toBeInstanceOf(ValidationError);
    expect(emu.requests).toHaveLength(0);
  });
});

describe("retry timing", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter("soon")).toBeUndefined();
  });

  it("backs off exponentially with jitter inside [d/2, d], capped", () => {
    for (let retry = 1; retry <= 10; retry++) {
      const d = Math.min(DEFAULT_RETRY.backoffLimitMs, DEFAULT_RETRY.baseDelayMs * 2 ** (retry - 1));
      expect(backoffDelay(retry, DEFAULT_RETRY, () => 0)).toBe(d / 2);
      expect(backoffDelay(retry, DEFAULT_RETRY, () => 1)).toBe(d);
    }
  });
});
