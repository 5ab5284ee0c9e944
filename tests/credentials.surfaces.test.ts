// Each credential source and network setting end to end against the emulator, on every surface: the CLI (a real
// process), the plugin (spawned as the engine does, configured over gRPC), the SDK (a Pulumi program under mocks)
// and the gate's runtime (what its dynamic provider runs, with the stack config the engine hands to configure).
// Ends with a sentinel search: no key, secret or token from any source in any output, log line or error.
// Needs `npm run build` first (npm test does it).
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import * as pulumi from "@pulumi/pulumi";
import { clearProjectIdCache } from "../provider/core";
import { DEMO_AGENCY, DEMO_CREDENTIALS, DEMO_INSTANCE_ID, DEMO_PROJECT_ID, DEMO_REGION, Emulator, startEmulator } from "../provider/emulator";
import * as dms from "../sdk";
import { create as gateCreate } from "../sdk/kafka/gateRuntime";
import { setEngineLikeMonitor } from "./helpers/engineMonitor";
import { startProxy } from "./helpers/proxy";
import { PluginProcess, spawnPlugin } from "./helpers/pluginHarness";
import { CliRun, runCli } from "./helpers/runCli";
import { makeTestPki, TestPki } from "./helpers/tls";

// Every key below is a sentinel: the search at the end looks for each in everything the surfaces printed.
const PROFILE_KEY = { accessKey: "SENTINELPROFILEAK001", secretKey: "sentinel-profile-sk-0001", securityToken: "sentinel-profile-token-0001" };
const SDK_ENV_KEY = { accessKey: "SENTINELSDKENVAK0001", secretKey: "sentinel-sdkenv-sk-0001" };
const STACK_KEY = { accessKey: "SENTINELSTACKAK00001", secretKey: "sentinel-stack-sk-0001" };
const BASE_KEY = { accessKey: "SENTINELBASEAK000001", secretKey: "sentinel-base-sk-0001" };
const UNKNOWN_KEY = { accessKey: "SENTINELUNKNOWNAK001", secretKey: "sentinel-unknown-sk-01" };

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const URN = "urn:pulumi:dev::proj::pulumi:providers:huaweicloud-dms::dms";
const TOKEN = "huaweicloud-dms:kafka:getScheduledTasks";
const ROOT = join(__dirname, "..");

let emu: Emulator;
let tlsEmu: Emulator;
let pki: TestPki;
let dir: string;
let profileFile: string;
let encryptedFile: string;
const outputs: string[] = []; // everything any surface printed or threw, for the sentinel search
const plugins: PluginProcess[] = [];

beforeAll(async () => {
  pki = makeTestPki();
  const keys = [DEMO_CREDENTIALS, PROFILE_KEY, SDK_ENV_KEY, STACK_KEY, BASE_KEY];
  emu = await startEmulator({ seed: "demo", keys });
  tlsEmu = await startEmulator({ seed: "demo", keys, tls: { key: pki.key, cert: pki.cert } });
  dir = mkdtempSync(join(tmpdir(), "hwdms-surfaces-"));
  profileFile = join(dir, "config.json");
  writeFileSync(
    profileFile,
    JSON.stringify({
      current: "other",
      profiles: [
        { name: "other", mode: "AKSK", accessKeyId: "OTHERAK", secretAccessKey: "other-sk" },
        {
          name: "ci",
          mode: "AKSK",
          accessKeyId: PROFILE_KEY.accessKey,
          secretAccessKey: PROFILE_KEY.secretKey,
          securityToken: PROFILE_KEY.securityToken, // the emulator requires it with these keys
          region: DEMO_REGION,
        },
        { name: "ecs", mode: "ecsAgency", region: DEMO_REGION },
      ],
    }),
  );
  encryptedFile = join(dir, "encrypted.json");
  writeFileSync(encryptedFile, JSON.stringify({ current: "enc", profiles: [{ name: "enc", mode: "AKSK", accessKeyId: "XYZ+/=", secretAccessKey: "abc+/==" }] }));
  writeFileSync(join(dir, "ca.pem"), pki.caCert);
});
afterAll(async () => {
  await Promise.all(plugins.map((p) => p.close()));
  await emu?.close();
  await tlsEmu?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emu.resetRequests();
  tlsEmu.resetRequests();
  emu.setEcsAgency(true);
  clearProjectIdCache();
});

/** The access key that signed each DMS API request. */
function signers(e: Emulator = emu): string[] {
  return e.requests.filter((r) => r.target === "api").map((r) => /Access=([^,]+),/.exec(r.headers.authorization ?? "")?.[1] ?? "none");
}

// ---- CLI --------------------------------------------------------------------------------------------------

const BASE_ENV = (e: Emulator = emu): Record<string, string> => ({
  HW_REGION_NAME: DEMO_REGION,
  HW_DMS_ENDPOINT: e.url,
  HW_IAM_ENDPOINT: e.url,
  HW_METADATA_ENDPOINT: "off",
});

async function cli(env: Record<string, string>, extra: string[] = []): Promise<CliRun> {
  const run = await runCli(["scheduled-tasks", "list", "--instance-id", DEMO_INSTANCE_ID, "--output", "json", ...extra], env);
  outputs.push(run.stdout, run.stderr);
  return run;
}

describe("CLI", () => {
  test("a KooCLI profile (file and profile from HW_SHARED_CONFIG_FILE / --profile) gives keys and region", async () => {
    const { HW_REGION_NAME: _, ...env } = BASE_ENV();
    const run = await cli({ ...env, HW_SHARED_CONFIG_FILE: profileFile }, ["--profile", "ci"]);
    expect([run.code, run.stderr]).toEqual([0, ""]);
    expect(JSON.parse(run.stdout)).toMatchObject({ region: DEMO_REGION, projectId: DEMO_PROJECT_ID });
    expect(new Set(signers())).toEqual(new Set([PROFILE_KEY.accessKey]));
    expect(emu.requests.every((r) => r.headers["x-security-token"] === PROFILE_KEY.securityToken)).toBe(true);
  });

  test("HUAWEICLOUD_SDK_AK/SK (the official SDKs' variables) when no HW_* keys are set; HW_* win when both are", async () => {
    const sdkEnv = { HUAWEICLOUD_SDK_AK: SDK_ENV_KEY.accessKey, HUAWEICLOUD_SDK_SK: SDK_ENV_KEY.secretKey };
    expect((await cli({ ...BASE_ENV(), ...sdkEnv })).code).toBe(0);
    expect(new Set(signers())).toEqual(new Set([SDK_ENV_KEY.accessKey]));
    emu.resetRequests();
    expect((await cli({ ...BASE_ENV(), ...sdkEnv, HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey })).code).toBe(0);
    expect(new Set(signers())).toEqual(new Set([DEMO_CREDENTIALS.accessKey]));
  });

  test("ECS metadata (HW_METADATA_ENDPOINT at the emulator) when nothing else gives keys: temporary keys and token sign", async () => {
    const run = await cli({ ...BASE_ENV(), HW_METADATA_ENDPOINT: emu.url });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const issued = emu.issuedKeys.at(-1)!;
    expect(issued.via).toBe("metadata");
    expect(new Set(signers())).toEqual(new Set([issued.accessKey]));
    expect(emu.requests.filter((r) => r.target === "api").every((r) => r.headers["x-security-token"] === issued.securityToken)).toBe(true);
  });

  test("an ecsAgency profile means the metadata credentials", async () => {
    const run = await cli({ ...BASE_ENV(), HW_METADATA_ENDPOINT: emu.url, HW_SHARED_CONFIG_FILE: profileFile, HW_PROFILE: "ecs" });
    expect(run.code).toBe(0);
    expect(new Set(signers())).toEqual(new Set([emu.issuedKeys.at(-1)!.accessKey]));
  });

  test("an assumed agency (HW_ASSUME_ROLE_*): the base keys ask IAM, the agency's temporary keys sign the listing", async () => {
    const run = await cli({
      ...BASE_ENV(),
      HW_ACCESS_KEY: BASE_KEY.accessKey,
      HW_SECRET_KEY: BASE_KEY.secretKey,
      HW_ASSUME_ROLE_AGENCY_NAME: DEMO_AGENCY.agencyName,
      HW_ASSUME_ROLE_DOMAIN_NAME: DEMO_AGENCY.domainName,
      HW_ASSUME_ROLE_DURATION: "900",
    });
    expect([run.code, run.stderr]).toEqual([0, ""]);
    const issued = emu.issuedKeys.at(-1)!;
    expect(issued).toMatchObject({ via: "agency", assumedWith: BASE_KEY.accessKey, agencyName: DEMO_AGENCY.agencyName });
    const assume = emu.requests.filter((r) => r.method === "POST");
    expect(assume).toHaveLength(1);
    expect(assume[0].headers.authorization).toContain(`Access=${BASE_KEY.accessKey},`);
    expect(new Set(signers())).toEqual(new Set([issued.accessKey]));
  });

  test("nothing found: exit 2, one sentence naming every source tried and why, quickly, nothing sent", async () => {
    const closed = await startEmulator();
    const url = closed.url;
    await closed.close();
    const run = await cli({ ...BASE_ENV(), HW_METADATA_ENDPOINT: url });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: No credentials found; tried, in order: HW_ACCESS_KEY/HW_SECRET_KEY: not set; HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK: not set; " +
        `KooCLI profile (${join(tmpdir(), "hwdms-tests-empty-home", ".hcloud", "config.json")}): no file; ECS metadata (${url}): refused the connection. ` +
        "Set HW_ACCESS_KEY or HUAWEICLOUD_SDK_AK, and HW_SECRET_KEY or HUAWEICLOUD_SDK_SK (as secrets), or a KooCLI profile.\n",
    );
    expect(emu.requests).toHaveLength(0);
  });

  test("KooCLI's encrypted keys: one sentence pointing at --cli-auth-encrypt=false", async () => {
    const run = await cli({ ...BASE_ENV(), HW_SHARED_CONFIG_FILE: encryptedFile });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: The keys of the profile "enc" of the KooCLI file .*encrypted\.json \(from HW_SHARED_CONFIG_FILE\) are encrypted, which only KooCLI can read: run `hcloud configure set --cli-auth-encrypt=false`/);
  });

  test("HTTPS with a private CA: refused without the bundle (exit 3), trusted with --cacert-file or HW_CACERT_FILE or OS_CACERT", async () => {
    const keys = { HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey };
    const refused = await cli({ ...BASE_ENV(tlsEmu), ...keys, HW_MAX_RETRIES: "0" });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/certificate/);
    for (const [env, flags] of [
      [{}, ["--cacert-file", join(dir, "ca.pem")]],
      [{ HW_CACERT_FILE: join(dir, "ca.pem") }, []],
      [{ OS_CACERT: join(dir, "ca.pem") }, []],
    ] as const) {
      const run = await cli({ ...BASE_ENV(tlsEmu), ...keys, ...env }, [...flags]);
      expect([run.code, run.stderr]).toEqual([0, ""]);
    }
    const missing = await cli({ ...BASE_ENV(tlsEmu), ...keys }, ["--cacert-file", join(dir, "nope.pem")]);
    expect([missing.code, missing.stderr]).toEqual([2, `error: The CA bundle ${join(dir, "nope.pem")} (from --cacert-file) does not exist.\n`]);
  });

  test("--insecure (or HW_INSECURE) skips verification with one warning", async () => {
    const keys = { HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey };
    const run = await cli({ ...BASE_ENV(tlsEmu), ...keys }, ["--insecure"]);
    expect(run.code).toBe(0);
    expect(run.stderr.split("\n").filter(Boolean)).toEqual([
      "warning: --insecure is set: HTTPS certificates are not verified, so anyone on the network path can read and change the traffic; use a CA bundle (cacertFile) instead.",
    ]);
    const viaEnv = await cli({ ...BASE_ENV(tlsEmu), ...keys, HW_INSECURE: "true" });
    expect(viaEnv.stderr).toMatch(/^warning: HW_INSECURE is set: HTTPS certificates are not verified/);
  });

  test("HTTPS_PROXY: the CLI tunnels through a CONNECT proxy, TLS end to end; NO_PROXY bypasses it", async () => {
    const proxy = await startProxy();
    const tunnels = (): string[] => proxy.seen.filter((r) => r.method === "CONNECT").map((r) => r.target);
    try {
      const keys = { HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey, HW_CACERT_FILE: join(dir, "ca.pem") };
      const run = await cli({ ...BASE_ENV(tlsEmu), ...keys, HTTPS_PROXY: proxy.url });
      // (Node warns, once, that TLS through a tunnel to an IP address sends no server name: the test's endpoint
      // is 127.0.0.1; real endpoints are host names.)
      const stderr = run.stderr.split("\n").filter((l) => l && !/DEP0123|--trace-deprecation/.test(l));
      expect([run.code, stderr]).toEqual([0, []]);
      expect(new Set(tunnels())).toEqual(new Set([`127.0.0.1:${tlsEmu.port}`]));
      expect(proxy.seen.filter((r) => r.method !== "CONNECT")).toEqual([]);
      const before = proxy.seen.length;
      const bypass = await cli({ ...BASE_ENV(tlsEmu), ...keys, HTTPS_PROXY: proxy.url, NO_PROXY: "127.0.0.1" });
      expect(bypass.code).toBe(0);
      expect(proxy.seen.length).toBe(before);
    } finally {
      await proxy.close();
    }
  });

  test("HW_MAX_RETRIES and --retries bound the attempts", async () => {
    const keys = { HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey };
    emu.injectFaults(...Array.from({ length: 5 }, () => ({ kind: "status" as const, status: 503, retryAfter: 0 })));
    const run = await cli({ ...BASE_ENV(), ...keys, HW_MAX_RETRIES: "1", HW_PROJECT_ID: DEMO_PROJECT_ID });
    expect(run.code).toBe(3);
    expect(emu.requests.filter((r) => r.target === "api")).toHaveLength(2);
    emu.clearFaults();
    emu.resetRequests();
    emu.injectFaults(...Array.from({ length: 5 }, () => ({ kind: "status" as const, status: 503, retryAfter: 0 })));
    const flag = await cli({ ...BASE_ENV(), ...keys, HW_MAX_RETRIES: "1", HW_PROJECT_ID: DEMO_PROJECT_ID }, ["--retries", "2"]);
    expect(flag.code).toBe(3);
    expect(emu.requests.filter((r) => r.target === "api")).toHaveLength(3);
    emu.clearFaults();
  });
});

// ---- plugin -----------------------------------------------------------------------------------------------

const struct = (o: Record<string, unknown>) => Struct.fromJavaScript(o as never);

async function configuredPlugin(config: Record<string, unknown>, env: Record<string, string>): Promise<PluginProcess> {
  const p = await spawnPlugin({ env: { PATH: process.env.PATH, ...env } });
  plugins.push(p);
  await p.handshake(new pb.ProviderHandshakeRequest().setRootDirectory(ROOT).setProgramDirectory(ROOT).setConfigureWithUrn(true));
  const checked = await p.checkConfig(new pb.CheckRequest().setUrn(URN).setName("dms").setOlds(struct({})).setNews(struct({ ...config, version: "0.1.0" })));
  expect(checked.getFailuresList().map((f) => f.getReason())).toEqual([]);
  await p.configure(new pb.ConfigureRequest().setArgs(checked.getInputs()).setAcceptsecrets(true).setUrn(URN).setName("dms"));
  return p;
}

async function pluginInvoke(p: PluginProcess): Promise<{ result?: Record<string, unknown>; failures: string[] }> {
  try {
    const res = await p.invoke(new pb.InvokeRequest().setTok(TOKEN).setArgs(struct({ instanceId: DEMO_INSTANCE_ID })));
    const failures = res.getFailuresList().map((f) => f.getReason());
    const result = res.getReturn()?.toJavaScript() as Record<string, unknown> | undefined;
    outputs.push(JSON.stringify(result ?? {}), ...failures);
    return { result, failures };
  } finally {
    outputs.push(p.stdout(), p.stderr());
  }
}

describe("plugin", () => {
  test("config keys: a KooCLI profile (sharedConfigFile, profile) and an assumed agency as an object", async () => {
    const p = await configuredPlugin(
      { region: DEMO_REGION, endpoint: emu.url, iamEndpoint: emu.url, sharedConfigFile: profileFile, profile: "ci", assumeRole: { agencyName: DEMO_AGENCY.agencyName, domainId: DEMO_AGENCY.domainId } },
      { HW_METADATA_ENDPOINT: "off" },
    );
    const { result, failures } = await pluginInvoke(p);
    expect(failures).toEqual([]);
    expect(result).toMatchObject({ projectId: DEMO_PROJECT_ID, complete: true });
    const issued = emu.issuedKeys.at(-1)!;
    expect(issued).toMatchObject({ via: "agency", assumedWith: PROFILE_KEY.accessKey });
    expect(new Set(signers())).toEqual(new Set([issued.accessKey]));
  });

  test("ECS metadata from the environment; cacertFile for HTTPS", async () => {
    const p = await configuredPlugin({ region: DEMO_REGION, endpoint: tlsEmu.url, iamEndpoint: tlsEmu.url, cacertFile: join(dir, "ca.pem") }, { HW_METADATA_ENDPOINT: tlsEmu.url });
    const { result, failures } = await pluginInvoke(p);
    expect(failures).toEqual([]);
    expect(result).toMatchObject({ projectId: DEMO_PROJECT_ID });
    expect(new Set(signers(tlsEmu))).toEqual(new Set([tlsEmu.issuedKeys.at(-1)!.accessKey]));
  });

  test("a bad setting is a CheckConfig failure naming the key", async () => {
    const p = await spawnPlugin({ env: { PATH: process.env.PATH } });
    plugins.push(p);
    const checked = await p.checkConfig(
      new pb.CheckRequest().setUrn(URN).setName("dms").setOlds(struct({})).setNews(struct({ insecure: "maybe", assumeRole: { agencyName: "a" }, maxRetries: 99 })),
    );
    expect(checked.getFailuresList().map((f) => [f.getProperty(), f.getReason().split(" Check")[0]]).sort()).toEqual([
      ["assumeRole", "huaweicloud-dms:assumeRole must name an agency: {agencyName, domainName or domainId (one of them), durationSeconds from 900 to 43200 (default 3600)}; got an object."],
      ["insecure", 'huaweicloud-dms:insecure must be true or false; got "maybe".'],
      ["maxRetries", "huaweicloud-dms:maxRetries must be a whole number of retries from 0 to 10; got 99."],
    ]);
  });
});

// ---- SDK (a Pulumi program under mocks) -------------------------------------------------------------------

describe("SDK", () => {
  const savedEnv = { ...process.env };
  beforeEach(async () => {
    process.env = { PATH: savedEnv.PATH, HOME: savedEnv.HOME, ...BASE_ENV() };
    pulumi.runtime.setAllConfig({});
    // As under the engine: the SDK runs in-process (under plain mocks it would ask the mocks' call()).
    await setEngineLikeMonitor(pulumi, { newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: () => ({}) }, "p", "dev", false);
  });
  afterAll(() => {
    process.env = savedEnv;
  });

  const call = async (): Promise<unknown> => {
    try {
      const r = await dms.kafka.getScheduledTasks({ instanceId: DEMO_INSTANCE_ID });
      outputs.push(JSON.stringify(r));
      return r;
    } catch (e) {
      outputs.push((e as Error).message, String((e as Error).stack));
      return e;
    }
  };

  test("pulumi-huaweicloud's huaweicloud:* stack config gives keys and region; huaweicloud-dms:* wins over it", async () => {
    const { HW_REGION_NAME: _, ...env } = BASE_ENV();
    process.env = { PATH: savedEnv.PATH, HOME: savedEnv.HOME, ...env, HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey };
    pulumi.runtime.setAllConfig(
      { "huaweicloud:accessKey": STACK_KEY.accessKey, "huaweicloud:secretKey": STACK_KEY.secretKey, "huaweicloud:region": DEMO_REGION },
      ["huaweicloud:accessKey", "huaweicloud:secretKey"],
    );
    expect(await call()).toMatchObject({ region: DEMO_REGION, projectId: DEMO_PROJECT_ID });
    expect(new Set(signers())).toEqual(new Set([STACK_KEY.accessKey]));
    emu.resetRequests();
    pulumi.runtime.setAllConfig(
      {
        "huaweicloud:accessKey": STACK_KEY.accessKey,
        "huaweicloud:secretKey": STACK_KEY.secretKey,
        "huaweicloud:region": DEMO_REGION,
        "huaweicloud-dms:accessKey": BASE_KEY.accessKey,
        "huaweicloud-dms:secretKey": BASE_KEY.secretKey,
      },
      ["huaweicloud:accessKey", "huaweicloud:secretKey", "huaweicloud-dms:accessKey", "huaweicloud-dms:secretKey"],
    );
    expect(await call()).toMatchObject({ region: DEMO_REGION });
    expect(new Set(signers())).toEqual(new Set([BASE_KEY.accessKey]));
  });

  test("a lone huaweicloud:accessKey is refused, not paired with the environment's secret key; bad values name the key", async () => {
    process.env.HW_SECRET_KEY = DEMO_CREDENTIALS.secretKey;
    pulumi.runtime.setAllConfig({ "huaweicloud:accessKey": STACK_KEY.accessKey }, ["huaweicloud:accessKey"]);
    expect(((await call()) as Error).message).toBe(`${TOKEN}: huaweicloud:accessKey is set but huaweicloud:secretKey is not: set both or neither.`);
    pulumi.runtime.setAllConfig({ "huaweicloud:maxRetries": "lots" });
    expect(((await call()) as Error).message).toBe(`${TOKEN}: huaweicloud:maxRetries must be a whole number of retries from 0 to 10; got "lots".`);
    expect(emu.requests).toHaveLength(0);
  });

  test("an explicit Provider's own settings: a KooCLI profile, a CA bundle; credentials cannot be given to it", async () => {
    const { HW_REGION_NAME: _, HW_DMS_ENDPOINT: _d, HW_IAM_ENDPOINT: _i, ...env } = BASE_ENV(tlsEmu);
    process.env = { PATH: savedEnv.PATH, HOME: savedEnv.HOME, ...env };
    const p = new dms.Provider("ci", { sharedConfigFile: profileFile, profile: "ci", cacertFile: join(dir, "ca.pem"), endpoint: tlsEmu.url, iamEndpoint: tlsEmu.url });
    const r = await dms.kafka.getScheduledTasks({ instanceId: DEMO_INSTANCE_ID }, { provider: p });
    outputs.push(JSON.stringify(r));
    expect(r).toMatchObject({ region: DEMO_REGION, projectId: DEMO_PROJECT_ID });
    expect(new Set(signers(tlsEmu))).toEqual(new Set([PROFILE_KEY.accessKey]));
    expect(() => new dms.Provider("bad", { insecure: "yes" as unknown as boolean })).toThrow('insecure must be true or false; got "yes".');
    expect(() => new dms.Provider("bad", { accessKey: STACK_KEY.accessKey } as never)).toThrow(/^accessKey cannot be given to a Provider/);
  });

  test("ECS metadata and an agency from stack config (JSON text)", async () => {
    process.env.HW_METADATA_ENDPOINT = emu.url;
    pulumi.runtime.setAllConfig({ "huaweicloud-dms:assumeRole": JSON.stringify({ agencyName: DEMO_AGENCY.agencyName, domainName: DEMO_AGENCY.domainName }) });
    expect(await call()).toMatchObject({ projectId: DEMO_PROJECT_ID });
    const [metadata, agency] = emu.issuedKeys.slice(-2);
    expect(metadata.via).toBe("metadata");
    expect(agency).toMatchObject({ via: "agency", assumedWith: metadata.accessKey });
    expect(new Set(signers())).toEqual(new Set([agency.accessKey]));
  });
});

// ---- the gate's runtime -----------------------------------------------------------------------------------

describe("gate", () => {
  const savedEnv = { ...process.env };
  afterAll(() => {
    process.env = savedEnv;
  });

  test("the stack's huaweicloud:* config (as the engine hands it to configure) and the environment's metadata", async () => {
    const { HW_REGION_NAME: _, ...env } = BASE_ENV();
    process.env = { PATH: savedEnv.PATH, HOME: savedEnv.HOME, ...env };
    emu.setTasks("gate-inst", [{ id: "g1", status: "SUCCESS" }]);
    const stack = { "huaweicloud:accessKey": STACK_KEY.accessKey, "huaweicloud:secretKey": STACK_KEY.secretKey, "huaweicloud:region": DEMO_REGION };
    const lines: string[] = [];
    const { outs } = await gateCreate({ instanceId: "gate-inst", timeoutSeconds: 0 }, { get: (k) => stack[k as keyof typeof stack] });
    outputs.push(JSON.stringify(outs), ...lines);
    expect(outs).toMatchObject({ statusCounts: { SUCCESS: 1 } });
    expect(new Set(signers())).toEqual(new Set([STACK_KEY.accessKey]));
    emu.resetRequests();
    process.env.HW_METADATA_ENDPOINT = emu.url;
    const viaMetadata = await gateCreate({ instanceId: "gate-inst", region: DEMO_REGION, timeoutSeconds: 0 }, { get: () => undefined });
    outputs.push(JSON.stringify(viaMetadata.outs));
    const [signer] = new Set(signers());
    expect(emu.issuedKeys.filter((k) => k.via === "metadata").map((k) => k.accessKey)).toContain(signer);
  });

  test("an explicit provider's plain settings travel as providerSettings (a KooCLI profile here)", async () => {
    process.env = { PATH: savedEnv.PATH, HOME: savedEnv.HOME, ...BASE_ENV() };
    const { outs } = await gateCreate(
      { instanceId: "gate-inst", timeoutSeconds: 0, providerSettings: { sharedConfigFile: profileFile, profile: "ci" } },
      { get: () => undefined },
    );
    outputs.push(JSON.stringify(outs));
    expect(new Set(signers())).toEqual(new Set([PROFILE_KEY.accessKey]));
    await expect(gateCreate({ instanceId: "gate-inst", providerSettings: { insecure: "perhaps" } }, { get: () => undefined })).rejects.toThrow(
      'ScheduledTasksGate: providerSettings.insecure must be true or false; got "perhaps".',
    );
  });

  test("keys the emulator refuses: the failure names no key", async () => {
    process.env = { PATH: savedEnv.PATH, HOME: savedEnv.HOME, ...BASE_ENV() };
    const stack = { "huaweicloud:accessKey": UNKNOWN_KEY.accessKey, "huaweicloud:secretKey": UNKNOWN_KEY.secretKey };
    const err = await gateCreate({ instanceId: "gate-inst", timeoutSeconds: 0 }, { get: (k) => stack[k as keyof typeof stack] }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    outputs.push((err as Error).message, String((err as Error).stack));
    expect((err as Error).message).toMatch(/^ScheduledTasksGate: The IAM API answered HTTP 401 APIGW\.0301/);
  });
});

// ---- the sentinel search ----------------------------------------------------------------------------------

test("no key, secret or token from any source appears in any output, log line or error above", () => {
  const secrets = [
    ...[PROFILE_KEY, SDK_ENV_KEY, STACK_KEY, BASE_KEY, UNKNOWN_KEY, DEMO_CREDENTIALS].flatMap((k) => [k.accessKey, k.secretKey]),
    PROFILE_KEY.securityToken,
    ...emu.issuedKeys.flatMap((k) => [k.accessKey, k.secretKey, k.securityToken]),
    ...tlsEmu.issuedKeys.flatMap((k) => [k.accessKey, k.secretKey, k.securityToken]),
  ];
  expect(outputs.length).toBeGreaterThan(30);
  expect(emu.issuedKeys.length + tlsEmu.issuedKeys.length).toBeGreaterThan(4);
  const text = outputs.join("\n");
  for (const s of secrets) expect([s, text.includes(s)]).toEqual([s, false]);
});
