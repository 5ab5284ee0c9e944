// `npm run bench`: starts the emulator in a child process, runs the five benches, prints the table to stdout
// (progress goes to stderr) and writes BENCHMARKS.md. Options (plain argv): --quick (fewer rounds, for trying
// things out; does not write BENCHMARKS.md), --only listing,plugin,cpu,memory,load, --no-write.
import * as fs from "fs";
import * as path from "path";
import { benchCpu } from "./cpu";
import { diagnoses } from "./diagnosis";
import { engineSection, withEngineSection } from "./engine/section";
import { startEmulatorProcess } from "./emulatorProcess";
import { Params, howMeasured } from "./howMeasured";
import { benchListing, retries } from "./listing";
import { benchMemory } from "./memory";
import { benchPluginLoad } from "./pluginLoad";
import { ROOT, benchPluginStart } from "./pluginStart";
import { Row, machine, renderMachine, renderMarkdown, renderTable } from "./report";
import { msSince, progress } from "./stats";

const BENCHES = ["listing", "plugin", "cpu", "memory", "load"] as const;
type Bench = (typeof BENCHES)[number];

interface Cli {
  readonly quick: boolean;
  readonly write: boolean;
  readonly only: ReadonlySet<Bench>;
}

function parseArgv(argv: readonly string[]): Cli {
  let quick = false;
  let write = true;
  let only = new Set<Bench>(BENCHES);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") quick = true;
    else if (a === "--no-write") write = false;
    else if (a === "--only" || a.startsWith("--only=")) {
      const list = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i] ?? "";
      const names = list.split(",").filter(Boolean);
      const bad = names.filter((x) => !(BENCHES as readonly string[]).includes(x));
      if (bad.length || !names.length) throw new Error(`--only takes a comma-separated list of ${BENCHES.join(", ")}; got "${list}".`);
      only = new Set(names as Bench[]);
    } else if (a === "--help" || a === "-h") {
      process.stdout.write("usage: npm run bench [-- --quick] [--only listing,plugin,cpu,memory,load] [--no-write]\n");
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  // A partial or quick run never replaces the full run kept in BENCHMARKS.md.
  return { quick, write: write && !quick && only.size === BENCHES.length, only };
}

function params(quick: boolean): Params {
  return {
    latencyMs: 50,
    listingRounds: quick ? 2 : 5,
    listingSizes: [100, 1_000, 10_000],
    maxSizeForB: 1_000,
    pluginRounds: quick ? 3 : 7,
    cpuRounds: quick ? 5 : 15,
    cpuTasks: 10_000,
    signCalls: quick ? 2_000 : 10_000,
    memoryRounds: quick ? 1 : 3,
    memorySizes: [10_000, 100_000],
    loadRounds: quick ? 1 : 3,
    loadInvokes: 200,
    loadTasks: 1_000,
  };
}

async function main(): Promise<void> {
  const t0 = process.hrtime.bigint();
  const cli = parseArgv(process.argv.slice(2));
  const p = params(cli.quick);
  const m = machine();
  progress(renderMachine(m));
  const rows: Row[] = [];

  const emu = await startEmulatorProcess(p.latencyMs);
  try {
    if (cli.only.has("listing")) {
      progress("1/5 listing");
      rows.push(...(await benchListing(emu, { latencyMs: p.latencyMs, rounds: p.listingRounds, sizes: p.listingSizes, maxSizeForB: p.maxSizeForB })));
    }
    if (cli.only.has("plugin")) {
      progress("2/5 plugin start");
      rows.push(...(await benchPluginStart(p.pluginRounds)));
    }
    if (cli.only.has("cpu")) {
      progress("3/5 CPU per page");
      rows.push(...(await benchCpu(emu, { rounds: p.cpuRounds, tasks: p.cpuTasks, signCalls: p.signCalls })));
    }
    if (cli.only.has("memory")) {
      progress("4/5 memory");
      rows.push(...(await benchMemory(emu, { rounds: p.memoryRounds, sizes: p.memorySizes, targetSize: 100_000, targetMiB: 150 })));
    }
    if (cli.only.has("load")) {
      progress("5/5 plugin under load");
      rows.push(...(await benchPluginLoad(emu, { rounds: p.loadRounds, invokes: p.loadInvokes, tasks: p.loadTasks, latencyMs: p.latencyMs })));
    }
  } finally {
    await emu.close();
  }

  const seconds = msSince(t0) / 1000;
  process.stdout.write(`${renderMachine(m)}\n\n${renderTable(rows)}\n`);
  const missed = rows.filter((r) => r.verdict === "miss").length;
  process.stdout.write(`\n${rows.filter((r) => r.verdict === "pass").length} targets pass, ${missed} miss · ${seconds.toFixed(0)} s\n`);
  if (cli.write) {
    const notes = [
      `Baseline (b) runs up to ${p.maxSizeForB.toLocaleString("en-US")} tasks only: at 10,000 it would need 1,000 sequential requests (≈ ${((10_000 / 10) * p.latencyMs) / 1000} s per run).`,
      ...(retries.length
        ? [`The core client retried ${retries.length} time${retries.length === 1 ? "" : "s"} during the listing runs (each retry waits a jittered backoff, so that run is slower; the medians absorb it): ${retries.map((r) => r.replace(/\.$/, "")).join("; ")}.`]
        : []),
      ...(retries.some((r) => /socket hang up/.test(r))
        ? [
            "Cause of the \"socket hang up\" retries: the emulator (Node 20's http server) closes an idle kept-alive socket after its keepAliveTimeout + 1 s (5 + 1 s), while Node 20's http.Agent ignores the server's `Keep-Alive: timeout=5` hint unless the agent has a `timeout` of its own (`serverHintTimeout < agentTimeout` with agentTimeout 0), so the client reuses a socket idle for about 6 s just as the server closes it; here the client's sockets sit idle ≈ 6 s while baseline (b) runs. The client then waits a full backoff before retrying; the fix proposed in the bench report retries such a request at once.",
          ]
        : []),
      ...diagnoses(rows),
    ];
    const file = path.join(ROOT, "BENCHMARKS.md");
    // The engine bench's section (npm run bench:engine) is kept as it is.
    const kept = fs.existsSync(file) ? engineSection(fs.readFileSync(file, "utf8")) : "";
    fs.writeFileSync(file, withEngineSection(renderMarkdown(rows, m, howMeasured(p), notes, seconds), kept));
    progress(`wrote ${path.relative(process.cwd(), file) || file}`);
  } else {
    progress("BENCHMARKS.md not written (quick or partial run)");
  }
}

main().catch((e) => {
  process.stderr.write(`bench failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
