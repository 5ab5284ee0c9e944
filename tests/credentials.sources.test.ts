// Each credential source on its own: KooCLI profiles, ECS metadata (the emulator's), assumed agencies (the
// emulator's IAM), renewal before expiry, and the chain's one sentence when nothing gives keys.
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ValidationError } from "../provider/core/errors";
import { sendSigned } from "../provider/core/transport";
import { DEFAULT_RETRY } from "../provider/core/retry";
import {
  RenewingCredentials,
  assumedCredentials,
  clearAssumedCredentials,
  clearMetadataCredentials,
  fetchMetadataCredentials,
  firstCredentials,
  metadataCredentials,
  metadataSource,
  readProfile,
  staticCredentials,
} from "../provider/core/credentials";
import type { SignedPost, TemporaryCredentials } from "../provider/core/credentials";
import { DEMO_AGENCY, DEMO_CREDENTIALS, startEmulator } from "../provider/emulator";
import type { Emulator } from "../provider/emulator";
import { unansweredPort } from "./helpers/unansweredPort";

const SENTINEL_AK = "SENTINELAK0000000001";
const SENTINEL_SK = "sentinel-secret-key-0001";
const SENTINEL_TOKEN = "sentinel-token-0001";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hwdms-profile-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function profileFile(content: unknown): string {
  const file = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const aksk = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  name,
  mode: "AKSK",
  accessKeyId: SENTINEL_AK,
  secretAccessKey: SENTINEL_SK,
  ...extra,
});

function expectNoSecret(text: string): void {
  for (const s of [SENTINEL_AK, SENTINEL_SK, SENTINEL_TOKEN]) expect(text).not.toContain(s);
}

describe("KooCLI profile", () => {
  test("the file's current profile gives keys, token, region and project ID", () => {
    const file = profileFile({
      current: "work",
      profiles: [aksk("other"), aksk("work", { securityToken: SENTINEL_TOKEN, region: "eu-west-101", projectId: "p123" })],
    });
    const got = readProfile({ file, fileNamedBy: "HW_SHARED_CONFIG_FILE" });
    expect(got).toEqual({
      kind: "aksk",
      name: "work",
      credentials: { accessKey: SENTINEL_AK, secretKey: SENTINEL_SK, securityToken: SENTINEL_TOKEN },
      region: "eu-west-101",
      projectId: "p123",
    });
  });

  test("a named profile wins over the file's current one", () => {
    const file = profileFile({ current: "a", profiles: [aksk("a", { region: "cn-north-4" }), aksk("b", { region: "cn-east-3" })] });
    const got = readProfile({ file, fileNamedBy: "x", profile: "b", profileNamedBy: "HW_PROFILE" });
    expect(got.kind === "aksk" && got.region).toBe("cn-east-3");
  });

  test("an ecsAgency profile means the metadata credentials", () => {
    const file = profileFile({ current: "ecs", profiles: [{ name: "ecs", mode: "ecsAgency", region: "cn-north-4" }] });
    expect(readProfile({ file, fileNamedBy: "x" })).toEqual({ kind: "ecsAgency", name: "ecs", region: "cn-north-4" });
  });

  test("the default file missing gives nothing, quietly; a named one missing is an error naming the variable", () => {
    expect(readProfile({ file: join(dir, "absent.json") })).toEqual({ kind: "none", why: `no file at ${join(dir, "absent.json")}` });
    expect(() => readProfile({ file: join(dir, "absent.json"), fileNamedBy: "HW_SHARED_CONFIG_FILE" })).toThrow(
      /KooCLI file .*absent\.json \(from HW_SHARED_CONFIG_FILE\) does not exist\./,
    );
  });

  test("an encrypted profile gets one sentence pointing at --cli-auth-encrypt=false, without the values", () => {
    const file = profileFile({
      current: "enc",
      profiles: [{ name: "enc", mode: "AKSK", accessKeyId: "A1B2+" + SENTINEL_AK + "==", secretAccessKey: "x/" + SENTINEL_SK + "==" }],
    });
    let message = "";
    try {
      readProfile({ file, fileNamedBy: "f" });
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      message = (e as Error).message;
    }
    expect(message).toMatch(/profile "enc" .* encrypted.*hcloud configure set --cli-auth-encrypt=false/);
    expectNoSecret(message);
    const empty = profileFile({ current: "enc", profiles: [{ name: "enc", mode: "AKSK" }] });
    expect(() => readProfile({ file: empty, fileNamedBy: "f" })).toThrow(/no keys \(they may be encrypted\).*--cli-auth-encrypt=false/);
  });

  test("a missing profile, bad JSON and an SSO profile are one sentence each", () => {
    const file = profileFile({ current: "a", profiles: [aksk("a")] });
    expect(() => readProfile({ file, fileNamedBy: "f", profile: "zz", profileNamedBy: "HW_PROFILE" })).toThrow(
      /has no profile "zz" \(from HW_PROFILE\); its profiles are "a"\./,
    );
    expect(() => readProfile({ file: profileFile("{not json"), fileNamedBy: "f" })).toThrow(/is not valid JSON\./);
    const sso = profileFile({ current: "s", profiles: [{ name: "s", mode: "SSO" }] });
    expect(() => readProfile({ file: sso, fileNamedBy: "f" })).toThrow(/uses mode "SSO", which gives no keys/);
  });
});

describe("ECS metadata", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(() => {
    clearMetadataCredentials();
    emu.setEcsAgency(true);
    emu.setTemporaryKeyLifetime(undefined);
  });

  test("answers the instance's temporary keys, which the API then accepts until they expire", async () => {
    const creds = await fetchMetadataCredentials({ endpoint: emu.url });
    const issued = emu.issuedKeys.at(-1)!;
    expect(issued.via).toBe("metadata");
    expect(creds).toEqual({ accessKey: issued.accessKey, secretKey: issued.secretKey, securityToken: issued.securityToken, expiresAt: issued.expiresAt });
    const list = (c: typeof creds) =>
      sendSigned(
        { service: "IAM API", baseUrl: emu.url, path: "/v3/projects", query: {} },
        { credentials: c, timeoutMs: 5_000, deadline: Date.now() + 10_000, retry: { ...DEFAULT_RETRY, limit: 0 }, maxResponseBytes: 1 << 20 },
      );
    await expect(list(creds)).resolves.toMatchObject({ status: 200 });
    await expect(list({ ...creds, securityToken: undefined })).rejects.toThrow(/HTTP 401 APIGW\.0301/);
    emu.setTemporaryKeyLifetime(0.05);
    const shortLived = await fetchMetadataCredentials({ endpoint: emu.url });
    await new Promise((r) => setTimeout(r, 100));
    await expect(list(shortLived)).rejects.toThrow(/HTTP 401 APIGW\.0301/);
  });

  test("an instance without an agency, and nothing listening, are reasons, not crashes", async () => {
    emu.setEcsAgency(false);
    expect(await metadataSource({ endpoint: emu.url }).find()).toEqual({ none: "answered HTTP 404 (no agency is attached to this instance)" });
    const closed = await startEmulator();
    const url = closed.url;
    await closed.close();
    expect(await metadataSource({ endpoint: url }).find()).toEqual({ none: "refused the connection" });
  });

  test("an address that never accepts the connection (ECS metadata off ECS) is given up after the connect timeout", async () => {
    const silent = await unansweredPort();
    try {
      const started = Date.now();
      expect(await metadataSource({ endpoint: `http://127.0.0.1:${silent.port}` }).find()).toEqual({
        none: "did not accept a connection within 1 s (not on ECS?)",
      });
      expect(Date.now() - started).toBeLessThan(10_000); // not a speed target (see npm run bench): it ends
    } finally {
      silent.close();
    }
  });

  test("keys are fetched once and renewed shortly before they expire", async () => {
    let now = Date.now();
    const clock = { now: () => now };
    const provider = metadataCredentials({ endpoint: emu.url, clock });
    const before = emu.issuedKeys.length;
    const first = await provider.get();
    const again = await provider.get();
    expect(again).toEqual(first);
    expect(emu.issuedKeys.length).toBe(before + 1);
    const expiresAt = emu.issuedKeys.at(-1)!.expiresAt;
    now = expiresAt - 5 * 60_000 - 1_000; // still outside the renewal window
    expect(await provider.get()).toEqual(first);
    now = expiresAt - 5 * 60_000 + 1_000; // inside it
    const renewed = await provider.get();
    expect(renewed.accessKey).not.toBe(first.accessKey);
  });
});

describe("RenewingCredentials", () => {
  const temp = (n: number, expiresAt: number): TemporaryCredentials => ({ accessKey: `AK${n}`, secretKey: `SK${n}`, securityToken: `T${n}`, expiresAt });

  test("renews at the lifetime's half for short-lived keys; a failed renewal keeps valid keys, not expired ones", async () => {
    let now = 1_000_000;
    let n = 0;
    let fail = false;
    const r = new RenewingCredentials(async () => {
      if (fail) throw new Error("down");
      n++;
      return temp(n, now + 120_000); // two minutes: shorter than the five-minute margin
    }, { now: () => now });
    expect((await r.get()).accessKey).toBe("AK1");
    now += 59_000;
    expect((await r.get()).accessKey).toBe("AK1");
    now += 2_000;
    expect((await r.get()).accessKey).toBe("AK2");
    fail = true;
    now += 61_000; // due for renewal, renewal fails, keys still valid
    expect((await r.get()).accessKey).toBe("AK2");
    now += 60_000; // expired
    await expect(r.get()).rejects.toThrow("down");
  });

  test("concurrent first calls share one fetch", async () => {
    let calls = 0;
    const r = new RenewingCredentials(async () => {
      calls++;
      await new Promise((res) => setTimeout(res, 10));
      return temp(calls, Date.now() + 3_600_000);
    });
    await Promise.all([r.get(), r.get(), r.get()]);
    expect(calls).toBe(1);
  });
});

describe("assumed agency", () => {
  let emu: Emulator;
  const post: SignedPost = (req, credentials, signal) =>
    sendSigned(
      { ...req, method: "POST", query: {} },
      { credentials, timeoutMs: 5_000, deadline: Date.now() + 10_000, retry: { ...DEFAULT_RETRY, limit: 0 }, maxResponseBytes: 1 << 20, signal },
    );
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());
  beforeEach(() => clearAssumedCredentials());

  test("the base keys sign the assume-role request (body included); the answer is keys the API accepts", async () => {
    const base = staticCredentials("test", DEMO_CREDENTIALS);
    const provider = assumedCredentials(base, { agencyName: DEMO_AGENCY.agencyName, domainName: DEMO_AGENCY.domainName, durationSeconds: 900 }, emu.url, post);
    const creds = await provider.get();
    const issued = emu.issuedKeys.at(-1)!;
    expect(issued).toMatchObject({ via: "agency", agencyName: "dms-reader", assumedWith: DEMO_CREDENTIALS.accessKey });
    expect(creds).toEqual({ accessKey: issued.accessKey, secretKey: issued.secretKey, securityToken: issued.securityToken });
    expect(issued.expiresAt - Date.now()).toBeGreaterThan(800_000);
    const request = emu.requests.at(-1)!;
    expect(request).toMatchObject({ method: "POST", path: "/v3.0/OS-CREDENTIAL/securitytokens", status: 201, target: "iam" });
    // cached: a second call asks IAM nothing
    await provider.get();
    expect(emu.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(provider.source).toBe('agency "dms-reader" of demo-account assumed with test');
  });

  test("an agency IAM refuses is an ApiError naming the agency, never the keys", async () => {
    const base = staticCredentials("test", DEMO_CREDENTIALS);
    const provider = assumedCredentials(base, { agencyName: "nope", domainId: "d1" }, emu.url, post);
    await expect(provider.get()).rejects.toThrow(/IAM API \(assuming agency "nope"\) answered HTTP 403 IAM\.0002/);
  });
});

describe("chain", () => {
  test("the first source with keys wins; later sources are not asked", async () => {
    const asked: string[] = [];
    const source = (name: string, found: boolean) => ({
      name,
      find: () => {
        asked.push(name);
        return found ? { provider: staticCredentials(name, { accessKey: "A", secretKey: "S" }) } : { none: "unset" };
      },
    });
    const got = await firstCredentials([source("one", false), source("two", true), source("three", true)]);
    expect(got.source).toBe("two");
    expect(asked).toEqual(["one", "two"]);
  });

  test("nothing found: one ValidationError naming every source tried, in order, with why", async () => {
    const closed = await startEmulator();
    const url = closed.url;
    await closed.close();
    const started = Date.now();
    const err = await firstCredentials([
      { name: "huaweicloud-dms:accessKey/secretKey", find: () => ({ none: "unset" }) },
      { name: "HW_ACCESS_KEY/HW_SECRET_KEY", find: () => ({ none: "unset" }) },
      metadataSource({ endpoint: url }),
    ]).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe(
      `No credentials found; tried, in order: huaweicloud-dms:accessKey/secretKey: unset; HW_ACCESS_KEY/HW_SECRET_KEY: unset; ECS metadata (${url}): refused the connection. ` +
        "Set huaweicloud-dms:accessKey or HW_ACCESS_KEY or HUAWEICLOUD_SDK_AK, and huaweicloud-dms:secretKey or HW_SECRET_KEY or HUAWEICLOUD_SDK_SK (as secrets), or a KooCLI profile.",
    );
  });
});
