// Ctrl-C for the gate. On the first Ctrl-C of `pulumi up` the engine sends every provider the ResourceProvider
// `Cancel` RPC and then waits for the operations in flight. @pulumi/pulumi's dynamic-provider host
// (`@pulumi/pulumi/cmd/dynamic-provider`, where the gate runs) answers Cancel without telling the dynamic
// providers, so a gate waiting for a task would hold the update until its timeout (up to hours). This module
// notices Cancel calls reaching that host's gRPC server and turns them into an AbortSignal for the wait.
//
// How: the host's server dispatches each call through `Server.prototype._retrieveHandler(path)` of the
// @grpc/grpc-js copy the host itself loads; wrapping it sees every call's method path and changes nothing else.
// Only inside that host (the process's main module is its index.js), only when that method exists; otherwise
// there is no signal and the gate behaves as before (a second Ctrl-C still ends the update).
import * as path from "path";

export const CANCEL_METHOD_PATH = "/pulumirpc.ResourceProvider/Cancel";

/** What the wait rejects with once the engine has cancelled. */
export class EngineCancelledError extends Error {
  constructor() {
    super("the deployment was cancelled (Ctrl-C) while the gate was waiting; nothing that depends on it was changed.");
    this.name = "EngineCancelledError";
  }
}

type RetrieveHandler = (this: unknown, methodPath: string) => unknown;
interface GrpcServerPrototype {
  _retrieveHandler?: RetrieveHandler;
}

let controller: AbortController | undefined;
let looked = false;

/** The main module of a dynamic-provider host, or undefined in any other process. */
function dynamicProviderHost(): string | undefined {
  const main = require.main?.filename;
  return main && /[\\/]@pulumi[\\/]pulumi[\\/]cmd[\\/]dynamic-provider[\\/]index\.js$/.test(main) ? main : undefined;
}

/**
 * Wraps `prototype._retrieveHandler` so that a call of CANCEL_METHOD_PATH aborts the returned controller.
 * Undefined when the prototype has no such method (another @grpc/grpc-js design): nothing is changed then.
 */
export function watchCancelCalls(prototype: GrpcServerPrototype): AbortController | undefined {
  const original = prototype._retrieveHandler;
  if (typeof original !== "function") return undefined;
  const c = new AbortController();
  prototype._retrieveHandler = function (this: unknown, methodPath: string): unknown {
    if (methodPath === CANCEL_METHOD_PATH && !c.signal.aborted) c.abort(new EngineCancelledError());
    return original.call(this, methodPath);
  };
  return c;
}

/**
 * Aborts when the engine cancels the deployment; undefined outside a dynamic-provider host (or when its gRPC
 * server cannot be watched). Installed once per process: the host serves one deployment.
 */
export function engineCancelSignal(): AbortSignal | undefined {
  if (!looked) {
    looked = true;
    const host = dynamicProviderHost();
    if (host) {
      try {
        const grpc = require(require.resolve("@grpc/grpc-js", { paths: [path.dirname(host)] })) as { Server?: { prototype?: GrpcServerPrototype } };
        if (grpc.Server?.prototype) controller = watchCancelCalls(grpc.Server.prototype);
      } catch {
        // No @grpc/grpc-js where the host finds it: leave the host as it is.
      }
    }
  }
  return controller?.signal;
}
