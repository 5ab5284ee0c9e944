// examples/yaml/Pulumi.yaml: parses, uses the names schema.json defines, and its invoke arguments and provider
// inputs are valid per schema.json (JSON Schema derived from the function's inputs) and per the core codecs.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import Ajv2020 from "ajv/dist/2020";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { checkArgs } from "../provider/core";
import { checkConfig } from "../provider/plugin/config";

const ROOT = path.join(__dirname, "..");
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
const program = yaml.load(fs.readFileSync(path.join(ROOT, "examples", "yaml", "Pulumi.yaml"), "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FN = "huaweicloud-dms:kafka:getScheduledTasks";

type PulumiSpec = { type?: string; items?: PulumiSpec; additionalProperties?: PulumiSpec; $ref?: string };

/** A Pulumi schema type as JSON Schema (objects closed, as Pulumi's SDKs accept no unknown inputs). */
function toJsonSchema(spec: PulumiSpec): object {
  if (spec.$ref) return objectSchema(schema.types[spec.$ref.slice("#/types/".length)]);
  switch (spec.type) {
    case "array":
      return { type: "array", items: toJsonSchema(spec.items!) };
    case "object":
      return { type: "object", additionalProperties: spec.additionalProperties ? toJsonSchema(spec.additionalProperties) : { type: "string" } };
    default:
      return { type: spec.type };
  }
}

function objectSchema(obj: { properties: Record<string, PulumiSpec>; required?: string[] }): object {
  const properties: Record<string, object> = {};
  for (const [k, p] of Object.entries(obj.properties)) properties[k] = toJsonSchema(p);
  return { type: "object", properties, required: obj.required ?? [], additionalProperties: false };
}

/** Replaces whole-value `${configKey}` interpolations with the config defaults. */
function resolve(value: unknown): unknown {
  if (typeof value === "string") {
    const m = /^\$\{([A-Za-z0-9_]+)\}$/.exec(value);
    if (m) {
      expect(program.config[m[1]]).toBeDefined();
      return program.config[m[1]].default;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  return value;
}

const invoke = program.variables.tasks["fn::invoke"];

describe("examples/yaml/Pulumi.yaml", () => {
  test("is a Pulumi YAML program with an explicit huaweicloud-dms provider", () => {
    expect(program.runtime).toBe("yaml");
    expect(program.resources.dms.type).toBe("pulumi:providers:huaweicloud-dms");
  });

  test("invokes the schema's function through that provider", () => {
    expect(schema.functions[invoke.function]).toBeDefined();
    expect(invoke.function).toBe(FN);
    expect(invoke.options.provider).toBe("${dms}");
  });

  test("its invoke arguments are valid inputs per schema.json and per the core codecs", () => {
    const args = resolve(invoke.arguments) as Record<string, unknown>;
    const validate = new Ajv2020({ allErrors: true }).compile(objectSchema(schema.functions[FN].inputs));
    expect(validate(args) ? [] : validate.errors).toEqual([]);
    expect(checkArgs(args)).toEqual([]);
  });

  test("the derived JSON Schema does reject what the schema forbids", () => {
    const validate = new Ajv2020({ allErrors: true }).compile(objectSchema(schema.functions[FN].inputs));
    expect(validate({})).toBe(false); // instanceId is required
    expect(validate({ instanceId: "x", limit: "10" })).toBe(false);
    expect(validate({ instanceId: "x", instance_id: "x" })).toBe(false);
  });

  test("its provider inputs are the schema's provider inputs and pass the plugin's CheckConfig", () => {
    const props = resolve(program.resources.dms.properties) as Record<string, unknown>;
    for (const key of Object.keys(props)) expect(schema.provider.inputProperties[key]).toBeDefined();
    expect(checkConfig(Struct.fromJavaScript(props as never), "dms")).toEqual([]);
    // The credentials it passes are secrets to the engine whatever the config says: the schema marks them.
    for (const key of ["accessKey", "secretKey"]) expect(schema.provider.inputProperties[key].secret).toBe(true);
  });

  test("no config key with a default is declared secret (the engine refuses such a key whenever the stack leaves it unset)", () => {
    // Pulumi merges a default into the stack config as a plaintext value, then rejects a `secret: true` key
    // whose value is not encrypted ("must be encrypted as it's secret"): the HW_* environment route would fail.
    const config = program.config as Record<string, { default?: unknown; secret?: boolean }>;
    const both = Object.entries(config).filter(([, c]) => c.default !== undefined && c.secret).map(([k]) => k);
    expect(both).toEqual([]);
    expect(Object.keys(config)).toEqual(expect.arrayContaining(["accessKey", "secretKey"]));
  });

  test("exports hasExecuting, executingCount and the jobs, all function outputs", () => {
    const outputs = program.outputs as Record<string, string>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(["hasExecuting", "executingCount", "jobs"]));
    for (const expr of Object.values(outputs)) {
      const m = /^\$\{tasks\.([A-Za-z]+)\}$/.exec(expr);
      expect(m).not.toBeNull();
      expect(schema.functions[FN].outputs.properties[m![1]]).toBeDefined();
    }
  });
});
