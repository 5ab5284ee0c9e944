// Bench 4: peak RSS of a process that only runs the client (see memoryChild.ts) while listing N tasks, minus
// the peak RSS of an idle Node process measured the same way (process.resourceUsage().maxRSS), interleaved.
import { execFile } from "child_process";
import * as path from "path";
import { CREDENTIALS, EmulatorProcess, PROJECT_ID } from "./emulatorProcess";
import { instanceFor } from "./listing";
import { Row } from "./report";
import { fmtMiB, median, medianDiff, progress } from "./stats";

export interface MemoryOptions {
  readonly rounds: number;
  readonly sizes: readonly number[];
  /** The size the target applies to. */
  readonly targetSize: number;
  readonly targetMiB: number;
}

function peakRss(args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(__dirname, "memoryChild.js"), ...args],
      { env: { ...process.env, BENCH_AK: CREDENTIALS.accessKey, BENCH_SK: CREDENTIALS.secretKey, BENCH_PROJECT_ID: PROJECT_ID }, timeout: 120_000 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`${err.message}${stderr ? `: ${stderr.trim()}` : ""}`));
        try {
          resolve((JSON.parse(stdout.trim().split("\n").pop()!) as { maxRssBytes: number }).maxRssBytes);
        } catch (e) {
          reject(e);
        }
      },
    );
  });
}

export async function benchMemory(emu: EmulatorProcess, opts: MemoryOptions): Promise<Row[]> {
  for (const n of opts.sizes) await emu.generateTasks(instanceFor(n), n);
  await emu.setLatency(0);
  const idle: number[] = [];
  const peaks = new Map<number, number[]>(opts.sizes.map((n) => [n, []]));
  for (let round = 0; round < opts.rounds; round++) {
    idle.push(await peakRss(["idle"]));
    for (const n of opts.sizes) peaks.get(n)!.push(await peakRss([instanceFor(n), emu.url, String(n)]));
    progress(`memory: round ${round + 1}/${opts.rounds} done`);
  }
  return opts.sizes.map((n): Row => {
    const above = medianDiff(peaks.get(n)!, idle);
    const isTarget = n === opts.targetSize;
    return {
      section: "4 memory",
      what: `peak RSS listing ${n.toLocaleString("en-US")} tasks`,
      ours: fmtMiB(median(peaks.get(n)!)),
      against: "idle Node process",
      theirs: fmtMiB(median(idle)),
      ratio: `+${fmtMiB(above)}`,
      target: isTarget ? `< +${opts.targetMiB} MiB` : "—",
      verdict: isTarget ? (above < opts.targetMiB * 1024 * 1024 ? "pass" : "miss") : "info",
    };
  });
}
