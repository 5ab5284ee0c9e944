// Bench 6: "no credentials" off-cloud — `hwdms scheduled-tasks list` with nothing configured, as on a laptop or a
// CI runner outside ECS, to its exit 2 and the sentence naming every source tried. Off ECS the metadata address
// does not answer; that is simulated on loopback (a listener whose accept queue is full and whose process never
// accepts, so a new connection is never established), never by contacting the real address. Compared with the
// same run with metadata "off" (the rest of the chain and Node's start).
import { spawn } from "child_process";
import * as os from "os";
import * as path from "path";
import { Row } from "./report";
import { ROOT } from "./pluginStart";
import { fmtMs, median, msSince, progress } from "./stats";
import { unansweredPort } from "../tests/helpers/unansweredPort";

const HWDMS = path.join(ROOT, "bin", "hwdms");

function run(metadata: string): Promise<{ ms: number; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [HWDMS, "scheduled-tasks", "list", "--instance-id", "i-1", "--region", "cn-north-4"], {
      env: { PATH: process.env.PATH, HOME: os.tmpdir(), HW_METADATA_ENDPOINT: metadata },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.once("error", reject);
    child.once("close", (code) => resolve({ ms: msSince(t0), code, stderr }));
  });
}

export async function benchNoCredentials(rounds: number): Promise<Row[]> {
  const silent = await unansweredPort();
  const offCloud: number[] = [];
  const off: number[] = [];
  let problem: string | undefined;
  try {
    for (let i = 0; i < rounds; i++) {
      const a = await run(`http://127.0.0.1:${silent.port}`);
      const b = await run("off");
      if (a.code !== 2 || !/did not accept a connection within 1 s/.test(a.stderr)) problem = `exit ${a.code}: ${a.stderr.trim().slice(0, 200)}`;
      offCloud.push(a.ms);
      off.push(b.ms);
      progress(`  no credentials: ${fmtMs(a.ms)} (metadata off: ${fmtMs(b.ms)})`);
    }
  } finally {
    silent.close();
  }
  const ours = median(offCloud);
  return [
    {
      section: "6 no credentials",
      what: "hwdms list, nothing configured, off ECS: to exit 2 naming every source",
      ours: problem ? `NOT RUNNABLE: ${problem}` : fmtMs(ours),
      against: "the same with HW_METADATA_ENDPOINT=off",
      theirs: fmtMs(median(off)),
      ratio: `+${fmtMs(ours - median(off))}`,
      target: "< 2 s",
      verdict: !problem && ours < 2_000 ? "pass" : "miss",
    },
  ];
}
