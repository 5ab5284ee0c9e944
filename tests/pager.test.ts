// The pager against simulated servers: every item once, in server order, bounded concurrency, always ends.
import * as fc from "fast-check";
import { Page, paginate } from "../provider/core/pager";

interface Server {
  /** Items the server really has. */
  size: number;
  /** job_count it reports. */
  claimed: number;
  /** Largest page it returns. */
  maxPage: number;
  /** Whether it ignores `start` (always answers from 0). */
  ignoresStart: boolean;
}

function simulate(server: Server) {
  let inflight = 0;
  let peak = 0;
  let calls = 0;
  const fetchPage = async (offset: number, limit: number): Promise<Page<number>> => {
    calls++;
    inflight++;
    peak = Math.max(peak, inflight);
    await new Promise((r) => setTimeout(r, Math.random() * 3));
    inflight--;
    const from = server.ignoresStart ? 0 : offset;
    const items = Array.from({ length: Math.max(0, Math.min(limit, server.maxPage, server.size - from)) }, (_, i) => from + i);
    return { total: server.claimed, items };
  };
  return { fetchPage, stats: () => ({ peak, calls }) };
}

async function collect(server: Server, start: number, concurrency: number, limit?: number) {
  const sim = simulate(server);
  const warnings: string[] = [];
  const items: number[] = [];
  for await (const page of paginate(sim.fetchPage, { start, limit, pageSize: 100, concurrency, key: String, onWarning: (w) => warnings.push(w) })) {
    items.push(...page.items);
  }
  return { items, warnings, ...sim.stats() };
}

describe("paginate", () => {
  it("lists every item once, in order, within the concurrency bound, for honest servers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2500 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(100, 50, 37), async (size, start, concurrency, maxPage) => {
        const { items, warnings, peak } = await collect({ size, claimed: size, maxPage, ignoresStart: false }, start, concurrency);
        const expected = Array.from({ length: Math.max(0, size - start) }, (_, i) => start + i);
        expect(items).toEqual(expected);
        expect(warnings).toEqual([]);
        expect(peak).toBeLessThanOrEqual(concurrency);
      }),
      { numRuns: 60 },
    );
  });

  it("ends with what the server has, and a warning, when job_count lies or start is ignored", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 1_000_000 }), fc.boolean(), fc.integer({ min: 1, max: 8 }), async (size, claimed, ignoresStart, concurrency) => {
        const { items, warnings, calls } = await collect({ size, claimed, maxPage: 100, ignoresStart }, 0, concurrency);
        expect(new Set(items).size).toBe(items.length);
        expect(items).toEqual(Array.from({ length: items.length }, (_, i) => i));
        if (!ignoresStart) expect(items.length).toBe(Math.min(size, Math.max(claimed, Math.min(size, 100))));
        if (items.length < claimed) expect(warnings.length).toBeGreaterThan(0);
        // Never more than the pages the data implies plus one window of look-ahead.
        expect(calls).toBeLessThanOrEqual(Math.ceil(size / 100) + concurrency + 1);
      }),
      { numRuns: 80 },
    );
  });

  it("makes exactly one request when a limit is set", async () => {
    const { items, calls } = await collect({ size: 500, claimed: 500, maxPage: 100, ignoresStart: false }, 20, 8, 7);
    expect(items).toEqual([20, 21, 22, 23, 24, 25, 26]);
    expect(calls).toBe(1);
  });

  it("aborts the requests still in flight when the consumer stops early", async () => {
    let abortedWhilePending = 0;
    const fetchPage = (offset: number, limit: number, signal: AbortSignal): Promise<Page<number>> =>
      new Promise((resolve) => {
        let settled = false;
        const t = setTimeout(() => {
          settled = true;
          resolve({ total: 10_000, items: Array.from({ length: limit }, (_, i) => offset + i) });
        }, offset <= 100 ? 0 : 200);
        signal.addEventListener("abort", () => {
          if (settled) return;
          clearTimeout(t);
          abortedWhilePending++;
          resolve({ total: 10_000, items: [] });
        });
      });
    const offsets: number[] = [];
    for await (const page of paginate(fetchPage, { start: 0, pageSize: 100, concurrency: 4, key: String })) {
      offsets.push(page.offset);
      if (page.offset === 100) break;
    }
    expect(offsets).toEqual([0, 100]);
    expect(abortedWhilePending).toBe(4); // the window was full again: 200, 300, 400 and 500
  });
});
