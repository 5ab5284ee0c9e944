// Bench 2: plugin start — spawn to "port printed on stdout's first line", as the Pulumi engine waits for it,
// vs. `node -e` printing one line (Node's own floor) and vs. `node -e` requiring the whole @pulumi/pulumi SDK
// first (what a plugin pays when it loads the root SDK module). All three are spawned the same way (`node`
// from PATH: the plugin through its `#!/usr/bin/env node` launcher, as the engine execs it), interleaved.
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Row } from "./report";
import { fmtMs, fmtRatio, median, medianRatio, msSince, progress } from "./stats";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PLUGIN_BIN = path.join(ROOT, "bin", "pulumi-resource-huaweicloud-dms");
const PLUGIN_MAIN = path.join(ROOT, "dist", "provider", "plugin", "main.js");
const START_TIMEOUT_MS = 20_000;

interface Started {
  readonly ms: number;
  readonly firstLine: string;
}

/** Spawns `command args`, resolves with the time to the first full line on stdout, then ends the process. */
function timeToFirstLine(command: string, args: readonly string[], stopWith?: NodeJS.Signals): Promise<Started> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    let started: Started | undefined;
    let exited = false;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no line on stdout within ${START_TIMEOUT_MS / 1000} s${err ? `; stderr: ${err.trim().slice(0, 300)}` : ""}`));
    }, START_TIMEOUT_MS);
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (started) return;
      out += chunk;
      const nl = out.indexOf("\n");
      if (nl < 0) return;
      started = { ms: msSince(t0), firstLine: out.slice(0, nl).trim() };
      if (stopWith && !exited) child.kill(stopWith);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (err.length < 4096) err += chunk;
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("exit", (code, signal) => {
      exited = true;
      clearTimeout(timer);
      if (started) resolve(started);
      else reject(new Error(`exited (${signal ?? `code ${code}`}) before printing a line${err ? `; stderr: ${err.trim().slice(0, 300)}` : ""}`));
    });
  });
}

const NODE_FLOOR = ["-e", "console.log(0)"];
const NODE_PULUMI = ["-e", "require('@pulumi/pulumi');console.log(0)"];
/** The engine passes its own address last; nothing is sent to it unless the plugin logs. */
const ENGINE_ADDRESS = "127.0.0.1:1";

/** Why the plugin cannot be measured, or undefined when it starts and prints a port. */
async function pluginProblem(): Promise<string | undefined> {
  if (!fs.existsSync(PLUGIN_BIN)) return `${path.relative(ROOT, PLUGIN_BIN)} is missing`;
  if (!fs.existsSync(PLUGIN_MAIN)) return `${path.relative(ROOT, PLUGIN_MAIN)} is not built`;
  try {
    const s = await timeToFirstLine(PLUGIN_BIN, [ENGINE_ADDRESS], "SIGTERM");
    if (!/^\d+$/.test(s.firstLine)) return `its first stdout line is ${JSON.stringify(s.firstLine)}, not a port`;
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

export async function benchPluginStart(rounds: number): Promise<Row[]> {
  const problem = await pluginProblem();
  const floor: number[] = [];
  const pulumi: number[] = [];
  const plugin: number[] = [];
  // One unmeasured run of each fills the OS page cache.
  await timeToFirstLine("node", NODE_FLOOR);
  await timeToFirstLine("node", NODE_PULUMI);
  for (let round = 0; round < rounds; round++) {
    const steps: Array<() => Promise<void>> = [
      async () => void floor.push((await timeToFirstLine("node", NODE_FLOOR)).ms),
      async () => void pulumi.push((await timeToFirstLine("node", NODE_PULUMI)).ms),
    ];
    if (!problem) steps.push(async () => void plugin.push((await timeToFirstLine(PLUGIN_BIN, [ENGINE_ADDRESS], "SIGTERM")).ms));
    if (round % 2) steps.reverse();
    for (const step of steps) await step();
  }
  progress(`plugin start: ${rounds} rounds done`);

  const rows: Row[] = [];
  const what = "pulumi-resource-huaweicloud-dms spawn → port";
  if (problem) {
    rows.push({
      section: "2 plugin start",
      what,
      ours: `NOT RUNNABLE: ${problem}`,
      against: "node -e \"require('@pulumi/pulumi')\"",
      theirs: fmtMs(median(pulumi)),
      ratio: "—",
      target: "≤ 0.4× the require baseline",
      verdict: "miss",
    });
    rows.push({
      section: "2 plugin start",
      what: "(floor)",
      ours: "—",
      against: "node -e 0 (prints one line)",
      theirs: fmtMs(median(floor)),
      ratio: "—",
      target: "—",
      verdict: "info",
    });
    return rows;
  }
  const vsPulumi = medianRatio(plugin, pulumi);
  rows.push({
    section: "2 plugin start",
    what,
    ours: fmtMs(median(plugin)),
    against: "node -e \"require('@pulumi/pulumi')\"",
    theirs: fmtMs(median(pulumi)),
    ratio: `${fmtRatio(vsPulumi)} the baseline`,
    target: "≤ 0.4×",
    verdict: vsPulumi <= 0.4 ? "pass" : "miss",
  });
  rows.push({
    section: "2 plugin start",
    what,
    ours: fmtMs(median(plugin)),
    against: "node -e 0 (prints one line)",
    theirs: fmtMs(median(floor)),
    ratio: `${fmtRatio(medianRatio(plugin, floor))} the floor`,
    target: "—",
    verdict: "info",
  });
  return rows;
}
