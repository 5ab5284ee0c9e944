// `npm run package:plugin [-- --os linux|darwin --arch amd64|arm64 --out DIR]`: writes
//   pulumi-resource-huaweicloud-dms-v<version>-<os>-<arch>.tar.gz
// the resource-provider plugin as Pulumi installs plugins (`pulumi plugin install resource huaweicloud-dms
// <version> --file <tarball>`): one bundled JavaScript file (no node_modules beside it), a launcher that runs
// it with the `node` on PATH, and the package.json (name, version) and schema.json the plugin serves.
// Prints the tarball's absolute path as its last stdout line.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Command, Option } from "commander";
import { build } from "esbuild";
import { create } from "tar";

import { PLUGIN_BUNDLE, PLUGIN_EXECUTABLE, launcherScript, pluginArchiveName } from "./pluginArchive";

const root = path.resolve(__dirname, "../..");

const PULUMI_OS: Partial<Record<NodeJS.Platform, string>> = { linux: "linux", darwin: "darwin" };
const PULUMI_ARCH: Partial<Record<string, string>> = { x64: "amd64", arm64: "arm64" };

interface Options {
  readonly os: string;
  readonly arch: string;
  readonly out: string;
}

function options(argv: readonly string[]): Options {
  const program = new Command("package-plugin")
    .description("Bundle the huaweicloud-dms resource-provider plugin into a tarball for `pulumi plugin install`.")
    .addOption(new Option("--os <os>", "target operating system").choices(["linux", "darwin"]).default(PULUMI_OS[process.platform]))
    .addOption(new Option("--arch <arch>", "target CPU architecture").choices(["amd64", "arm64"]).default(PULUMI_ARCH[process.arch]))
    .option("--out <dir>", "folder to write the tarball into", path.join(root, "build", "plugin"))
    .parse(argv, { from: "node" });
  const opts = program.opts<{ os?: string; arch?: string; out: string }>();
  // The bundle is plain JavaScript; only the launcher is a POSIX shell script, which Windows cannot run.
  if (!opts.os) throw new Error(`--os is required: this machine's platform (${process.platform}) has no plugin launcher; choose linux or darwin.`);
  if (!opts.arch) throw new Error(`--arch is required: this machine's architecture (${process.arch}) is not one Pulumi names; choose amd64 or arm64.`);
  // A relative --out is taken from where `npm run` was started (INIT_CWD), not from the package root.
  return { os: opts.os, arch: opts.arch, out: path.resolve(process.env.INIT_CWD ?? process.cwd(), opts.out) };
}

function readPackage(): { name: string; version: string; license?: string } {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as Record<string, unknown>;
  if (typeof pkg.name !== "string" || typeof pkg.version !== "string") throw new Error("package.json has no name or version.");
  return { name: pkg.name, version: pkg.version, license: typeof pkg.license === "string" ? pkg.license : undefined };
}

async function main(argv: readonly string[]): Promise<void> {
  const opts = options(argv);
  const pkg = readPackage();
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), "huaweicloud-dms-plugin-"));
  try {
    await build({
      entryPoints: [path.join(root, "provider", "plugin", "main.ts")],
      outfile: path.join(stage, PLUGIN_BUNDLE),
      bundle: true,
      platform: "node",
      target: "node20",
      format: "cjs",
      minify: true,
      legalComments: "eof",
      logLevel: "warning",
    });
    fs.writeFileSync(path.join(stage, PLUGIN_EXECUTABLE), launcherScript(), { mode: 0o755 });
    // The plugin finds its version and schema beside itself (provider/package.ts walks up to this package.json).
    const manifest = { name: pkg.name, version: pkg.version, license: pkg.license, private: true };
    fs.writeFileSync(path.join(stage, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.copyFileSync(path.join(root, "schema.json"), path.join(stage, "schema.json"));
    const files = [PLUGIN_EXECUTABLE, PLUGIN_BUNDLE, "package.json", "schema.json"];
    for (const extra of ["LICENSE", "README.md"]) {
      if (fs.existsSync(path.join(root, extra))) {
        fs.copyFileSync(path.join(root, extra), path.join(stage, extra));
        files.push(extra);
      }
    }

    fs.mkdirSync(opts.out, { recursive: true });
    const tarball = path.join(opts.out, pluginArchiveName(pkg.version, opts.os, opts.arch));
    // portable + a fixed mtime: the same sources give the same tarball.
    await create({ gzip: true, file: tarball, cwd: stage, portable: true, mtime: new Date(0) }, files);
    process.stderr.write(`package-plugin: ${path.relative(process.cwd(), tarball)} (${fs.statSync(tarball).size} bytes)\n`);
    process.stdout.write(`${tarball}\n`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

main(process.argv).catch((e: unknown) => {
  process.stderr.write(`package-plugin: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
