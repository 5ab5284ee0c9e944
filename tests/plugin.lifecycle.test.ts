// The plugin process as the engine sees it: stdout holds only the port, SIGTERM/SIGINT end it cleanly (even
// mid-request), start-up never loads the root `@pulumi/pulumi` module (nor the core before the first Invoke).
// How fast it starts is measured by `npm run bench` (plugin start vs. `require("@pulumi/pulumi")`).
// Needs `npx tsc -p tsconfig.build.json` first (npm test does it).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { DEMO_CREDENTIALS, DEMO_INSTANCE_ID, DEMO_PROJECT_ID, Emulator, startEmulator } from "../provider/emulator";
import { PluginProcess, spawnPlugin } from "./helpers/pluginHarness";

const ROOT = path.join(__dirname, "..");
const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, ...extra });
const struct = (o: Record<string, unknown>) => Struct.fromJavaScript(o as never);

let emu: Emulator;
const plugins: PluginProcess[] = [];
beforeAll(async () => {
  emu = await startEmulator({ seed: "demo" });
});
afterAll(async () => {
  await Promise.all(plugins.map((p) => p.close()));
  await emu?.close();
});

async function start(env: NodeJS.ProcessEnv = cleanEnv()): Promise<PluginProcess> {
  const p = await spawnPlugin({ env, args: ["127.0.0.1:1"] });
  plugins.push(p);
  return p;
}

async function configure(p: PluginProcess): Promise<void> {
  await p.configure(
    new pb.ConfigureRequest().setArgs(
      struct({ projectId: DEMO_PROJECT_ID, endpoint: emu.url, accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey }),
    ),
  );
}

const invokeDemo = (p: PluginProcess) =>
  p.invoke(new pb.InvokeRequest().setTok("huaweicloud-dms:kafka:getScheduledTasks").setArgs(struct({ instanceId: DEMO_INSTANCE_ID })));

describe("signals", () => {
  test.each(["SIGTERM", "SIGINT"] as const)("%s: graceful shutdown, exit code 0, stdout only the port", async (signal) => {
    const p = await start();
    await p.getPluginInfo();
    p.child.kill(signal);
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toBe(`${p.port}\n`);
  });

  test("SIGTERM during a hanging request: the request is aborted and the process exits 0 promptly", async () => {
    const p = await start();
    await configure(p);
    emu.injectFaults({ kind: "hang" });
    const pending = invokeDemo(p).catch((e) => e);
    const until = Date.now() + 5000;
    while (!emu.requests.some((r) => r.fault === "hang") && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    const t0 = Date.now();
    p.child.kill("SIGTERM");
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(((await pending) as { code?: number }).code).toBeDefined(); // the call ended (cancelled or connection gone)
  });
});

describe("what start-up loads", () => {
  // A preload that dumps require.cache to stderr on SIGUSR2, to inspect the running plugin.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hwdms-plugin-"));
  const preload = path.join(dir, "dump-require-cache.js");
  fs.writeFileSync(
    preload,
    `process.on("SIGUSR2", () => process.stderr.write("CACHE " + JSON.stringify(Object.keys(require.cache)) + "\\n"));\n`,
  );
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function loaded(p: PluginProcess): Promise<string[]> {
    const before = p.stderr().length;
    p.child.kill("SIGUSR2");
    const until = Date.now() + 5000;
    while (!/CACHE .*\n/.test(p.stderr().slice(before)) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    const line = /CACHE (.*)\n/.exec(p.stderr().slice(before))![1];
    return (JSON.parse(line) as string[]).map((f) => path.relative(ROOT, f).split(path.sep).join("/"));
  }

  test("no root @pulumi/pulumi module, no core before the first Invoke; after it, still no root module", async () => {
    const p = await start(cleanEnv({ NODE_OPTIONS: `--require ${preload}` }));
    const atStart = await loaded(p);
    expect(atStart).toContain("dist/provider/plugin/main.js");
    expect(atStart.filter((f) => f.startsWith("node_modules/@pulumi/pulumi/") && !f.startsWith("node_modules/@pulumi/pulumi/proto/"))).toEqual([]);
    expect(atStart.filter((f) => f.startsWith("dist/provider/core/") || /node_modules\/(axios|io-ts)\//.test(f))).toEqual([]);

    await configure(p);
    const res = await invokeDemo(p);
    expect(res.getFailuresList()).toEqual([]);
    const afterInvoke = await loaded(p);
    expect(afterInvoke).toContain("dist/provider/core/client.js");
    expect(afterInvoke.filter((f) => f.startsWith("node_modules/@pulumi/pulumi/") && !f.startsWith("node_modules/@pulumi/pulumi/proto/"))).toEqual([]);
  });
});
