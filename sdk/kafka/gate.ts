// ScheduledTasksGate: a dynamic resource whose create/update wait until no scheduled task of a DMS Kafka
// instance is EXECUTING (or another blocking status). Resources that `dependsOn` it wait with it.
//
// Serialization (DESIGN pitfalls): Pulumi serializes the provider object below, with everything its methods
// reference, into the resource's `__provider` input; the engine's dynamic-provider process evaluates that text
// with `require-from-string` (a module with no filename, whose `require` resolves against the process's working
// directory). So the methods reference nothing but two module paths (strings) and `loadGateRuntime`; the
// real work lives in gateRuntime.js, required at call time; credentials are read there, at run time.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { PACKAGE_NAME, packageRoot } from "../../provider/package";
import { DEFAULT_SETTINGS, Provider } from "../provider";
import type * as runtime from "./gateRuntime";

/** Where the runtime sits inside the package. */
const RUNTIME_IN_PACKAGE = "dist/sdk/kafka/gateRuntime.js";

export interface ScheduledTasksGateArgs {
  /** The DMS Kafka instance whose scheduled tasks are waited for. */
  instanceId: pulumi.Input<string>;
  /** Default: the provider's, then stack config, then HW_PROJECT_ID, then looked up by region. */
  projectId?: pulumi.Input<string>;
  /** Default: the provider's, then stack config, then HW_REGION_NAME. */
  region?: pulumi.Input<string>;
  /** Statuses that block the deployment (default `["EXECUTING"]`). */
  blockingStatuses?: pulumi.Input<pulumi.Input<string>[]>;
  /** Give up (and fail the deployment, naming the blocking tasks) after this many seconds (default 600). */
  timeoutSeconds?: pulumi.Input<number>;
  /** Seconds between checks (default 15, at least 1). */
  pollIntervalSeconds?: pulumi.Input<number>;
  /** Any values: a change to them makes the gate wait again (useful with checkOnEveryDeployment: false). */
  triggers?: pulumi.Input<unknown[]>;
  /**
   * true (default): every `pulumi up` checks again (the gate shows as an update in every preview).
   * false: only when an input changes.
   */
  checkOnEveryDeployment?: pulumi.Input<boolean>;
}

/** Resource options; `provider` is this package's `Provider` (another account, region or endpoint). */
export interface ScheduledTasksGateOptions extends Omit<pulumi.CustomResourceOptions, "provider"> {
  provider?: Provider;
}

interface GateProvider extends pulumi.dynamic.ResourceProvider {
  /** The stack configuration handed over by the engine, kept in the dynamic-provider process's memory only. */
  stackConfig?: pulumi.dynamic.Config;
}

/**
 * Loads the gate's runtime module: the first of `candidates` that exists, resolved from the working directory
 * of the process (a relative path computed when the program ran, then the package name, which finds the
 * package in the program's node_modules wherever it was installed).
 * @internal (kept out of the published .d.ts, so programs' type checks don't load io-ts and fp-ts)
 */
export function loadGateRuntime(candidates: readonly string[]): typeof runtime {
  const tried: string[] = [];
  for (const candidate of candidates) {
    try {
      return require(candidate);
    } catch (e) {
      const err = e as { code?: string; message?: string };
      if (err && err.code === "MODULE_NOT_FOUND" && String(err.message).includes(`'${candidate}'`)) {
        tried.push(candidate);
        continue;
      }
      throw e;
    }
  }
  throw new Error(
    `ScheduledTasksGate: cannot load the gate's runtime (tried ${tried.join(", ")} from ${process.cwd()}); ` +
      `install pulumi-huaweicloud-dms (built) in the Pulumi program's node_modules.`,
  );
}

/** What the engine hands a dynamic provider's methods: the resource's properties. */
type GateProps = Record<string, unknown>;

/**
 * The dynamic provider: every method loads the runtime when called and delegates to it.
 * @internal
 */
export function makeGateProvider(candidates: readonly string[]): pulumi.dynamic.ResourceProvider {
  const provider: GateProvider = {
    async configure(this: GateProvider, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
      this.stackConfig = req.config;
    },
    async check(olds: GateProps, news: GateProps): Promise<pulumi.dynamic.CheckResult> {
      return loadGateRuntime(candidates).check(olds, news);
    },
    async diff(_id: string, olds: GateProps, news: GateProps): Promise<pulumi.dynamic.DiffResult> {
      return loadGateRuntime(candidates).diff(olds, news);
    },
    async create(this: GateProvider, inputs: GateProps): Promise<pulumi.dynamic.CreateResult> {
      return loadGateRuntime(candidates).create(inputs, this.stackConfig);
    },
    async update(this: GateProvider, id: string, olds: GateProps, news: GateProps): Promise<pulumi.dynamic.UpdateResult> {
      return loadGateRuntime(candidates).update(id, olds, news, this.stackConfig);
    },
    async delete(): Promise<void> {
      // Nothing to delete: the gate only waits.
    },
  };
  return provider;
}

/**
 * The module paths the serialized provider tries, in order: the runtime relative to the program's working
 * directory (the engine starts the dynamic provider there; relative, so the state does not depend on where
 * the project was checked out), then `pulumi-huaweicloud-dms/dist/sdk/kafka/gateRuntime.js`.
 */
export function runtimeCandidates(cwd: string = process.cwd()): string[] {
  const absolute = path.join(packageRoot(), RUNTIME_IN_PACKAGE);
  const relative = path.relative(cwd, absolute);
  const posix = relative.split(path.sep).join("/");
  // Another drive (Windows) leaves no relative path: then the absolute one.
  const first = path.isAbsolute(relative) ? absolute : posix.startsWith(".") ? posix : `./${posix}`;
  return [first, `${PACKAGE_NAME}/${RUNTIME_IN_PACKAGE}`];
}

let sharedProvider: pulumi.dynamic.ResourceProvider | undefined;

/** One provider object per program, so Pulumi serializes it once. */
function gateProvider(): pulumi.dynamic.ResourceProvider {
  sharedProvider ??= makeGateProvider(runtimeCandidates());
  return sharedProvider;
}

/**
 * Blocks a deployment while scheduled tasks of a DMS Kafka instance are EXECUTING: its create (and, by
 * default, every update) waits until none is, then resources that `dependsOn` it go ahead. When
 * `timeoutSeconds` passes first, the deployment fails with a message listing the blocking tasks.
 *
 * In `pulumi preview` nothing waits: the gate only validates its inputs and shows as a create (or, with
 * checkOnEveryDeployment, an update); its outputs are unknown until `pulumi up`.
 *
 * Credentials are read when the wait runs (stack config `huaweicloud-dms:*`, or the provider's namespace, then
 * HW_* variables) and are never part of the gate's inputs, outputs, state or serialized code.
 */
export class ScheduledTasksGate extends pulumi.dynamic.Resource {
  declare readonly instanceId: pulumi.Output<string>;
  declare readonly projectId: pulumi.Output<string | undefined>;
  declare readonly region: pulumi.Output<string | undefined>;
  declare readonly blockingStatuses: pulumi.Output<string[]>;
  declare readonly timeoutSeconds: pulumi.Output<number>;
  declare readonly pollIntervalSeconds: pulumi.Output<number>;
  declare readonly triggers: pulumi.Output<unknown[] | undefined>;
  declare readonly checkOnEveryDeployment: pulumi.Output<boolean>;
  /** The stack-config namespace credentials are read from at run time (never the credentials themselves). */
  declare readonly configNamespace: pulumi.Output<string>;
  /** When the instance was last found idle (ISO 8601 UTC). */
  declare readonly checkedAt: pulumi.Output<string>;
  /** How long the last create/update waited, in whole seconds. */
  declare readonly waitedSeconds: pulumi.Output<number>;
  /** Status → number of tasks, from the last (idle) check. */
  declare readonly statusCounts: pulumi.Output<{ [status: string]: number }>;

  static readonly __pulumiType = "pulumi-nodejs:dynamic/huaweicloud-dms:ScheduledTasksGate";

  static override isInstance(obj: unknown): obj is ScheduledTasksGate {
    return (
      typeof obj === "object" && obj !== null && (obj as { __pulumiType?: string }).__pulumiType === ScheduledTasksGate.__pulumiType
    );
  }

  constructor(name: string, args: ScheduledTasksGateArgs, opts: ScheduledTasksGateOptions = {}) {
    const { provider, ...resourceOptions } = opts;
    if (provider !== undefined && !Provider.isInstance(provider)) {
      throw new pulumi.ResourceError(
        "ScheduledTasksGate: opts.provider must be a pulumi-huaweicloud-dms Provider (new dms.Provider(...)).",
        resourceOptions.parent,
      );
    }
    if (!args || args.instanceId === undefined) {
      throw new pulumi.ResourceError("ScheduledTasksGate: instanceId is required.", resourceOptions.parent);
    }
    const settings = provider?.settings ?? DEFAULT_SETTINGS;
    const props: Record<string, unknown> = {
      instanceId: args.instanceId,
      projectId: args.projectId ?? settings.projectId,
      region: args.region ?? settings.region,
      blockingStatuses: args.blockingStatuses,
      timeoutSeconds: args.timeoutSeconds,
      pollIntervalSeconds: args.pollIntervalSeconds,
      triggers: args.triggers,
      checkOnEveryDeployment: args.checkOnEveryDeployment,
      configNamespace: settings.configNamespace,
      endpoint: settings.endpoint,
      checkedAt: undefined,
      waitedSeconds: undefined,
      statusCounts: undefined,
    };
    super(gateProvider(), name, props, resourceOptions, "huaweicloud-dms", "ScheduledTasksGate");
  }
}
