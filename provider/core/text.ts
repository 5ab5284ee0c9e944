// Text from the API on its way to a terminal or a log line.

/** Replaces control characters, so a task's text cannot rewrite a terminal or forge a log line; "-" for absent. */
export function printable(s: string | undefined): string {
  return (s ?? "-").replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
}
