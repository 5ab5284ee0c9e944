// Fault programming.
//
// Consumption rule: faults form one queue in injection order. Each arriving request, as soon as it arrives and
// BEFORE authentication or routing, takes the first queued fault whose target matches its own ("iam" for paths
// under /v3/, "api" for every other path — unknown paths included; a fault without target is "api"). So
// a fault models the network or the gateway in front of the service: the next N requests to that target get
// the N faults in order, whatever their signatures, and requests to the other target pass untouched.
import type { Fault, FaultTarget } from "./types";

function describe(f: unknown): string {
  try {
    return JSON.stringify(f);
  } catch {
    return String(f);
  }
}

/** Checks one fault; throws a TypeError naming what is wrong. Returns a copy. */
export function checkFault(f: Fault): Fault {
  const bad = (why: string): never => {
    throw new TypeError(`injectFaults: ${why}; got ${describe(f)}.`);
  };
  if (typeof f !== "object" || f === null) return bad("a fault must be an object");
  if (f.target !== undefined && f.target !== "api" && f.target !== "iam") bad('target must be "api" or "iam"');
  switch (f.kind) {
    case "status":
      if (!Number.isInteger(f.status) || f.status < 100 || f.status > 599) bad("status must be an HTTP status from 100 to 599");
      return { ...f };
    case "delay":
      if (!Number.isFinite(f.ms) || f.ms < 0) bad("delay ms must be a number of 0 or more");
      return { ...f };
    case "html":
      if (f.status !== undefined && (!Number.isInteger(f.status) || f.status < 100 || f.status > 599)) bad("status must be an HTTP status from 100 to 599");
      if (f.title !== undefined && typeof f.title !== "string") bad("title must be a string");
      return { ...f };
    case "redirect":
      // What Node's http server can write in a header: tab, printable ASCII and Latin-1 (C1 controls included,
      // as a hostile server may send them).
      if (typeof f.location !== "string" || f.location === "" || /[^\t\x20-\x7e\x80-\xff]/.test(f.location)) {
        bad("location must be a non-empty header value (tab, printable ASCII or Latin-1 characters)");
      }
      if (f.status !== undefined && ![301, 302, 303, 307, 308].includes(f.status)) bad("a redirect's status must be 301, 302, 303, 307 or 308");
      return { ...f };
    case "reset":
    case "hang":
    case "truncate":
      return { ...f };
    default:
      return bad('kind must be one of "status", "reset", "hang", "truncate", "delay", "html", "redirect"');
  }
}

export class FaultQueue {
  private queue: Fault[] = [];

  inject(faults: readonly Fault[]): void {
    const checked = faults.map(checkFault);
    this.queue.push(...checked);
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): ReadonlyArray<Fault> {
    return this.queue.slice();
  }

  /** Removes and returns the first fault for this target, if any. */
  take(target: FaultTarget): Fault | undefined {
    const i = this.queue.findIndex((f) => (f.target ?? "api") === target);
    if (i < 0) return undefined;
    return this.queue.splice(i, 1)[0];
  }
}
