// Not part of `npm run bench`: a fixed workload for profilers, to find where the client's CPU per page goes.
//   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/profileClient.js [ours|raw] [calls] [tasks]
//   valgrind --tool=callgrind node dist/bench/profileClient.js ours 5
// The emulator runs in a child process, so the profile holds only the client.
import { DEFAULTS, getScheduledTasks } from "../provider/core";
import { prepareRawPages, rawFetchAll } from "./baselines";
import { PROJECT_ID, clientEnv, startEmulatorProcess } from "./emulatorProcess";
import { instanceFor } from "./listing";
import { cpuMsSince, progress } from "./stats";

async function main(): Promise<void> {
  const [mode = "ours", callsArg = "30", tasksArg = "10000"] = process.argv.slice(2);
  const calls = Number(callsArg);
  const n = Number(tasksArg);
  const emu = await startEmulatorProcess(0);
  try {
    await emu.generateTasks(instanceFor(n), n);
    const c0 = process.cpuUsage();
    for (let i = 0; i < calls; i++) {
      if (mode === "raw") await rawFetchAll(prepareRawPages(emu.url, instanceFor(n), n, DEFAULTS.pageSize), DEFAULTS.concurrency);
      else await getScheduledTasks({ instanceId: instanceFor(n), projectId: PROJECT_ID }, { env: clientEnv(emu.url) });
    }
    const pages = calls * Math.ceil(n / DEFAULTS.pageSize);
    progress(`${mode}: ${calls} calls, ${pages} pages, ${(cpuMsSince(c0) / pages).toFixed(3)} ms CPU per page`);
  } finally {
    await emu.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
