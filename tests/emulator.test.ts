// The embedded emulator: signature checks, paging, the time filter, IAM lookup, faults, time-based status
// changes and big generated task sets — exercised over real HTTP with requests signed by our signer.
import * as http from "http";
import { Writable } from "stream";
import { signRequest, type Credentials } from "../provider/core/signer";
import {
  DEMO_CREDENTIALS,
  DEMO_INSTANCE_ID,
  DEMO_PROJECT_ID,
  DEMO_REGION,
  startEmulator,
  type Emulator,
  type EmulatorTask,
} from "../provider/emulator";
import { runEmulatorCommand } from "../provider/emulator/cli";
import { fastIso } from "../provider/emulator/tasks";

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json: () => Record<string, unknown>;
}

interface SendOptions {
  creds?: Credentials;
  now?: Date;
  projectHeader?: string | null;
  timeoutMs?: number;
  /** Tamper with the signed headers before sending. */
  tamper?: (headers: Record<string, string>) => void;
}

function send(emu: Emulator, path: string, query: Record<string, string> = {}, o: SendOptions = {}): Promise<Reply> {
  const host = `127.0.0.1:${emu.port}`;
  const base: Record<string, string> = { "Content-Type": "application/json", Host: host };
  if (o.projectHeader !== null) base["X-Project-Id"] = o.projectHeader ?? DEMO_PROJECT_ID;
  const headers = signRequest({ method: "GET", path, query, headers: base }, o.creds ?? DEMO_CREDENTIALS, o.now);
  o.tamper?.(headers);
  const qs = new URLSearchParams(query).toString();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port: emu.port, method: "GET", path: path + (qs ? `?${qs}` : ""), headers, agent: false },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(o.timeoutMs ?? 5000, () => req.destroy(new Error("client timeout")));
    req.on("error", reject);
    req.end();
  });
}

const INSTANCE = "inst-1";
const tasksPath = (instance = INSTANCE, project = DEMO_PROJECT_ID): string => `/v2/${project}/instances/${instance}/scheduled-tasks`;
const jobsOf = (r: Reply): Array<Record<string, string>> => r.json().jobs as Array<Record<string, string>>;

function sampleTasks(n: number): EmulatorTask[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `task-${i}`,
    name: `job-${i}`,
    status: i % 2 ? "SUCCESS" : "CREATED",
    schedule_at: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(),
  }));
}

describe("emulator", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator();
  });
  afterEach(async () => {
    await emu.close();
  });

  test("pages with start and limit; default limit 10; job_count is the total as a string", async () => {
    emu.setTasks(INSTANCE, sampleTasks(25));
    const first = await send(emu, tasksPath());
    expect(first.status).toBe(200);
    expect(first.headers["content-type"]).toMatch(/^application\/json/);
    expect(first.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(first.json().job_count).toBe("25");
    expect(jobsOf(first).map((j) => j.id)).toEqual(sampleTasks(10).map((t) => t.id));

    const page = await send(emu, tasksPath(), { start: "20", limit: "10" });
    expect(jobsOf(page).map((j) => j.id)).toEqual(["task-20", "task-21", "task-22", "task-23", "task-24"]);
    const past = await send(emu, tasksPath(), { start: "30", limit: "10" });
    expect(past.json()).toEqual({ job_count: "25", jobs: [] });
    // Exactly the stored fields, nothing internal.
    expect(jobsOf(page)[0]).toEqual({ id: "task-20", name: "job-20", status: "CREATED", schedule_at: "2024-01-21T00:00:00.000Z" });

    for (const [q, name] of [[{ limit: "0" }, "limit"], [{ limit: "101" }, "limit"], [{ start: "-1" }, "start"], [{ start: "x" }, "start"]] as const) {
      const bad = await send(emu, tasksPath(), q);
      expect(bad.status).toBe(400);
      expect(bad.json()).toMatchObject({ error_code: "DMS.00400004", error_msg: `Invalid parameter: ${name}` });
    }
  });

  test("limits above maxLimit are capped", async () => {
    await emu.close();
    emu = await startEmulator({ maxLimit: 7 });
    emu.setTasks(INSTANCE, sampleTasks(25));
    const r = await send(emu, tasksPath(), { limit: "50" });
    expect(jobsOf(r)).toHaveLength(7);
    expect(r.json().job_count).toBe("25");
  });

  test("time filter on schedule_at is inclusive; job_count counts matches; invalid times are 400", async () => {
    emu.setTasks(INSTANCE, [...sampleTasks(10), { id: "no-schedule" }]);
    const r = await send(emu, tasksPath(), { begin_time: "20240103000000", end_time: "20240105000000", limit: "100" });
    expect(r.status).toBe(200);
    expect(r.json().job_count).toBe("3");
    expect(jobsOf(r).map((j) => j.id)).toEqual(["task-2", "task-3", "task-4"]);
    const paged = await send(emu, tasksPath(), { begin_time: "20240103000000", start: "1", limit: "1" });
    expect(paged.json()).toMatchObject({ job_count: "8", jobs: [{ id: "task-3" }] });

    const bad = await send(emu, tasksPath(), { begin_time: "20240230000000" });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error_code: "DMS.00400004", error_msg: "Invalid parameter: begin_time" });
    expect(typeof bad.json().request_id).toBe("string");
    expect((await send(emu, tasksPath(), { end_time: "2024" })).json().error_msg).toBe("Invalid parameter: end_time");
  });

  test("job_count as string or number; setJobCount lies while returning only the real tasks", async () => {
    emu.setTasks(INSTANCE, sampleTasks(3));
    emu.setJobCountAs("number");
    expect((await send(emu, tasksPath())).json().job_count).toBe(3);
    emu.setJobCountAs("string");
    emu.setJobCount(INSTANCE, 50);
    const lie = await send(emu, tasksPath(), { start: "0", limit: "10" });
    expect(lie.json().job_count).toBe("50");
    expect(jobsOf(lie)).toHaveLength(3);
    expect(jobsOf(await send(emu, tasksPath(), { start: "10", limit: "10" }))).toEqual([]);
    emu.setJobCount(INSTANCE, undefined);
    expect((await send(emu, tasksPath())).json().job_count).toBe("3");
  });

  test("unknown instance → 404 DMS.00404022; project scoping; X-Project-Id must match the path", async () => {
    const r = await send(emu, tasksPath("nope"));
    expect(r.status).toBe(404);
    expect(r.json()).toMatchObject({ error_code: "DMS.00404022", error_msg: "The instance does not exist." });

    emu.setTasks("scoped", sampleTasks(1), "a".repeat(32));
    expect((await send(emu, tasksPath("scoped", "a".repeat(32)), {}, { projectHeader: "a".repeat(32) })).status).toBe(200);
    expect((await send(emu, tasksPath("scoped"))).status).toBe(404);

    emu.setTasks(INSTANCE, sampleTasks(1));
    expect((await send(emu, tasksPath(INSTANCE, "b".repeat(32)), {}, { projectHeader: null })).status).toBe(200);
    const mismatch = await send(emu, tasksPath(INSTANCE, "b".repeat(32)));
    expect(mismatch.status).toBe(400);
  });

  test("bad signature, unknown key, unsigned host, missing Authorization → 401 APIGW.0301", async () => {
    emu.setTasks(INSTANCE, sampleTasks(1));
    const expect0301 = (r: Reply): void => {
      expect(r.status).toBe(401);
      expect(r.json()).toMatchObject({
        error_code: "APIGW.0301",
        error_msg: "Incorrect IAM authentication information: verify aksk signature fail",
      });
      expect(r.headers["x-request-id"]).toBeTruthy();
    };
    expect0301(await send(emu, tasksPath(), {}, { creds: { ...DEMO_CREDENTIALS, secretKey: "wrong" } }));
    expect0301(await send(emu, tasksPath(), {}, { creds: { accessKey: "UNKNOWN", secretKey: "x" } }));
    expect0301(await send(emu, tasksPath(), {}, { tamper: (h) => (h["X-Project-Id"] = "f".repeat(32)) }));
    expect0301(await send(emu, tasksPath(), {}, { tamper: (h) => delete h["Authorization"] }));
    expect0301(
      await send(emu, tasksPath(), {}, { tamper: (h) => (h["Authorization"] = h["Authorization"].replace("host;", "")) }),
    );
    // A query changed after signing.
    const headers = signRequest(
      { method: "GET", path: tasksPath(), query: { limit: "5" }, headers: { Host: `127.0.0.1:${emu.port}` } },
      DEMO_CREDENTIALS,
    );
    const tampered = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port: emu.port, path: `${tasksPath()}?limit=6`, headers, agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on("error", reject);
    });
    expect(tampered).toBe(401);
    // And the same request untampered passes (X-Project-Id is optional).
    expect((await send(emu, tasksPath(), { limit: "5" }, { projectHeader: null })).status).toBe(200);
  });

  test("X-Sdk-Date 20 minutes off → 401 APIGW.0303", async () => {
    emu.setTasks(INSTANCE, sampleTasks(1));
    for (const offset of [-20, 20]) {
      const r = await send(emu, tasksPath(), {}, { now: new Date(Date.now() + offset * 60_000) });
      expect(r.status).toBe(401);
      expect(r.json().error_code).toBe("APIGW.0303");
      expect(String(r.json().error_msg)).toMatch(/date.*outside the allowed window/);
    }
    expect((await send(emu, tasksPath(), {}, { now: new Date(Date.now() - 10 * 60_000) })).status).toBe(200);
  });

  test("temporary keys need the signed X-Security-Token", async () => {
    await emu.close();
    const temp = { accessKey: "TEMPKEY", secretKey: "temp-secret", securityToken: "token-123" };
    emu = await startEmulator({ keys: [temp] });
    emu.setTasks(INSTANCE, sampleTasks(1));
    const without = await send(emu, tasksPath(), {}, { creds: { accessKey: temp.accessKey, secretKey: temp.secretKey } });
    expect(without.status).toBe(401);
    expect(without.json().error_code).toBe("APIGW.0301");
    expect((await send(emu, tasksPath(), {}, { creds: { ...temp, securityToken: "token-999" } })).status).toBe(401);
    expect((await send(emu, tasksPath(), {}, { creds: temp })).status).toBe(200);
  });

  test("the doc example's /schedule-tasks and other paths → 404 APIGW.0101", async () => {
    emu.setTasks(INSTANCE, sampleTasks(1));
    for (const path of [`/v2/${DEMO_PROJECT_ID}/instances/${INSTANCE}/schedule-tasks`, "/", "/v2/x"]) {
      const r = await send(emu, path);
      expect(r.status).toBe(404);
      expect(r.json()).toMatchObject({
        error_code: "APIGW.0101",
        error_msg: "The API does not exist or has not been published in the environment",
      });
    }
  });

  test("IAM project lookup by region", async () => {
    const r = await send(emu, "/v3/projects", { name: DEMO_REGION }, { projectHeader: null });
    expect(r.status).toBe(200);
    expect(r.json().projects).toEqual([expect.objectContaining({ id: DEMO_PROJECT_ID, name: DEMO_REGION, enabled: true })]);
    expect((r.json().projects as Array<{ domain_id: string }>)[0].domain_id).toMatch(/^[0-9a-f]{32}$/);
    expect((await send(emu, "/v3/projects", { name: "eu-west-101" }, { projectHeader: null })).json()).toEqual({ projects: [] });
    expect((await send(emu, "/v3/projects", { name: DEMO_REGION }, { creds: { ...DEMO_CREDENTIALS, secretKey: "no" } })).status).toBe(401);
  });

  test("status faults: 429 with Retry-After, 503 defaults; consumed in order; IAM untouched", async () => {
    emu.setTasks(INSTANCE, sampleTasks(1));
    emu.injectFaults({ kind: "status", status: 429, retryAfter: 2 }, { kind: "status", status: 503 });
    const iam = await send(emu, "/v3/projects", { name: DEMO_REGION });
    expect(iam.status).toBe(200);
    const a = await send(emu, tasksPath());
    expect(a.status).toBe(429);
    expect(a.headers["retry-after"]).toBe("2");
    expect(a.json()).toMatchObject({ error_code: "APIGW.0308", error_msg: "The throttling threshold has been reached" });
    const b = await send(emu, tasksPath());
    expect(b.status).toBe(503);
    expect(b.json()).toMatchObject({ error_code: "DMS.00500000", error_msg: "Internal error" });
    expect((await send(emu, tasksPath())).status).toBe(200);
    expect(emu.requests.map((r) => [r.target, r.status, r.fault])).toEqual([
      ["iam", 200, undefined],
      ["api", 429, "status"],
      ["api", 503, "status"],
      ["api", 200, undefined],
    ]);

    emu.injectFaults({ kind: "status", status: 500, errorCode: "X.1", errorMsg: "boom", target: "iam" });
    expect((await send(emu, tasksPath())).status).toBe(200);
    expect((await send(emu, "/v3/projects", { name: DEMO_REGION })).json()).toMatchObject({ error_code: "X.1", error_msg: "boom" });
    expect(emu.pendingFaults).toEqual([]);
    emu.injectFaults({ kind: "status", status: 500 });
    emu.clearFaults();
    expect((await send(emu, tasksPath())).status).toBe(200);
    expect(() => emu.injectFaults({ kind: "status", status: 42 })).toThrow(/status/);
  });

  test("reset, hang, truncate and delay faults", async () => {
    emu.setTasks(INSTANCE, sampleTasks(3));
    emu.injectFaults({ kind: "reset" }, { kind: "hang" }, { kind: "truncate" }, { kind: "delay", ms: 200 });
    await expect(send(emu, tasksPath())).rejects.toThrow(/socket hang up|ECONNRESET/);
    await expect(send(emu, tasksPath(), {}, { timeoutMs: 300 })).rejects.toThrow(/client timeout/);
    const cut = await send(emu, tasksPath());
    expect(cut.status).toBe(200);
    expect(() => cut.json()).toThrow();
    expect(cut.text.length).toBeGreaterThan(10);
    const t0 = Date.now();
    const slow = await send(emu, tasksPath());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
    expect(slow.json().job_count).toBe("3");
    expect(emu.requests.map((r) => [r.fault, r.status])).toEqual([
      ["reset", undefined],
      ["hang", undefined],
      ["truncate", 200],
      ["delay", 200],
    ]);
  });

  test("a hanging request does not keep close() waiting", async () => {
    emu.setTasks(INSTANCE, sampleTasks(1));
    emu.injectFaults({ kind: "hang" }, { kind: "delay", ms: 60_000 });
    const hung = send(emu, tasksPath(), {}, { timeoutMs: 30_000 }).then(() => "answered", (e: Error) => e.message);
    const delayed = send(emu, tasksPath(), {}, { timeoutMs: 30_000 }).then(() => "answered", (e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 100));
    const t0 = Date.now();
    await emu.close();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await hung).toMatch(/socket hang up|ECONNRESET/);
    expect(await delayed).toMatch(/socket hang up|ECONNRESET/);
  });

  test("latency applies to every response", async () => {
    emu.setTasks(INSTANCE, sampleTasks(1));
    emu.setLatency(150);
    const t0 = Date.now();
    await send(emu, tasksPath());
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    emu.setLatency(0);
  });

  test("EXECUTING turns SUCCESS (or thenStatus) after executingForMs", async () => {
    emu.setTasks(INSTANCE, [
      { id: "a", status: "CREATED", updated_at: "2024-01-01T00:00:00.000Z", executingForMs: 300 },
      { id: "b", executingForMs: 300, thenStatus: "FAILED" },
    ]);
    const before = jobsOf(await send(emu, tasksPath()));
    expect(before.map((j) => j.status)).toEqual(["EXECUTING", "EXECUTING"]);
    expect(before[0].updated_at).toBe("2024-01-01T00:00:00.000Z");
    expect(before[0]).not.toHaveProperty("executingForMs");
    await new Promise((r) => setTimeout(r, 350));
    const after = jobsOf(await send(emu, tasksPath()));
    expect(after.map((j) => j.status)).toEqual(["SUCCESS", "FAILED"]);
    expect(Date.parse(after[0].updated_at)).toBeGreaterThan(Date.parse("2024-01-02"));
    expect(after[1]).not.toHaveProperty("thenStatus");
  });

  test("generateTasks(100000): fast, deterministic, unique ids, last pages and time filter work", async () => {
    const t0 = Date.now();
    emu.generateTasks(INSTANCE, 100_000);
    expect(Date.now() - t0).toBeLessThan(200);
    const r = await send(emu, tasksPath(), { start: "99900", limit: "100" });
    expect(r.status).toBe(200);
    expect(r.json().job_count).toBe("100000");
    const jobs = jobsOf(r);
    expect(jobs).toHaveLength(100);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(100);
    expect(jobs.every((j) => /^[0-9a-f]{32}$/.test(j.id))).toBe(true);
    for (let i = 1; i < jobs.length; i++) expect(jobs[i].schedule_at > jobs[i - 1].schedule_at).toBe(true);
    expect(new Set(jobs.slice(0, 6).map((j) => j.status)).size).toBe(6);
    expect(jobsOf(await send(emu, tasksPath(), { start: "99999", limit: "100" }))).toHaveLength(1);

    // Deterministic: the same call on another emulator gives the same tasks.
    const other = await startEmulator();
    try {
      other.generateTasks(INSTANCE, 100_000);
      expect(jobsOf(await send(other, tasksPath(), { start: "99900", limit: "100" }))).toEqual(jobs);
    } finally {
      await other.close();
    }

    // Generated schedule_at: one minute apart from 2024-01-01T00:00:00Z.
    const day = await send(emu, tasksPath(), { begin_time: "20240102000000", end_time: "20240102235959", limit: "100" });
    expect(day.json().job_count).toBe("1440");
    expect(jobsOf(day)[0].schedule_at).toBe("2024-01-02T00:00:00.000Z");

    emu.generateTasks(INSTANCE, 5, { status: "SUCCESS" });
    const small = await send(emu, tasksPath());
    expect(small.json().job_count).toBe("5");
    expect(jobsOf(small).every((j) => j.status === "SUCCESS")).toBe(true);
    emu.addTasks(INSTANCE, [{ id: "extra", status: "EXECUTING" }]);
    expect(jobsOf(await send(emu, tasksPath())).map((j) => j.id).slice(-1)).toEqual(["extra"]);
  });

  test("requests are recorded with lowercased headers and can be reset", async () => {
    emu.setTasks(INSTANCE, sampleTasks(1));
    await send(emu, tasksPath(), { limit: "5" });
    expect(emu.requests).toHaveLength(1);
    const rec = emu.requests[0];
    expect(rec).toMatchObject({ method: "GET", path: tasksPath(), query: { limit: "5" }, status: 200 });
    expect(rec.headers["x-sdk-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    emu.resetRequests();
    expect(emu.requests).toHaveLength(0);
  });
});

test("fastIso agrees with Date#toISOString", () => {
  const samples = [0, 1, 999, 86_399_999, 86_400_000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), 253402300799999, -1];
  for (let i = 0; i < 2000; i++) samples.push(Math.floor(Math.random() * 4_102_444_800_000));
  for (const ms of samples) expect(fastIso(ms)).toBe(new Date(ms).toISOString());
});

describe("demo seed and CLI", () => {
  test("seed demo: realistic tasks on the demo instance, one EXECUTING", async () => {
    const emu = await startEmulator({ seed: "demo" });
    try {
      const r = await send(emu, tasksPath(DEMO_INSTANCE_ID), { limit: "100" });
      expect(r.status).toBe(200);
      const jobs = jobsOf(r);
      expect(Number(r.json().job_count)).toBe(jobs.length);
      expect(jobs.filter((j) => j.status === "EXECUTING")).toHaveLength(1);
      expect(new Set(jobs.map((j) => j.status))).toEqual(new Set(["SUCCESS", "FAILED", "CANCELLED", "EXECUTING", "CREATED"]));
    } finally {
      await emu.close();
    }
  });

  test("seed demo: the EXECUTING task runs for demoExecutingMs from the first request that lists it", async () => {
    const emu = await startEmulator({ seed: "demo", demoExecutingMs: 400 });
    try {
      const executing = async (): Promise<number> =>
        jobsOf(await send(emu, tasksPath(DEMO_INSTANCE_ID), { limit: "100" })).filter((j) => j.status === "EXECUTING").length;
      await new Promise((r) => setTimeout(r, 600)); // longer than the run: the clock has not started yet
      expect(await executing()).toBe(1);
      await new Promise((r) => setTimeout(r, 500));
      expect(await executing()).toBe(0);
    } finally {
      await emu.close();
    }
  });

  test("runEmulatorCommand prints the exports and stops on SIGTERM", async () => {
    let printed = "";
    const out = new Writable({
      write(chunk: Buffer, _enc, cb) {
        printed += chunk.toString();
        cb();
      },
    });
    const listenersBefore = process.listenerCount("SIGTERM");
    const running = runEmulatorCommand({ host: "127.0.0.1", port: 0, seed: "demo" }, out);
    while (!printed.includes("Demo instance")) await new Promise((r) => setTimeout(r, 10));
    expect(printed).toContain(`export HW_ACCESS_KEY=${DEMO_CREDENTIALS.accessKey}`);
    expect(printed).toContain(`export HW_SECRET_KEY=${DEMO_CREDENTIALS.secretKey}`);
    expect(printed).toMatch(/export HW_DMS_ENDPOINT=http:\/\/127\.0\.0\.1:\d+/);
    expect(printed).toMatch(/export HW_IAM_ENDPOINT=http:\/\/127\.0\.0\.1:\d+/);
    expect(printed).toContain("export HW_REGION_NAME=cn-north-4");
    expect(printed).toContain(DEMO_INSTANCE_ID);
    process.emit("SIGTERM");
    await running;
    expect(process.listenerCount("SIGTERM")).toBe(listenersBefore);
  });
});
