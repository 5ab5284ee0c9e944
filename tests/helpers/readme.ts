// README.md's TypeScript code blocks, as files: a block whose first line is `// examples/<dir>/<file>.ts` is
// that example file (the line dropped); the others are snippet1.ts, snippet2.ts, … in order.
import * as fs from "fs";
import * as path from "path";

export interface Snippet {
  /** The file name to write the block to. */
  readonly name: string;
  /** The example file the block reproduces, relative to the repository, if any. */
  readonly file?: string;
  readonly code: string;
}

const ROOT = path.join(__dirname, "..", "..");

export function readmeTypeScript(readme: string = fs.readFileSync(path.join(ROOT, "README.md"), "utf8")): Snippet[] {
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  let n = 0;
  return blocks.map((code) => {
    const file = /^\/\/ (examples\/[\w./-]+\.ts)\n/.exec(code)?.[1];
    if (file) return { name: path.basename(file), file, code: code.slice(code.indexOf("\n") + 1) };
    return { name: `snippet${++n}.ts`, code };
  });
}
