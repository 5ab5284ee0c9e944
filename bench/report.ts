// The table: one row per comparison, rendered as Markdown for both stdout and BENCHMARKS.md.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";

export type Verdict = "pass" | "miss" | "info" | "n/a";

export interface Row {
  /** Stable key for notes about a row (e.g. "cpu-per-page"). */
  readonly id?: string;
  /** Which of the four benches. */
  readonly section: string;
  /** What was measured (ours), e.g. "list 10,000 tasks". */
  readonly what: string;
  /** Our median. */
  readonly ours: string;
  /** What it is compared with. */
  readonly against: string;
  /** The baseline's median. */
  readonly theirs: string;
  /** The figure the target is about (a ratio or a difference), median of per-round figures. */
  readonly ratio: string;
  readonly target: string;
  readonly verdict: Verdict;
}

export interface Machine {
  readonly nproc: string;
  readonly node: string;
  readonly cpu: string;
  readonly memory: string;
  readonly date: string;
}

export function machine(): Machine {
  let nproc = String(os.availableParallelism());
  try {
    nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    /* keep os.availableParallelism() */
  }
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    const m = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync("/proc/cpuinfo", "utf8"));
    if (m) cpu = m[1].trim();
  } catch {
    /* keep os.cpus() */
  }
  return {
    nproc,
    node: process.version,
    cpu,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    date: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

const VERDICT: Record<Verdict, string> = { pass: "**pass**", miss: "**MISS**", info: "info", "n/a": "n/a" };

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function renderTable(rows: readonly Row[]): string {
  const head = ["Bench", "Ours (median)", "Compared with", "Their median", "Ratio (median per run)", "Target", "Result"];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`];
  for (const r of rows) {
    lines.push(`| ${[`${r.section}: ${r.what}`, r.ours, r.against, r.theirs, r.ratio, r.target, VERDICT[r.verdict]].map(cell).join(" | ")} |`);
  }
  return lines.join("\n");
}

export function renderMachine(m: Machine): string {
  return `Machine: ${m.cpu}, nproc ${m.nproc}, ${m.memory} RAM · Node ${m.node} · run ${m.date}`;
}

export function renderMarkdown(rows: readonly Row[], m: Machine, howMeasured: string, notes: readonly string[], totalSeconds: number): string {
  const passed = rows.filter((r) => r.verdict === "pass").length;
  const missed = rows.filter((r) => r.verdict === "miss").length;
  return [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (sources in `bench/`); this file holds the last full run. The machine is shared and",
    "noisy, so every target is a ratio (or a difference) of measurements taken in the same run, median over several runs.",
    "",
    "## Machine",
    "",
    `- CPU: ${m.cpu} (\`nproc\` = ${m.nproc}), ${m.memory} RAM`,
    `- Node: ${m.node}`,
    `- Date: ${m.date}`,
    `- Whole \`npm run bench\` (without the build): ${totalSeconds.toFixed(0)} s`,
    "",
    "## Results",
    "",
    `Targets: ${passed} pass, ${missed} miss.`,
    "",
    renderTable(rows),
    "",
    ...(notes.length ? ["## Notes from this run", "", ...notes.map((n) => `- ${n}`), ""] : []),
    "## How measured",
    "",
    howMeasured.trim(),
    "",
  ].join("\n");
}
