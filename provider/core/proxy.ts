// Which proxy a request goes through, from HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY (lowercase names
// first, as curl and axios read them). The client decides it from the same environment it reads credentials
// from and hands axios the answer (or `false`), so a malformed variable is refused before any request, and a
// failure at the proxy can be blamed on the proxy by name.
import { ValidationError } from "./errors";

type Env = Readonly<Record<string, string | undefined>>;

export interface ProxyRoute {
  /** The proxy's URL (credentials included: never print it, print `shown`). */
  readonly url: URL;
  /** The variable it came from, e.g. "HTTPS_PROXY". */
  readonly variable: string;
  /** What messages call it: scheme, host and port, never credentials. */
  readonly shown: string;
}

function read(env: Env, name: string): { variable: string; value: string } | undefined {
  for (const variable of [name.toLowerCase(), name.toUpperCase()]) {
    const value = env[variable];
    if (value !== undefined && value.trim() !== "") return { variable, value: value.trim() };
  }
  return undefined;
}

/** Hides credentials of a URL-like text: `http://user:pass@host` → `http://…@host`. */
function withoutCredentials(text: string): string {
  return text.replace(/^([^/]*\/\/)?[^/?#@]*@/, (_m, scheme: string | undefined) => `${scheme ?? ""}…@`);
}

function shownValue(text: string): string {
  const safe = withoutCredentials(text).replace(/[^\x20-\x7e]/g, "?");
  return JSON.stringify(safe.length > 80 ? `${safe.slice(0, 80)}…` : safe);
}

/** Parses a proxy variable's value; throws a ValidationError naming the variable when it is not a proxy URL. */
export function parseProxy(variable: string, value: string): ProxyRoute {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL | undefined;
  try {
    url = new URL(withScheme);
  } catch {
    url = undefined;
  }
  const ok =
    url !== undefined &&
    (url.protocol === "http:" || url.protocol === "https:") &&
    url.hostname !== "" &&
    (url.pathname === "/" || url.pathname === "") &&
    !url.search &&
    !url.hash;
  if (!ok || url === undefined) {
    throw new ValidationError(
      variable,
      `The environment variable ${variable} must be the URL of an HTTP(S) proxy, such as "http://proxy.example.com:3128"` +
        ` (nothing after the port); got ${shownValue(value)}. Fix or unset it (NO_PROXY lists hosts reached directly).`,
    );
  }
  return { url, variable, shown: `${url.protocol}//${url.host}` };
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { "http:": 80, "https:": 443 };

/** Whether NO_PROXY says to reach this host directly: "*", a host (and its subdomains), ".suffix", "*.suffix",
 * each optionally with ":port". */
function bypassed(target: URL, env: Env): boolean {
  const list = read(env, "no_proxy")?.value.toLowerCase();
  if (!list) return false;
  if (list === "*") return true;
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  return list.split(/[\s,]+/).some((entry) => {
    if (!entry) return false;
    const [entryHost, entryPort] = splitHostPort(entry);
    if (entryPort !== undefined && entryPort !== port) return false;
    if (entryHost === "*") return true;
    const suffix = entryHost.replace(/^\*?\./, "");
    return host === suffix || host.endsWith(`.${suffix}`);
  });
}

/** "host", "host:port", "[v6]", "[v6]:port" or a bare IPv6 address → [host, port?]. */
function splitHostPort(entry: string): [string, number | undefined] {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (v6) return [v6[1], v6[2] === undefined ? undefined : Number(v6[2])];
  if ((entry.match(/:/g) ?? []).length > 1) return [entry, undefined];
  const m = /^([^:]+):(\d+)$/.exec(entry);
  return m ? [m[1], Number(m[2])] : [entry, undefined];
}

/**
 * The proxy a request to `target` goes through, or undefined to connect directly. Throws a ValidationError when
 * the variable that applies is malformed (a variable that does not apply to this URL is not read).
 */
export function proxyFor(target: string, env: Env): ProxyRoute | undefined {
  const url = new URL(target);
  const scheme = url.protocol.replace(/:$/, "");
  const found = read(env, `${scheme}_proxy`) ?? read(env, "all_proxy");
  if (!found || bypassed(url, env)) return undefined;
  return parseProxy(found.variable, found.value);
}
