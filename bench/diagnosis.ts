// What profiling found behind a missed target, printed into BENCHMARKS.md only while that target misses.
// Reproduce with bench/profileClient.ts (node --cpu-prof, or valgrind --tool=callgrind: instruction counts are
// stable on this noisy machine). Figures measured 2026-11-30 on the machine in BENCHMARKS.md.
import { Row } from "./report";

const CAUSES: Record<string, string> = {
  "cpu-per-page": [
    "**Why CPU per page misses.** Callgrind, instructions per 100-task page in steady state (12 minus 4 calls of",
    "`bench/profileClient.js`): raw `http.get` + `JSON.parse` 2.25 M; the client 5.84 M before commit 047ef05, whose",
    "io-ts `ApiTaskPage.decode` cost 1.46 M (more than `JSON.parse` of the same 30 KB body, 0.87 M) and whose loop over",
    "[from, to] name pairs in `toScheduledTask` cost 0.67 M. 047ef05 fixed both (its io-ts `.is` guard costs 0.36 M per",
    "page; a hand-written check would cost 0.03 M, a gain within this bench's noise). What remains is axios: its",
    "per-request machinery (config merge, AxiosHeaders, proxy lookup, transforms) costs ≈ 0.8 M instructions and, in",
    "A/B runs of this bench on patched copies of the current tree, ≈ 0.8 ms of CPU per page: sending over Node's",
    "`http`/`https` with keep-alive agents (axios kept when a proxy is configured) takes the overhead from ≈ +1.6 ms",
    "to ≈ +0.85 ms per page, which meets the target. Not applied: the project's standard transport is axios; the",
    "trade-off (a second HTTP path for ~0.7 ms of CPU per page) is recorded in the notes of the performance issue.",
  ].join(" "),
};

/** Notes for the rows that miss and have a known cause. */
export function diagnoses(rows: readonly Row[]): string[] {
  const out: string[] = [];
  for (const r of rows) if (r.verdict === "miss" && r.id && CAUSES[r.id]) out.push(CAUSES[r.id]);
  return out;
}
