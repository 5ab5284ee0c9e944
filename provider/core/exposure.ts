// Settings of the user's that expose credentials even though the client never prints them: a plain-HTTP
// endpoint (the signature and the security token travel unencrypted) and NODE_DEBUG naming Node's HTTP or socket
// modules (Node then prints every request's options, Authorization and X-Security-Token headers included, to
// stderr). Each warning is given once per process.

const given = new Set<string>();

function once(key: string, message: string, warn: (message: string) => void): void {
  if (given.has(key)) return;
  given.add(key);
  warn(message);
}

/** Loopback traffic never leaves the machine (the emulator, a local tunnel): plain HTTP there exposes nothing. */
function isLoopback(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The warning for a plain-HTTP endpoint off this machine, or undefined. */
export function cleartextWarning(endpoint: string, service: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" || isLoopback(url.hostname)) return undefined;
  return (
    `The ${service} endpoint ${url.origin} is plain HTTP: every request's signature, access key ID and security ` +
    `token (of temporary credentials) travel unencrypted and can be read or replayed on the way; use https://.`
  );
}

/** Warns once per endpoint origin when it is plain HTTP off this machine. */
export function warnIfCleartext(endpoint: string, service: string, warn: (message: string) => void): void {
  const message = cleartextWarning(endpoint, service);
  if (message) once(`cleartext ${new URL(endpoint).origin}`, message, warn);
}

/** The Node modules whose NODE_DEBUG output shows request headers or socket options. */
const EXPOSING_MODULES = ["http", "https", "net", "tls", "http2"] as const;

/** Which exposing modules NODE_DEBUG enables, matched as Node matches it (comma list, `*` wildcards, any case). */
export function exposingDebugModules(nodeDebug: string | undefined): string[] {
  if (!nodeDebug || !nodeDebug.trim()) return [];
  const patterns = nodeDebug
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => new RegExp(`^${p.replace(/[|\\{}()[\]^$+?.]/g, "\\$&").replace(/\*/g, ".*")}$`, "i"));
  return EXPOSING_MODULES.filter((m) => patterns.some((re) => re.test(m)));
}

/** The NODE_DEBUG warning, or undefined when NODE_DEBUG enables none of Node's HTTP or socket modules. */
export function nodeDebugWarning(nodeDebug: string | undefined): string | undefined {
  const modules = exposingDebugModules(nodeDebug);
  if (!modules.length) return undefined;
  return (
    `NODE_DEBUG=${nodeDebug!.trim()} makes Node print the headers of every request (${modules.join(", ")}), ` +
    `including Authorization and X-Security-Token, to stderr: those credentials end up in this output and any log ` +
    `that keeps it. Unset NODE_DEBUG (or drop ${modules.join(", ")} from it) unless this output stays private.`
  );
}

/** Warns once per process when NODE_DEBUG exposes credentials. */
export function warnIfNodeDebug(env: Readonly<Record<string, string | undefined>>, warn: (message: string) => void): void {
  const message = nodeDebugWarning(env.NODE_DEBUG);
  if (message) once("NODE_DEBUG", message, warn);
}
