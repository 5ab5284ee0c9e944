// Where this package's own files are: found by walking up from the compiled file (dist/… when built, the
// sources under ts-jest) to the package.json named pulumi-huaweicloud-dms.
import * as fs from "fs";
import * as path from "path";

export const PACKAGE_NAME = "pulumi-huaweicloud-dms";

let root: string | undefined;

/** The directory holding this package's package.json. */
export function packageRoot(): string {
  if (root) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      if (JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).name === PACKAGE_NAME) return (root = dir);
    } catch {
      // not here: keep walking up
    }
    if (path.dirname(dir) === dir) throw new Error(`Could not find the ${PACKAGE_NAME} package.json above ${__dirname}.`);
  }
}
