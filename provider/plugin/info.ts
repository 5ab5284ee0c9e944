// The package's own files: package.json (version) and schema.json, found relative to this compiled file
// (dist/provider/plugin/ when built, provider/plugin/ under ts-jest) and read at call time.
import * as fs from "fs";
import * as path from "path";

export const PACKAGE_NAME = "pulumi-huaweicloud-dms";

let root: string | undefined;

/** The directory holding this package's package.json. */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "package.json");
    try {
      if (JSON.parse(fs.readFileSync(candidate, "utf8")).name === PACKAGE_NAME) return (root = dir);
    } catch {
      // not here: keep walking up
    }
    if (path.dirname(dir) === dir) throw new Error(`Could not find the ${PACKAGE_NAME} package.json above ${__dirname}.`);
  }
}

/** The package version, as package.json says now. */
export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), "package.json"), "utf8")) as { version?: unknown };
  if (typeof pkg.version !== "string") throw new Error(`${PACKAGE_NAME}'s package.json has no version.`);
  return pkg.version;
}

/** The Pulumi package schema, as schema.json says now. */
export function schemaText(): string {
  return fs.readFileSync(path.join(packageRoot(), "schema.json"), "utf8");
}
