// Text from the API (or a server pretending to be it) on its way to a terminal, an error message or a log line.

/**
 * What a terminal must never receive from the API: C0 and C1 controls (escape sequences, carriage returns), the
 * line and paragraph separators U+2028/U+2029 (a new line to some terminals and log viewers), the bidirectional
 * controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C: "Trojan Source" reordering), zero-width and
 * invisible format characters (U+200B–U+200D, U+2060–U+2064, U+FEFF), interlinear annotation controls
 * (U+FFF9–U+FFFB) and lone surrogates.
 */
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060-\u2064\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Replaces unsafe characters with "?", so a task's text cannot rewrite a terminal, reorder a line or forge a
 * log line; "-" for absent. */
export function printable(s: string | undefined): string {
  return (s ?? "-").replace(UNSAFE, "?");
}

/** JSON text (from JSON.stringify) with every unsafe character (see UNSAFE) inside its strings written as a
 * `\uXXXX` escape: the same JSON value, but nothing in it can rewrite or reorder a terminal. JSON.stringify
 * escapes C0 controls in strings itself, so a line feed in its output is indentation and stays. */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE, (c) => (c === "\n" ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

/** A server-supplied text quoted for a message: made printable, cut to `max` characters, in double quotes. */
export function quoted(s: string, max = 200): string {
  const safe = printable(s);
  return JSON.stringify(safe.length > max ? `${safe.slice(0, max)}…` : safe);
}
