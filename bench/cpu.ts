// Bench 3: client CPU per 100-task page. The emulator runs in its own process, so process.cpuUsage() of this
// process (user + system, all its threads: JS, GC, libuv) is the client's CPU alone. Ours = getScheduledTasks
// with default settings over 10,000 tasks (100 pages: sign, send over axios, JSON.parse, io-ts decode, page,
// dedupe, map, summarize); floor = http.get + JSON.parse of the same 100 bodies (pre-signed outside the
// window), same concurrency. Also our signer vs. the official AKSKSigner.sign per call.
import { DEFAULTS, getScheduledTasks, signRequest } from "../provider/core";
import { prepareRawPages, rawFetchAll } from "./baselines";
import { fullGc } from "./gc";
import { CREDENTIALS, EmulatorProcess, PROJECT_ID, clientEnv } from "./emulatorProcess";
import { instanceFor } from "./listing";
import { Row } from "./report";
import { cpuMsSince, fmtMs, fmtRatio, median, medianDiff, medianRatio, progress } from "./stats";

export interface CpuOptions {
  readonly rounds: number;
  readonly tasks: number;
  readonly signCalls: number;
}

async function oursCpuPerPage(url: string, n: number): Promise<number> {
  fullGc();
  const c0 = process.cpuUsage();
  const result = await getScheduledTasks({ instanceId: instanceFor(n), projectId: PROJECT_ID }, { env: clientEnv(url) });
  const ms = cpuMsSince(c0);
  if (result.jobs.length !== n) throw new Error(`ours listed ${result.jobs.length} of ${n} tasks`);
  return ms / Math.ceil(n / DEFAULTS.pageSize);
}

async function rawCpuPerPage(url: string, n: number): Promise<number> {
  const requests = prepareRawPages(url, instanceFor(n), n, DEFAULTS.pageSize);
  fullGc();
  const c0 = process.cpuUsage();
  const count = await rawFetchAll(requests, DEFAULTS.concurrency);
  const ms = cpuMsSince(c0);
  if (count !== n) throw new Error(`the raw loop fetched ${count} of ${n} tasks`);
  return ms / requests.length;
}

type OfficialSign = (request: unknown, credential: unknown) => Record<string, string>;

/** The official signer and a credential for it, or why it is unavailable (it is a devDependency). */
function loadOfficialSigner(): { sign: OfficialSign; credential: unknown } | string {
  try {
    const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as { AKSKSigner: { sign: OfficialSign } };
    const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials") as {
      BasicCredentials: new () => { withAk(ak: string): { withSk(sk: string): unknown } };
    };
    return { sign: AKSKSigner.sign.bind(AKSKSigner), credential: new BasicCredentials().withAk(CREDENTIALS.accessKey).withSk(CREDENTIALS.secretKey) };
  } catch (e) {
    return `@huaweicloud/huaweicloud-sdk-core is not installed (${e instanceof Error ? e.message.split("\n")[0] : String(e)})`;
  }
}

function signCpuPerCall(calls: number, signOnce: (i: number) => unknown): number {
  fullGc();
  const c0 = process.cpuUsage();
  for (let i = 0; i < calls; i++) signOnce(i);
  return cpuMsSince(c0) / calls;
}

export async function benchCpu(emu: EmulatorProcess, opts: CpuOptions): Promise<Row[]> {
  const n = opts.tasks;
  await emu.generateTasks(instanceFor(n), n);
  await emu.setLatency(0);
  const pages = Math.ceil(n / DEFAULTS.pageSize);

  progress(`cpu: warm-up (${n.toLocaleString("en-US")} tasks, zero latency)`);
  for (let i = 0; i < 3; i++) {
    await oursCpuPerPage(emu.url, n);
    await rawCpuPerPage(emu.url, n);
  }
  const ours: number[] = [];
  const raw: number[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    if (round % 2) {
      raw.push(await rawCpuPerPage(emu.url, n));
      ours.push(await oursCpuPerPage(emu.url, n));
    } else {
      ours.push(await oursCpuPerPage(emu.url, n));
      raw.push(await rawCpuPerPage(emu.url, n));
    }
  }
  progress(`cpu: ${opts.rounds} rounds of ${pages} pages done`);

  const overhead = medianDiff(ours, raw);
  const rows: Row[] = [
    {
      id: "cpu-per-page",
      section: "3 CPU",
      what: "per 100-task page (sign+send+decode)",
      ours: fmtMs(median(ours)),
      against: "http.get + JSON.parse, same bodies",
      theirs: fmtMs(median(raw)),
      ratio: `+${fmtMs(overhead)} per page (${fmtRatio(medianRatio(ours, raw))})`,
      target: "≤ +1 ms per page",
      verdict: overhead <= 1 ? "pass" : "miss",
    },
  ];

  // Our signer vs the official one, on the request the transport signs for a page.
  const url = new URL(emu.url);
  const path = `/v2/${PROJECT_ID}/instances/${instanceFor(n)}/scheduled-tasks`;
  const headers = { "content-type": "application/json", host: url.host, "x-project-id": PROJECT_ID };
  const oursSign = (i: number): unknown =>
    signRequest({ method: "GET", path, query: { start: String(i * 100), limit: "100" }, headers }, CREDENTIALS);
  const official = loadOfficialSigner();
  if (typeof official === "string") {
    rows.push({
      section: "3 CPU",
      what: "signRequest per call",
      ours: fmtMs(median(Array.from({ length: opts.rounds }, () => signCpuPerCall(opts.signCalls, oursSign)))),
      against: "official AKSKSigner.sign",
      theirs: `unavailable: ${official}`,
      ratio: "—",
      target: "—",
      verdict: "n/a",
    });
    return rows;
  }
  const officialSign = (i: number): unknown =>
    official.sign(
      { method: "GET", endpoint: `${emu.url}${path}`, headers: { ...headers }, queryParams: { start: String(i * 100), limit: "100" } },
      official.credential,
    );
  signCpuPerCall(opts.signCalls, oursSign); // warm-up
  signCpuPerCall(opts.signCalls, officialSign);
  const oursSig: number[] = [];
  const theirSig: number[] = [];
  for (let round = 0; round < opts.rounds; round++) {
    oursSig.push(signCpuPerCall(opts.signCalls, oursSign));
    theirSig.push(signCpuPerCall(opts.signCalls, officialSign));
  }
  progress(`cpu: signer ${opts.rounds} × ${opts.signCalls} calls each done`);
  rows.push({
    section: "3 CPU",
    what: "signRequest per call",
    ours: fmtMs(median(oursSig)),
    against: "official AKSKSigner.sign",
    theirs: fmtMs(median(theirSig)),
    ratio: `${fmtRatio(medianRatio(oursSig, theirSig))} its CPU`,
    target: "—",
    verdict: "info",
  });
  return rows;
}
