// The package's own files the plugin serves: package.json (version) and schema.json, read at call time.
import * as fs from "fs";
import * as path from "path";

import { PACKAGE_NAME, packageRoot } from "../package";

export { packageRoot };

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
