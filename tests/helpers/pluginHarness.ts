// Starts the built plugin the way the Pulumi engine does — spawn, read the port from the first line of stdout,
// dial it with the ResourceProvider stubs — for the plugin tests.
// A test helper: the plugin itself never loads it.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import { packageRoot } from "../../provider/plugin/info";

export interface SpawnOptions {
  /** The child's whole environment (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
  /** Arguments after the executable (the engine passes its own address last). */
  readonly args?: readonly string[];
  /** Longest wait for the port, ms (default 15,000). */
  readonly startTimeoutMs?: number;
  /** An executable to run as the engine does (e.g. an installed plugin's launcher) instead of `node bin/…`. */
  readonly executable?: string;
  /** The child's working directory (default: this process's). */
  readonly cwd?: string;
}

export interface PluginProcess {
  readonly port: number;
  readonly child: ChildProcess;
  readonly client: ResourceProviderClient;
  /** Milliseconds from spawn to the port being printed. */
  readonly startMs: number;
  /** Everything printed on stdout so far (the engine allows only the port). */
  stdout(): string;
  stderr(): string;
  handshake(req?: pb.ProviderHandshakeRequest): Promise<pb.ProviderHandshakeResponse>;
  getPluginInfo(): Promise<PluginInfo>;
  getSchema(req?: pb.GetSchemaRequest): Promise<pb.GetSchemaResponse>;
  checkConfig(req: pb.CheckRequest): Promise<pb.CheckResponse>;
  diffConfig(req: pb.DiffRequest): Promise<pb.DiffResponse>;
  configure(req: pb.ConfigureRequest): Promise<pb.ConfigureResponse>;
  invoke(req: pb.InvokeRequest, deadlineMs?: number): Promise<pb.InvokeResponse>;
  cancel(): Promise<Empty>;
  /** Any unary method by its client name (e.g. "create"), for the UNIMPLEMENTED ones. */
  unary(method: string, req: unknown): Promise<unknown>;
  /** Resolves with the exit code and signal when the process ends. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Closes the client and kills the process if it is still running. */
  close(): Promise<void>;
}

/** The plugin executable as package.json's `bin` names it. */
export function pluginBin(): string {
  return path.join(packageRoot(), "bin", "pulumi-resource-huaweicloud-dms");
}

export function spawnPlugin(opts: SpawnOptions = {}): Promise<PluginProcess> {
  const t0 = process.hrtime.bigint();
  const [command, ...first] = opts.executable ? [opts.executable] : [process.execPath, pluginBin()];
  const child = spawn(command, [...first, ...(opts.args ?? [])], {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.setEncoding("utf8");
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );

  return new Promise<PluginProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`The plugin printed no port within ${opts.startTimeoutMs ?? 15_000} ms. stderr: ${err}`));
    }, opts.startTimeoutMs ?? 15_000);
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`The plugin exited (code ${code}, signal ${signal}) before printing its port. stderr: ${err}`));
    });
    child.stdout!.on("data", (d: string) => {
      const before = out;
      out += d;
      if (before.includes("\n") || !out.includes("\n")) return;
      clearTimeout(timer);
      const startMs = Number(process.hrtime.bigint() - t0) / 1e6;
      const line = out.slice(0, out.indexOf("\n")).trim();
      const port = Number(line);
      if (!/^\d+$/.test(line) || port <= 0 || port > 65535) {
        child.kill("SIGKILL");
        reject(new Error(`The plugin's first stdout line is not a port: ${JSON.stringify(line)}`));
        return;
      }
      resolve(connect(child, port, startMs, () => out, () => err, exited));
    });
  });
}

function connect(
  child: ChildProcess,
  port: number,
  startMs: number,
  stdout: () => string,
  stderr: () => string,
  exited: PluginProcess["exited"],
): PluginProcess {
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = <Res>(method: string, req: unknown, deadlineMs = 30_000): Promise<Res> =>
    new Promise<Res>((resolve, reject) => {
      const fn = (client as unknown as Record<string, ((...args: unknown[]) => void) | undefined>)[method];
      if (typeof fn !== "function") throw new Error(`No such ResourceProvider method: ${method}`);
      fn.call(client, req, new grpc.Metadata(), { deadline: Date.now() + deadlineMs }, (e: grpc.ServiceError | null, res: Res) =>
        e ? reject(e) : resolve(res),
      );
    });
  let closed = false;
  return {
    port,
    child,
    client,
    startMs,
    stdout,
    stderr,
    exited,
    handshake: (req = new pb.ProviderHandshakeRequest()) => call("handshake", req),
    getPluginInfo: () => call("getPluginInfo", new Empty()),
    getSchema: (req = new pb.GetSchemaRequest()) => call("getSchema", req),
    checkConfig: (req) => call("checkConfig", req),
    diffConfig: (req) => call("diffConfig", req),
    configure: (req) => call("configure", req),
    invoke: (req, deadlineMs) => call("invoke", req, deadlineMs),
    cancel: () => call("cancel", new Empty()),
    unary: (method, req) => call(method, req),
    async close() {
      if (closed) return;
      closed = true;
      client.close();
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
