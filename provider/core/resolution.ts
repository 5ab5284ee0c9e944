// One resolution of every setting, the same for the core, the CLI, the plugin, the SDK and the gate. Each
// setting comes from the first layer that has it: the call's inputs → `huaweicloud-dms:*` config (an explicit
// provider, CLI flags) → `huaweicloud:*` stack config (pulumi-huaweicloud's keys; SDK and gate) → HW_* variables
// → HUAWEICLOUD_SDK_* variables → a KooCLI profile → ECS metadata (keys only). Keys come as a pair (with their
// token) from one source; the profile is read only when no layer gives keys, and then also gives its region and
// project ID; an assumed agency then turns the keys into temporary ones. The layers arrive validated (the
// settings table decodes them); this file only decides.
import type { CredentialProvider, KeySource, Named, SignedPost } from "./credentials";
import {
  DEFAULT_METADATA_ENDPOINT,
  DEFAULT_PROFILE_FILE,
  assumedCredentials,
  expandHome,
  firstCredentials,
  keyPairSource,
  metadataSource,
  nameIn,
  readProfile,
  staticCredentials,
} from "./credentials";
import { ValidationError, type Wording } from "./errors";
import type { SettingName, SettingValues } from "./settings";
import { readCaBundle, warnInsecureOnce } from "./tlsFiles";
import type { TlsSettings } from "./transport";

export type SettingKey = SettingName;

export interface Layer {
  /** How this layer names a setting in messages, e.g. `huaweicloud-dms:accessKey`, `HW_ACCESS_KEY`, `--region`
   * (a surface's wording decides names that depend on it). */
  readonly nameOf: (key: SettingKey, w: Wording) => string;
  readonly values: SettingValues;
  /** Whether keys can be set here (listed in the "no credentials" sentence); default true. */
  readonly holdsKeys?: boolean;
}

export interface ResolveOptions {
  /** Signs IAM's assume-role request (the transport, with this resolution's network settings). */
  readonly post: SignedPost;
  readonly onWarning?: (message: string) => void;
  /** How the surface names settings in warnings (errors are worded by each surface). */
  readonly wording?: Wording;
  readonly signal?: AbortSignal;
  /** Reads the profile file and the CA bundle (default: the file system). */
  readonly readFile?: (path: string) => string;
  /** The home directory `~` means (default: the user's). */
  readonly home?: string;
}

export interface ResolvedConfig {
  readonly region?: string;
  /** Undefined when it must be looked up through IAM by region. */
  readonly projectId?: string;
  readonly endpoint: string;
  readonly iamEndpoint?: string;
  /** Keys for the next request (temporary ones renewed before they expire); `source` says where they come from. */
  readonly credentials: CredentialProvider;
  readonly tls: TlsSettings;
  readonly maxRetries?: number;
  readonly requestTimeoutMs?: number;
}

/** The cloud's domain for a region when `cloud` is not set (the European regions live under `.eu`). */
export function domainOf(region: string): string {
  return region.startsWith("eu-west-1") ? "myhuaweicloud.eu" : "myhuaweicloud.com";
}

export function defaultDmsEndpoint(region: string, cloud?: string): string {
  return `https://dms.${region}.${cloud ?? domainOf(region)}`;
}

export function defaultIamEndpoint(region: string, cloud?: string): string {
  return `https://iam.${region}.${cloud ?? domainOf(region)}`;
}

interface Picked<K extends SettingKey> {
  readonly value: NonNullable<SettingValues[K]>;
  readonly namedBy: Named;
}

function pick<K extends SettingKey>(layers: readonly Layer[], key: K): Picked<K> | undefined {
  for (const layer of layers) {
    const value = layer.values[key];
    if (value !== undefined) return { value: value as NonNullable<SettingValues[K]>, namedBy: (w: Wording) => layer.nameOf(key, w) };
  }
  return undefined;
}

/** What the profile gave, when it was read and gave keys (its region and project ID then apply). */
interface ProfileFound {
  region?: string;
  projectId?: string;
}

/**
 * Resolves every setting. Throws a ValidationError (nothing was sent) for a bad or missing setting; asks the
 * network only for ECS metadata (when nothing else gives keys) — the assumed agency is asked on first use.
 */
export async function resolveSettings(
  call: { readonly region?: string; readonly projectId?: string },
  layers: readonly Layer[],
  opts: ResolveOptions,
): Promise<ResolvedConfig> {
  const home = opts.home;
  const read = opts.readFile;
  const fileSetting = pick(layers, "sharedConfigFile");
  const profileSetting = pick(layers, "profile");
  const profileFile = expandHome(fileSetting?.value ?? DEFAULT_PROFILE_FILE, home);
  const metadataSetting = pick(layers, "metadataEndpoint");
  const metadataOff = metadataSetting?.value === "off";
  const metadataEndpoint = metadataOff ? undefined : (metadataSetting?.value ?? DEFAULT_METADATA_ENDPOINT);

  // Network settings first: the CA bundle is read (a bad path fails before anything is sent), and ECS metadata
  // behind HTTPS uses it too. A KooCLI profile gives keys, region and project only, so these never come from it.
  const cacert = pick(layers, "cacertFile");
  const insecure = pick(layers, "insecure");
  if (insecure?.value === true) warnInsecureOnce(opts.onWarning, nameIn(insecure.namedBy, opts.wording ?? defaultWording()));
  const tls: TlsSettings = {
    ...(cacert ? { ca: readCaBundle(expandHome(cacert.value, home), cacert.namedBy, read) } : {}),
    ...(insecure?.value === true ? { insecure: true } : {}),
  };

  let fromProfile: ProfileFound | undefined;
  let metadataAsked = false;
  const metadata = (): KeySource => {
    if (metadataEndpoint === undefined) {
      return { name: (w) => `ECS metadata (${nameIn(metadataSetting!.namedBy, w)} is "off")`, find: () => ({ none: "skipped" }) };
    }
    const source = metadataSource({ endpoint: metadataEndpoint, tls }, opts.signal);
    return {
      name: source.name,
      find: async () => {
        if (metadataAsked) return { none: "asked above, for the ecsAgency profile" };
        metadataAsked = true;
        return source.find();
      },
    };
  };
  const profileSource: KeySource = {
    name: `KooCLI profile${profileSetting ? ` "${profileSetting.value}"` : ""} (${profileFile})`,
    find: async () => {
      let found: ReturnType<typeof readProfile>;
      try {
        found = readProfile(
          {
            file: profileFile,
            ...(fileSetting ? { fileNamedBy: fileSetting.namedBy } : {}),
            ...(profileSetting ? { profile: profileSetting.value, profileNamedBy: profileSetting.namedBy } : {}),
          },
          read,
        );
      } catch (e) {
        // A file or profile the user named must work; KooCLI's own file, unasked for, is only a reason.
        if (fileSetting || profileSetting || !(e instanceof ValidationError)) throw e;
        return { none: e.message.replace(/\.$/, "").replace(/^The /, "the ") };
      }
      if (found.kind === "none") return { none: found.why.replace(` at ${profileFile}`, "") };
      const extra = { ...(found.region ? { region: found.region } : {}), ...(found.projectId ? { projectId: found.projectId } : {}) };
      if (found.kind === "aksk") {
        fromProfile = extra;
        return { provider: staticCredentials(`KooCLI profile "${found.name}" (${profileFile})`, found.credentials) };
      }
      const viaMetadata = await metadata().find();
      if ("provider" in viaMetadata) {
        fromProfile = extra;
        return viaMetadata;
      }
      return { none: `the ecsAgency profile "${found.name}" needs ECS metadata, which ${viaMetadata.none}` };
    },
  };

  const keyLayers = layers.filter((l) => l.holdsKeys !== false);
  const base = await firstCredentials([
    ...keyLayers.map((l) =>
      keyPairSource({
        accessKeyName: (w) => l.nameOf("accessKey", w),
        secretKeyName: (w) => l.nameOf("secretKey", w),
        ...pickKeys(l.values),
      }),
    ),
    profileSource,
    metadata(),
  ]);

  const all: readonly Layer[] = fromProfile ? [...layers, { nameOf: (k) => `the KooCLI profile's ${k}`, values: fromProfile as SettingValues }] : layers;
  const region = call.region ?? pick(all, "region")?.value;
  // A project ID belongs to a region: a layer that names another region keeps its project ID to itself
  // (HW_PROJECT_ID of cn-north-4 is not used for a call in eu-west-101; IAM is asked instead).
  const projectId =
    call.projectId ??
    all.find((l) => l.values.projectId !== undefined && (l.values.region === undefined || l.values.region === region))?.values.projectId;
  const cloud = pick(all, "cloud")?.value;
  const endpoint = pick(all, "endpoint")?.value ?? (region ? defaultDmsEndpoint(region, cloud) : undefined);
  if (!endpoint) {
    throw new ValidationError(
      "region",
      (w) =>
        `No region is configured: set ${w.howToSet("region")}, or set both ${w.howToSet("endpoint")} and ${w.howToSet("projectId")}.`,
    );
  }
  if (!projectId && !region) {
    throw new ValidationError(
      "projectId",
      (w) => `No project ID is configured and no region to look it up by: set ${w.howToSet("projectId")}, or ${w.howToSet("region")}.`,
    );
  }
  const iamEndpoint = pick(all, "iamEndpoint")?.value ?? (region ? defaultIamEndpoint(region, cloud) : undefined);

  const role = pick(all, "assumeRole");
  let credentials = base;
  if (role) {
    if (!iamEndpoint) {
      throw new ValidationError(
        "assumeRole",
        (w) => `${nameIn(role.namedBy, w)} needs IAM: set ${w.howToSet("region")} (or ${w.howToSet("iamEndpoint")}) to assume the agency through.`,
      );
    }
    credentials = assumedCredentials(base, role.value, iamEndpoint, opts.post);
  }

  const maxRetries = pick(all, "maxRetries")?.value;
  const timeout = pick(all, "requestTimeoutSeconds")?.value;
  return {
    region,
    projectId,
    endpoint,
    iamEndpoint,
    credentials,
    tls,
    ...(maxRetries !== undefined ? { maxRetries } : {}),
    ...(timeout !== undefined ? { requestTimeoutMs: timeout * 1000 } : {}),
  };
}

function defaultWording(): Wording {
  return (require("./wording") as typeof import("./wording")).programWording();
}

function pickKeys(v: SettingValues): { accessKey?: string; secretKey?: string; securityToken?: string } {
  return {
    ...(v.accessKey !== undefined ? { accessKey: v.accessKey } : {}),
    ...(v.secretKey !== undefined ? { secretKey: v.secretKey } : {}),
    ...(v.securityToken !== undefined ? { securityToken: v.securityToken } : {}),
  };
}
