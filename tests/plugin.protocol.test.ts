// The plugin's gRPC protocol, spawned exactly as the engine does (built dist, port from stdout's first line):
// Handshake, GetPluginInfo, GetSchema, CheckConfig, DiffConfig, Configure, token dispatch, UNIMPLEMENTED.
// Needs `npx tsc -p tsconfig.build.json` first (npm test does it).
import * as fs from "fs";
import * as path from "path";
import { status } from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { PluginProcess, spawnPlugin } from "./helpers/pluginHarness";

const ROOT = path.join(__dirname, "..");
const SECRET = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const DEFAULT_URN = "urn:pulumi:dev::proj::pulumi:providers:huaweicloud-dms::default_0_1_0";
const EXPLICIT_URN = "urn:pulumi:dev::proj::pulumi:providers:huaweicloud-dms::dms";
const TOKEN = "huaweicloud-dms:kafka:getScheduledTasks";

const struct = (o: Record<string, unknown>) => Struct.fromJavaScript(o as never);

/** The plugin's environment: no HW_* variables from the machine running the tests. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, ...extra };
}

function checkRequest(urn: string, news: Record<string, unknown>): pb.CheckRequest {
  return new pb.CheckRequest()
    .setUrn(urn)
    .setName(urn.slice(urn.lastIndexOf("::") + 2))
    .setType("pulumi:providers:huaweicloud-dms")
    .setOlds(struct({}))
    .setNews(struct(news));
}

let plugin: PluginProcess;
beforeAll(async () => {
  plugin = await spawnPlugin({ env: cleanEnv(), args: ["127.0.0.1:1"] });
});
afterAll(() => plugin?.close());

describe("start-up", () => {
  test("prints only the port on stdout", () => {
    expect(plugin.stdout()).toBe(`${plugin.port}\n`);
  });
});

describe("Handshake, GetPluginInfo, GetSchema", () => {
  test("Handshake accepts secrets and resources", async () => {
    const res = await plugin.handshake(
      new pb.ProviderHandshakeRequest().setEngineAddress("").setRootDirectory(ROOT).setProgramDirectory(ROOT).setConfigureWithUrn(true),
    );
    expect(res.getAcceptSecrets()).toBe(true);
    expect(res.getAcceptResources()).toBe(true);
    expect(res.getAcceptOutputs()).toBe(false);
  });

  test("GetPluginInfo reports package.json's version", async () => {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version;
    expect((await plugin.getPluginInfo()).getVersion()).toBe(version);
  });

  test("GetSchema returns schema.json", async () => {
    const res = await plugin.getSchema(new pb.GetSchemaRequest().setVersion(0));
    expect(JSON.parse(res.getSchema())).toEqual(JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8")));
  });

  test("GetSchema refuses a sub-package it does not have", async () => {
    await expect(plugin.getSchema(new pb.GetSchemaRequest().setSubpackageName("other"))).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
    });
  });
});

describe("CheckConfig", () => {
  test("returns valid inputs exactly as given (secrets and the engine's version included), no failures", async () => {
    const news = {
      region: "cn-north-4",
      accessKey: SECRET("AKIDEXAMPLE0000"),
      secretKey: SECRET("sk-example-000"),
      endpoint: "",
      version: "0.1.0",
      projectId: UNKNOWN,
    };
    const res = await plugin.checkConfig(checkRequest(DEFAULT_URN, news));
    expect(res.getFailuresList()).toEqual([]);
    expect(res.getInputs()!.toJavaScript()).toEqual(news);
  });

  test("names each bad key, says where to fix it, and never echoes a secret", async () => {
    const news = { region: "Mars 1", endpoint: "ftp://x", secretKey: "line1\nline2-very-secret", version: "0.1.0" };
    const res = await plugin.checkConfig(checkRequest(DEFAULT_URN, news));
    const failures = res.getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
    // accessKey: the secret key alone is no credential (see the lone-key test below).
    expect(failures.map(([p]) => p).sort()).toEqual(["accessKey", "endpoint", "region", "secretKey"]);
    const reasons = Object.fromEntries(failures);
    expect(reasons.region).toMatch(/region must be a Huawei Cloud region name/);
    expect(reasons.region).toContain("pulumi config get huaweicloud-dms:region");
    expect(reasons.secretKey).not.toContain("very-secret");
    expect(res.getInputs()!.toJavaScript()).toEqual(news);
  });

  test("points an explicit provider at its resource inputs", async () => {
    const res = await plugin.checkConfig(checkRequest(EXPLICIT_URN, { region: "CN" }));
    expect(res.getFailuresList()[0].getReason()).toContain('provider resource "dms"');
  });

  test("flags unknown keys (typos) by name", async () => {
    const res = await plugin.checkConfig(checkRequest(DEFAULT_URN, { regoin: "cn-north-4" }));
    expect(res.getFailuresList().map((f) => f.getProperty())).toEqual(["regoin"]);
    expect(res.getFailuresList()[0].getReason()).toMatch(/known ones are region, projectId/);
  });

  test("fails a lone access key or secret key, naming the missing one (an unknown one counts as set)", async () => {
    const lone = async (news: Record<string, unknown>, urn = DEFAULT_URN) =>
      (await plugin.checkConfig(checkRequest(urn, news))).getFailuresList().map((f) => [f.getProperty(), f.getReason()]);
    const akOnly = await lone({ accessKey: SECRET("AKIDEXAMPLE0000"), secretKey: "" });
    expect(akOnly).toEqual([["secretKey", expect.stringMatching(/^huaweicloud-dms:accessKey is set but huaweicloud-dms:secretKey is not: set both/)]]);
    expect(akOnly[0][1]).toContain("pulumi config set --secret huaweicloud-dms:secretKey");
    expect(akOnly[0][1]).not.toContain("AKIDEXAMPLE0000");
    const skOnly = await lone({ secretKey: SECRET("sk-example-000") }, EXPLICIT_URN);
    expect(skOnly).toEqual([["accessKey", expect.stringContaining('Set the "accessKey" input of the provider resource "dms"')]]);
    expect(await lone({ accessKey: SECRET("AKIDEXAMPLE0000"), secretKey: UNKNOWN })).toEqual([]);
    const tokenOnly = await lone({ securityToken: SECRET("tok-0000") });
    expect(tokenOnly.map(([p]) => p)).toEqual(["securityToken"]);
  });
});

describe("DiffConfig", () => {
  const diff = (olds: Record<string, unknown>, news: Record<string, unknown>, ignore: string[] = []) =>
    plugin.diffConfig(
      new pb.DiffRequest().setUrn(DEFAULT_URN).setOldInputs(struct(olds)).setOlds(struct(olds)).setNews(struct(news)).setIgnorechangesList(ignore),
    );

  test("no change → DIFF_NONE", async () => {
    const res = await diff({ region: "cn-north-4", accessKey: SECRET("AK1") }, { region: "cn-north-4", accessKey: SECRET("AK1") });
    expect(res.getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_NONE);
    expect(res.getDiffsList()).toEqual([]);
  });

  test("changed, added and removed keys → DIFF_SOME with a detailed diff and no replacement", async () => {
    const res = await diff({ region: "cn-north-4", accessKey: SECRET("AK1"), endpoint: "http://a" }, { region: "cn-north-1", accessKey: "AK2", projectId: "p1" });
    expect(res.getChanges()).toBe(pb.DiffResponse.DiffChanges.DIFF_SOME);
    expect(res.getDiffsList()).toEqual(["accessKey", "endpoint", "projectId", "region"]);
    expect(res.getReplacesList()).toEqual([]);
    expect(res.getHasdetaileddiff()).toBe(true);
    const detailed = res.getDetaileddiffMap();
    const kinds = Object.fromEntries(res.getDiffsList().map((k) => [k, detailed.get(k)!.getKind()]));
    expect(res.getDiffsList().every((k) => detailed.get(k)!.getInputdiff())).toBe(true);
    expect(detailed.getLength()).toBe(4);
    expect(kinds).toEqual({
      accessKey: pb.PropertyDiff.Kind.UPDATE,
      endpoint: pb.PropertyDiff.Kind.DELETE,
      projectId: pb.PropertyDiff.Kind.ADD,
      region: pb.PropertyDiff.Kind.UPDATE,
    });
  });

  test("honours ignoreChanges and treats unknown values as changes", async () => {
    const res = await diff({ region: "cn-north-4", endpoint: "http://a" }, { region: "cn-north-1", endpoint: UNKNOWN }, ["region"]);
    expect(res.getDiffsList()).toEqual(["endpoint"]);
  });
});

describe("Configure", () => {
  test("reads args (secrets unwrapped) and answers acceptSecrets and supportsPreview", async () => {
    const res = await plugin.configure(
      new pb.ConfigureRequest()
        .setArgs(struct({ region: "cn-north-4", accessKey: SECRET("AKIDEXAMPLE0000"), secretKey: SECRET("SKEXAMPLE"), version: "0.1.0" }))
        .setAcceptsecrets(true)
        .setAcceptresources(true),
    );
    expect(res.getAcceptsecrets()).toBe(true);
    expect(res.getSupportspreview()).toBe(true);
    expect(res.getAcceptresources()).toBe(true);
  });

  test("rejects a bad key with INVALID_ARGUMENT naming it, without echoing secrets", async () => {
    const err = await plugin
      .configure(new pb.ConfigureRequest().setArgs(struct({ region: "cn-north-4", secretKey: SECRET("multi\nline-hush") })))
      .catch((e) => e);
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.details).toMatch(/^huaweicloud-dms:secretKey must be/);
    expect(err.details).not.toContain("hush");
  });

  test("falls back to the legacy variables map", async () => {
    const req = new pb.ConfigureRequest();
    req.getVariablesMap().set("huaweicloud-dms:config:region", "Not A Region");
    const err = await plugin.configure(req).catch((e) => e);
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.details).toMatch(/huaweicloud-dms:region must be a Huawei Cloud region name/);
  });
});

describe("dispatch", () => {
  test("an unknown function token is INVALID_ARGUMENT naming the known one", async () => {
    const err = await plugin.invoke(new pb.InvokeRequest().setTok("huaweicloud-dms:kafka:getTasks").setArgs(struct({}))).catch((e) => e);
    expect(err.code).toBe(status.INVALID_ARGUMENT);
    expect(err.details).toContain('"huaweicloud-dms:kafka:getTasks"');
    expect(err.details).toContain(TOKEN);
  });

  test.each(["create", "read", "update", "delete", "check", "diff", "construct", "call", "parameterize", "getMapping"])(
    "%s is UNIMPLEMENTED with a clear message",
    async (method) => {
      const requests: Record<string, () => unknown> = {
        create: () => new pb.CreateRequest(),
        read: () => new pb.ReadRequest(),
        update: () => new pb.UpdateRequest(),
        delete: () => new pb.DeleteRequest(),
        check: () => new pb.CheckRequest(),
        diff: () => new pb.DiffRequest(),
        construct: () => new pb.ConstructRequest(),
        call: () => new pb.CallRequest(),
        parameterize: () => new pb.ParameterizeRequest(),
        getMapping: () => new pb.GetMappingRequest(),
      };
      const err = (await plugin.unary(method, requests[method]()).catch((e) => e)) as { code: number; details: string };
      expect(err.code).toBe(status.UNIMPLEMENTED);
      expect(err.details).toMatch(/is not implemented: the huaweicloud-dms provider offers only the function/);
    },
  );

  test("the plugin still serves after all of the above", async () => {
    expect((await plugin.getPluginInfo()).getVersion()).toMatch(/^\d+\.\d+\.\d+/);
    expect(plugin.stdout()).toBe(`${plugin.port}\n`);
  });
});
