// schema.json, generated: the function's inputs from the inputs table, the provider's config from the settings
// table, outputs and the task type from the result codecs and their docs, the rest from metadata.ts.
// `npm run gen:schema` writes it; a test fails when the committed file differs from what this builds.
import * as fs from "fs";
import * as path from "path";
import * as t from "io-ts";
import {
  CONFIG_KEYS,
  GetScheduledTasksResult,
  INPUTS,
  InputEntry,
  RESULT_DOCS,
  SETTINGS,
  ScheduledTask,
  SchemaType,
  SettingEntry,
  TASK_DOCS,
  settingDescription,
} from "../core";
import { GET_SCHEDULED_TASKS, SCHEDULED_TASK_TYPE } from "../protocol";
import { ASSUME_ROLE_SCHEMA, ASSUME_ROLE_TYPE, FUNCTION_DESCRIPTION, LANGUAGE, PACKAGE_METADATA, PROVIDER_DESCRIPTION, TASK_DESCRIPTION } from "./metadata";

type Spec = SchemaType | { $ref: string } | { type: "object"; additionalProperties: Spec } | { type: "array"; items: Spec };
interface Property {
  type?: string;
  items?: Spec;
  additionalProperties?: Spec;
  $ref?: string;
  secret?: true;
  description: string;
  defaultInfo?: { environment: string[] };
}

/** The schema type of an output codec. */
function specOf(codec: t.Mixed): Spec {
  if (codec === ScheduledTask) return { $ref: `#/types/${SCHEDULED_TASK_TYPE}` };
  if (codec instanceof t.StringType) return { type: "string" };
  if (codec instanceof t.BooleanType) return { type: "boolean" };
  if (codec.name === "Integer") return { type: "integer" };
  if (codec instanceof t.ArrayType) return { type: "array", items: specOf(codec.type) };
  if (codec instanceof t.DictionaryType) return { type: "object", additionalProperties: specOf(codec.codomain) };
  throw new Error(`No schema type is known for the codec ${codec.name}.`);
}

/** Properties and required keys of an object codec (t.type / t.partial / t.intersection), with docs. */
function objectOf(codec: t.Mixed, docs: Readonly<Record<string, string>>): { properties: Record<string, Property>; required: string[] } {
  const parts: t.Mixed[] = codec instanceof t.IntersectionType ? (codec.types as t.Mixed[]) : [codec];
  const properties: Record<string, Property> = {};
  const required: string[] = [];
  for (const part of parts) {
    if (!(part instanceof t.InterfaceType || part instanceof t.PartialType)) throw new Error(`Cannot walk the codec ${part.name}.`);
    for (const [key, c] of Object.entries(part.props as Record<string, t.Mixed>)) {
      properties[key] = { ...specOf(c), description: docs[key] };
      if (part instanceof t.InterfaceType) required.push(key);
    }
  }
  // In the order of the docs (the order readers see).
  const ordered = Object.fromEntries(Object.keys(docs).filter((k) => k in properties).map((k) => [k, properties[k]]));
  return { properties: ordered, required: Object.keys(docs).filter((k) => required.includes(k)) };
}

function settingProperties(): Record<string, Property> {
  return Object.fromEntries(
    CONFIG_KEYS.map((key) => {
      const e: SettingEntry = SETTINGS[key];
      return [
        key,
        {
          ...(e.schema ?? { type: "string" }),
          ...(e.secret ? { secret: true as const } : {}),
          description: settingDescription(key),
          // `defaultInfo` makes the generated SDKs' providers read the variable themselves and pass its value as an
          // input. Not for secrets: keys and tokens would be copied into the state (and a rotating token would show
          // as a provider change on every run); the plugin reads their variables itself, as the description says.
          // Not for an object setting (assumeRole), read from one variable per field: the generated SDKs would
          // cast a string to the object (Go's does not compile).
          ...(e.env.length && !e.envFields && !e.secret ? { defaultInfo: { environment: [...e.env] } } : {}),
        },
      ];
    }),
  );
}

/** The whole package schema, for a package version. */
export function buildSchema(version: string): Record<string, unknown> {
  const inputs = Object.entries(INPUTS as Record<string, InputEntry>);
  const { name, displayName, ...rest } = PACKAGE_METADATA;
  return {
    name,
    displayName,
    version,
    ...rest,
    config: { variables: settingProperties() },
    provider: { description: PROVIDER_DESCRIPTION, inputProperties: settingProperties() },
    types: {
      [SCHEDULED_TASK_TYPE]: { type: "object", description: TASK_DESCRIPTION, ...objectOf(ScheduledTask, TASK_DOCS) },
      [ASSUME_ROLE_TYPE]: ASSUME_ROLE_SCHEMA,
    },
    functions: {
      [GET_SCHEDULED_TASKS]: {
        description: FUNCTION_DESCRIPTION,
        inputs: {
          properties: Object.fromEntries(inputs.map(([k, e]) => [k, { ...e.schema, description: e.doc }])),
          required: inputs.filter(([, e]) => e.required).map(([k]) => k),
        },
        outputs: objectOf(GetScheduledTasksResult, RESULT_DOCS),
      },
    },
    language: LANGUAGE,
  };
}

/** The file's text: two-space JSON and a final newline. */
export function schemaText(version: string): string {
  return JSON.stringify(buildSchema(version), null, 2) + "\n";
}

if (require.main === module) {
  const root = path.join(__dirname, "..", "..", "..");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  fs.writeFileSync(path.join(root, "schema.json"), schemaText(pkg.version));
  process.stderr.write(`schema.json written for version ${pkg.version}.\n`);
}
