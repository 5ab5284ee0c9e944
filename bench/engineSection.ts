// The engine bench's section of BENCHMARKS.md (written by `npm run bench:engine`, which needs the Pulumi
// toolchain): kept between markers so that `npm run bench`, which rewrites the rest of the file, carries it over.
export const ENGINE_SECTION_START = "<!-- bench:engine start -->";
export const ENGINE_SECTION_END = "<!-- bench:engine end -->";

/** The engine section of a BENCHMARKS.md text, markers included ("" when there is none). */
export function engineSection(text: string): string {
  const start = text.indexOf(ENGINE_SECTION_START);
  const end = text.indexOf(ENGINE_SECTION_END);
  return start >= 0 && end > start ? text.slice(start, end + ENGINE_SECTION_END.length) : "";
}

/** `text` with its engine section replaced by `section` (markers included), or with `section` appended. */
export function withEngineSection(text: string, section: string): string {
  const old = engineSection(text);
  if (old) return text.replace(old, section);
  return `${text.replace(/\n*$/, "")}\n\n${section}\n`;
}
