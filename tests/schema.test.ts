// schema.json held equal to the io-ts codecs (one source of truth). Its validity against Pulumi's metaschema and
// binder is proven by the real engine in the end-to-end suite (tests/e2e: get-schema and the SDK generators).
import * as fs from "fs";
import * as path from "path";
import { schemaText } from "../provider/schema/generate";

const ROOT = path.join(__dirname, "..");
const text = fs.readFileSync(path.join(ROOT, "schema.json"), "utf8");
const schema = JSON.parse(text);
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

const FN = "huaweicloud-dms:kafka:getScheduledTasks";
const TASK = "huaweicloud-dms:kafka:ScheduledTask";

// ---- tests --------------------------------------------------------------------------------------------------

describe("schema.json", () => {
  test("names and version follow DESIGN.md and package.json", () => {
    expect(schema.name).toBe("huaweicloud-dms");
    expect(schema.version).toBe(pkg.version);
    expect(Object.keys(schema.functions)).toEqual([FN]);
    expect(Object.keys(schema.types)).toEqual([TASK, "huaweicloud-dms:index:AssumeRole"]);
    expect(schema.resources ?? {}).toEqual({});
    expect(schema.keywords).toEqual(expect.arrayContaining(["pulumi", "huaweicloud", "dms", "kafka"]));
    expect(typeof schema.description).toBe("string");
  });

  test("the committed schema.json is what the tables generate (npm run gen:schema)", () => {
    expect(text).toBe(schemaText(pkg.version));
  });

  test("inputs, outputs and the task type carry the contract's names and types", () => {
    const fn = schema.functions[FN];
    expect(Object.keys(fn.inputs.properties)).toEqual(["instanceId", "projectId", "region", "start", "limit", "beginTime", "endTime", "statuses"]);
    expect(fn.inputs.required).toEqual(["instanceId"]);
    expect(fn.inputs.properties.limit.type).toBe("integer");
    expect(fn.inputs.properties.statuses).toMatchObject({ type: "array", items: { type: "string" } });
    expect(Object.keys(fn.outputs.properties)).toEqual(
      expect.arrayContaining(["id", "instanceId", "projectId", "region", "jobCount", "jobs", "statusCounts", "executingCount", "hasExecuting", "complete"]),
    );
    expect(fn.outputs.required).toEqual(expect.arrayContaining(["complete", "hasExecuting", "jobs"]));
    expect(fn.outputs.properties.jobs.items).toEqual({ $ref: `#/types/${TASK}` });
    expect(fn.outputs.properties.statusCounts).toMatchObject({ type: "object", additionalProperties: { type: "integer" } });
    expect(schema.types[TASK].required).toEqual(["id"]);
  });

  test.each([
    ["config.variables", () => schema.config.variables],
    ["provider.inputProperties", () => schema.provider.inputProperties],
  ])("%s: credentials are secrets, each key names its variables", (_name, get) => {
    const props = get() as Record<string, Record<string, unknown>>;
    expect(Object.keys(props)).toEqual([
      "region",
      "projectId",
      "accessKey",
      "secretKey",
      "securityToken",
      "endpoint",
      "iamEndpoint",
      "cloud",
      "sharedConfigFile",
      "profile",
      "assumeRole",
      "cacertFile",
      "insecure",
      "maxRetries",
      "requestTimeoutSeconds",
    ]);
    for (const [key, p] of Object.entries(props)) {
      expect([key, p.secret === true]).toEqual([key, ["accessKey", "secretKey", "securityToken"].includes(key)]);
      for (const variable of (p.defaultInfo as { environment: string[] } | undefined)?.environment ?? []) expect(p.description).toContain(variable);
    }
    expect(props.region.defaultInfo).toEqual({ environment: ["HW_REGION_NAME"] });
    // Secrets carry no defaultInfo: generated SDKs would copy keys from the environment into the state.
    expect(props.accessKey.defaultInfo).toBeUndefined();
    expect(props.accessKey.description).toMatch(/HW_ACCESS_KEY.*HUAWEICLOUD_SDK_AK/);
    expect(props.cacertFile.defaultInfo).toEqual({ environment: ["HW_CACERT_FILE", "OS_CACERT"] });
    expect(props.assumeRole).toMatchObject({ $ref: "#/types/huaweicloud-dms:index:AssumeRole" });
    // Read from one variable per field, which its description names; no defaultInfo (one variable for the value).
    expect(props.assumeRole.defaultInfo).toBeUndefined();
    for (const v of ["HW_ASSUME_ROLE_AGENCY_NAME", "HW_ASSUME_ROLE_DOMAIN_NAME", "HW_ASSUME_ROLE_DOMAIN_ID", "HW_ASSUME_ROLE_DURATION"]) {
      expect(props.assumeRole.description).toContain(v);
    }
    expect(props.insecure.type).toBe("boolean");
    expect(props.maxRetries.type).toBe("integer");
    expect(props.requestTimeoutSeconds.defaultInfo).toBeUndefined(); // no variable: config and --request-timeout only
  });

  test("every $ref points at a type the schema defines", () => {
    const refs: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === "object") {
        for (const [k, x] of Object.entries(v)) {
          if (k === "$ref" && typeof x === "string") refs.push(x);
          else walk(x);
        }
      }
    };
    walk(schema);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.startsWith("#/types/")).toBe(true);
      expect(schema.types[ref.slice("#/types/".length)]).toBeDefined();
    }
  });

  test("every property has a description a user can act on", () => {
    const described = (where: string, props: Record<string, { description?: string }>) => {
      for (const [k, p] of Object.entries(props)) expect([`${where}.${k}`, (p.description ?? "").length > 10]).toEqual([`${where}.${k}`, true]);
    };
    described("config", schema.config.variables);
    described("provider", schema.provider.inputProperties);
    described("inputs", schema.functions[FN].inputs.properties);
    described("outputs", schema.functions[FN].outputs.properties);
    described("ScheduledTask", schema.types[TASK].properties);
    const inputs = schema.functions[FN].inputs.properties;
    expect(inputs.limit.description).toMatch(/1 to 100/);
    expect(inputs.start.description).toMatch(/0 or more/);
    expect(inputs.start.description).toMatch(/Default 0/);
    expect(inputs.beginTime.description).toMatch(/YYYYMMDDHHmmss/);
    expect(inputs.endTime.description).toMatch(/YYYYMMDDHHmmss/);
    expect(inputs.statuses.description).toMatch(/EXECUTING/);
  });

  test("language sections give generated SDKs sensible names", () => {
    const lang = schema.language;
    expect(lang.nodejs.packageName).toMatch(/huaweicloud-dms/);
    expect(lang.nodejs.packageName).not.toBe(pkg.name); // the npm name is taken by this (in-process) package
    expect(lang.python.packageName).toBe("pulumi_huaweicloud_dms");
    expect(lang.go.importBasePath).toMatch(/\/huaweiclouddms$/);
    expect(lang.go.rootPackageName).toBe("huaweiclouddms");
    expect(lang.csharp.namespaces["huaweicloud-dms"]).toBe("HuaweiCloudDms");
    expect(lang.csharp.rootNamespace).not.toBe("Pulumi"); // NuGet reserves the Pulumi.* prefix
  });
});
