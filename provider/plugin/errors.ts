// gRPC errors the plugin answers with. The engine shows `details` to the user: keep it one clear sentence.
import { status as Status, type ServiceError } from "@grpc/grpc-js";

export { Status };

export class RpcError extends Error implements Partial<ServiceError> {
  override readonly name = "RpcError";
  readonly details: string;
  constructor(
    readonly code: Status,
    message: string,
  ) {
    super(message);
    this.details = message;
  }
}

export function unimplemented(method: string): RpcError {
  return new RpcError(
    Status.UNIMPLEMENTED,
    `${method} is not implemented: the huaweicloud-dms provider offers only the function ` +
      `huaweicloud-dms:kafka:getScheduledTasks (no resources).`,
  );
}

/** Any thrown value as an RpcError: RpcErrors pass through, anything else is INTERNAL with its message. */
export function toRpcError(e: unknown, redact: (text: string) => string = (t) => t): RpcError {
  if (e instanceof RpcError) return new RpcError(e.code, redact(e.message));
  const message = e instanceof Error ? e.message : String(e);
  return new RpcError(Status.INTERNAL, redact(`Internal error in the huaweicloud-dms provider: ${message}`));
}
