// The pager against simulated servers: every item once, in server order, bounded concurrency, always ends.
import * as fc from "fast-check";
import { Page, PagerEnd, paginate } from "../provider/core/pager";

interface Server {
  /** Items the server really has. */
  size: number;
  /** job_count it reports. */
  claimed: number;
  /** Largest page it returns. */
  maxPage: number;
  /** Whether it ignores `start` (always answers from 0). */
  ignoresStart: boolean;
  /** Reads `start` as a 1-based task number (start 0 and 1 both mean the first item). */
  oneBased?: boolean;
  /** Pages beginning at or past this offset come back empty. */
  emptyFrom?: number;
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
    const from = server.ignoresStart ? 0 : server.oneBased ? Math.max(0, offset - 1) : offset;
    const empty = server.emptyFrom !== undefined && offset >= server.emptyFrom;
    const items = empty ? [] : Array.from({ length: Math.max(0, Math.min(limit, server.maxPage, server.size - from)) }, (_, i) => from + i);
    return { total: server.claimed, items };
  };
  return { fetchPage, stats: () => ({ peak, calls }) };
}

async function collect(server: Server, start: number, concurrency: number, limit?: number) {
  const sim = simulate(server);
  const warnings: string[] = [];
  const items: number[] = [];
  const pages = paginate(sim.fetchPage, { start, limit, pageSize: 100, concurrency, key: String, onWarning: (w) => warnings.push(w) });
  let step: IteratorResult<{ items: readonly number[] }, PagerEnd>;
  while (!(step = await pages.next()).done) items.push(...step.value.items);
  return { items, warnings, end: step.value, ...sim.stats() };
}

describe("paginate", () => {
  it("lists every item once, in order, within the concurrency bound, for honest servers", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2500 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom(100, 50, 37), async (size, start, concurrency, maxPage) => {
        const { items, warnings, peak, end } = await collect({ size, claimed: size, maxPage, ignoresStart: false }, start, concurrency);
        const expected = Array.from({ length: Math.max(0, size - start) }, (_, i) => start + i);
        expect(items).toEqual(expected);
        expect(warnings).toEqual([]);
        expect(end.complete).toBe(true);
        expect(peak).toBeLessThanOrEqual(concurrency);
      }),
      { numRuns: 60 },
    );
  });

  it("never loses a task to a stale job_count: pages on until a short or empty page; complete when the count is reached", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 8 }), async (size, claimed, concurrency) => {
        const { items, warnings, calls, end } = await collect({ size, claimed, maxPage: 100, ignoresStart: false }, 0, concurrency);
        expect(items).toEqual(Array.from({ length: size }, (_, i) => i)); // every item, once, in order
        expect(end.complete).toBe(claimed <= size); // an overstated count: the promised tasks never came
        if (claimed !== size) expect(warnings.length).toBeGreaterThan(0);
        if (!end.complete) expect(end.incompleteReason).toMatch(/job_count/);
        // Never more than the pages the data implies, one confirming page, and one window of look-ahead.
        expect(calls).toBeLessThanOrEqual(Math.ceil(size / 100) + concurrency + 2);
      }),
      { numRuns: 80 },
    );
  });

  it("lists the last task of a server that reads start as a 1-based number, and says the pages overlapped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 8 }), async (size, concurrency) => {
        const { items, warnings, end } = await collect({ size, claimed: size, maxPage: 100, ignoresStart: false, oneBased: true }, 0, concurrency);
        expect(items).toEqual(Array.from({ length: size }, (_, i) => i));
        expect(end.complete).toBe(true);
        if (size >= 100) expect(warnings.join("\n")).toMatch(/overlapped/);
      }),
      { numRuns: 40 },
    );
  });

  it("calls the listing incomplete, never silently shorter, when pages after the first come back empty", async () => {
    const { items, warnings, end } = await collect({ size: 250, claimed: 250, maxPage: 100, ignoresStart: false, emptyFrom: 100 }, 0, 4);
    expect(items.length).toBe(100);
    expect(end).toEqual({ complete: false, listed: 100, incompleteReason: expect.stringMatching(/job_count 250 but returned only 100 tasks/) });
    expect(warnings).toContain(end.incompleteReason);
  });

  it("calls the listing incomplete when the server ignores start", async () => {
    const { items, end } = await collect({ size: 300, claimed: 300, maxPage: 100, ignoresStart: true }, 0, 4);
    expect(items).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(end.complete).toBe(false);
    expect(end.incompleteReason).toMatch(/ignoring "start"/);
  });

  it("with a limit: complete only when nothing lies beyond the page", async () => {
    const full = await collect({ size: 7, claimed: 7, maxPage: 100, ignoresStart: false }, 0, 8, 2);
    expect(full.items).toEqual([0, 1]);
    expect(full.end.complete).toBe(false);
    expect(full.end.incompleteReason).toMatch(/limit 2/);
    const short = await collect({ size: 7, claimed: 7, maxPage: 100, ignoresStart: false }, 5, 8, 10);
    expect(short.items).toEqual([5, 6]);
    expect(short.end.complete).toBe(true);
    const lying = await collect({ size: 7, claimed: 50, maxPage: 100, ignoresStart: false }, 0, 8, 10);
    expect(lying.end.complete).toBe(false);
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
