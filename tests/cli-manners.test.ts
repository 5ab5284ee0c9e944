// Command-line manners of both executables: help and version exit 0, a missing command exits 2 with the help
// on stderr, and hwdms's messages name its flags and environment variables, never Pulumi config keys.
import { spawnSync } from "child_process";
import * as path from "path";
import { Emulator, startEmulator } from "../provider/emulator";
import { emulatorEnv, HWDMS, runCli } from "./helpers/runCli";

const ROOT = path.join(__dirname, "..");
const PLUGIN = path.join(ROOT, "bin", "pulumi-resource-huaweicloud-dms");
const VERSION = (require("../package.json") as { version: string }).version;
const bare = { PATH: process.env.PATH };

const exec = (bin: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env: bare, encoding: "utf8", timeout: 15_000 });

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());

describe("pulumi-resource-huaweicloud-dms", () => {
  test.each(["--help", "-h"])("%s prints the usage on stdout and exits 0 (no port, no server)", (flag) => {
    const r = exec(PLUGIN, flag);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: pulumi-resource-huaweicloud-dms /);
    expect(r.stdout).toContain("--version");
    expect(r.stderr).toBe("");
  });

  test.each(["--version", "-V"])("%s prints the package version and exits 0", (flag) => {
    const r = exec(PLUGIN, flag);
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: `${VERSION}\n`, stderr: "" });
  });
});

describe("hwdms", () => {
  test("--help and --version exit 0", () => {
    const help = exec(HWDMS, "--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: hwdms /);
    const version = exec(HWDMS, "--version");
    expect({ status: version.status, stdout: version.stdout }).toEqual({ status: 0, stdout: `${VERSION}\n` });
  });

  test.each([[[]], [["scheduled-tasks"]]])("no command (%j): the help on stderr, nothing on stdout, exit 2", (args: string[]) => {
    const r = exec(HWDMS, ...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage: hwdms /);
  });

  test("missing settings are named as flags and environment variables, never Pulumi keys; nothing is sent", async () => {
    const cases: Array<[Record<string, string | undefined>, RegExp, string[]]> = [
      [{ HW_REGION_NAME: undefined, HW_DMS_ENDPOINT: undefined }, /^error: No region is configured/, ["--region", "HW_REGION_NAME", "--endpoint", "--project-id"]],
      [{ HW_REGION_NAME: undefined }, /^error: No project ID is configured/, ["--project-id", "HW_PROJECT_ID", "--region", "HW_REGION_NAME"]],
      [{ HW_ACCESS_KEY: undefined, HW_SECRET_KEY: undefined }, /^error: No credentials found; tried, in order: HW_ACCESS_KEY\/HW_SECRET_KEY: not set;/, ["HW_ACCESS_KEY", "HW_SECRET_KEY", "HUAWEICLOUD_SDK_AK", "KooCLI profile", "ECS metadata"]],
      [{ HW_SECRET_KEY: undefined }, /^error: HW_ACCESS_KEY is set but HW_SECRET_KEY is not/, []],
    ];
    emu.resetRequests();
    for (const [env, first, names] of cases) {
      const run = await runCli(["scheduled-tasks", "list", "--instance-id", "inst-1"], emulatorEnv(emu, env));
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(first);
      expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(1);
      for (const name of names) expect([name, run.stderr.includes(name)]).toEqual([name, true]);
      expect(run.stderr).not.toMatch(/huaweicloud-dms:|\b(accessKey|secretKey|projectId)\b/);
    }
    expect(emu.requests).toEqual([]);
  });

  test("a region IAM does not know: exit 3 at once, no Pulumi key named", async () => {
    const run = await runCli(["scheduled-tasks", "list", "--instance-id", "inst-1", "--region", "ap-southeast-9"], emulatorEnv(emu));
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^error: IAM knows no project named "ap-southeast-9"/);
    expect(run.stderr).not.toContain("huaweicloud-dms:");
  });

});
