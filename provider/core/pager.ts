// Offset paging as an async iterator of pages: "fetch every page" and "stop early" in one place.
// Pages after the first are fetched with bounded concurrency and yielded in server order; items are
// deduplicated by key; the loop always ends (job_count, empty or short page, a page with nothing new,
// and a page cap derived from job_count).

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
  /** Requests in flight at once after the first page. */
  readonly concurrency: number;
  readonly key: (item: T) => string;
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

/** Yields pages in server order; stopping the iteration early aborts the requests still in flight. */
export async function* paginate<T>(fetchPage: FetchPage<T>, opts: PagerOptions<T>): AsyncGenerator<PagerPage<T>, void, undefined> {
  const abort = new AbortController();
  const onAbort = (): void => abort.abort(opts.signal?.reason);
  if (opts.signal?.aborted) onAbort();
  else opts.signal?.addEventListener("abort", onAbort, { once: true });
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
    yield { offset: opts.start, total: first.total, items: fresh(first.items) };
    if (opts.limit !== undefined) return;

    // A server that caps pages below pageSize tells us so by a short first page while more remain.
    const stride =
      first.items.length > 0 && first.items.length < opts.pageSize && first.total > opts.start + first.items.length ? first.items.length : opts.pageSize;
    const expectedTotal = first.total;
    const pageCount = Math.ceil(Math.max(0, expectedTotal - opts.start) / stride); // the cap: pages job_count implies
    let next = 1;
    const launch = (): void => {
      while (inflight.length < opts.concurrency && next < pageCount) {
        const p = fetchPage(opts.start + next * stride, stride, abort.signal);
        p.catch(() => undefined); // awaited in order below; never left unhandled when abandoned
        inflight.push(p);
        next++;
      }
    };
    if (first.items.length >= stride) launch();
    for (let index = 1; inflight.length > 0; index++) {
      const page = await inflight.shift()!;
      const items = fresh(page.items);
      if (page.items.length === 0) break;
      if (items.length === 0) {
        opts.onWarning?.(
          `The page at offset ${opts.start + index * stride} repeated tasks already listed; stopping there (the server may be ignoring "start").`,
        );
        break;
      }
      launch();
      yield { offset: opts.start + index * stride, total: page.total, items };
      if (page.items.length < stride) break;
    }
    const listed = seen.size;
    if (listed < expectedTotal - opts.start) {
      opts.onWarning?.(
        `The API reported job_count ${expectedTotal} but returned only ${listed} task${listed === 1 ? "" : "s"} from offset ${opts.start}; listing the ${listed} it returned.`,
      );
    }
  } finally {
    opts.signal?.removeEventListener("abort", onAbort);
    abort.abort(new Error("paging stopped"));
  }
}
