// A loopback port that never accepts a connection — what an unrouted address (the ECS metadata address off ECS)
// looks like to a client, made without leaving 127.0.0.1: a child listening with a full accept queue whose event
// loop is blocked, so the kernel drops every new connection attempt.
import { ChildProcess, spawn } from "child_process";
import * as net from "net";

export async function unansweredPort(): Promise<{ port: number; close(): void }> {
  const child: ChildProcess = spawn(process.execPath, [
    "-e",
    'const s=require("net").createServer();s.listen({port:0,host:"127.0.0.1",backlog:1},()=>{console.log(s.address().port);Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,120000)})',
  ]);
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(Number(String(d).trim())));
    child.once("error", reject);
  });
  const fillers = Array.from({ length: 4 }, () => net.connect(port, "127.0.0.1").on("error", () => undefined));
  await new Promise((r) => setTimeout(r, 300));
  return {
    port,
    close: () => {
      for (const s of fillers) s.destroy();
      child.kill("SIGKILL");
    },
  };
}
