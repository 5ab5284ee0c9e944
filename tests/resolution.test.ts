// The one resolution every surface uses: each setting from the first layer that has it (a property over random
// combinations), keys as a pair from one source, the profile and ECS metadata only when nothing above gave keys,
// an assumed agency on top, and one sentence naming every source tried when nothing gives keys.
import fc from "fast-check";
import { join } from "path";
import { clearAssumedCredentials, clearMetadataCredentials } from "../provider/core/credentials";
import type { SignedPost } from "../provider/core/credentials";
import { ValidationError } from "../provider/core/errors";
import { Layer, resolveSettings } from "../provider/core/resolution";
import type { SettingValues } from "../provider/core/settings";
import { DEFAULT_RETRY } from "../provider/core/retry";
import { sendSigned } from "../provider/core/transport";
import { DEMO_AGENCY, DEMO_CREDENTIALS, startEmulator, type Emulator } from "../provider/emulator";

const HOME = "/nonexistent-home-for-tests";
const PROFILE_PATH = join(HOME, ".hcloud", "config.json");
const enoent = (): never => {
  throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
};
const files = (content: Record<string, string>) => (p: string): string => content[p] ?? enoent();

const post: SignedPost = (req, credentials, signal) =>
  sendSigned(
    { ...req, method: "POST", query: {} },
    { credentials, timeoutMs: 5_000, deadline: Date.now() + 10_000, retry: { ...DEFAULT_RETRY, limit: 0 }, maxResponseBytes: 1 << 20, signal },
  );

const LAYER_NAMES = ["huaweicloud-dms", "huaweicloud", "HW", "HUAWEICLOUD_SDK"] as const;
const layer = (i: number, values: SettingValues): Layer => ({ nameOf: (k) => `${LAYER_NAMES[i]}:${k}`, values });
const OFF: Layer = { nameOf: () => "HW_METADATA_ENDPOINT", values: { metadataEndpoint: "off" }, holdsKeys: false };

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  clearMetadataCredentials();
  clearAssumedCredentials();
  emu.setEcsAgency(true);
});

describe("precedence", () => {
  // Per layer i: each setting set or not; keys: none, both, or only one (which must be refused).
  const layerArb = (i: number) =>
    fc.record({
      region: fc.option(fc.constant(`cn-north-${i + 1}`), { nil: undefined }),
      projectId: fc.option(fc.constant(`project${i}`), { nil: undefined }),
      keys: fc.constantFrom("none", "none", "both", "both+token", "onlyAk", "onlySk"),
      cloud: fc.option(fc.constant(`cloud${i}.example`), { nil: undefined }),
      endpoint: fc.option(fc.constant(`http://dms${i}.example`), { nil: undefined }),
      iamEndpoint: fc.option(fc.constant(`http://iam${i}.example`), { nil: undefined }),
      maxRetries: fc.option(fc.constant(i), { nil: undefined }),
      requestTimeoutSeconds: fc.option(fc.constant(10 + i), { nil: undefined }),
    });
  type LayerSpec = { region?: string; projectId?: string; keys: string; cloud?: string; endpoint?: string; iamEndpoint?: string; maxRetries?: number; requestTimeoutSeconds?: number };
  const values = (i: number, s: LayerSpec): SettingValues => {
    const keys: Record<string, string> =
      s.keys === "both" ? { accessKey: `AK${i}`, secretKey: `SK${i}` }
      : s.keys === "both+token" ? { accessKey: `AK${i}`, secretKey: `SK${i}`, securityToken: `TOKEN${i}` }
      : s.keys === "onlyAk" ? { accessKey: `AK${i}` }
      : s.keys === "onlySk" ? { secretKey: `SK${i}` }
      : {};
    const { keys: _, ...rest } = s;
    return Object.fromEntries(Object.entries({ ...rest, ...keys }).filter(([, v]) => v !== undefined)) as SettingValues;
  };

  test("each setting comes from the first source that has it; keys as a pair from one source", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(layerArb(0), layerArb(1), layerArb(2), layerArb(3)),
        fc.record({
          callRegion: fc.option(fc.constant("cn-east-3"), { nil: undefined }),
          callProject: fc.option(fc.constant("callproject"), { nil: undefined }),
          profile: fc.constantFrom("absent", "aksk", "ecsAgency"),
          metadata: fc.constantFrom("off", "agency", "no-agency"),
        }),
        async (specs, rest) => {
          emu.setEcsAgency(rest.metadata === "agency");
          clearMetadataCredentials();
          const layers = specs.map((s, i) => layer(i, values(i, s)));
          const metadataLayer: Layer =
            rest.metadata === "off" ? OFF : { nameOf: () => "HW_METADATA_ENDPOINT", values: { metadataEndpoint: emu.url }, holdsKeys: false };
          const profile =
            rest.profile === "aksk" ? { name: "p", mode: "AKSK", accessKeyId: "PROFILEAK", secretAccessKey: "PROFILESK", region: "ap-southeast-1", projectId: "profileproject" }
            : { name: "p", mode: "ecsAgency", region: "ap-southeast-1" };
          const readFile = files(rest.profile === "absent" ? {} : { [PROFILE_PATH]: JSON.stringify({ current: "p", profiles: [profile] }) });
          const all = [...layers, metadataLayer];
          const run = resolveSettings({ region: rest.callRegion, projectId: rest.callProject }, all, { post, readFile, home: HOME });

          // The model.
          const keyLayer = specs.findIndex((s) => s.keys !== "none");
          if (keyLayer >= 0 && (specs[keyLayer].keys === "onlyAk" || specs[keyLayer].keys === "onlySk")) {
            const err = await run.then(() => undefined, (e: unknown) => e);
            expect(err).toBeInstanceOf(ValidationError);
            const [set, missing] = specs[keyLayer].keys === "onlyAk" ? ["accessKey", "secretKey"] : ["secretKey", "accessKey"];
            expect((err as Error).message).toBe(`${LAYER_NAMES[keyLayer]}:${set} is set but ${LAYER_NAMES[keyLayer]}:${missing} is not: set both or neither.`);
            return;
          }
          const profileGivesKeys = keyLayer < 0 && (rest.profile === "aksk" || (rest.profile === "ecsAgency" && rest.metadata === "agency"));
          const metadataGivesKeys = keyLayer < 0 && !profileGivesKeys && rest.metadata === "agency";
          if (keyLayer < 0 && !profileGivesKeys && !metadataGivesKeys) {
            await expect(run).rejects.toThrow(/^No credentials found; tried, in order: huaweicloud-dms:accessKey\/huaweicloud-dms:secretKey: not set; /);
            return;
          }
          const fromProfile: LayerSpec = { region: "ap-southeast-1", projectId: rest.profile === "aksk" ? "profileproject" : undefined, keys: "none" };
          const effective: LayerSpec[] = profileGivesKeys ? [...specs, fromProfile] : specs;
          const first = <K extends keyof LayerSpec>(k: K): LayerSpec[K] | undefined => effective.find((s) => s[k] !== undefined)?.[k];
          const region = rest.callRegion ?? first("region");
          const projectId = rest.callProject ?? effective.find((s) => s.projectId !== undefined && (s.region === undefined || s.region === region))?.projectId;
          const endpoint = first("endpoint") ?? (region ? `https://dms.${region}.${first("cloud") ?? "myhuaweicloud.com"}` : undefined);
          if (!endpoint || (!projectId && !region)) {
            await expect(run).rejects.toBeInstanceOf(ValidationError);
            return;
          }
          const got = await run;
          expect(got.region).toBe(region);
          expect(got.projectId).toBe(projectId);
          expect(got.endpoint).toBe(endpoint);
          expect(got.iamEndpoint).toBe(first("iamEndpoint") ?? (region ? `https://iam.${region}.${first("cloud") ?? "myhuaweicloud.com"}` : undefined));
          expect(got.maxRetries).toBe(first("maxRetries"));
          expect(got.requestTimeoutMs).toBe(first("requestTimeoutSeconds") === undefined ? undefined : first("requestTimeoutSeconds")! * 1000);
          const keys = await got.credentials.get();
          if (keyLayer >= 0) {
            expect(keys).toEqual({
              accessKey: `AK${keyLayer}`,
              secretKey: `SK${keyLayer}`,
              ...(specs[keyLayer].keys === "both+token" ? { securityToken: `TOKEN${keyLayer}` } : {}),
            });
          } else if (rest.profile === "aksk") {
            expect(keys).toEqual({ accessKey: "PROFILEAK", secretKey: "PROFILESK" });
          } else {
            expect(keys.accessKey).toBe(emu.issuedKeys.at(-1)!.accessKey);
            expect(keys.securityToken).toBe(emu.issuedKeys.at(-1)!.securityToken);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe("sources end to end", () => {
  test("nothing found: one sentence naming every source tried, in order, with why", async () => {
    const layers = [layer(0, {}), layer(1, {}), layer(2, {}), layer(3, {}), OFF];
    const err = await resolveSettings({}, layers, { post, readFile: files({}), home: HOME }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe(
      "No credentials found; tried, in order: huaweicloud-dms:accessKey/huaweicloud-dms:secretKey: not set; " +
        "huaweicloud:accessKey/huaweicloud:secretKey: not set; HW:accessKey/HW:secretKey: not set; " +
        "HUAWEICLOUD_SDK:accessKey/HUAWEICLOUD_SDK:secretKey: not set; " +
        `KooCLI profile (${PROFILE_PATH}): no file; ECS metadata (HW_METADATA_ENDPOINT is "off"): skipped. ` +
        "Set huaweicloud-dms:accessKey or HW_ACCESS_KEY or HUAWEICLOUD_SDK_AK, and huaweicloud-dms:secretKey or HW_SECRET_KEY or HUAWEICLOUD_SDK_SK (as secrets), or a KooCLI profile.",
    );
  });

  test("KooCLI's own file with encrypted keys is a reason, not an error; a profile the user named is an error", async () => {
    const encrypted = JSON.stringify({ current: "p", profiles: [{ name: "p", mode: "AKSK", accessKeyId: "v1:ABC+/==", secretAccessKey: "v1:DEF+/==" }] });
    const readFile = files({ [PROFILE_PATH]: encrypted });
    const err = await resolveSettings({}, [layer(0, {}), OFF], { post, readFile, home: HOME }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/KooCLI profile \(.*\): the keys of the profile "p" of the KooCLI file .* are encrypted, which only KooCLI can read: run `hcloud configure set --cli-auth-encrypt=false`/);
    const named = [{ nameOf: () => "HW_PROFILE", values: { profile: "p" } }, OFF];
    await expect(resolveSettings({}, named, { post, readFile, home: HOME })).rejects.toThrow(/^The keys of the profile "p" .* are encrypted/);
  });

  test("an assumed agency: the base keys obtain temporary ones, which sign from then on", async () => {
    const layers = [
      layer(0, {
        accessKey: DEMO_CREDENTIALS.accessKey,
        secretKey: DEMO_CREDENTIALS.secretKey,
        region: "cn-north-4",
        iamEndpoint: emu.url,
        assumeRole: { agencyName: DEMO_AGENCY.agencyName, domainId: DEMO_AGENCY.domainId, durationSeconds: 900 },
      }),
      OFF,
    ];
    const got = await resolveSettings({}, layers, { post, readFile: files({}), home: HOME });
    expect(emu.issuedKeys.filter((k) => k.via === "agency")).toHaveLength(0); // asked on first use, not at resolution
    const keys = await got.credentials.get();
    const issued = emu.issuedKeys.at(-1)!;
    expect(issued).toMatchObject({ via: "agency", assumedWith: DEMO_CREDENTIALS.accessKey });
    expect(keys).toEqual({ accessKey: issued.accessKey, secretKey: issued.secretKey, securityToken: issued.securityToken });
    expect(got.credentials.source).toBe(`agency "dms-reader" of ${DEMO_AGENCY.domainId} assumed with configured keys`);
  });

  test("an agency without IAM to ask is a ValidationError before anything is sent", async () => {
    const layers = [layer(0, { accessKey: "A", secretKey: "S", endpoint: emu.url, projectId: "p", assumeRole: { agencyName: "x", domainName: "d" } }), OFF];
    await expect(resolveSettings({}, layers, { post, readFile: files({}), home: HOME })).rejects.toThrow(
      "huaweicloud-dms:assumeRole needs IAM: set huaweicloud-dms:region or HW_REGION_NAME (or huaweicloud-dms:iamEndpoint or HW_IAM_ENDPOINT or HUAWEICLOUD_SDK_IAM_ENDPOINT) to assume the agency through.",
    );
  });

  test("the CA bundle is read at resolution (a bad path fails first); insecure warns once", async () => {
    const keys = { accessKey: "A", secretKey: "S", region: "cn-north-4" };
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    const ok = await resolveSettings({}, [layer(0, { ...keys, cacertFile: "~/ca.pem" }), OFF], { post, readFile: files({ [join(HOME, "ca.pem")]: pem }), home: HOME });
    expect(ok.tls).toEqual({ ca: pem });
    await expect(resolveSettings({}, [layer(0, { ...keys, cacertFile: "/no/such.pem" }), OFF], { post, readFile: files({}), home: HOME })).rejects.toThrow(
      "The CA bundle /no/such.pem (from huaweicloud-dms:cacertFile) does not exist.",
    );
    await expect(
      resolveSettings({}, [layer(0, { ...keys, cacertFile: "/x.pem" }), OFF], { post, readFile: files({ "/x.pem": "not a certificate" }), home: HOME }),
    ).rejects.toThrow(/holds no PEM certificate/);
    const warnings: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await resolveSettings({}, [layer(2, { ...keys, insecure: true }), OFF], { post, readFile: files({}), home: HOME, onWarning: (m) => warnings.push(m) });
      expect(r.tls).toEqual({ insecure: true });
    }
    expect(warnings).toEqual([expect.stringMatching(/^HW:insecure is set: HTTPS certificates are not verified/)]);
  });
});
