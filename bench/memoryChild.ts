// Child-process entry for the memory bench: a Node process that runs only the client (the emulator lives in
// another process) and reports its peak RSS on stdout as JSON. With "idle" it loads nothing and reports the
// peak RSS of an idle Node process, measured the same way.
async function main(): Promise<void> {
  const [mode, url, count] = process.argv.slice(2);
  if (mode === "idle") {
    process.stdout.write(JSON.stringify({ maxRssBytes: process.resourceUsage().maxRSS * 1024 }) + "\n");
    return;
  }
  const { getScheduledTasks } = require("../provider/core") as typeof import("../provider/core");
  const n = Number(count);
  const result = await getScheduledTasks(
    { instanceId: mode, projectId: process.env.BENCH_PROJECT_ID },
    { env: { HW_ACCESS_KEY: process.env.BENCH_AK, HW_SECRET_KEY: process.env.BENCH_SK, HW_DMS_ENDPOINT: url } },
  );
  if (result.jobs.length !== n) throw new Error(`listed ${result.jobs.length} of ${n} tasks`);
  // Read while the result is still reachable.
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ maxRssBytes, jobs: result.jobs.length }) + "\n");
}

main().catch((e) => {
  process.stderr.write(`memory child failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
