// Diagnostics for the user: sent to the engine's Log service (shown in `pulumi up` output) once the engine's
// address is known from Handshake or the command line; always also written to stderr. Never to stdout.
import { credentials } from "@grpc/grpc-js";
import type { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";

export type Severity = "debug" | "info" | "warning" | "error";

export class Logger {
  private engineAddress?: string;
  private client?: EngineClient;

  /** The engine to forward to (from argv or Handshake); empty or undefined = stderr only. */
  setEngine(address: string | undefined): void {
    if (!address || address === this.engineAddress) return;
    this.client?.close();
    this.client = undefined;
    this.engineAddress = address;
  }

  log(severity: Severity, message: string): void {
    process.stderr.write(`huaweicloud-dms: ${severity}: ${message}\n`);
    if (!this.engineAddress || severity === "debug") return;
    try {
      // Loaded on the first message only: most runs log nothing.
      const { EngineClient: Client } = require("@pulumi/pulumi/proto/engine_grpc_pb") as typeof import("@pulumi/pulumi/proto/engine_grpc_pb");
      const pb = require("@pulumi/pulumi/proto/engine_pb") as typeof import("@pulumi/pulumi/proto/engine_pb");
      this.client ??= new Client(this.engineAddress, credentials.createInsecure());
      const levels = { info: pb.LogSeverity.INFO, warning: pb.LogSeverity.WARNING, error: pb.LogSeverity.ERROR };
      const req = new pb.LogRequest().setSeverity(levels[severity]).setMessage(message);
      this.client.log(req, (err) => {
        if (err) process.stderr.write(`huaweicloud-dms: could not send a log message to the engine: ${err.message}\n`);
      });
    } catch (e) {
      process.stderr.write(`huaweicloud-dms: could not send a log message to the engine: ${e instanceof Error ? e.message : e}\n`);
    }
  }

  close(): void {
    this.client?.close();
    this.client = undefined;
  }
}
