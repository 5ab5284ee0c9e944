// The engine bench's section of BENCHMARKS.md, kept between two markers so that `npm run bench` (which rewrites
// the file) and `npm run bench:engine` (which rewrites only this section) each keep the other's last run.
export const START = "<!-- bench:engine start -->";
export const END = "<!-- bench:engine end -->";

/** The marked section of `markdown` (markers included), or "" when it has none. */
export function engineSection(markdown: string): string {
  const from = markdown.indexOf(START);
  const to = markdown.indexOf(END, from);
  return from >= 0 && to > from ? markdown.slice(from, to + END.length) : "";
}

/** `markdown` with its marked section replaced by `section` (or `section` appended when it had none). */
export function withEngineSection(markdown: string, section: string): string {
  const old = engineSection(markdown);
  if (!section) return markdown;
  if (old) return markdown.replace(old, section);
  return `${markdown.replace(/\s*$/, "")}\n\n${section}\n`;
}
