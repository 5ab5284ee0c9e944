// Case c: examples/yaml through the plugin, found on PATH from `npm install --global` as README says, both ways
// users configure it: the default provider from `huaweicloud-dms:*` stack config, and the example's explicit
// provider from its project config. `limit: 0` makes `preview` fail naming `limit` before any request.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DEMO_PROJECT_ID, Emulator, EmulatorKey } from "../../provider/emulator";
import { Workspace, describe as described, emulatorConfig, globalInstall, sentinelCredentials, startTestEmulator } from "./harness";
import { whereSecretsLeak } from "./secrets";
import { YAML_OUTPUTS, YAML_TASKS, defaultProviderProgram, exampleProgram, withArgument } from "./yamlProgram";

const INSTANCE = "e2e-kafka-yaml";

let emulator: Emulator;
let key: EmulatorKey;
let programs: string;
let pluginBin: string;
const workspaces: Workspace[] = [];

beforeAll(async () => {
  key = sentinelCredentials();
  emulator = await startTestEmulator([key]);
  emulator.setTasks(INSTANCE, YAML_TASKS);
  programs = fs.mkdtempSync(path.join(os.tmpdir(), "hwdms-yaml-"));
  pluginBin = globalInstall();
});

afterAll(async () => {
  for (const ws of workspaces) await ws.dispose();
  await emulator?.close();
  fs.rmSync(programs, { recursive: true, force: true });
});

async function workspace(program: string, env: Record<string, string> = {}): Promise<Workspace> {
  const ws = await Workspace.create({ program, pathPrepend: [pluginBin], env });
  workspaces.push(ws);
  return ws;
}

const listings = (): string[] => emulator.requests.filter((r) => r.target === "api").map((r) => r.path);

test("c. the default provider from `huaweicloud-dms:*` stack config: `up` exports the emulator's tasks", async () => {
  const ws = await workspace(defaultProviderProgram(path.join(programs, "default")));
  await ws.setAllConfig({ instanceId: INSTANCE, ...emulatorConfig(emulator, "0f1e2d3c4b5a69788796a5b4c3d2e1f0") });
  await ws.setConfig("huaweicloud-dms:accessKey", key.accessKey, { secret: true });
  await ws.setConfig("huaweicloud-dms:secretKey", key.secretKey, { secret: true });
  emulator.resetRequests();
  await ws.ok(["up", "--yes"]);
  expect(await ws.outputs()).toEqual(YAML_OUTPUTS);
  expect(listings()).toContain(`/v2/0f1e2d3c4b5a69788796a5b4c3d2e1f0/instances/${INSTANCE}/scheduled-tasks`);
  expect(await whereSecretsLeak(ws, key)).toEqual([]);
});

test("c. the explicit provider from project config (project ID looked up through IAM): `up` exports the emulator's tasks", async () => {
  // HW_IAM_ENDPOINT is the one setting that comes from the environment (the example's comment says so).
  const ws = await workspace(exampleProgram(path.join(programs, "explicit")), { HW_IAM_ENDPOINT: emulator.url });
  await ws.setAllConfig({ instanceId: INSTANCE, region: "cn-north-4", endpoint: emulator.url });
  await ws.setConfig("accessKey", key.accessKey, { secret: true });
  await ws.setConfig("secretKey", key.secretKey, { secret: true });
  // An explicit provider reads only its inputs: stack config for the default provider must not reach it.
  await ws.setConfig("huaweicloud-dms:endpoint", "http://127.0.0.1:9");
  emulator.resetRequests();
  await ws.ok(["up", "--yes"]);
  expect(await ws.outputs()).toEqual(YAML_OUTPUTS);
  expect(emulator.requests.some((r) => r.target === "iam")).toBe(true);
  expect(listings()).toContain(`/v2/${DEMO_PROJECT_ID}/instances/${INSTANCE}/scheduled-tasks`);
  expect(await whereSecretsLeak(ws, key)).toEqual([]);
});

test("c. the explicit provider with credentials from HW_ACCESS_KEY / HW_SECRET_KEY only, as the example's comment says", async () => {
  const ws = await workspace(exampleProgram(path.join(programs, "explicit-env")), {
    HW_IAM_ENDPOINT: emulator.url,
    HW_ACCESS_KEY: key.accessKey,
    HW_SECRET_KEY: key.secretKey,
  });
  ws.addSecret(key.accessKey);
  ws.addSecret(key.secretKey);
  await ws.setAllConfig({ instanceId: INSTANCE, region: "cn-north-4", endpoint: emulator.url });
  await ws.ok(["up", "--yes"]);
  expect(await ws.outputs()).toEqual(YAML_OUTPUTS);
  expect(await whereSecretsLeak(ws, key)).toEqual([]);
});

test("c. `limit: 0` makes `preview` fail naming `limit`, and nothing is sent", async () => {
  const ws = await workspace(withArgument(path.join(programs, "limit0"), "limit", 0));
  await ws.setAllConfig({ instanceId: INSTANCE, region: "cn-north-4", endpoint: emulator.url });
  await ws.setConfig("accessKey", key.accessKey, { secret: true });
  await ws.setConfig("secretKey", key.secretKey, { secret: true });
  emulator.resetRequests();
  const r = await ws.run(["preview"]);
  expect({ code: r.code, timedOut: r.timedOut }).toEqual({ code: 1, timedOut: false });
  const said = `${r.stdout}\n${r.stderr}`;
  expect(said).toMatch(/getScheduledTasks invoke failed: limit must be an integer from 1 to 100\b[^\n]*got 0/);
  expect(emulator.requests).toEqual([]);
  if (said.includes(key.secretKey)) throw new Error(`preview printed the secret key:\n${ws.redact(described(r))}`);
});
