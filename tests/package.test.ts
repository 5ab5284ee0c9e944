// The package as users get it: `npm pack`, then installed from the tarball into an empty project next to a
// Pulumi SDK (`@pulumi/pulumi`, newest by default), where README's TypeScript snippets type-check, its
// unit-testing examples pass, `npx hwdms` answers and the plugin serves. Needs the built dist/ (npm test
// builds first; the tarball is packed from it with --ignore-scripts) and the npm registry or npm's cache.
//
// HWDMS_PULUMI_VERSIONS: comma-separated @pulumi/pulumi versions to install next to the package; "latest"
// (default) and "oldest" (the lower bound of package.json's range) are names for the two ends of the range.
import { execFile, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { spawnPlugin } from "./helpers/pluginHarness";
import { readmeTypeScript } from "./helpers/readme";

const run = promisify(execFile);
const ROOT = path.join(__dirname, "..");
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  dependencies: Record<string, string>;
};
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const JEST = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
const TYPE_ROOTS = path.join(ROOT, "node_modules", "@types");

/** The oldest version package.json's `^3.x.y` range allows. */
const OLDEST = /^\^(\d+\.\d+\.\d+)$/.exec(manifest.dependencies["@pulumi/pulumi"])?.[1];
const VERSIONS = (process.env.HWDMS_PULUMI_VERSIONS ?? "latest")
  .split(",")
  .map((v) => v.trim())
  .filter(Boolean)
  .map((v) => (v === "oldest" ? OLDEST! : v));

/** Every installed copy of a package under root/node_modules, nested ones included. */
function copiesOf(root: string, name: string): string[] {
  const found: string[] = [];
  const visit = (modules: string): void => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules)) {
      if (entry.startsWith(".")) continue;
      const packages = entry.startsWith("@") ? fs.readdirSync(path.join(modules, entry)).map((s) => path.join(entry, s)) : [entry];
      for (const p of packages) {
        if (p === name) found.push(path.relative(root, path.join(modules, p)));
        visit(path.join(modules, p, "node_modules"));
      }
    }
  };
  visit(path.join(root, "node_modules"));
  return found;
}

let work: string;
let tarball: string;
let files: string[];

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "hwdms-package-"));
  const { stdout } = await run(NPM, ["pack", "--ignore-scripts", "--json", "--pack-destination", work], { cwd: ROOT });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  tarball = path.join(work, packed.filename);
  files = packed.files.map((f) => f.path).sort();
}, 60_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe("the tarball", () => {
  test("holds runtime code, types, bins, schema.json, README, LICENSE and CHANGELOG — nothing else", () => {
    for (const f of ["package.json", "README.md", "LICENSE", "CHANGELOG.md", "schema.json", ...Object.values(manifest.bin)]) {
      expect(files).toContain(f);
    }
    const stray = files.filter(
      (f) =>
        !["package.json", "README.md", "LICENSE", "CHANGELOG.md", "schema.json"].includes(f) &&
        !f.startsWith("bin/") &&
        !/^dist\/(provider|sdk)\/.+\.(js|d\.ts)$/.test(f),
    );
    expect(stray).toEqual([]);
    // No benchmarks, tests, build-time tools (the schema generator, the npm start tour), source maps or sources.
    const notRuntime = /^(dist\/)?(bench|tests|scripts)\/|^dist\/provider\/schema\/|^dist\/provider\/cli\/demo\.|\.map$|(?<!\.d)\.ts$/;
    expect(files.filter((f) => notRuntime.test(f))).toEqual([]);
    // Every compiled module has its declarations.
    const js = files.filter((f) => f.endsWith(".js"));
    expect(js.filter((f) => !files.includes(f.replace(/\.js$/, ".d.ts")))).toEqual([]);
  });

  test("LICENSE is the Apache License 2.0 that package.json names", () => {
    const text = fs.readFileSync(path.join(ROOT, "LICENSE"), "utf8");
    expect(text).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004/);
    expect(text).toContain("TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION");
    expect(text).toContain("END OF TERMS AND CONDITIONS");
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).license).toBe("Apache-2.0");
  });

  test("every target of the exports map is in the tarball; prepack builds", () => {
    const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)));
    expect(targets.map((t) => t.replace(/^\.\//, "")).filter((t) => !files.includes(t))).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.prepack).toMatch(/npm run --silent build/);
  });
});

describe.each(VERSIONS)("installed from the tarball next to @pulumi/pulumi@%s", (version) => {
  let app: string;

  beforeAll(async () => {
    app = path.join(work, `app-${version.replace(/[^\w.-]/g, "_")}`);
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ name: "app", private: true }));
    await run(NPM, ["install", "--no-audit", "--no-fund", "--loglevel=error", tarball, `@pulumi/pulumi@${version}`], {
      cwd: app,
      maxBuffer: 16 << 20,
    });
  }, 240_000);

  test("one copy of @pulumi/pulumi: the program's", () => {
    const copies = copiesOf(app, path.join("@pulumi", "pulumi"));
    expect(copies).toEqual([path.join("node_modules", "@pulumi", "pulumi")]);
    const installed = JSON.parse(fs.readFileSync(path.join(app, "node_modules/@pulumi/pulumi/package.json"), "utf8")).version as string;
    if (version !== "latest") expect(installed).toBe(version);
  });

  test("README's TypeScript snippets type-check (moduleResolution node10 and node16)", async () => {
    const dir = path.join(app, "readme");
    fs.mkdirSync(dir, { recursive: true });
    const names = readmeTypeScript().map((s) => {
      fs.writeFileSync(path.join(dir, s.name), s.code);
      return s.name;
    });
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const [module, resolution] of [["commonjs", "node10"], ["node16", "node16"]]) {
      const args = [TSC, "--noEmit", "--strict", "--target", "ES2022", "--module", module, "--moduleResolution", resolution];
      args.push("--esModuleInterop", "--skipLibCheck", "--typeRoots", TYPE_ROOTS, "--types", "node,jest", ...names);
      const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
      expect({ resolution, out: r.stdout + r.stderr, status: r.status }).toEqual({ resolution, out: "", status: 0 });
    }
  }, 120_000);

  test("README's unit-testing examples pass there (mocks and emulator)", async () => {
    const dir = path.join(app, "unit-testing");
    fs.mkdirSync(dir, { recursive: true });
    for (const s of readmeTypeScript().filter((s) => s.file)) fs.writeFileSync(path.join(dir, s.name), s.code);
    const config = {
      rootDir: dir,
      testEnvironment: "node",
      transform: { "^.+\\.ts$": [require.resolve("ts-jest"), { tsconfig: { isolatedModules: true, esModuleInterop: true, module: "commonjs" } }] },
    };
    const r = spawnSync(process.execPath, [JEST, "--config", JSON.stringify(config), "--ci"], { cwd: app, encoding: "utf8" });
    expect({ status: r.status, out: r.status === 0 ? "" : r.stderr + r.stdout }).toEqual({ status: 0, out: "" });
    expect(r.stderr).toMatch(/Tests:\s+3 passed, 3 total/);
  }, 120_000);

  test("npx hwdms --help and --version answer, exit 0", async () => {
    const help = await run(NPM, ["exec", "--offline", "--", "hwdms", "--help"], { cwd: app });
    expect(help.stdout).toMatch(/^Usage: hwdms /);
    expect(help.stdout).toContain("scheduled-tasks");
    const v = await run(NPM, ["exec", "--offline", "--", "hwdms", "--version"], { cwd: app });
    expect(v.stdout.trim()).toBe(manifest.version);
  });

  test("the plugin starts as the engine starts it (port on stdout), serves its schema, invokes, stops on SIGTERM", async () => {
    const bin = path.join(app, "node_modules", ".bin", "pulumi-resource-huaweicloud-dms");
    const { startEmulator, DEMO_CREDENTIALS, DEMO_INSTANCE_ID, DEMO_PROJECT_ID } = require(
      require.resolve("pulumi-huaweicloud-dms/emulator", { paths: [app] }),
    ) as typeof import("../provider/emulator");
    const emu = await startEmulator({ seed: "demo" });
    const plugin = await spawnPlugin({ executable: bin, cwd: app, env: { PATH: process.env.PATH }, args: ["127.0.0.1:1"] });
    try {
      expect(plugin.stdout()).toBe(`${plugin.port}\n`);
      expect((await plugin.getPluginInfo()).getVersion()).toBe(manifest.version);
      expect(JSON.parse((await plugin.getSchema()).getSchema()).name).toBe("huaweicloud-dms");
      const args = { projectId: DEMO_PROJECT_ID, endpoint: emu.url, ...DEMO_CREDENTIALS };
      await plugin.configure(new pb.ConfigureRequest().setArgs(Struct.fromJavaScript(args)));
      const res = await plugin.invoke(
        new pb.InvokeRequest().setTok("huaweicloud-dms:kafka:getScheduledTasks").setArgs(Struct.fromJavaScript({ instanceId: DEMO_INSTANCE_ID })),
      );
      expect(res.getFailuresList()).toEqual([]);
      expect(res.getReturn()!.toJavaScript().jobCount).toBeGreaterThan(0);
      plugin.child.kill("SIGTERM");
      expect(await plugin.exited).toEqual({ code: 0, signal: null });
    } finally {
      await plugin.close();
      await emu.close();
    }
  });

  test("public entry points resolve; internals stay private", () => {
    const script = [
      `const dms = require("pulumi-huaweicloud-dms");`,
      `const emu = require("pulumi-huaweicloud-dms/emulator");`,
      `require("pulumi-huaweicloud-dms/package.json");`,
      `require("pulumi-huaweicloud-dms/dist/sdk/kafka/gateRuntime.js");`,
      `let hidden; try { require("pulumi-huaweicloud-dms/dist/provider/core"); } catch (e) { hidden = e.code; }`,
      `console.log(JSON.stringify({ sdk: Object.keys(dms).sort(), kafka: Object.keys(dms.kafka).sort(), emu: Object.keys(emu).sort(), hidden }));`,
    ].join("\n");
    const r = spawnSync(process.execPath, ["-e", script], { cwd: app, encoding: "utf8" });
    expect(r.stderr).toBe("");
    const seen = JSON.parse(r.stdout) as { sdk: string[]; kafka: string[]; emu: string[]; hidden: string };
    expect(seen.sdk).toEqual(expect.arrayContaining(["kafka", "Provider", "ValidationError", "ApiError"]));
    expect(seen.kafka).toEqual(expect.arrayContaining(["getScheduledTasks", "getScheduledTasksOutput", "ScheduledTasksGate", "assertNoExecutingTasks"]));
    expect(seen.emu).toEqual(expect.arrayContaining(["startEmulator", "DEMO_CREDENTIALS"]));
    expect(seen.hidden).toBe("ERR_PACKAGE_PATH_NOT_EXPORTED");
  });
});
