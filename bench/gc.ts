// A full garbage collection between measured windows, so no window pays for the garbage the previous one left
// (e.g. the 10,000 tasks a listing returned). `npm run bench` runs plain `node`, so the flag is set at run time.
import * as v8 from "v8";
import * as vm from "vm";

v8.setFlagsFromString("--expose-gc");
const collect = vm.runInNewContext("gc") as (() => void) | undefined;

export function fullGc(): void {
  collect?.();
}
