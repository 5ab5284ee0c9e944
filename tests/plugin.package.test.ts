// `npm run package:plugin`: the tarball `pulumi plugin install resource huaweicloud-dms <version> --file` takes.
// Unpacked far from any node_modules and started through its launcher as the engine starts an installed
// plugin, it serves this checkout's version and schema and answers an Invoke against the emulator: the bundle
// needs nothing beside it but `node` on PATH, and says so in one sentence when node is missing.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { list } from "tar";
import { DEMO_CREDENTIALS, DEMO_INSTANCE_ID, DEMO_PROJECT_ID, Emulator, startEmulator } from "../provider/emulator";
import { PLUGIN_BUNDLE, PLUGIN_EXECUTABLE, pluginArchiveName } from "../scripts/pluginArchive";
import { PluginProcess, spawnPlugin } from "./helpers/pluginHarness";

const ROOT = path.join(__dirname, "..");
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
const OS = process.platform === "darwin" ? "darwin" : "linux";
const ARCH = process.arch === "arm64" ? "arm64" : "amd64";

let work: string;
let tarball: string;
let unpacked: string;
let emu: Emulator;
let plugin: PluginProcess | undefined;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-package-"));
  const run = spawnSync("npm", ["run", "--silent", "package:plugin", "--", "--out", work], { cwd: ROOT, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`npm run package:plugin failed: ${run.stderr}`);
  tarball = run.stdout.trim().split("\n").at(-1)!;
  unpacked = path.join(work, "installed");
  fs.mkdirSync(unpacked);
  const untar = spawnSync("tar", ["-xzf", tarball, "-C", unpacked], { encoding: "utf8" });
  if (untar.status !== 0) throw new Error(`tar -xzf failed: ${untar.stderr}`);
  emu = await startEmulator({ seed: "demo" });
}, 120_000);

afterAll(async () => {
  await plugin?.close();
  await emu?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

test("the tarball is named as Pulumi names plugin archives and holds the launcher, one bundle and the plugin's data", async () => {
  expect(path.basename(tarball)).toBe(pluginArchiveName(VERSION, OS, ARCH));
  expect(path.basename(tarball)).toBe(`pulumi-resource-huaweicloud-dms-v${VERSION}-${OS}-${ARCH}.tar.gz`);
  const entries = new Map<string, number>();
  await list({ file: tarball, onReadEntry: (e) => void entries.set(e.path, e.mode ?? 0) });
  expect([...entries.keys()].filter((p) => !["LICENSE", "README.md"].includes(p)).sort()).toEqual(
    [PLUGIN_EXECUTABLE, PLUGIN_BUNDLE, "package.json", "schema.json"].sort(),
  );
  expect(entries.get(PLUGIN_EXECUTABLE)! & 0o111).toBe(0o111);
  expect(fs.readFileSync(path.join(unpacked, "schema.json"), "utf8")).toBe(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
});

test("unpacked away from node_modules, the launcher starts the plugin: version, schema and an Invoke against the emulator", async () => {
  const env = { PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: work };
  plugin = await spawnPlugin({ executable: path.join(unpacked, PLUGIN_EXECUTABLE), env, cwd: work, args: ["127.0.0.1:1"] });
  expect((await plugin.getPluginInfo()).getVersion()).toBe(VERSION);
  expect((await plugin.getSchema(new pb.GetSchemaRequest())).getSchema()).toBe(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));

  const config = { projectId: DEMO_PROJECT_ID, endpoint: emu.url, accessKey: DEMO_CREDENTIALS.accessKey, secretKey: DEMO_CREDENTIALS.secretKey };
  await plugin.configure(new pb.ConfigureRequest().setArgs(Struct.fromJavaScript(config)));
  const res = await plugin.invoke(
    new pb.InvokeRequest().setTok("huaweicloud-dms:kafka:getScheduledTasks").setArgs(Struct.fromJavaScript({ instanceId: DEMO_INSTANCE_ID })),
  );
  expect(res.getFailuresList()).toEqual([]);
  const out = res.getReturn()!.toJavaScript() as { jobCount: number; jobs: unknown[]; executingCount: number; hasExecuting: boolean };
  expect(out).toMatchObject({ jobCount: 7, executingCount: 1, hasExecuting: true });
  expect(out.jobs).toHaveLength(7);
  expect(plugin.stdout()).toBe(`${plugin.port}\n`);
  expect(plugin.stderr()).not.toContain(DEMO_CREDENTIALS.secretKey);
});

test("without node on PATH the launcher fails with one sentence saying what it needs", () => {
  const bin = path.join(work, "bin-without-node");
  fs.mkdirSync(bin);
  const dirname = spawnSync("sh", ["-c", "command -v dirname"], { encoding: "utf8" }).stdout.trim();
  fs.symlinkSync(dirname, path.join(bin, "dirname"));
  const run = spawnSync(path.join(unpacked, PLUGIN_EXECUTABLE), [], { env: { PATH: bin }, encoding: "utf8", timeout: 10_000 });
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr.trim()).toBe("huaweicloud-dms: the plugin needs Node.js 20.3 or newer on PATH.");
});
