// Bench 1: listing N tasks at a fixed latency per request — the core client with default settings vs.
// (a) sequential 100-task pages, (b) sequential 10-task pages, (c) the physical limit r·(1+⌈(P−1)/c⌉).
// All run in this process, interleaved round by round, against the same emulator (in its own process).
import { DEFAULTS, getScheduledTasks } from "../provider/core";
import { listSequential, prepareRawPages, rawFetchAll } from "./baselines";
import { EmulatorProcess, PROJECT_ID, clientEnv } from "./emulatorProcess";
import { fullGc } from "./gc";
import { Row } from "./report";
import { fmtMs, fmtRatio, median, medianRatio, msSince, progress } from "./stats";

export interface ListingOptions {
  readonly latencyMs: number;
  readonly rounds: number;
  /** Task counts to list, ascending. */
  readonly sizes: readonly number[];
  /** Largest size baseline (b) runs at (it is slow: N/10 sequential requests). */
  readonly maxSizeForB: number;
}

/** Instance id holding `n` generated tasks. */
export const instanceFor = (n: number): string => `bench-${n}`;

/** r·(1 + ⌈(P−1)/c⌉): the first page alone (it tells the total), then the rest c at a time. */
export function physicalLimitMs(r: number, tasks: number, pageSize: number, c: number): number {
  const pages = Math.max(1, Math.ceil(tasks / pageSize));
  return r * (1 + Math.ceil((pages - 1) / c));
}

/** Retries the core client made during the listing runs (each costs a jittered backoff of ≥ 250 ms). */
export const retries: string[] = [];

async function timeOurs(url: string, n: number): Promise<number> {
  fullGc();
  const t0 = process.hrtime.bigint();
  const result = await getScheduledTasks(
    { instanceId: instanceFor(n), projectId: PROJECT_ID },
    { env: clientEnv(url), onRetry: (info) => void retries.push(`${fmtN(n)} tasks: retry after ${info.delayMs} ms: ${info.reason}`) },
  );
  const ms = msSince(t0);
  if (result.jobs.length !== n || result.jobCount !== n) throw new Error(`ours listed ${result.jobs.length}/${result.jobCount} of ${n} tasks`);
  return ms;
}

async function timeSequential(url: string, n: number, pageSize: number): Promise<number> {
  fullGc();
  const t0 = process.hrtime.bigint();
  const tasks = await listSequential(url, instanceFor(n), pageSize);
  const ms = msSince(t0);
  if (tasks.length !== n) throw new Error(`the ${pageSize}-task sequential baseline listed ${tasks.length} of ${n} tasks`);
  return ms;
}

const fmtN = (n: number): string => n.toLocaleString("en-US");
/** Their time over ours. */
const speedLabel = (x: number): string => (x >= 1 ? `${fmtRatio(x)} faster` : `${fmtRatio(x)} (slower)`);

export async function benchListing(emu: EmulatorProcess, opts: ListingOptions): Promise<Row[]> {
  const c = DEFAULTS.concurrency;
  const pageSize = DEFAULTS.pageSize;
  for (const n of opts.sizes) await emu.generateTasks(instanceFor(n), n);
  await emu.setLatency(opts.latencyMs);

  // Warm-up (JIT, lazy requires, keep-alive sockets): not measured.
  progress(`listing: warm-up at ${opts.latencyMs} ms per request`);
  for (const n of opts.sizes) await timeOurs(emu.url, n); // every size: the concurrent path and its sockets too
  await timeSequential(emu.url, opts.sizes[Math.min(1, opts.sizes.length - 1)], 100);
  await timeSequential(emu.url, opts.sizes[0], 10);

  const ours = new Map<number, number[]>();
  const seqA = new Map<number, number[]>();
  const seqB = new Map<number, number[]>();
  for (const n of opts.sizes) {
    ours.set(n, []);
    seqA.set(n, []);
    seqB.set(n, []);
  }
  for (let round = 0; round < opts.rounds; round++) {
    const t0 = process.hrtime.bigint();
    for (const n of opts.sizes) {
      // Alternate who goes first so a drift in machine load does not always favour one side.
      const steps: Array<() => Promise<void>> = [
        async () => void ours.get(n)!.push(await timeOurs(emu.url, n)),
        async () => void seqA.get(n)!.push(await timeSequential(emu.url, n, 100)),
      ];
      if (n <= opts.maxSizeForB) steps.push(async () => void seqB.get(n)!.push(await timeSequential(emu.url, n, 10)));
      if (round % 2) steps.reverse();
      for (const step of steps) await step();
    }
    const last = opts.sizes.map((n) => fmtMs(ours.get(n)![round])).join(" / ");
    progress(`listing: round ${round + 1}/${opts.rounds} done in ${fmtMs(msSince(t0))}; ours ${last}${retries.length ? ` (client retries so far: ${retries.length}; last: ${retries[retries.length - 1]})` : ""}`);
  }

  // One page's real round trip at this latency (http.get + JSON.parse, pre-signed): the server's own work and
  // the loopback add a few ms to r, which no client can avoid.
  const one = prepareRawPages(emu.url, instanceFor(opts.sizes[0]), Math.min(opts.sizes[0], pageSize), pageSize).slice(0, 1);
  const rtts: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = process.hrtime.bigint();
    await rawFetchAll(one, 1);
    rtts.push(msSince(t0));
  }
  const rtt = median(rtts);

  const rows: Row[] = [];
  const r = opts.latencyMs;
  for (const n of opts.sizes) {
    const o = ours.get(n)!;
    const limit = physicalLimitMs(r, n, pageSize, c);
    const what = `list ${fmtN(n)} tasks @${r} ms`;
    const limitRatio = median(o.map((x) => x / limit));
    const pages = Math.ceil(n / pageSize);
    const big = n === opts.sizes[opts.sizes.length - 1];
    rows.push({
      section: "1 listing",
      what,
      ours: fmtMs(median(o)),
      against: `(c) limit r·(1+⌈(P−1)/c⌉), P=${pages}, c=${c}`,
      theirs: fmtMs(limit),
      ratio: `${fmtRatio(limitRatio)} the limit`,
      target: big ? "≤ 1.25× the limit" : "—",
      verdict: big ? (limitRatio <= 1.25 ? "pass" : "miss") : "info",
    });
    if (big) {
      const practical = physicalLimitMs(rtt, n, pageSize, c);
      rows.push({
        section: "1 listing",
        what,
        ours: fmtMs(median(o)),
        against: `(c′) the same with r = one raw page's round trip (${fmtMs(rtt)})`,
        theirs: fmtMs(practical),
        ratio: `${fmtRatio(median(o.map((x) => x / practical)))} that`,
        target: "—",
        verdict: "info",
      });
    }
    const a = seqA.get(n)!;
    const speedA = medianRatio(a, o);
    rows.push({
      section: "1 listing",
      what,
      ours: fmtMs(median(o)),
      against: "(a) sequential 100-task pages",
      theirs: fmtMs(median(a)),
      ratio: speedLabel(speedA),
      target: big ? "≥ 5× faster" : "—",
      verdict: big ? (speedA >= 5 ? "pass" : "miss") : "info",
    });
    const b = seqB.get(n)!;
    if (b.length) {
      const speedB = medianRatio(b, o);
      const isTarget = n === 1000;
      rows.push({
        section: "1 listing",
        what,
        ours: fmtMs(median(o)),
        against: "(b) sequential 10-task pages",
        theirs: fmtMs(median(b)),
        ratio: speedLabel(speedB),
        target: isTarget ? "≥ 20× faster" : "—",
        verdict: isTarget ? (speedB >= 20 ? "pass" : "miss") : "info",
      });
    }
  }
  return rows;
}
