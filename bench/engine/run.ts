// `npm run bench:engine` (opt-in: needs the toolchain from scripts/pulumi-cli, as `npm run test:e2e` does):
// real `pulumi` commands timed side by side in one run, rounds interleaved with the order rotating, medians.
//   - YAML: `pulumi preview` of examples/yaml (the plugin installed from its tarball: start, CheckConfig,
//     Configure, Invoke) against the same program without the invoke and its provider: the plugin's cost to a
//     preview (target ≤ +0.5 s); and, for information, the program with the provider resource but no invoke.
//   - TypeScript (sdkUp.ts): `pulumi up` of examples/stack-outputs against the same project with an empty program:
//     the SDK's cost to an update (target ≤ +0.3 s), wall clock and CPU.
// Prints the table; writes its section of BENCHMARKS.md (between markers, the rest of the file untouched).
// Options: --rounds N (default 9), --no-write.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator, EmulatorKey } from "../../provider/emulator";
import { ROOT, Workspace, finishRun, pluginTarball, prepareRun, sentinelCredentials, startTestEmulator } from "../../tests/e2e/harness";
import { YAML_TASKS, editedProgram, exampleProgram } from "../../tests/e2e/yamlProgram";
import { Row, machine, renderMachine, renderTable } from "../report";
import { fmtMs, median, medianDiff, msSince, progress } from "../stats";
import { childrenCpuMs } from "./childrenCpu";
import { END, START, withEngineSection } from "./section";
import { SdkUpResult, benchSdkUp } from "./sdkUp";

const INSTANCE = "bench-kafka-yaml";
const TARGET_MS = 500;

interface Program {
  readonly name: string;
  readonly ws: Workspace;
  /** Wall-clock ms of each measured preview. */
  readonly ms: number[];
  /** CPU ms (user + system) of each measured preview's whole process tree: the CLI, language host, plugin. */
  readonly cpuMs: number[];
}

function parseArgv(argv: readonly string[]): { rounds: number; write: boolean } {
  let rounds = 9;
  let write = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--no-write") write = false;
    else if (a === "--rounds") rounds = Number(argv[++i]);
    else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: npm run bench:engine [-- --rounds N] [--no-write]\n");
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds takes a whole number of 1 or more.");
  return { rounds, write };
}

/** A YAML workspace on the emulator with the plugin installed from its tarball. */
async function yamlWorkspace(name: string, dir: string, emulator: Emulator, key: EmulatorKey): Promise<Program> {
  const ws = await Workspace.create({ program: dir, env: { HW_IAM_ENDPOINT: emulator.url } });
  const { file, version } = pluginTarball();
  await ws.ok(["plugin", "install", "resource", "huaweicloud-dms", version, "--file", file], { interactive: true });
  await ws.setAllConfig({ instanceId: INSTANCE, region: "cn-north-4", endpoint: emulator.url });
  await ws.setConfig("accessKey", key.accessKey, { secret: true });
  await ws.setConfig("secretKey", key.secretKey, { secret: true });
  return { name, ws, ms: [], cpuMs: [] };
}

async function preview(p: Program): Promise<{ ms: number; cpuMs: number }> {
  const cpu0 = childrenCpuMs();
  const r = await p.ws.run(["preview"]);
  if (r.code !== 0) throw new Error(`pulumi preview of ${p.name} failed:\n${p.ws.redact(r.stdout + r.stderr)}`);
  return { ms: r.ms, cpuMs: childrenCpuMs() - cpu0 };
}

async function main(): Promise<void> {
  const t0 = process.hrtime.bigint();
  const cli = parseArgv(process.argv.slice(2));
  const m = machine();
  progress(renderMachine(m));
  const loadBefore = os.loadavg()[0];
  await prepareRun();
  const key = sentinelCredentials();
  const emulator = await startTestEmulator([key]);
  emulator.setTasks(INSTANCE, YAML_TASKS);
  const programs = fs.mkdtempSync(path.join(os.tmpdir(), "hwdms-bench-engine-"));
  const all: Program[] = [];
  let sdkUp: SdkUpResult | undefined;
  try {
    const full = await yamlWorkspace("examples/yaml", exampleProgram(path.join(programs, "full")), emulator, key);
    const none = await yamlWorkspace(
      "the same program without the invoke and its provider",
      editedProgram(path.join(programs, "none"), (p) => {
        delete p.resources;
        delete (p as { variables?: unknown }).variables;
        p.outputs = {};
      }),
      emulator,
      key,
    );
    const providerOnly = await yamlWorkspace(
      "the same program without the invoke (provider kept)",
      editedProgram(path.join(programs, "provider"), (p) => {
        delete (p as { variables?: unknown }).variables;
        p.outputs = {};
      }),
      emulator,
      key,
    );
    all.push(full, none, providerOnly);

    progress("warm-up: one preview of each program");
    for (const p of all) await preview(p);
    for (let round = 0; round < cli.rounds; round++) {
      // Rotate the order each round so that drift and caching hit every program alike.
      const order = all.map((_, i) => all[(i + round) % all.length]);
      for (const p of order) {
        const { ms, cpuMs } = await preview(p);
        p.ms.push(ms);
        p.cpuMs.push(cpuMs);
      }
      progress(`round ${round + 1}/${cli.rounds}: ${all.map((p) => `${fmtMs(p.ms.at(-1)!)} (CPU ${fmtMs(p.cpuMs.at(-1)!)})`).join(" · ")}`);
    }
    progress("TypeScript SDK: pulumi up of examples/stack-outputs against an empty program");
    sdkUp = await benchSdkUp(cli.rounds, emulator, key);
  } finally {
    for (const p of all) await p.ws.dispose();
    await emulator.close();
    fs.rmSync(programs, { recursive: true, force: true });
    await finishRun();
  }

  const [full, none, providerOnly] = all;
  const diff = medianDiff(full.ms, none.ms);
  const rows: Row[] = [
    {
      section: "engine",
      what: "pulumi preview of examples/yaml (plugin: provider + invoke)",
      ours: fmtMs(median(full.ms)),
      against: none.name,
      theirs: fmtMs(median(none.ms)),
      ratio: `+${fmtMs(diff)} per preview`,
      target: `≤ +${fmtMs(TARGET_MS)}`,
      verdict: diff <= TARGET_MS ? "pass" : "miss",
    },
    {
      section: "engine",
      what: "CPU of that preview (CLI + YAML host + plugin, user + system)",
      ours: fmtMs(median(full.cpuMs)),
      against: "the same, without the invoke and its provider",
      theirs: fmtMs(median(none.cpuMs)),
      ratio: `+${fmtMs(medianDiff(full.cpuMs, none.cpuMs))} CPU per preview`,
      target: "—",
      verdict: "info",
    },
    {
      section: "engine",
      what: "pulumi preview, YAML program with the provider resource but no invoke",
      ours: fmtMs(median(providerOnly.ms)),
      against: none.name,
      theirs: fmtMs(median(none.ms)),
      ratio: `+${fmtMs(medianDiff(providerOnly.ms, none.ms))} per preview`,
      target: "—",
      verdict: "info",
    },
    ...(sdkUp?.rows ?? []),
  ];
  const seconds = msSince(t0) / 1000;
  const load = `load average (1 min) ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after, on ${os.availableParallelism()} CPUs`;
  const table = renderTable(rows);
  process.stdout.write(`${renderMachine(m)}\n\n${table}\n\n${seconds.toFixed(0)} s, ${load}\n`);
  if (!cli.write) return;
  const section = [
    START,
    "## Engine (`npm run bench:engine`)",
    "",
    `Opt-in (needs the toolchain from \`scripts/pulumi-cli\`); last run ${m.date}, ${cli.rounds} rounds after a warm-up, ${seconds.toFixed(0)} s in all, on the machine above (${load}: other work on the machine slows every figure).`,
    "CLI v3.248.0 built from source, local file backend, the emulator on loopback; figures are medians, each difference the",
    "median of per-round differences.",
    "",
    "- **YAML (the plugin's cost to a preview).** Each round runs `pulumi preview` of every program once, the order",
    "  rotating between rounds. The plugin is installed from its `npm run package:plugin` tarball; all programs share one",
    "  stack configuration.",
    "- **TypeScript (the SDK's cost to an update).** `examples/stack-outputs` (imports the package, calls",
    "  `getScheduledTasksOutput` in-process against the emulator, exports seven outputs) against the same project — same",
    "  package.json, node_modules (the package installed from its `npm pack` tarball), tsconfig and stack config — whose",
    "  `index.ts` only reads its config through `@pulumi/pulumi` and exports it (a bare unused `import` is elided by",
    "  TypeScript, and the program would then skip loading `@pulumi/pulumi`'s index, ≈0.7 s here that every real program",
    "  pays). Both are type-checked by the Node.js host (its default) and brought up once before timing, so every timed",
    "  `up` changes nothing. Each round times both, alternating which goes first. `pulumi up --yes` runs the program",
    "  twice (its preview, then the update); `--skip-preview` once.",
    "",
    table,
    "",
    "The CPU rows count the CPU time of every process a command ran (reaped children of the bench: the CLI, the language",
    "host and program, the plugin), which other work on the machine barely changes, unlike the wall-clock rows: with",
    "other work on the two cores, wall-clock differences of a few hundred ms are within the noise (compare the two",
    "TypeScript wall rows: the second runs the program once, the first twice).",
    "",
    `Per-round wall-clock figures (ms): ${all.map((p) => `${p.name}: ${p.ms.map((x) => x.toFixed(0)).join(", ")}`).join("; ")}` +
      (sdkUp ? `; TypeScript, ${sdkUp.perRound}.` : "."),
    END,
  ].join("\n");
  const file = path.join(ROOT, "BENCHMARKS.md");
  fs.writeFileSync(file, withEngineSection(fs.readFileSync(file, "utf8"), section));
  progress(`wrote the engine section of ${path.relative(process.cwd(), file) || file}`);
}

main().catch((e) => {
  process.stderr.write(`bench:engine failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
