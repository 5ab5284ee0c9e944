// The core waitForIdle (shared by the gate and `wait-idle`) and the CLI's progress rendering, in-process.
import { Emulator, startEmulator } from "../provider/emulator";
import { ApiError, GateTimeoutError, ValidationError, WaitProgress, waitForIdle } from "../provider/core";
import { progressText, progressWriter } from "../provider/cli/commands/waitIdle";

const INSTANCE = "inst-core";
const KEY = { accessKey: "COREWAITACCESSKEY001", secretKey: "core-wait-secret-key-1" };
let emulator: Emulator;

function clientOptions(extra: Record<string, unknown> = {}) {
  return {
    config: { accessKey: KEY.accessKey, secretKey: KEY.secretKey, projectId: "0123456789abcdef0123456789abcdef", endpoint: emulator.url },
    env: {},
    ...extra,
  };
}

beforeAll(async () => {
  emulator = await startEmulator({ keys: [KEY] });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.clearFaults();
  emulator.resetRequests();
});

test("idle: one poll, the listing returned", async () => {
  emulator.setTasks(INSTANCE, [{ id: "a", status: "SUCCESS" }]);
  const progress: WaitProgress[] = [];
  const r = await waitForIdle({ instanceId: INSTANCE }, { clientOptions: clientOptions(), onProgress: (p) => progress.push(p) });
  expect(r.polls).toBe(1);
  expect(r.result.statusCounts).toEqual({ SUCCESS: 1 });
  expect(Date.parse(r.checkedAt)).toBeGreaterThan(Date.now() - 5000);
  expect(progress).toHaveLength(1);
  expect(progress[0].blocking).toEqual([]);
});

test("waits while blocking, reports each poll, ends when the task finishes", async () => {
  emulator.setTasks(INSTANCE, [{ id: "run", name: "n", status: "EXECUTING", executingForMs: 300 }]);
  const progress: WaitProgress[] = [];
  const r = await waitForIdle({ instanceId: INSTANCE }, { intervalMs: 100, timeoutMs: 5000, clientOptions: clientOptions(), onProgress: (p) => progress.push(p) });
  expect(r.polls).toBeGreaterThanOrEqual(3);
  expect(r.waitedMs).toBeGreaterThanOrEqual(250);
  expect(progress[0]).toMatchObject({ polls: 1, blocking: [{ id: "run", status: "EXECUTING" }], nextPollInMs: 100 });
  expect(progress[progress.length - 1].blocking).toEqual([]);
});

/** A clock that moves only when the wait sleeps: a ten-minute wait runs in milliseconds, to the exact poll. */
function fakeTime() {
  let now = Date.UTC(2026, 0, 1);
  const sleeps: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

test("timeout: a GateTimeoutError carrying the blocking tasks; polls every interval, the last one at the deadline", async () => {
  emulator.setTasks(INSTANCE, [
    { id: "x", name: "stuck", status: "EXECUTING", executingForMs: 3_600_000 },
    { id: "y", name: "queued", status: "CREATED" },
  ]);
  const time = fakeTime();
  const err = (await waitForIdle(
    { instanceId: INSTANCE },
    { blockingStatuses: ["EXECUTING", "CREATED"], intervalMs: 15_000, timeoutMs: 100_000, clientOptions: clientOptions(), ...time },
  ).catch((e) => e)) as GateTimeoutError & { blocking: Array<{ id: string }>; polls: number; waitedMs: number };
  expect(err).toBeInstanceOf(GateTimeoutError);
  // Polls at 0, 15, …, 90 s, then one at the deadline (100 s): the last pause is what was left.
  expect(time.sleeps).toEqual([15_000, 15_000, 15_000, 15_000, 15_000, 15_000, 10_000]);
  expect(err.polls).toBe(8);
  expect(err.waitedMs).toBe(100_000);
  expect(err.blocking.map((t) => t.id)).toEqual(["x", "y"]);
  expect(err.message).toMatch(/^Gave up after 100 s \(8 checks\): 2 scheduled tasks on DMS instance inst-core are still EXECUTING or CREATED:\n  - x \(stuck\) EXECUTING/);
});

test("transient failures are polled through; permanent ones end the wait at once", async () => {
  emulator.setTasks(INSTANCE, []);
  emulator.injectFaults({ kind: "status", status: 503 }, { kind: "status", status: 503 });
  const progress: WaitProgress[] = [];
  const r = await waitForIdle(
    { instanceId: INSTANCE },
    { intervalMs: 50, timeoutMs: 5000, clientOptions: clientOptions({ retry: { limit: 0 } }), onProgress: (p) => progress.push(p) },
  );
  expect(r.polls).toBe(3);
  expect(progress.filter((p) => p.error).map((p) => (p.error as ApiError).status)).toEqual([503, 503]);

  emulator.injectFaults({ kind: "status", status: 404, errorCode: "DMS.404", errorMsg: "instance not found" });
  const started = Date.now();
  await expect(waitForIdle({ instanceId: INSTANCE }, { intervalMs: 50, timeoutMs: 5000, clientOptions: clientOptions({ retry: { limit: 0 } }) })).rejects.toBeInstanceOf(ApiError);
  expect(Date.now() - started).toBeLessThan(1000);

  // Never listed anything before the timeout: the API error, not a gate verdict.
  emulator.injectFaults(...Array.from({ length: 10 }, () => ({ kind: "status" as const, status: 503 })));
  await expect(
    waitForIdle({ instanceId: INSTANCE }, { intervalMs: 50, timeoutMs: 120, clientOptions: clientOptions({ retry: { limit: 0 } }) }),
  ).rejects.toMatchObject({ name: "ApiError", status: 503 });
});

test("validation before anything is sent; an abort ends the wait", async () => {
  await expect(waitForIdle({ instanceId: INSTANCE }, { blockingStatuses: ["RUNNING"], clientOptions: clientOptions() })).rejects.toThrow(
    /^blockingStatuses\[0\] must be one of/,
  );
  await expect(waitForIdle({ instanceId: INSTANCE }, { blockingStatuses: [], clientOptions: clientOptions() })).rejects.toBeInstanceOf(ValidationError);
  await expect(waitForIdle({ instanceId: INSTANCE }, { intervalMs: 0, clientOptions: clientOptions() })).rejects.toThrow(/^interval must be a number of seconds from 0.001 to 3600; got 0\.$/);
  await expect(waitForIdle({ instanceId: "../x" }, { clientOptions: clientOptions() })).rejects.toThrow(/instanceId must be/);
  expect(emulator.requests).toHaveLength(0);

  emulator.setTasks(INSTANCE, [{ id: "x", status: "EXECUTING", executingForMs: 60_000 }]);
  const abort = new AbortController();
  setTimeout(() => abort.abort(new Error("stop now")), 150);
  const started = Date.now();
  await expect(waitForIdle({ instanceId: INSTANCE }, { intervalMs: 10_000, signal: abort.signal, clientOptions: clientOptions() })).rejects.toThrow("stop now");
  expect(Date.now() - started).toBeLessThan(2000);
});

describe("CLI progress rendering", () => {
  const p: WaitProgress = {
    polls: 2,
    elapsedMs: 15_200,
    remainingMs: 100_000,
    blocking: [
      { id: "t1", name: "a\u001b[31m", status: "EXECUTING" },
      { id: "t2", status: "EXECUTING" },
      { id: "t3", name: "c", status: "EXECUTING" },
      { id: "t4", name: "d", status: "EXECUTING" },
    ],
    nextPollInMs: 15_000,
  };

  test("one line: elapsed, count, first tasks (control characters neutralised)", () => {
    expect(progressText(p, ["EXECUTING"])).toBe("[15s] 4 EXECUTING: t1 (a?[31m), t2 (unnamed), t3 (c) and 1 more; next check in 15s");
    expect(progressText({ ...p, blocking: [], error: new Error("HTTP 503") }, ["EXECUTING"])).toBe("[15s] check failed (HTTP 503); retrying in 15s");
  });

  test("a TTY gets one updating line, a pipe gets plain lines", () => {
    const tty = { isTTY: true, columns: 40, text: "", write(s: string) { this.text += s; return true; } };
    const w = progressWriter(tty as unknown as NodeJS.WriteStream, ["EXECUTING"]);
    w.update(p);
    w.update({ ...p, elapsedMs: 30_000 });
    w.done();
    const frames = tty.text.split("\r\x1b[2K").filter(Boolean);
    expect(frames).toHaveLength(2);
    expect(frames[0].length).toBeLessThanOrEqual(39);
    expect(frames[1]).toMatch(/^waiting: \[30s\] 4 EXECUTING.*…\n$/);

    const pipe = { isTTY: false, text: "", write(s: string) { this.text += s; return true; } };
    const w2 = progressWriter(pipe as unknown as NodeJS.WriteStream, ["EXECUTING"]);
    w2.update(p);
    w2.update(p);
    w2.done();
    expect(pipe.text.split("\n")).toHaveLength(3);
    expect(pipe.text).not.toMatch(/\r|\x1b\[2K/);
  });
});
