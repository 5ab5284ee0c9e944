// Case e: schema.json as the engine and Pulumi's own generators see it. `pulumi package get-schema` on the
// plugin (npm-installed, as README says) equals schema.json; `npm run gen:sdks` writes Python, Go and Node.js
// SDKs; a Python program on the generated SDK (pip-installed into a virtualenv, `pulumi` from PyPI) gets the
// right outputs from `up` through the plugin installed from its tarball; the generated Go SDK and a Go program
// on it compile; the generated Node.js SDK agrees with our hand-written sdk/ on every input and output.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator, EmulatorKey } from "../../provider/emulator";
import { ROOT, Workspace, emulatorConfig, generatedSdks, globalInstall, pluginTarball, sentinelCredentials, startTestEmulator } from "./harness";
import { agreementSource, agreementTsconfig } from "./sdkAgreement";
import { whereSecretsLeak } from "./secrets";
import { YAML_OUTPUTS, YAML_TASKS } from "./yamlProgram";

const PYTHON_PULUMI = "pulumi==3.248.0";
const PROJECT_ID = "5e4d3c2b1a0998877665544332211000";
const INSTANCE = "e2e-kafka-python";
const GO_MODULE = (JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")) as { language: { go: { importBasePath: string } } }).language.go
  .importBasePath;

let work: string;
let sdks: string;

/** Runs a command to completion; throws with its output unless it exits 0. */
function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): string {
  const r = spawnSync(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, encoding: "utf8", timeout: opts.timeoutMs ?? 10 * 60_000, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "hwdms-sdks-"));
  sdks = generatedSdks();
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test("e. `pulumi package get-schema` on the plugin equals schema.json (key order aside)", async () => {
  const programDir = path.join(work, "empty-yaml");
  fs.mkdirSync(programDir);
  fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: get-schema\nruntime: yaml\n");
  const ws = await Workspace.create({ program: programDir });
  try {
    const plugin = path.join(globalInstall(), "pulumi-resource-huaweicloud-dms");
    const r = await ws.ok(["package", "get-schema", plugin], { interactive: true });
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")));
  } finally {
    await ws.dispose();
  }
});

test("e. `npm run gen:sdks` writes Python, Go and Node.js SDKs", () => {
  for (const f of [
    "python/pyproject.toml",
    "python/pulumi_huaweicloud_dms/kafka/get_scheduled_tasks.py",
    "go/go.mod",
    "go/go.sum",
    "go/kafka/getScheduledTasks.go",
    "nodejs/kafka/getScheduledTasks.ts",
    "nodejs/types/output.ts",
  ]) {
    expect(fs.existsSync(path.join(sdks, f)) ? f : `${f} is missing`).toBe(f);
  }
  expect(fs.readFileSync(path.join(sdks, "go", "go.mod"), "utf8")).toMatch(new RegExp(`^module ${GO_MODULE.replace(/[.]/g, "\\.")}$`, "m"));
});

describe("e. a Python program on the generated SDK", () => {
  let emulator: Emulator;
  let key: EmulatorKey;
  let ws: Workspace;

  beforeAll(async () => {
    key = sentinelCredentials();
    emulator = await startTestEmulator([key]);
    emulator.setTasks(INSTANCE, YAML_TASKS);
  });

  afterAll(async () => {
    await ws?.dispose();
    await emulator?.close();
  });

  test("`up` through the plugin installed from its tarball gets the right outputs", async () => {
    const venv = path.join(work, "venv");
    run("python3", ["-m", "venv", venv], { cwd: work });
    run(path.join(venv, "bin", "pip"), ["install", "--quiet", "--disable-pip-version-check", PYTHON_PULUMI, path.join(sdks, "python")], { cwd: work });

    const programDir = path.join(work, "python-program");
    fs.mkdirSync(programDir);
    fs.writeFileSync(path.join(programDir, "Pulumi.yaml"), "name: dms-python\nruntime: python\n");
    fs.copyFileSync(path.join(__dirname, "programs", "python", "__main__.py"), path.join(programDir, "__main__.py"));
    // The v3.68 Python host ignores runtime.options.virtualenv: the virtualenv's bin/ goes first on PATH.
    ws = await Workspace.create({ program: programDir, pathPrepend: [path.join(venv, "bin")] });
    const { file, version } = pluginTarball();
    await ws.ok(["plugin", "install", "resource", "huaweicloud-dms", version, "--file", file], { interactive: true });
    await ws.setAllConfig({ instanceId: INSTANCE, ...emulatorConfig(emulator, PROJECT_ID), endpoint: emulator.url });
    await ws.setConfig("huaweicloud-dms:accessKey", key.accessKey, { secret: true });
    await ws.setConfig("huaweicloud-dms:secretKey", key.secretKey, { secret: true });
    await ws.setConfig("accessKey", key.accessKey, { secret: true });
    await ws.setConfig("secretKey", key.secretKey, { secret: true });

    await ws.ok(["up", "--yes"]);
    expect(await ws.outputs()).toEqual({
      complete: true,
      jobCount: YAML_OUTPUTS.jobCount,
      hasExecuting: YAML_OUTPUTS.hasExecuting,
      executingCount: YAML_OUTPUTS.executingCount,
      statusCounts: { SUCCESS: 1, EXECUTING: 1, CREATED: 1 },
      projectId: PROJECT_ID,
      jobs: YAML_OUTPUTS.jobs,
      // get_scheduled_tasks_output on an explicit provider, statuses filter
      executingIds: ["yaml-t2"],
    });
    expect(emulator.requests.filter((r) => r.target === "api" && r.path === `/v2/${PROJECT_ID}/instances/${INSTANCE}/scheduled-tasks`).length).toBeGreaterThan(0);
    expect(await whereSecretsLeak(ws, key)).toEqual([]);
  });
});

test("e. the generated Go SDK compiles (`go build ./...`), and so does a Go program on it", () => {
  const goEnv = { ...process.env, GOFLAGS: "-mod=mod" };
  const sdk = path.join(work, "go-sdk");
  fs.cpSync(path.join(sdks, "go"), sdk, { recursive: true });
  run("go", ["build", "-trimpath", "./..."], { cwd: sdk, env: goEnv });

  const program = path.join(work, "go-program");
  fs.cpSync(path.join(__dirname, "programs", "go"), program, { recursive: true });
  fs.writeFileSync(
    path.join(program, "go.mod"),
    `module example.com/dms-tasks\n\ngo 1.25\n\nrequire ${GO_MODULE} v0.0.0\n\nreplace ${GO_MODULE} => ${sdk}\n`,
  );
  run("go", ["mod", "tidy"], { cwd: program, env: goEnv });
  run("go", ["build", "-trimpath", "-o", "dms-tasks", "."], { cwd: program, env: goEnv });
  expect(fs.statSync(path.join(program, "dms-tasks")).isFile()).toBe(true);
});

describe("e. the generated Node.js SDK agrees with sdk/ on every input and output name and type", () => {
  const tsc = path.join(ROOT, "node_modules", ".bin", "tsc");
  const typeCheck = (dir: string) => spawnSync(tsc, ["-p", path.join(dir, "tsconfig.json")], { cwd: dir, encoding: "utf8", timeout: 5 * 60_000 });
  const prepare = (name: string): string => {
    const dir = path.join(work, name);
    fs.cpSync(path.join(sdks, "nodejs"), path.join(dir, "nodejs"), { recursive: true });
    fs.writeFileSync(path.join(dir, "agree.ts"), agreementSource(ROOT));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), agreementTsconfig(ROOT));
    return dir;
  };

  test("tsc accepts the two-way check", () => {
    const r = typeCheck(prepare("agree"));
    expect(`${r.stdout}${r.stderr}`).toBe("");
    expect(r.status).toBe(0);
  });

  test("the check fails, naming the property, when a type or a name differs", () => {
    const dir = prepare("disagree");
    const file = path.join(dir, "nodejs", "kafka", "getScheduledTasks.ts");
    const source = fs.readFileSync(file, "utf8");
    const changed = source
      .replace("    limit?: number;", "    limit?: string;")
      .replace("    readonly jobCount: number;", "    readonly jobCount: number;\n    readonly notInOurSdk: number;");
    expect(changed).not.toBe(source);
    fs.writeFileSync(file, changed);
    const r = typeCheck(dir);
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/Types of property 'limit' are incompatible/);
    const line = agreementSource(ROOT).split("\n").findIndex((l) => l.startsWith("const resultNames:")) + 1;
    expect(r.stdout).toContain(`agree.ts(${line},`);
  });
});
