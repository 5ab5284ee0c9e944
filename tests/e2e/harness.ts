// The real-engine test harness: real `pulumi` commands, a local file backend in a temp folder, the package
// installed from its `npm pack` tarball as users install it, the emulator standing in for the cloud.
//
// API (everything a case needs; keep it small):
//   prepareRun()                  jest globalSetup: the toolchain from scripts/pulumi-cli (fails, never skips,
//                                 when none can be had), `npm run build`, `npm pack` once; sets E2E_* variables.
//   finishRun()                   jest globalTeardown: removes the run's temp folder (kept with E2E_KEEP=1).
//   toolchainDir(), tarballPath() what prepareRun found/made.
//   installedProgram(example)     examples/<example> copied and `npm install <tarball>`ed, once per run.
//   globalInstall()               the tarball `npm install --global`ed into a prefix, once per run: its bin/ (the
//                                 plugin and hwdms, for pathPrepend), as README tells YAML/Python/Go users.
//   pluginTarball()               `npm run package:plugin` once per run: { file, version } for `pulumi plugin install`.
//   generatedSdks()               `npm run gen:sdks` once per run: the folder holding python/, go/, nodejs/.
//   Workspace.create({ example?, program?, stack?, pathPrepend?, env? })
//                                 a private program copy, backend (PULUMI_BACKEND_URL=file://…), PULUMI_HOME and
//                                 HOME, `pulumi stack init`; `example` (TypeScript, installed) or `program` (any
//                                 folder, copied as is, e.g. a YAML program).
//     ws.run(args, opts)          `pulumi <args> --non-interactive` in the program folder, with a timeout; resolves
//                                 { code, signal, stdout, stderr, ms } whatever the exit code (opts: timeoutMs,
//                                 stdin, env).
//     ws.ok(args, opts)           the same, throwing (secrets redacted) unless the exit code is 0.
//     ws.start(args, opts)        the same, running: { result, output(), signal(sig) } (e.g. SIGINT mid-`up`).
//     ws.setConfig(key, value, { secret })   `pulumi config set` (value on stdin; secrets remembered).
//     ws.outputs()                `pulumi stack output --json` (secrets stay "[secret]").
//     ws.exportState()            `pulumi stack export` as parsed JSON.
//     ws.backendFiles()           every file under the backend folder (state, backups, history), path + text.
//     ws.printed()                everything any command of this workspace printed, stdout and stderr.
//     ws.redact(text)             text with every secret this workspace was given replaced by "[redacted]".
//     ws.leftoverProcesses()      pids still running from this workspace (commands, their plugins and hosts).
//     ws.dispose()                kills those and removes the workspace (kept with E2E_KEEP=1).
//     ws.environment()            the environment its commands get (e.g. to check what PATH holds).
//   sentinelCredentials()         a fresh access key pair whose values can be searched for.
//   startTestEmulator(keys)       the emulator on 127.0.0.1, port 0, accepting `keys`; close() it in afterAll.
//   emulatorConfig(emulator, projectId)  the huaweicloud-dms:* settings that point a stack at the emulator.
//
// Environment of every `pulumi` command: nothing inherited but LANG/TZ/TMPDIR; PATH = toolchain dir, then the
// directory of this `node`, then the system's; PULUMI_SKIP_UPDATE_CHECK, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION,
// PULUMI_CONFIG_PASSPHRASE, PULUMI_BACKEND_URL, PULUMI_HOME and HOME private to the workspace. No HW_* variable
// but HW_METADATA_ENDPOINT=off.
// Secrets never reach the harness's own messages: thrown errors and logs go through redact().
import { ChildProcess, spawn, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Emulator, EmulatorKey, EmulatorTask, startEmulator } from "../../provider/emulator";
import { packageRoot } from "../../provider/package";

/** The checkout (found from package.json, so the harness also works compiled, for `npm run bench:engine`). */
export const ROOT = packageRoot();

const ENV_TOOLCHAIN = "E2E_TOOLCHAIN";
const ENV_RUN_DIR = "E2E_RUN_DIR";
const ENV_TARBALL = "E2E_TARBALL";
const KEEP = process.env.E2E_KEEP === "1";

// ---------------------------------------------------------------------------------------------------------
// Once per run (jest globalSetup / globalTeardown)

function say(message: string): void {
  process.stderr.write(`e2e: ${message}\n`);
}

/** Runs a command to completion; stderr streams to ours when `progress`. Throws one sentence on failure. */
function runOnce(what: string, cmd: string, args: string[], opts: { cwd?: string; timeoutMs: number; progress?: boolean }): string {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    encoding: "utf8",
    timeout: opts.timeoutMs,
    stdio: ["ignore", "pipe", opts.progress ? "inherit" : "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw new Error(`${what} could not run (${cmd}): ${r.error.message}`);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ""}\n${r.stderr ?? ""}`.trim().split("\n").slice(-20).join("\n");
    throw new Error(`${what} failed (exit ${r.status ?? r.signal})${tail ? `:\n${tail}` : "."}`);
  }
  return r.stdout;
}

/** The toolchain directory from scripts/pulumi-cli (its last stdout line). Throws a clear sentence otherwise. */
function findToolchain(): string {
  const script = path.join(ROOT, "scripts", "pulumi-cli");
  let out: string;
  try {
    out = runOnce("scripts/pulumi-cli", script, [], { timeoutMs: 60 * 60_000, progress: true });
  } catch (e) {
    throw new Error(
      `The end-to-end tests need a Pulumi CLI and its language hosts, and scripts/pulumi-cli could not provide them ` +
        `(see its message above; it needs Go and the Go module proxy the first time). ${(e as Error).message}`,
    );
  }
  const dir = out.trim().split("\n").pop() ?? "";
  const need = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"];
  const missing = need.filter((f) => !fs.existsSync(path.join(dir, f)));
  if (!path.isAbsolute(dir) || missing.length) {
    throw new Error(`scripts/pulumi-cli printed "${dir}", which is not a toolchain directory (missing ${missing.join(", ")}).`);
  }
  return dir;
}

/** jest globalSetup: toolchain, build, pack. The E2E_* variables it sets are inherited by the test workers. */
export async function prepareRun(): Promise<void> {
  const t0 = Date.now();
  const toolchain = findToolchain();
  say(`toolchain ${toolchain} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "hwdms-e2e-"));
  const t1 = Date.now();
  runOnce("npm run build", "npm", ["run", "--silent", "build"], { timeoutMs: 5 * 60_000 });
  const packed = runOnce("npm pack", "npm", ["pack", "--json", "--pack-destination", runDir], { timeoutMs: 5 * 60_000 });
  const files = JSON.parse(packed.slice(packed.indexOf("["))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const tarball = path.join(runDir, files[0].filename);
  const inside = new Set(files[0].files.map((f) => f.path));
  for (const f of ["dist/sdk/index.js", "dist/sdk/kafka/gateRuntime.js", "bin/pulumi-resource-huaweicloud-dms", "schema.json"]) {
    if (!inside.has(f)) throw new Error(`npm pack left ${f} out of ${tarball}: users would get a broken package.`);
  }
  say(`packed ${path.basename(tarball)} (${((Date.now() - t1) / 1000).toFixed(1)} s) into ${runDir}`);
  process.env[ENV_TOOLCHAIN] = toolchain;
  process.env[ENV_RUN_DIR] = runDir;
  process.env[ENV_TARBALL] = tarball;
}

/** jest globalTeardown. */
export async function finishRun(): Promise<void> {
  const runDir = process.env[ENV_RUN_DIR];
  if (!runDir) return;
  if (KEEP) say(`kept ${runDir} (E2E_KEEP=1)`);
  else fs.rmSync(runDir, { recursive: true, force: true });
}

function fromSetup(name: string): string {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run the end-to-end tests with \`npm run test:e2e\` (jest -c jest.e2e.config.js).`);
  return v;
}

export function toolchainDir(): string {
  return fromSetup(ENV_TOOLCHAIN);
}

export function tarballPath(): string {
  return fromSetup(ENV_TARBALL);
}

function runDir(): string {
  return fromSetup(ENV_RUN_DIR);
}

/**
 * examples/<example> copied into the run folder with the package installed from the tarball (`npm install
 * <tarball>`, the rest of its dependencies from the registry or npm's cache), once per run; later calls
 * (from any test file of the run) return the same folder. Copy it before use: Workspace.create does.
 */
export function installedProgram(example: string): string {
  const dest = path.join(runDir(), "programs", example);
  if (fs.existsSync(path.join(dest, ".installed"))) return dest;
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(path.join(ROOT, "examples", example), dest, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|bin)$/.test(src) && !/Pulumi\.[^/\\]+\.yaml$/.test(path.basename(src)),
  });
  // The checkout's `file:../..` means nothing in the copy: the package comes from the tarball, as for users.
  const pkgFile = path.join(dest, "package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8")) as { dependencies?: Record<string, string> };
  if (pkg.dependencies) delete pkg.dependencies["pulumi-huaweicloud-dms"];
  fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
  const t0 = Date.now();
  runOnce(`npm install of the package into examples/${example}`, "npm", ["install", "--no-audit", "--no-fund", tarballPath()], {
    cwd: dest,
    timeoutMs: 10 * 60_000,
  });
  fs.writeFileSync(path.join(dest, ".installed"), "");
  say(`installed ${example} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return dest;
}

/**
 * The package installed from the tarball as README tells YAML/Python/Go users to (`npm install --global`, here
 * into a prefix in the run folder), once per run. Returns the prefix's bin/ folder, which holds
 * `pulumi-resource-huaweicloud-dms` and `hwdms`: put it on PATH (WorkspaceOptions.pathPrepend).
 */
export function globalInstall(): string {
  const prefix = path.join(runDir(), "npm-global");
  const bin = path.join(prefix, "bin");
  if (fs.existsSync(path.join(prefix, ".installed"))) return bin;
  fs.rmSync(prefix, { recursive: true, force: true });
  const t0 = Date.now();
  runOnce("npm install --global of the package", "npm", ["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", tarballPath()], {
    timeoutMs: 10 * 60_000,
  });
  fs.writeFileSync(path.join(prefix, ".installed"), "");
  say(`installed the package globally into ${prefix} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return bin;
}

/**
 * The plugin tarball `npm run package:plugin` writes (pulumi-resource-huaweicloud-dms-v<version>-<os>-<arch>.tar.gz),
 * made once per run into the run folder, for `pulumi plugin install resource huaweicloud-dms <version> --file`.
 */
export function pluginTarball(): { file: string; version: string } {
  const dir = path.join(runDir(), "plugin");
  const marker = path.join(dir, ".made");
  const version = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  if (fs.existsSync(marker)) return { file: fs.readFileSync(marker, "utf8"), version };
  const t0 = Date.now();
  const out = runOnce("npm run package:plugin", "npm", ["run", "--silent", "package:plugin", "--", "--out", dir], { timeoutMs: 5 * 60_000 });
  const file = out.trim().split("\n").pop() ?? "";
  if (!fs.existsSync(file)) throw new Error(`npm run package:plugin printed "${file}", which is not a file.`);
  fs.writeFileSync(marker, file);
  say(`packaged the plugin into ${path.basename(file)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { file, version };
}

/** The folder `npm run gen:sdks` wrote the Python, Go and Node.js SDKs into, once per run. */
export function generatedSdks(): string {
  const dir = path.join(runDir(), "sdks");
  if (fs.existsSync(path.join(dir, ".made"))) return dir;
  const t0 = Date.now();
  runOnce("npm run gen:sdks", "npm", ["run", "--silent", "gen:sdks", "--", dir], { timeoutMs: 10 * 60_000 });
  fs.writeFileSync(path.join(dir, ".made"), "");
  say(`generated the SDKs into ${dir} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return dir;
}

// ---------------------------------------------------------------------------------------------------------
// Credentials and the emulator

/** An access key pair with unique, searchable values (ASCII, the shapes the codecs accept). */
export function sentinelCredentials(): EmulatorKey {
  const tag = randomBytes(6).toString("hex").toUpperCase();
  return { accessKey: `E2ESENTINELAK${tag}`, secretKey: `e2e-sentinel-secret-${tag.toLowerCase()}-${randomBytes(6).toString("hex")}` };
}

/** The emulator on 127.0.0.1, any free port, accepting only `keys`. */
export function startTestEmulator(keys: EmulatorKey[]): Promise<Emulator> {
  return startEmulator({ host: "127.0.0.1", port: 0, keys });
}

/** The (non-secret) stack settings that point the default provider at the emulator. */
export function emulatorConfig(emulator: Emulator, projectId: string): Record<string, string> {
  return { "huaweicloud-dms:endpoint": emulator.url, "huaweicloud-dms:projectId": projectId, "huaweicloud-dms:region": "cn-north-4" };
}

/** A TypeScript example's stack against a fresh emulator: sentinel keys set with `--secret`, the default
 * provider pointed at the emulator, `instanceId` and any other settings. Dispose of both after the file. */
export async function emulatedExample(
  example: string,
  settings: { instanceId: string; projectId: string; tasks: EmulatorTask[]; config?: Readonly<Record<string, string>> },
): Promise<{ emulator: Emulator; key: EmulatorKey; ws: Workspace }> {
  const key = sentinelCredentials();
  const emulator = await startTestEmulator([key]);
  emulator.setTasks(settings.instanceId, settings.tasks);
  const ws = await Workspace.create({ example });
  await ws.setAllConfig({ instanceId: settings.instanceId, ...settings.config, ...emulatorConfig(emulator, settings.projectId) });
  await ws.setConfig("huaweicloud-dms:accessKey", key.accessKey, { secret: true });
  await ws.setConfig("huaweicloud-dms:secretKey", key.secretKey, { secret: true });
  return { emulator, key, ws };
}

// ---------------------------------------------------------------------------------------------------------
// Workspaces and pulumi commands

export interface PulumiRun {
  readonly args: readonly string[];
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** True when the harness killed the command at its timeout. */
  readonly timedOut: boolean;
}

export interface RunOptions {
  /** Kill the command (its whole process group) after this long (default 5 minutes). */
  readonly timeoutMs?: number;
  /** Written to the command's stdin (then closed). */
  readonly stdin?: string;
  /** Added to (or, when undefined, removed from) the workspace's environment for this command. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Don't append `--non-interactive` (commands that don't take it). */
  readonly interactive?: boolean;
}

export interface RunningPulumi {
  readonly result: Promise<PulumiRun>;
  /** What it printed so far (stdout then stderr). */
  output(): string;
  /**
   * Sends a signal. `group: true` (default) sends it to the command's whole process group, as a terminal's
   * Ctrl-C does; false, to the `pulumi` process only.
   */
  signal(sig: NodeJS.Signals, group?: boolean): void;
  readonly pid: number;
}

export interface WorkspaceOptions {
  /** A TypeScript example, installed from the tarball (installedProgram). */
  readonly example?: string;
  /** Or any program folder, copied as it is. */
  readonly program?: string;
  /** Stack name (default "e2e"). */
  readonly stack?: string;
  /** Directories put on PATH before the toolchain (e.g. a Python virtualenv's bin). */
  readonly pathPrepend?: readonly string[];
  /** More environment for every command. */
  readonly env?: Readonly<Record<string, string>>;
}

/** Every file below `dir`, recursively, with its path relative to `dir` and its text. */
export function readTree(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push({ path: path.relative(dir, p), text: fs.readFileSync(p).toString("latin1") });
    }
  };
  walk(dir);
  return out;
}

export class Workspace {
  /** The program folder (the workspace's own copy); commands run here. */
  readonly dir: string;
  /** The file backend's folder. */
  readonly backendDir: string;
  readonly stack: string;
  private readonly root: string;
  private readonly baseEnv: Record<string, string>;
  private readonly secrets = new Set<string>();
  private transcript = "";
  private readonly running = new Set<ChildProcess>();

  private constructor(root: string, dir: string, stack: string, opts: WorkspaceOptions) {
    this.root = root;
    this.dir = dir;
    this.stack = stack;
    this.backendDir = path.join(root, "backend");
    const home = path.join(root, "home");
    const pulumiHome = path.join(root, "pulumi-home");
    for (const d of [this.backendDir, home, pulumiHome]) fs.mkdirSync(d, { recursive: true });
    const inherited: Record<string, string> = {};
    for (const k of ["LANG", "LC_ALL", "TZ", "TMPDIR"]) if (process.env[k]) inherited[k] = process.env[k]!;
    this.baseEnv = {
      ...inherited,
      PATH: [...(opts.pathPrepend ?? []), toolchainDir(), path.dirname(process.execPath), "/usr/local/bin", "/usr/bin", "/bin"].join(path.delimiter),
      HOME: home,
      PULUMI_HOME: pulumiHome,
      PULUMI_BACKEND_URL: `file://${this.backendDir}`,
      PULUMI_CONFIG_PASSPHRASE: `e2e-passphrase-${randomBytes(4).toString("hex")}`,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SKIP_CONFIRMATIONS: "true",
      // Plain, stable output to assert on.
      NO_COLOR: "1",
      // Never ask the real ECS metadata address (169.254.169.254) when a case gives no keys.
      HW_METADATA_ENDPOINT: "off",
      ...opts.env,
    };
  }

  /** A fresh workspace with the stack initialised. */
  static async create(opts: WorkspaceOptions): Promise<Workspace> {
    if (!opts.example === !opts.program) throw new Error("Workspace.create: give exactly one of example and program.");
    const root = fs.mkdtempSync(path.join(runDir(), "ws-"));
    const dir = path.join(root, "program");
    const source = opts.example ? installedProgram(opts.example) : path.resolve(opts.program!);
    fs.cpSync(source, dir, { recursive: true, verbatimSymlinks: true });
    const ws = new Workspace(root, dir, opts.stack ?? "e2e", opts);
    await ws.ok(["stack", "init", ws.stack]);
    return ws;
  }

  /** The environment every command of this workspace gets (before RunOptions.env). */
  environment(): Readonly<Record<string, string>> {
    return this.baseEnv;
  }

  /** `text` with every secret of this workspace replaced by "[redacted]". */
  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join("[redacted]");
    return out;
  }

  /** Marks a value as secret for redact() (setConfig with secret does it for you). */
  addSecret(value: string): void {
    if (value) this.secrets.add(value);
  }

  /** Everything the workspace's commands printed so far. */
  printed(): string {
    return this.transcript;
  }

  start(args: readonly string[], opts: RunOptions = {}): RunningPulumi {
    const full = opts.interactive ? [...args] : [...args, "--non-interactive"];
    const env: Record<string, string> = { ...this.baseEnv };
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const started = Date.now();
    const child = spawn(path.join(toolchainDir(), "pulumi"), full, {
      cwd: this.dir,
      env,
      detached: true, // its own process group, so a timeout or a Ctrl-C reaches the language host and plugins too
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.running.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.stdin!.on("error", () => undefined);
    child.stdin!.end(opts.stdin ?? "");
    const timeoutMs = opts.timeoutMs ?? 5 * 60_000;
    let timedOut = false;
    const killGroup = (sig: NodeJS.Signals): void => {
      try {
        process.kill(-child.pid!, sig);
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup("SIGKILL");
    }, timeoutMs);
    const result = new Promise<PulumiRun>((resolve, reject) => {
      child.once("error", (e) => {
        clearTimeout(timer);
        this.running.delete(child);
        reject(new Error(`pulumi ${args[0]} could not start: ${e.message}`));
      });
      child.once("close", (code, signal) => {
        clearTimeout(timer);
        this.running.delete(child);
        this.transcript += stdout + stderr;
        resolve({ args: full, code, signal, stdout, stderr, ms: Date.now() - started, timedOut });
      });
    });
    return {
      result,
      pid: child.pid!,
      output: () => stdout + stderr,
      signal: (sig, group = true) => (group ? killGroup(sig) : child.kill(sig)),
    };
  }

  /** `pulumi <args>`; resolves whatever the exit code. */
  run(args: readonly string[], opts: RunOptions = {}): Promise<PulumiRun> {
    return this.start(args, opts).result;
  }

  /** `pulumi <args>`; throws (with the output, secrets redacted) unless it exits 0. */
  async ok(args: readonly string[], opts: RunOptions = {}): Promise<PulumiRun> {
    const r = await this.run(args, opts);
    if (r.code !== 0) throw new Error(this.redact(describe(r)));
    return r;
  }

  /** `pulumi config set [--secret] key` with the value on stdin (never on the command line). */
  async setConfig(key: string, value: string, opts: { secret?: boolean } = {}): Promise<void> {
    if (opts.secret) this.addSecret(value);
    await this.ok(["config", "set", key, ...(opts.secret ? ["--secret"] : ["--plaintext"])], { stdin: value });
  }

  async setAllConfig(values: Readonly<Record<string, string>>): Promise<void> {
    for (const [k, v] of Object.entries(values)) await this.setConfig(k, v);
  }

  /** The stack's outputs (`pulumi stack output --json`; secret ones read "[secret]"). */
  async outputs(): Promise<Record<string, unknown>> {
    const r = await this.ok(["stack", "output", "--json"]);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  }

  /** `pulumi stack export`, parsed. */
  async exportState(): Promise<StackExport> {
    const r = await this.ok(["stack", "export"]);
    return JSON.parse(r.stdout) as StackExport;
  }

  /** Every file under the backend folder: checkpoints, their backups, update history, locks. */
  backendFiles(): Array<{ path: string; text: string }> {
    return readTree(this.backendDir);
  }

  /**
   * Processes still running from this workspace: `pulumi` commands, and the plugins and language hosts they
   * started (the engine puts those in process groups of their own, so a killed `pulumi` can leave them behind).
   * Found by the workspace's path in their command line or working directory (Linux /proc; elsewhere only ours).
   */
  leftoverProcesses(): number[] {
    const pids = new Set<number>([...this.running].map((c) => c.pid!).filter((p) => p !== undefined));
    let entries: string[] = [];
    try {
      entries = fs.readdirSync("/proc").filter((e) => /^\d+$/.test(e));
    } catch {
      return [...pids];
    }
    for (const e of entries) {
      try {
        const cmd = fs.readFileSync(`/proc/${e}/cmdline`, "utf8");
        const cwd = fs.readlinkSync(`/proc/${e}/cwd`);
        if (cmd.includes(this.root) || cwd.startsWith(this.root)) pids.add(Number(e));
      } catch {
        // gone, or not ours to read
      }
    }
    pids.delete(process.pid);
    return [...pids];
  }

  /** Kills anything still running and removes the workspace (kept with E2E_KEEP=1). */
  async dispose(): Promise<void> {
    for (const pid of this.leftoverProcesses()) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    if (KEEP) say(`kept workspace ${this.root}`);
    else fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** A command's outcome in a few lines, for assertion messages (redact it before showing). */
export function describe(r: PulumiRun): string {
  const how = r.timedOut ? `timed out after ${r.ms} ms` : `exited ${r.code ?? r.signal} after ${r.ms} ms`;
  return `pulumi ${r.args.join(" ")} ${how}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

/** What `pulumi stack export` prints (the parts the tests read). */
export interface StackExport {
  version: number;
  deployment: {
    resources?: Array<{
      urn: string;
      type: string;
      id?: string;
      inputs?: Record<string, unknown>;
      outputs?: Record<string, unknown>;
      created?: string;
      modified?: string;
    }>;
  };
}

/** The resources of a type in an export (e.g. "pulumi-nodejs:dynamic:Resource"), by URN name. */
export function resourcesOf(state: StackExport, type: string): Map<string, NonNullable<StackExport["deployment"]["resources"]>[number]> {
  const out = new Map<string, NonNullable<StackExport["deployment"]["resources"]>[number]>();
  for (const r of state.deployment.resources ?? []) if (r.type === type) out.set(r.urn.split("::").pop()!, r);
  return out;
}
