// BENCHMARKS.md holds two benches' last runs: `npm run bench` rewrites the file but keeps the engine bench's
// marked section, and `npm run bench:engine` replaces only that section.
import { END, START, engineSection, withEngineSection } from "../bench/engine/section";

const section = (n: number) => `${START}\n## Engine\n\nrun ${n}\n${END}`;

test("a file without the section gets it appended; a second run replaces it in place", () => {
  const first = withEngineSection("# Benchmarks\n\ntable\n", section(1));
  expect(first).toBe(`# Benchmarks\n\ntable\n\n${section(1)}\n`);
  const second = withEngineSection(first.replace("table", "table v2"), section(2));
  expect(second).toBe(`# Benchmarks\n\ntable v2\n\n${section(2)}\n`);
  expect(engineSection(second)).toBe(section(2));
});

test("what `npm run bench` keeps: the old section moved onto a freshly rendered file, nothing when there was none", () => {
  const old = `# Benchmarks\n\nold table\n\n${section(7)}\n`;
  expect(withEngineSection("# Benchmarks\n\nnew table\n", engineSection(old))).toBe(`# Benchmarks\n\nnew table\n\n${section(7)}\n`);
  expect(withEngineSection("# Benchmarks\n\nnew table\n", engineSection("# Benchmarks\n\nold table\n"))).toBe("# Benchmarks\n\nnew table\n");
});
