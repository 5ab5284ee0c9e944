// Child-process entry: runs the emulator alone in its own process, so its CPU never counts as the client's
// and, on a 2-core machine, the client and the server each get a core. Driven over the fork() IPC channel.
import { startEmulator } from "../provider/emulator";

interface Command {
  readonly id: number;
  readonly op: "generate" | "latency";
  readonly instanceId?: string;
  readonly count?: number;
  readonly ms?: number;
}

async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2] ?? "0");
  // Record nothing: the bench sends hundreds of thousands of requests and never reads them back.
  const emulator = await startEmulator({ latencyMs, maxRecordedRequests: 0 });
  process.on("message", (raw: unknown) => {
    const cmd = raw as Command;
    try {
      if (cmd.op === "generate") emulator.generateTasks(cmd.instanceId!, cmd.count!);
      else if (cmd.op === "latency") emulator.setLatency(cmd.ms!);
      else throw new Error(`unknown op ${String(cmd.op)}`);
      process.send!({ id: cmd.id, ok: true });
    } catch (e) {
      process.send!({ id: cmd.id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  });
  process.on("disconnect", () => void emulator.close().then(() => process.exit(0)));
  process.send!({ ready: true, url: emulator.url });
}

main().catch((e) => {
  process.stderr.write(`emulator child failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
