// Every bad input gets one sentence naming the field and the rule.
import { CLI_WORDING, ValidationError, checkArgs, configFromEnv, describe as words, parseArgs, parseConfig, programWording, resolveConfig } from "../provider/core";

/** The first problem, as a Pulumi program words it. */
const first = (args: unknown, secret?: ReadonlySet<string>) => {
  const v = checkArgs(args, secret)[0];
  return { field: v.key + v.path, message: words(v, programWording()), cli: words(v, CLI_WORDING) };
};

describe("function inputs", () => {
  it.each([
    [{}, "instanceId", /^instanceId must be 1 to 64 letters/],
    [{ instanceId: "a/b" }, "instanceId", /got "a\/b"/],
    [{ instanceId: "a b" }, "instanceId", /spaces/],
    [{ instanceId: "x%2F" }, "instanceId", /instanceId must/],
    [{ instanceId: "x\u0000" }, "instanceId", /control characters/],
    [{ instanceId: "i", projectId: ".." }, "projectId", /^projectId must/],
    [{ instanceId: "i", region: "CN North" }, "region", /^region must be a Huawei Cloud region name/],
    [{ instanceId: "i", start: 1.5 }, "start", /^start must be an integer of 0 or more/],
    [{ instanceId: "i", limit: "10" }, "limit", /^limit must be an integer from 1 to 100 \(leave it unset to fetch every page\); got "10"/],
    [{ instanceId: "i", endTime: "2024-01-01" }, "endTime", /^endTime must be a real UTC time/],
    [{ instanceId: "i", beginTime: "20240229246000" }, "beginTime", /beginTime must be a real UTC time/],
    [{ instanceId: "i", statuses: [] }, "statuses", /^statuses must be a non-empty list/],
    [{ instanceId: "i", statuses: ["SUCCESS", "running"] }, "statuses[1]", /^statuses\[1\] must be one of/],
    [{ instanceId: "i", limits: 5 }, "limits", /^limits is not a getScheduledTasks input/],
  ])("rejects %j on %s", (args, field, message) => {
    const problem = first(args);
    expect(problem.field).toBe(field);
    expect(problem.message).toMatch(message);
    expect(problem.message).toMatch(/\.$/);
  });

  it("is worded by each surface: the CLI names flags, in the rule too", () => {
    expect(first({ instanceId: "i", statuses: ["SUCCESS", "running"] }).cli).toMatch(/^--status must be one of/);
    expect(first({ instanceId: "i", limit: 0 }).cli).toMatch(/^--limit must be an integer from 1 to 100/);
    expect(first({ instanceId: "i", beginTime: "20240102000000", endTime: "20240101000000" }).cli).toBe(
      "--begin-time must not be after --end-time; got 20240102000000 > 20240101000000.",
    );
    expect(first({ instanceId: "i", beginTime: "20240102000000", endTime: "20240101000000" }).message).toBe(
      "beginTime must not be after endTime; got 20240102000000 > 20240101000000.",
    );
  });

  it("accepts a leap day and drops unset keys", () => {
    expect(parseArgs({ instanceId: "i-1", beginTime: "20240229000000", endTime: "20240229000000", limit: undefined })).toEqual({
      instanceId: "i-1",
      beginTime: "20240229000000",
      endTime: "20240229000000",
    });
  });
});

describe("configuration", () => {
  it("names the key and never echoes a secret value", () => {
    expect(() => parseConfig({ secretKey: "line1\nline2-secret" })).toThrow(ValidationError);
    try {
      parseConfig({ secretKey: "line1\nline2-secret" });
    } catch (e) {
      expect((e as Error).message).toBe(
        "huaweicloud-dms:secretKey must be printable ASCII without spaces (check for a stray space or newline); got a secret value.",
      );
      expect((e as Error).message).not.toContain("line2-secret");
    }
  });

  it("refuses keys with spaces or non-ASCII before sending, naming the variable", () => {
    expect(() => configFromEnv({ HW_ACCESS_KEY: "DEMOACCESSKEY0000000 " })).toThrow(/^The environment variable HW_ACCESS_KEY must be printable ASCII without spaces/);
    expect(() => configFromEnv({ HW_SECRET_KEY: "sk\t" })).toThrow(/^The environment variable HW_SECRET_KEY must be printable ASCII/);
  });

  it("never echoes credentials embedded in an endpoint URL", () => {
    expect(() => configFromEnv({ HW_DMS_ENDPOINT: "https://AKX:SuperSecret@proxy.example" })).toThrow(/got "https:\/\/…@proxy\.example"\.$/);
  });

  it("shows no value of an input that arrived as a secret", () => {
    const problem = first({ instanceId: "my secret/instance" }, new Set(["instanceId"]));
    expect(problem.message).toMatch(/^instanceId must be 1 to 64 letters.*; got a secret value\.$/);
    expect(problem.message).not.toContain("my secret");
  });

  it("names the environment variable that is wrong", () => {
    expect(() => configFromEnv({ HW_DMS_ENDPOINT: "ftp://x" })).toThrow(/^The environment variable HW_DMS_ENDPOINT must be an http\(s\) URL/);
    expect(() => configFromEnv({ HW_IAM_ENDPOINT: "nope" })).toThrow(/^The environment variable HW_IAM_ENDPOINT must be/);
  });

  it("resolves call inputs over explicit config over the environment, with default endpoints", () => {
    const env = { HW_REGION_NAME: "cn-south-1", HW_ACCESS_KEY: "envAK", HW_SECRET_KEY: "envSK", HW_PROJECT_ID: "envproject" };
    const r = resolveConfig({ region: "cn-north-4" }, { projectId: "cfgproject", accessKey: "cfgAK", secretKey: "cfgSK" }, env);
    expect(r).toEqual({
      region: "cn-north-4",
      projectId: "cfgproject",
      endpoint: "https://dms.cn-north-4.myhuaweicloud.com",
      iamEndpoint: "https://iam.cn-north-4.myhuaweicloud.com",
      credentials: { accessKey: "cfgAK", secretKey: "cfgSK" },
    });
    expect(resolveConfig({}, {}, { ...env, HW_REGION_NAME: "eu-west-101" }).endpoint).toBe("https://dms.eu-west-101.myhuaweicloud.eu");
  });

  it("does not use another region's project ID for a call in a different region", () => {
    const env = { HW_REGION_NAME: "cn-north-4", HW_PROJECT_ID: "northproject", HW_DMS_ENDPOINT: "https://proxy.example", HW_ACCESS_KEY: "a", HW_SECRET_KEY: "s" };
    expect(resolveConfig({}, {}, env)).toMatchObject({ projectId: "northproject", endpoint: "https://proxy.example" });
    const eu = resolveConfig({ region: "eu-west-101" }, {}, env);
    expect(eu.projectId).toBeUndefined(); // looked up through IAM for eu-west-101
    expect(eu.endpoint).toBe("https://proxy.example"); // an endpoint override applies to every region
    expect(resolveConfig({ region: "eu-west-101" }, {}, { ...env, HW_DMS_ENDPOINT: "" }).endpoint).toBe("https://dms.eu-west-101.myhuaweicloud.eu");
    // A source without a region of its own still supplies them.
    expect(resolveConfig({ region: "eu-west-101" }, {}, { ...env, HW_REGION_NAME: "" }).projectId).toBe("northproject");
  });

  it("says what to set when credentials or region are missing", () => {
    expect(() => resolveConfig({}, {}, {})).toThrow(
      /^No access key is configured: set huaweicloud-dms:accessKey or HW_ACCESS_KEY, and huaweicloud-dms:secretKey or HW_SECRET_KEY \(as secrets\)\.$/,
    );
    try {
      resolveConfig({}, {}, { HW_ACCESS_KEY: "a", HW_SECRET_KEY: "s" });
    } catch (e) {
      // Each surface words it: the CLI names its flags and variables, not Pulumi keys.
      expect((e as ValidationError).wordedFor(CLI_WORDING)).toBe(
        "No region is configured: set --region or HW_REGION_NAME, or set both --endpoint or HW_DMS_ENDPOINT and --project-id or HW_PROJECT_ID.",
      );
    }
    expect(() => resolveConfig({}, {}, { HW_SECRET_KEY: "s" })).toThrow(/^HW_SECRET_KEY is set but HW_ACCESS_KEY is not: set both or neither\.$/);
    // The pair comes from one source: never a config access key with the environment's secret key.
    expect(() => resolveConfig({}, { accessKey: "cfgAK" }, { HW_ACCESS_KEY: "a", HW_SECRET_KEY: "s" })).toThrow(
      /^huaweicloud-dms:accessKey is set but huaweicloud-dms:secretKey is not/,
    );
    expect(() => resolveConfig({}, {}, { HW_ACCESS_KEY: "a", HW_SECRET_KEY: "s" })).toThrow(/No region is configured/);
  });
});
