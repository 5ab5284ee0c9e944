// CPU time of the processes the bench ran: steadier than wall time when other work competes for the cores.
import { execFileSync } from "child_process";
import * as fs from "fs";

let clockTicks: number | undefined;

/**
 * CPU ms used so far by this process's reaped children and their reaped descendants (Linux: cutime + cstime
 * of /proc/self/stat), or NaN elsewhere. The CLI reaps its language host and plugins, so the difference
 * around one `pulumi` command is the CPU of everything that command ran: a figure other load barely moves.
 */
export function childrenCpuMs(): number {
  try {
    clockTicks ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): cutime and cstime are fields 16 and 17.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks;
  } catch {
    return NaN;
  }
}
