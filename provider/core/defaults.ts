// The client's defaults, in one light module (the CLI's help and the bench read them without loading the client).

/** Defaults of one getScheduledTasks call. */
export const DEFAULTS = {
  concurrency: 8,
  timeoutMs: 30_000,
  deadlineMs: 300_000,
  maxResponseBytes: 16 * 1024 * 1024,
  maxListingTasks: 500_000,
  maxListingBytes: 128 * 1024 * 1024,
  pageSize: 100,
} as const;
