// Issue 14 item 3: the plugin installed as Pulumi plugins are, from the `npm run package:plugin` tarball with
// `pulumi plugin install resource huaweicloud-dms <version> --file`, and nothing else: neither the repository's
// bin/ (nor any npm install of the package) on PATH, nor `plugins.providers.path`. examples/yaml then runs as is;
// `pulumi package get-schema huaweicloud-dms` serves schema.json.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Emulator, EmulatorKey } from "../../provider/emulator";
import { ROOT, Workspace, pluginTarball, sentinelCredentials, startTestEmulator } from "./harness";
import { whereSecretsLeak } from "./secrets";
import { YAML_OUTPUTS, YAML_TASKS, exampleProgram } from "./yamlProgram";

const INSTANCE = "e2e-kafka-installed";

let emulator: Emulator;
let key: EmulatorKey;
let programs: string;
let ws: Workspace;

beforeAll(async () => {
  key = sentinelCredentials();
  emulator = await startTestEmulator([key]);
  emulator.setTasks(INSTANCE, YAML_TASKS);
  programs = fs.mkdtempSync(path.join(os.tmpdir(), "hwdms-installed-"));
  ws = await Workspace.create({ program: exampleProgram(path.join(programs, "yaml")), env: { HW_IAM_ENDPOINT: emulator.url } });
  await ws.setAllConfig({ instanceId: INSTANCE, region: "cn-north-4", endpoint: emulator.url });
  await ws.setConfig("accessKey", key.accessKey, { secret: true });
  await ws.setConfig("secretKey", key.secretKey, { secret: true });
});

afterAll(async () => {
  await ws?.dispose();
  await emulator?.close();
  fs.rmSync(programs, { recursive: true, force: true });
});

test("before the install, nothing else provides the plugin: `preview` fails for want of it", async () => {
  // The workspace's PATH is the toolchain, node's folder and the system's: a global npm install of the package
  // in one of them would stand in for the installed plugin and void this case.
  const shadows = (ws.environment().PATH ?? "")
    .split(path.delimiter)
    .map((d) => path.join(d, "pulumi-resource-huaweicloud-dms"))
    .filter((f) => fs.existsSync(f));
  expect(shadows).toEqual([]);
  expect(fs.readFileSync(path.join(ws.dir, "Pulumi.yaml"), "utf8")).not.toMatch(/^\s*plugins:/m);
  const r = await ws.run(["preview"]);
  expect(r.code).not.toBe(0);
  expect(`${r.stdout}\n${r.stderr}`).toContain("no resource plugin 'pulumi-resource-huaweicloud-dms' found in the workspace or on your $PATH");
});

test("`pulumi plugin install resource huaweicloud-dms <version> --file <tarball>` accepts the tarball", async () => {
  const { file, version } = pluginTarball();
  await ws.ok(["plugin", "install", "resource", "huaweicloud-dms", version, "--file", file], { interactive: true });
  const listed = JSON.parse((await ws.ok(["plugin", "ls", "--json"], { interactive: true })).stdout) as Array<{ name: string; kind: string; version: string }>;
  expect(listed.filter((p) => p.name === "huaweicloud-dms")).toEqual([expect.objectContaining({ kind: "resource", version })]);
});

test("`pulumi package get-schema huaweicloud-dms` on the installed plugin equals schema.json (key order aside)", async () => {
  const r = await ws.ok(["package", "get-schema", "huaweicloud-dms"], { interactive: true });
  expect(JSON.parse(r.stdout)).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")));
});

test("examples/yaml runs on the installed plugin: `up` exports the emulator's tasks, no secret leaks", async () => {
  emulator.resetRequests();
  const r = await ws.ok(["up", "--yes"]);
  expect(r.stdout + r.stderr).not.toMatch(/from \$PATH/);
  expect(await ws.outputs()).toEqual(YAML_OUTPUTS);
  expect(emulator.requests.filter((q) => q.target === "api" && q.status === 200).length).toBeGreaterThan(0);
  expect(await whereSecretsLeak(ws, key)).toEqual([]);
});
