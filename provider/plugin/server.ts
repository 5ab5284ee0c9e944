// The pulumirpc.ResourceProvider service, implemented directly with @grpc/grpc-js and the stubs shipped in
// @pulumi/pulumi/proto. Why not `@pulumi/pulumi/provider`'s `main()`: it answers Configure without reading the
// configuration and returns UNIMPLEMENTED for CheckConfig, so provider-level credentials and region could
// never reach the plugin; and loading the root `@pulumi/pulumi` module would cost about a second per start.
// What the engine sends and expects: proto/pulumi/provider.proto and sdk/go/common/resource/plugin/
// provider_plugin.go in the pulumi/pulumi repository.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { PluginInfo, PluginAttach } from "@pulumi/pulumi/proto/plugin_pb";
import { ResourceProviderService } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type { ProviderConfig } from "../core";
import { Failure, checkConfig, diffConfig, parseConfigure, readConfigure } from "./config";
import { RpcError, Status, toRpcError, unimplemented } from "./errors";
import { packageVersion, schemaText } from "./info";
import { invoke } from "./invoke";
import { Logger } from "./log";
import { Slots } from "./slots";
import { encodeInvokeReturn } from "./wire";

/** Invokes that run at once; the others queue, first come first served (see slots.ts). */
export const CONCURRENT_INVOKES = 4;

/** The largest message the engine's own channels accept (rpcutil.GrpcChannelOptions). */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;


export interface ServeOptions {
  /** Default "127.0.0.1". */
  readonly host?: string;
  /** Default 0: any free port. */
  readonly port?: number;
  /** The engine's address from the command line (Handshake may supply it later). */
  readonly engineAddress?: string;
  readonly logger?: Logger;
}

export interface RunningServer {
  readonly port: number;
  readonly server: grpc.Server;
  /** Aborts in-flight requests, stops accepting calls, and resolves once the server is down. Idempotent. */
  shutdown(): Promise<void>;
}

/** The provider's state between calls: one plugin process serves one provider instance. */
class Provider {
  private config?: ProviderConfig;
  private secretConfigKeys: ReadonlySet<string> = new Set();
  private readonly abort = new AbortController();
  private readonly invokeSlots = new Slots(CONCURRENT_INVOKES);

  constructor(readonly logger: Logger) {}

  /** Removes every configured or environment secret from a text. */
  redact(text: string): string {
    const { redact, secretsOf } = require("../core") as typeof import("../core");
    return redact(text, secretsOf(this.config, process.env));
  }

  /** Cancel and shutdown: aborts every request in flight; later Invokes fail fast. */
  cancel(): void {
    this.abort.abort();
  }

  handshake(req: pb.ProviderHandshakeRequest): pb.ProviderHandshakeResponse {
    this.logger.setEngine(req.getEngineAddress());
    return new pb.ProviderHandshakeResponse()
      .setAcceptSecrets(true)
      .setAcceptResources(true)
      .setAcceptOutputs(false)
      .setSupportsAutonamingConfiguration(false);
  }

  getPluginInfo(): PluginInfo {
    return new PluginInfo().setVersion(packageVersion());
  }

  getSchema(req: pb.GetSchemaRequest): pb.GetSchemaResponse {
    if (req.getSubpackageName()) {
      throw new RpcError(Status.INVALID_ARGUMENT, `The huaweicloud-dms provider has no sub-package "${req.getSubpackageName()}".`);
    }
    return new pb.GetSchemaResponse().setSchema(schemaText());
  }

  checkConfig(req: pb.CheckRequest): pb.CheckResponse {
    const news = req.getNews();
    const failures = checkConfig(news, req.getName() || nameFromUrn(req.getUrn()));
    const res = new pb.CheckResponse().setFailuresList(failures.map(checkFailure));
    // The inputs go back exactly as given (secrets, `version` and all): the engine diffs and stores them.
    if (news) res.setInputs(news);
    return res;
  }

  diffConfig(req: pb.DiffRequest): pb.DiffResponse {
    const olds = req.hasOldInputs() ? req.getOldInputs() : req.getOlds();
    const { changed } = diffConfig(olds, req.getNews(), req.getIgnorechangesList());
    const kinds = { add: pb.PropertyDiff.Kind.ADD, delete: pb.PropertyDiff.Kind.DELETE, update: pb.PropertyDiff.Kind.UPDATE };
    const res = new pb.DiffResponse()
      .setChanges(changed.length ? pb.DiffResponse.DiffChanges.DIFF_SOME : pb.DiffResponse.DiffChanges.DIFF_NONE)
      .setDiffsList(changed.map((c) => c.key))
      .setReplacesList([]) // nothing the provider owns could need replacing: it has functions only
      .setHasdetaileddiff(true);
    const detailed = res.getDetaileddiffMap();
    for (const c of changed) detailed.set(c.key, new pb.PropertyDiff().setKind(kinds[c.kind]).setInputdiff(true));
    return res;
  }

  configure(req: pb.ConfigureRequest): pb.ConfigureResponse {
    const variables = new Map<string, string>();
    req.getVariablesMap().forEach((value, key) => variables.set(key, value));
    const args = req.hasArgs() ? req.getArgs() : undefined;
    const useArgs = args !== undefined && (args.getFieldsMap().getLength() > 0 || variables.size === 0);
    const raw = readConfigure(useArgs ? args : undefined, variables);
    this.config = parseConfigure(raw);
    this.secretConfigKeys = raw.secretKeys;
    return new pb.ConfigureResponse()
      .setAcceptsecrets(true)
      .setSupportspreview(true)
      .setAcceptresources(true)
      .setAcceptoutputs(false)
      .setSupportsAutonamingConfiguration(false);
  }

  /** A result goes back as pre-encoded InvokeResponse bytes (wire.ts), failures as a message. */
  async invoke(req: pb.InvokeRequest): Promise<pb.InvokeResponse | Buffer> {
    if (this.abort.signal.aborted) {
      throw new RpcError(Status.CANCELLED, "The huaweicloud-dms provider was cancelled; no more requests are sent.");
    }
    // Each Invoke gets its own signal, linked to the provider's through one shared listener: hundreds of
    // concurrent Invokes never pile listeners on one signal (no MaxListenersExceededWarning).
    // Loaded on the first Invoke, with the core: start-up loads no core module.
    const { linkSignals, warnIfNodeDebug } = require("../core") as typeof import("../core");
    // NODE_DEBUG=http makes Node print the headers of the requests an Invoke sends (the signature, the security
    // token) to stderr, which the engine keeps in its logs: say so once, before the first is sent.
    warnIfNodeDebug(process.env, (message) => this.logger.log("warning", message));
    const link = linkSignals([this.abort.signal]);
    let outcome: Awaited<ReturnType<typeof invoke>>;
    try {
      const release = await this.invokeSlots.acquire(link.signal).catch(() => {
        throw new RpcError(Status.CANCELLED, "The huaweicloud-dms provider was cancelled; no more requests are sent.");
      });
      try {
        outcome = await invoke(req.getTok(), req.getArgs(), {
          config: this.config,
          secretConfigKeys: this.secretConfigKeys,
          signal: link.signal,
          onWarning: (message) => this.logger.log("warning", this.redact(message)),
        });
      } finally {
        release();
      }
    } finally {
      link.dispose();
    }
    if ("unknownInputs" in outcome && outcome.unknownInputs?.length) {
      this.logger.log("debug", `${req.getTok()}: not called: ${outcome.unknownInputs.join(", ")} not known yet.`);
    }
    if ("failures" in outcome) {
      return new pb.InvokeResponse().setFailuresList(outcome.failures.map((f) => checkFailure({ ...f, reason: this.redact(f.reason) })));
    }
    return encodeInvokeReturn(outcome.result);
  }
}

function checkFailure(f: Failure): pb.CheckFailure {
  return new pb.CheckFailure().setProperty(f.property).setReason(f.reason);
}

/** `urn:pulumi:stack::project::pulumi:providers:huaweicloud-dms::NAME` → NAME. */
function nameFromUrn(urn: string): string {
  const i = urn.lastIndexOf("::");
  return i >= 0 ? urn.slice(i + 2) : "";
}

type Handler = (call: grpc.ServerUnaryCall<any, any>, callback: grpc.sendUnaryData<any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Adapts a (possibly async) request → response function to grpc-js, turning every throw into a gRPC status. */
function unary<Req, Res>(provider: Provider, method: string, fn: (req: Req) => Res | Promise<Res>): Handler {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request as Req))
      .then(
        (res) => callback(null, res),
        (e: unknown) => {
          const err = toRpcError(e, (t) => provider.redact(t));
          if (err.code === Status.INTERNAL) provider.logger.log("error", `${method}: ${err.message}`);
          callback(err);
        },
      );
  };
}

function notImplemented(provider: Provider, method: string): Handler {
  return unary(provider, method, () => {
    throw unimplemented(method);
  });
}

function implementation(provider: Provider): grpc.UntypedServiceImplementation {
  const impl: grpc.UntypedServiceImplementation = {
    handshake: unary(provider, "Handshake", (req: pb.ProviderHandshakeRequest) => provider.handshake(req)),
    getPluginInfo: unary(provider, "GetPluginInfo", () => provider.getPluginInfo()),
    getSchema: unary(provider, "GetSchema", (req: pb.GetSchemaRequest) => provider.getSchema(req)),
    checkConfig: unary(provider, "CheckConfig", (req: pb.CheckRequest) => provider.checkConfig(req)),
    diffConfig: unary(provider, "DiffConfig", (req: pb.DiffRequest) => provider.diffConfig(req)),
    configure: unary(provider, "Configure", (req: pb.ConfigureRequest) => provider.configure(req)),
    invoke: unary(provider, "Invoke", (req: pb.InvokeRequest) => provider.invoke(req)),
    cancel: unary(provider, "Cancel", () => {
      provider.cancel();
      return new Empty();
    }),
    // PULUMI_DEBUG_PROVIDERS=huaweicloud-dms:PORT makes the engine attach to a running plugin this way.
    attach: unary(provider, "Attach", (req: PluginAttach) => {
      provider.logger.setEngine(req.getAddress());
      return new Empty();
    }),
  };
  // Everything else (resources, components, Parameterize, mappings) is UNIMPLEMENTED, by name.
  for (const [name, def] of Object.entries(ResourceProviderService)) {
    impl[name] ??= notImplemented(provider, def.path.slice(def.path.lastIndexOf("/") + 1));
  }
  return impl;
}

/** The service as generated, except that Invoke may answer with pre-encoded InvokeResponse bytes (wire.ts). */
const SERVICE: grpc.ServiceDefinition = {
  ...ResourceProviderService,
  invoke: {
    ...ResourceProviderService.invoke,
    responseSerialize: (res: pb.InvokeResponse | Buffer): Buffer => (Buffer.isBuffer(res) ? res : Buffer.from(res.serializeBinary())),
  },
};

/** Starts the provider's gRPC server on host:port (default 127.0.0.1, any free port). */
export function serve(opts: ServeOptions = {}): Promise<RunningServer> {
  const logger = opts.logger ?? new Logger();
  logger.setEngine(opts.engineAddress);
  const provider = new Provider(logger);
  const server = new grpc.Server({
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  });
  server.addService(SERVICE, implementation(provider));

  let stopping: Promise<void> | undefined;
  const shutdown = (): Promise<void> =>
    (stopping ??= new Promise<void>((resolve) => {
      provider.cancel();
      const force = setTimeout(() => server.forceShutdown(), 2000);
      force.unref();
      server.tryShutdown(() => {
        clearTimeout(force);
        logger.close();
        resolve();
      });
    }));

  return new Promise((resolve, reject) => {
    server.bindAsync(`${opts.host ?? "127.0.0.1"}:${opts.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, port) => {
      if (err) reject(err);
      else resolve({ port, server, shutdown });
    });
  });
}
