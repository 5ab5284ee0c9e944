// schema.json held equal to the io-ts codecs (one source of truth). Its validity against Pulumi's metaschema and
// binder is proven by the real engine in the end-to-end suite (tests/e2e: get-schema and the SDK generators).
import * as fs from "fs";
import * as path from "path";
import * as t from "io-ts";
import { ARG_NAMES, GetScheduledTasksArgs, ProviderConfig, SECRET_CONFIG_KEYS } from "../provider/core/codecs";
import { ENV } from "../provider/core/config";
import { GetScheduledTasksResult, ScheduledTask } from "../provider/core/result";

const ROOT = path.join(__dirname, "..");
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

const FN = "huaweicloud-dms:kafka:getScheduledTasks";
const TASK = "huaweicloud-dms:kafka:ScheduledTask";

// ---- codec → Pulumi type spec -------------------------------------------------------------------------------

type Spec = { type?: string; items?: Spec; additionalProperties?: Spec; $ref?: string };

const STRINGISH = new Set(["string", "ResourceId", "Region", "ApiTime", "Endpoint", "SecretString", "Status"]);
const INTEGERS = new Set(["Integer", "StartIndex", "PageLimit"]);

/** The schema type a codec stands for; an unmapped codec fails the test, forcing a decision. */
function specOf(codec: t.Mixed): Spec {
  if (codec === ScheduledTask) return { $ref: `#/types/${TASK}` };
  if (STRINGISH.has(codec.name)) return { type: "string" };
  if (INTEGERS.has(codec.name)) return { type: "integer" };
  if (codec.name === "StatusList") return { type: "array", items: { type: "string" } };
  if (codec instanceof t.BooleanType) return { type: "boolean" };
  if (codec instanceof t.ArrayType) return { type: "array", items: specOf(codec.type) };
  if (codec instanceof t.DictionaryType) {
    expect(specOf(codec.domain)).toEqual({ type: "string" });
    return { type: "object", additionalProperties: specOf(codec.codomain) };
  }
  throw new Error(`No schema type is mapped for the codec ${codec.name}; add it to schema.test.ts.`);
}

interface Shape {
  properties: Record<string, Spec>;
  required: string[];
}

/** Walks t.type / t.partial / t.intersection: property specs, and which are required. */
function shapeOf(codec: t.Mixed): Shape {
  if (codec instanceof t.IntersectionType) {
    const parts = (codec.types as t.Mixed[]).map(shapeOf);
    return {
      properties: Object.assign({}, ...parts.map((p) => p.properties)),
      required: parts.flatMap((p) => p.required),
    };
  }
  if (codec instanceof t.InterfaceType || codec instanceof t.PartialType) {
    const props = codec.props as Record<string, t.Mixed>;
    const properties: Record<string, Spec> = {};
    for (const [k, c] of Object.entries(props)) properties[k] = specOf(c);
    return { properties, required: codec instanceof t.InterfaceType ? Object.keys(props) : [] };
  }
  throw new Error(`Cannot walk the codec ${codec.name}`);
}

/** The typing part of a schema property (what the codecs decide), recursively. */
function typing(p: Record<string, unknown>): Spec {
  const out: Spec = {};
  if (p.$ref !== undefined) out.$ref = p.$ref as string;
  else if (p.type !== undefined) out.type = p.type as string;
  if (p.items) out.items = typing(p.items as Record<string, unknown>);
  if (p.additionalProperties) out.additionalProperties = typing(p.additionalProperties as Record<string, unknown>);
  return out;
}

function schemaShape(obj: { properties: Record<string, Record<string, unknown>>; required?: string[] }): Shape {
  const properties: Record<string, Spec> = {};
  for (const [k, p] of Object.entries(obj.properties)) properties[k] = typing(p);
  return { properties, required: obj.required ?? [] };
}

function expectSameShape(actual: Shape, expected: Shape): void {
  expect(actual.properties).toEqual(expected.properties);
  expect([...actual.required].sort()).toEqual([...expected.required].sort());
}

// ---- tests --------------------------------------------------------------------------------------------------

describe("schema.json", () => {
  test("names and version follow DESIGN.md and package.json", () => {
    expect(schema.name).toBe("huaweicloud-dms");
    expect(schema.version).toBe(pkg.version);
    expect(Object.keys(schema.functions)).toEqual([FN]);
    expect(Object.keys(schema.types)).toEqual([TASK]);
    expect(schema.resources ?? {}).toEqual({});
    expect(schema.keywords).toEqual(expect.arrayContaining(["pulumi", "huaweicloud", "dms", "kafka"]));
    expect(typeof schema.description).toBe("string");
  });

  test("function inputs equal the GetScheduledTasksArgs codec", () => {
    expectSameShape(schemaShape(schema.functions[FN].inputs), shapeOf(GetScheduledTasksArgs));
    expect(Object.keys(schema.functions[FN].inputs.properties).sort()).toEqual([...ARG_NAMES].sort());
  });

  test("function outputs equal the GetScheduledTasksResult codec", () => {
    expectSameShape(schemaShape(schema.functions[FN].outputs), shapeOf(GetScheduledTasksResult));
  });

  test("the ScheduledTask type equals the ScheduledTask codec", () => {
    const type = schema.types[TASK];
    expect(type.type).toBe("object");
    expectSameShape(schemaShape(type), shapeOf(ScheduledTask));
  });

  test.each([
    ["config.variables", () => schema.config.variables],
    ["provider.inputProperties", () => schema.provider.inputProperties],
  ])("%s equal the ProviderConfig codec, secrets marked, HW_* defaults named", (_name, get) => {
    const props = get() as Record<string, Record<string, unknown>>;
    expectSameShape(schemaShape({ properties: props }), shapeOf(ProviderConfig));
    for (const [key, p] of Object.entries(props)) {
      expect([key, p.secret === true]).toEqual([key, (SECRET_CONFIG_KEYS as readonly string[]).includes(key)]);
      expect([key, p.defaultInfo]).toEqual([key, { environment: [ENV[key as keyof typeof ENV]] }]);
    }
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
    for (const key of Object.keys(ENV).filter((k) => k !== "iamEndpoint")) {
      expect(schema.config.variables[key].description).toContain(ENV[key as keyof typeof ENV]);
    }
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
