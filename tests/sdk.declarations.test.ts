// The TypeScript declarations a program type-checks when it imports the package (the Node.js language host
// type-checks TypeScript programs by default, on every `pulumi preview` and `up`): they reach only
// @pulumi/pulumi and the SDK's own declarations — not io-ts, fp-ts or axios, whose declarations would be
// parsed and bound on every run. Needs the built dist/ (npm test builds first).
import * as fs from "fs";
import * as path from "path";

const DIST = path.join(__dirname, "..", "dist");

/** Every module specifier a .d.ts imports or re-exports. */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']/g)) out.push(m[1]);
  for (const m of text.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) out.push(m[1]);
  for (const m of text.matchAll(/\/\/\/\s*<reference\s+(?:types|path)=["']([^"']+)["']/g)) out.push(m[1]);
  return out;
}

/** The declaration files reachable from `entry`, and the packages they name. */
function reachable(entry: string): { files: string[]; packages: Set<string> } {
  const files: string[] = [];
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    files.push(path.relative(DIST, file));
    for (const spec of specifiers(file)) {
      if (!spec.startsWith(".")) {
        packages.add(spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]);
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const next = [`${base}.d.ts`, path.join(base, "index.d.ts")].find((f) => fs.existsSync(f));
      if (!next) throw new Error(`${path.relative(DIST, file)} imports ${spec}, which has no declaration file`);
      visit(next);
    }
  };
  visit(entry);
  return { files, packages };
}

test("a program importing the package type-checks @pulumi/pulumi's declarations and the SDK's, nothing heavier", () => {
  const { files, packages } = reachable(path.join(DIST, "sdk", "index.d.ts"));
  expect([...packages]).toEqual(["@pulumi/pulumi"]);
  expect(files.filter((f) => !f.startsWith(`sdk${path.sep}`))).toEqual([]);
  // The public surface is all there.
  const kafka = fs.readFileSync(path.join(DIST, "sdk", "kafka", "index.d.ts"), "utf8");
  for (const name of ["getScheduledTasks", "getScheduledTasksOutput", "ScheduledTasksGate", "assertNoExecutingTasks"]) expect(kafka).toContain(name);
});
