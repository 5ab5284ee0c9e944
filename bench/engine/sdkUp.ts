// The TypeScript SDK's cost to a real `pulumi up` (part of `npm run bench:engine`): examples/stack-outputs (the
// SDK loaded, the function called in-process against the emulator, seven outputs) against the same project with
// an empty program, both installed from the packed tarball, each with its own file backend. Rounds alternate
// which program goes first; the figure is the median of the per-round differences. Target: ≤ +0.3 s.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator, EmulatorKey } from "../../provider/emulator";
import { Workspace, emulatorConfig, installedProgram } from "../../tests/e2e/harness";
import type { Row } from "../report";
import { fmtMs, median, medianDiff, msSince, progress } from "../stats";
import { childrenCpuMs } from "./childrenCpu";

const TARGET_MS = 300;
const PROJECT_ID = "3d4e5f60718293a4b5c6d7e8f90a1b2c";
const INSTANCE = "bench-kafka-ts";

/**
 * An empty Pulumi program: it uses the Pulumi SDK (reads its config) and nothing else. (A bare
 * `import * as pulumi from "@pulumi/pulumi";`, as `pulumi new typescript` writes it, is elided by the
 * TypeScript compiler when unused, so the program would not even load `@pulumi/pulumi`'s index, which every
 * real program does: ≈0.7 s on this machine, none of it this package's.)
 */
export const EMPTY_PROGRAM = ['import * as pulumi from "@pulumi/pulumi";', "", 'export const instanceId = new pulumi.Config().require("instanceId");', ""].join(
  "\n",
);

/** The same project as examples/stack-outputs (same package.json, node_modules, tsconfig), with an empty program. */
function emptyProgram(into: string): string {
  fs.cpSync(installedProgram("stack-outputs"), into, { recursive: true, verbatimSymlinks: true });
  fs.writeFileSync(path.join(into, "index.ts"), EMPTY_PROGRAM);
  return into;
}

interface Variant {
  readonly what: string;
  readonly args: readonly string[];
}

const VARIANTS: readonly Variant[] = [
  { what: "pulumi up --yes (preview, then update) of examples/stack-outputs (TS SDK)", args: ["up", "--yes"] },
  { what: "pulumi up --yes --skip-preview of examples/stack-outputs", args: ["up", "--yes", "--skip-preview"] },
];

interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
}

async function timed(ws: Workspace, args: readonly string[]): Promise<Timing> {
  const cpu0 = childrenCpuMs();
  const t0 = process.hrtime.bigint();
  await ws.ok(args);
  return { ms: msSince(t0), cpuMs: childrenCpuMs() - cpu0 };
}

export interface SdkUpResult {
  readonly rows: Row[];
  /** Per-round wall-clock figures, for the notes. */
  readonly perRound: string;
}

export async function benchSdkUp(rounds: number, emulator: Emulator, key: EmulatorKey): Promise<SdkUpResult> {
  emulator.setTasks(INSTANCE, [
    { id: "t-old", name: "partitionReassign", status: "SUCCESS", schedule_at: "2024-01-01T00:00:00Z" },
    { id: "t-run", name: "partitionReassign", status: "EXECUTING" },
    { id: "t-next", name: "kafkaRestart", status: "CREATED", schedule_at: "2030-01-01T00:00:00Z" },
  ]);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "hwdms-bench-sdk-"));
  const sdk = await Workspace.create({ example: "stack-outputs" });
  const empty = await Workspace.create({ program: emptyProgram(path.join(scratch, "empty")) });
  const times = VARIANTS.map(() => ({ sdk: [] as Timing[], empty: [] as Timing[] }));
  try {
    for (const ws of [sdk, empty]) {
      await ws.setAllConfig({ instanceId: INSTANCE, ...emulatorConfig(emulator, PROJECT_ID) });
      await ws.setConfig("huaweicloud-dms:accessKey", key.accessKey, { secret: true });
      await ws.setConfig("huaweicloud-dms:secretKey", key.secretKey, { secret: true });
      await ws.ok(["up", "--yes"]); // warm-up: creates the stack, fills the caches; every timed `up` changes nothing
    }
    for (let round = 0; round < rounds; round++) {
      const order: Array<["sdk" | "empty", Workspace]> = round % 2 === 0 ? [["sdk", sdk], ["empty", empty]] : [["empty", empty], ["sdk", sdk]];
      for (const [v, variant] of VARIANTS.entries()) {
        for (const [side, ws] of order) times[v][side].push(await timed(ws, variant.args));
      }
      progress(
        `TS SDK round ${round + 1}/${rounds}: ` +
          VARIANTS.map((_, v) => `${fmtMs(times[v].sdk[round].ms)} vs ${fmtMs(times[v].empty[round].ms)}`).join("; "),
      );
    }
    // The SDK's program really ran: its outputs are the emulator's.
    const out = await sdk.outputs();
    if (out.jobCount !== 3 || out.hasExecuting !== true) throw new Error(`stack-outputs exported unexpected outputs: ${JSON.stringify(out)}`);
  } finally {
    await sdk.dispose();
    await empty.dispose();
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const against = "the same project with an empty program";
  const rows: Row[] = VARIANTS.flatMap((variant, v) => {
    const sdkMs = times[v].sdk.map((t) => t.ms);
    const emptyMs = times[v].empty.map((t) => t.ms);
    const sdkCpu = times[v].sdk.map((t) => t.cpuMs);
    const emptyCpu = times[v].empty.map((t) => t.cpuMs);
    const diff = medianDiff(sdkMs, emptyMs);
    const targeted = v === 0;
    return [
      {
        section: "engine",
        what: variant.what,
        ours: fmtMs(median(sdkMs)),
        against,
        theirs: fmtMs(median(emptyMs)),
        ratio: `${diff >= 0 ? "+" : "−"}${fmtMs(Math.abs(diff))} per up`,
        target: targeted ? `≤ +${fmtMs(TARGET_MS)}` : "—",
        verdict: targeted ? (diff <= TARGET_MS ? "pass" : "miss") : "info",
      },
      {
        section: "engine",
        what: "CPU of that up (CLI + Node.js host + program, user + system)",
        ours: fmtMs(median(sdkCpu)),
        against,
        theirs: fmtMs(median(emptyCpu)),
        ratio: `+${fmtMs(medianDiff(sdkCpu, emptyCpu))} CPU per up`,
        target: "—",
        verdict: "info",
      },
    ];
  });
  const perRound = VARIANTS.map(
    (variant, v) =>
      `${variant.args.join(" ")}: stack-outputs ${times[v].sdk.map((t) => t.ms.toFixed(0)).join(", ")}; empty ${times[v].empty.map((t) => t.ms.toFixed(0)).join(", ")}`,
  ).join("; ");
  return { rows, perRound };
}
