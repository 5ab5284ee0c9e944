// The plugin, spawned as the engine spawns it, against inputs the engine may send during a preview (unknowns,
// at any depth), heavy concurrency, and NODE_DEBUG.
// Needs `npx tsc -p tsconfig.build.json` first (npm test does it).
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { DEMO_CREDENTIALS, DEMO_PROJECT_ID, Emulator, startEmulator } from "../provider/emulator";
import { CONCURRENT_INVOKES } from "../provider/plugin/server";
import { PluginProcess, spawnPlugin } from "./helpers/pluginHarness";

const TOKEN = "huaweicloud-dms:kafka:getScheduledTasks";
const SIG = "4dabf18193072939515e22adb298388d";
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";
const UNKNOWN_ARRAY = "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2";
const INSTANCE = "inst-plugin-hostile";

const struct = (o: Record<string, unknown>) => Struct.fromJavaScript(o as never);
const invokeRequest = (args: Record<string, unknown>) => new pb.InvokeRequest().setTok(TOKEN).setArgs(struct(args));

let emu: Emulator;
const plugins: PluginProcess[] = [];

function envFor(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey,
    HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey,
    HW_PROJECT_ID: DEMO_PROJECT_ID,
    HW_DMS_ENDPOINT: emu.url,
    HW_IAM_ENDPOINT: emu.url,
    ...extra,
  };
}

async function start(extra: Record<string, string> = {}): Promise<PluginProcess> {
  const p = await spawnPlugin({ env: envFor(extra), args: ["127.0.0.1:1"] });
  plugins.push(p);
  return p;
}

beforeAll(async () => {
  emu = await startEmulator();
  emu.setTasks(INSTANCE, [
    { id: "t1", status: "EXECUTING" },
    { id: "t2", status: "SUCCESS" },
  ]);
});
afterAll(async () => {
  await Promise.all(plugins.map((p) => p.close()));
  await emu.close();
});
beforeEach(() => {
  emu.clearFaults();
  emu.resetRequests();
  emu.setLatency(0);
});

describe("Invoke with inputs not known yet (preview)", () => {
  it("never runs a different query: no request, an empty result, no failures — at any depth", async () => {
    const plugin = await start();
    const cases: Array<Record<string, unknown>> = [
      { instanceId: UNKNOWN_STRING },
      { instanceId: INSTANCE, statuses: ["EXECUTING", UNKNOWN_STRING] }, // one element unknown: not "EXECUTING" alone
      { instanceId: INSTANCE, statuses: UNKNOWN_ARRAY },
      { instanceId: INSTANCE, limit: UNKNOWN_NUMBER }, // not "every page"
      { instanceId: INSTANCE, start: { [SIG]: "d0e6a833031e9bbcd3f4e8bde6ca49a4" } }, // an output value without a value
      { instanceId: INSTANCE, projectId: { [SIG]: "1b47061264138c4ac30d75fd1eb44270", value: UNKNOWN_STRING } }, // a secret unknown
    ];
    for (const args of cases) {
      const res = await plugin.invoke(invokeRequest(args));
      expect(res.getFailuresList()).toEqual([]);
      expect(res.getReturn()?.toJavaScript() ?? {}).toEqual({});
    }
    expect(emu.requests).toHaveLength(0);

    // Once known, the same call runs.
    const known = await plugin.invoke(invokeRequest({ instanceId: INSTANCE, statuses: ["EXECUTING"] }));
    expect(known.getReturn()!.toJavaScript()).toMatchObject({ hasExecuting: true, jobs: [{ id: "t1" }] });
    expect(emu.requests).toHaveLength(1);
  });
});

describe("concurrency", () => {
  it("hundreds of concurrent Invokes: every one answered, no MaxListenersExceededWarning", async () => {
    const plugin = await start();
    emu.setLatency(100); // keep them in flight together (and queued for a slot)
    const n = 250;
    const results = await Promise.all(
      Array.from({ length: n }, () => plugin.invoke(invokeRequest({ instanceId: INSTANCE }), 60_000)),
    );
    expect(results.every((r) => (r.getReturn()!.toJavaScript() as { executingCount: number }).executingCount === 1)).toBe(true);
    expect(emu.requests.length).toBe(n);
    expect(plugin.stderr()).not.toMatch(/MaxListenersExceededWarning|memory leak detected/);
    // And Cancel still reaches every Invoke in flight through the one shared listener.
    emu.setLatency(0);
    emu.injectFaults(...Array.from({ length: 20 }, () => ({ kind: "hang" as const })));
    const hanging = Array.from({ length: 20 }, () => plugin.invoke(invokeRequest({ instanceId: INSTANCE })).catch((e: { code: number }) => e));
    // As many hang as run at once; the rest wait for a slot. Cancel ends both kinds.
    while (emu.requests.length < n + Math.min(20, CONCURRENT_INVOKES)) await new Promise((r) => setTimeout(r, 20));
    await plugin.cancel();
    const cancelled = await Promise.all(hanging);
    expect(cancelled.every((e) => (e as { code: number }).code === 1)).toBe(true); // grpc CANCELLED
    expect(plugin.stderr()).not.toMatch(/MaxListenersExceededWarning|memory leak detected/);
  });
});

describe("NODE_DEBUG", () => {
  it("naming http (in any comma list) makes the plugin warn once on stderr that credentials are exposed", async () => {
    const plugin = await start({ NODE_DEBUG: "fs,http" });
    await plugin.invoke(invokeRequest({ instanceId: INSTANCE }));
    const warnings = plugin.stderr().split("\n").filter((l) => l.startsWith("huaweicloud-dms: warning: NODE_DEBUG=fs,http makes Node print"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("Authorization and X-Security-Token");
    const quiet = await start({ NODE_DEBUG: "fs" });
    await quiet.getPluginInfo();
    expect(quiet.stderr()).not.toContain("NODE_DEBUG");
  });
});
