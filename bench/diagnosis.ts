// What profiling found behind a missed target, printed into BENCHMARKS.md only while that target misses.
// Reproduce with bench/profileClient.ts (node --cpu-prof, or valgrind --tool=callgrind: instruction counts are
// stable on this noisy machine). Figures: callgrind, steady state (12 minus 4 calls of 100 pages), 2026-11-30.
import { Row } from "./report";

const CAUSES: Record<string, string> = {
  "cpu-per-page": [
    "**Why CPU per page misses.** Callgrind, instructions per 100-task page in steady state (12 minus 4 calls of",
    "`bench/profileClient.js`): raw `http.get` + `JSON.parse` 2.25 M, the core client 5.84 M. Measured in isolation, the",
    "io-ts `ApiTaskPage.decode` of one page costs 1.46 M — more than `JSON.parse` of the same 30 KB body (0.88 M) — as",
    "the generic intersection/partial/union codec walks every field of every task; `toScheduledTask`'s loop over",
    "[from, to] name pairs costs 0.67 M (megamorphic keyed loads and stores); axios's per-request machinery (config",
    "merge, AxiosHeaders, proxy lookup, transforms) ≈ 0.8 M; signing 0.17 M. Measured fixes: a hand-written check of",
    "well-formed pages that falls back to the codec for the error message (0.13 M) plus a field-by-field",
    "`toScheduledTask` (0.25 M) → 4.40 M per page, ≈ +1.1 ms; sending over Node's `http`/`https` with keep-alive",
    "agents (axios kept when a proxy is configured) → 3.58 M, ≈ +0.6 ms per page, which meets the target. The",
    "patches (they touch `provider/core/`, which the bench does not edit) are in the bench report to the lead.",
  ].join(" "),
};

/** Notes for the rows that miss and have a known cause. */
export function diagnoses(rows: readonly Row[]): string[] {
  const out: string[] = [];
  for (const r of rows) if (r.verdict === "miss" && r.id && CAUSES[r.id]) out.push(CAUSES[r.id]);
  return out;
}
