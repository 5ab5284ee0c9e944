// The "How measured" section of BENCHMARKS.md, filled with this run's parameters.
import { DEFAULTS } from "../provider/core";

export interface Params {
  readonly latencyMs: number;
  readonly listingRounds: number;
  readonly listingSizes: readonly number[];
  readonly maxSizeForB: number;
  readonly pluginRounds: number;
  readonly cpuRounds: number;
  readonly cpuTasks: number;
  readonly signCalls: number;
  readonly memoryRounds: number;
  readonly memorySizes: readonly number[];
  readonly loadRounds: number;
  readonly loadInvokes: number;
  readonly loadTasks: number;
}

const n = (x: number): string => x.toLocaleString("en-US");

export function howMeasured(p: Params): string {
  return `
- **Where things run.** The emulator (\`provider/emulator\`, signature-checking, fixed latency per request) runs in a
  child process of its own (\`bench/emulatorChild.ts\`, driven over IPC), so on this 2-core machine the client and the
  server each get a core and the server's CPU is never counted as the client's. Everything measured talks to it
  over loopback HTTP with real signatures. Ratios are taken per round (both sides measured back to back, order
  alternating between rounds) and the table shows the median of those per-round ratios next to the medians of
  the absolute figures.
- **1 listing** (${p.listingRounds} rounds after a warm-up, ${p.latencyMs} ms per request, sizes ${p.listingSizes.map(n).join(" / ")}).
  *Ours* = \`getScheduledTasks({instanceId, projectId})\` with default options (pages of ${DEFAULTS.pageSize},
  concurrency ${DEFAULTS.concurrency}); every run checks it returned every task. Baselines run in the same process
  against the same emulator, with the same signer (\`signRequest\`) and HTTP stack (axios, keep-alive), parsing
  each page with JSON.parse and mapping it to camelCase, so only the paging strategy differs
  (\`bench/baselines.ts\`): **(a)** a sequential loop of 100-task pages, what a user of the official SDK writes around
  \`listScheduledTasks\`; **(b)** a sequential loop of 10-task pages that stops once it has fetched \`job_count\`
  tasks, as the Huawei Terraform data sources do — run up to ${n(p.maxSizeForB)} tasks only (it needs N/10
  sequential requests); **(c)** the physical limit r·(1 + ⌈(P−1)/c⌉) with r = the emulator's latency, P = pages
  of ${DEFAULTS.pageSize}, c = the default concurrency: the first page must come back before the total is known,
  then the other P−1 pages go c at a time. No client can beat (c) without more concurrency. **(c′)** (info) is the
  same formula with r = the median round trip of one raw pre-signed page at this latency, i.e. including the
  emulator's own work and loopback, which no client can avoid.
- **2 plugin start** (${p.pluginRounds} rounds after one unmeasured run of each). Time from \`spawn()\` to the first
  full line on stdout: for \`bin/pulumi-resource-huaweicloud-dms\` (exec'd directly with an engine address, as the
  Pulumi engine does) that line is the port; the two baselines are \`node -e "console.log(0)"\` (Node's floor) and
  \`node -e "require('@pulumi/pulumi');console.log(0)"\` (the cost of loading the root Pulumi SDK module). The
  plugin is then stopped with SIGTERM and awaited before the next spawn.
- **3 CPU** (${p.cpuRounds} rounds after 3 warm-ups, zero latency). \`process.cpuUsage()\` deltas (user + system, every
  thread of the bench process: JS, GC, libuv) around one call listing ${n(p.cpuTasks)} tasks
  (${Math.ceil(p.cpuTasks / DEFAULTS.pageSize)} pages), divided by the page count. The floor is \`http.get\` +
  \`JSON.parse\` of the same ${Math.ceil(p.cpuTasks / DEFAULTS.pageSize)} bodies with the same concurrency and a keep-alive
  agent; its requests are signed before the measured window (signatures stay valid for 15 minutes), so signing is
  counted as client overhead. The emulator's CPU is in its own process and is not counted. The signer row times
  ${n(p.signCalls)} calls per round of \`signRequest\` and of the official \`AKSKSigner.sign\` (a devDependency; the row
  says so when it is not installed) on the request the transport signs for a page, each computing its own date.
  A full garbage collection (\`--expose-gc\` is set at run time through \`v8.setFlagsFromString\`) runs before every
  measured window here and in bench 1, so no window pays for garbage another one left; each pays for its own,
  including promoting the 10,000 tasks the client returns (the floor keeps nothing).
- **4 memory** (${p.memoryRounds} rounds, sizes ${p.memorySizes.map(n).join(" / ")}, zero latency). A fresh child process
  (\`bench/memoryChild.ts\`) runs only the client and reports \`process.resourceUsage().maxRSS\` while the result is
  still reachable; the idle figure is the same script in a fresh process that loads nothing. The target figure is
  the median of the per-round differences.
- **5 plugin under load** (${p.loadRounds} rounds, ${p.latencyMs} ms per request). A fresh plugin per round, spawned as the
  engine spawns it with the emulator's address in \`HW_DMS_ENDPOINT\`; 50 GetPluginInfo probes against it idle, then a
  child process (\`bench/pluginLoadChild.ts\`, so decoding the answers never delays the probes) fires
  ${n(p.loadInvokes)} concurrent Invokes of ${n(p.loadTasks)} tasks each (${n((p.loadInvokes * p.loadTasks) / DEFAULTS.pageSize)} pages) while
  this process sends a GetPluginInfo every 10 ms, whether or not earlier ones are back (open loop, so a stall
  counts by its length), until the last Invoke is back, timing each round trip. The row shows the median over rounds of each round's p99 (and p50, max); every Invoke must return all its
  tasks, and the plugin's stderr must hold no MaxListenersExceededWarning.
`;
}
