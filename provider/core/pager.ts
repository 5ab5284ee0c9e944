// Offset paging as an async iterator of pages: "fetch every page" and "stop early" in one place.
//
// The one guarantee: the listing is called complete only when it is known to cover every item from `start` on —
// the last page was short (or empty) and the distinct items reach the server's total. To keep it:
// - paging ends on a short or empty page, never on the total alone: a full page at or past the total means the
//   total is stale, so paging goes on (one page at a time) until a short or empty page;
// - items are deduplicated by key, so a server that reads `start` as a 1-based number (pages overlap by one)
//   loses nothing: its last item arrives on one more, short, page;
// - an empty or short page before the total is reached, or a full page of repeats (a server ignoring `start`),
//   ends the paging with the listing marked incomplete and the reason given.
// Pages the total implies are fetched with bounded concurrency and yielded in server order. The caller bounds
// the whole listing (items and bytes); stopping the iteration aborts the requests in flight.

import { linkSignals } from "./abort";

export interface Page<T> {
  /** The server's total (job_count) as of this page. */
  readonly total: number;
  readonly items: readonly T[];
}

export interface PagerOptions<T> {
  /** Offset of the first item. */
  readonly start: number;
  /** When set: exactly one request for at most `limit` items. When unset: every page from `start` on. */
  readonly limit?: number;
  /** Items per request when fetching every page. */
  readonly pageSize: number;
  /** Requests in flight at once while within the server's total (one at a time beyond it). */
  readonly concurrency: number;
  readonly key: (item: T) => string;
  /** Called with a sentence when the server misbehaves in a way the paging survived or noticed. */
  readonly onWarning?: (message: string) => void;
  /** Stops the paging (and aborts the requests in flight). */
  readonly signal?: AbortSignal;
}

export type FetchPage<T> = (offset: number, limit: number, signal: AbortSignal) => Promise<Page<T>>;

export interface PagerPage<T> {
  readonly offset: number;
  readonly total: number;
  /** Items not seen on an earlier page, in server order. */
  readonly items: readonly T[];
}

/** How the paging ended: the generator's return value. */
export interface PagerEnd {
  /** True only when every item from `start` on is known to have been listed. */
  readonly complete: boolean;
  /** Why the listing is not known to be complete (one sentence); undefined when complete. */
  readonly incompleteReason?: string;
  /** Distinct items listed. */
  readonly listed: number;
}

const tasks = (n: number): string => `${n} task${n === 1 ? "" : "s"}`;

/** Yields pages in server order and returns how the paging ended; stopping early aborts the requests in flight. */
export async function* paginate<T>(fetchPage: FetchPage<T>, opts: PagerOptions<T>): AsyncGenerator<PagerPage<T>, PagerEnd, undefined> {
  // Requests stop when the caller's signal aborts or the paging ends (one listener per caller signal, however
  // many listings share it).
  const stop = new AbortController();
  const abort = linkSignals([opts.signal, stop.signal]);
  const warn = (message: string): void => opts.onWarning?.(message);
  const seen = new Set<string>();
  const fresh = (items: readonly T[]): T[] =>
    items.filter((item) => {
      const k = opts.key(item);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
  const inflight: Array<Promise<Page<T>>> = [];
  try {
    const first = await fetchPage(opts.start, opts.limit ?? opts.pageSize, abort.signal);
    const total = first.total;
    const expected = Math.max(0, total - opts.start); // what job_count says lies from `start` on
    yield { offset: opts.start, total, items: fresh(first.items) };
    const countShort = (): string | undefined =>
      seen.size < expected
        ? `The API reported job_count ${total} but returned only ${tasks(seen.size)} from offset ${opts.start}; the listing is incomplete.`
        : undefined;

    if (opts.limit !== undefined) {
      if (first.items.length >= opts.limit) {
        return {
          complete: false,
          listed: seen.size,
          incompleteReason: `limit ${opts.limit} was set and the page was full, so tasks beyond it were not listed.`,
        };
      }
      const reason = countShort();
      if (reason) warn(reason);
      return { complete: reason === undefined, listed: seen.size, incompleteReason: reason };
    }

    // A short first page that is not exactly what job_count promises may be a server capping its pages below
    // pageSize: page on with its size, until a page shorter than that (or empty).
    const n0 = first.items.length;
    const stride = n0 > 0 && n0 < opts.pageSize && n0 !== expected ? n0 : opts.pageSize;
    // The pages job_count implies (the first included), and when it is a multiple of the page size, the empty
    // page that confirms it: fetched in the same window, so an honest count costs no extra round trip.
    const planned = Math.ceil(expected / stride) + (expected > 0 && expected % stride === 0 ? 1 : 0);
    let next = 1;
    const launch = (): void => {
      // Within the total: a window of `concurrency`; beyond it (a stale total): one page at a time.
      while (inflight.length < (next < planned ? opts.concurrency : 1)) {
        const p = fetchPage(opts.start + next * stride, stride, abort.signal);
        p.catch(() => undefined); // awaited in order below; never left unhandled when abandoned
        inflight.push(p);
        next++;
      }
    };

    let lastLength = n0;
    let ignoringStart: string | undefined;
    let overlapped = 0;
    if (lastLength >= stride) launch();
    for (let index = 1; inflight.length > 0; index++) {
      const page = await inflight.shift()!;
      const offset = opts.start + index * stride;
      lastLength = page.items.length;
      if (lastLength === 0) break;
      const items = fresh(page.items);
      if (items.length === 0 && lastLength >= stride) {
        ignoringStart = `The page at offset ${offset} repeated tasks already listed (the server may be ignoring "start"); the listing is incomplete.`;
        break;
      }
      overlapped += lastLength - items.length;
      if (lastLength >= stride) launch();
      if (items.length > 0) yield { offset, total, items };
      if (lastLength < stride) break;
    }

    if (overlapped > 0) {
      warn(`Pages overlapped by ${tasks(overlapped)} (the server may count "start" from 1); each task was listed once.`);
    }
    if (seen.size > expected) {
      warn(`The API reported job_count ${total} but ${tasks(seen.size)} were listed from offset ${opts.start}; the count was stale, so paging went on to the last page.`);
    }
    const reason = ignoringStart ?? countShort();
    if (reason) warn(reason);
    return { complete: reason === undefined, listed: seen.size, incompleteReason: reason };
  } finally {
    stop.abort(new Error("paging stopped"));
    abort.dispose();
  }
}
