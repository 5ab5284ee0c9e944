// examples/yaml/Pulumi.yaml and the variants the plugin cases run, written into a folder of their own, plus the
// task data they read and the outputs they must export.
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import type { EmulatorTask } from "../../provider/emulator";
import { ROOT } from "./harness";

// The example's program as data: only the parts the variants change are typed.
interface YamlProgram {
  config?: Record<string, unknown>;
  resources?: Record<string, unknown>;
  variables: { tasks: { "fn::invoke": { arguments: Record<string, unknown>; options?: Record<string, unknown> } } };
  outputs: Record<string, unknown>;
  [key: string]: unknown;
}

const EXAMPLE = path.join(ROOT, "examples", "yaml", "Pulumi.yaml");

/** The example exactly as it is in the repository (a folder holding only its Pulumi.yaml). */
export function exampleProgram(into: string): string {
  fs.mkdirSync(into, { recursive: true });
  fs.copyFileSync(EXAMPLE, path.join(into, "Pulumi.yaml"));
  return into;
}

/** The example with `edit` applied to its parsed program. */
export function editedProgram(into: string, edit: (program: YamlProgram) => void): string {
  const program = yaml.load(fs.readFileSync(EXAMPLE, "utf8")) as YamlProgram;
  edit(program);
  fs.mkdirSync(into, { recursive: true });
  fs.writeFileSync(path.join(into, "Pulumi.yaml"), yaml.dump(program, { lineWidth: -1 }));
  return into;
}

/** The example on the default provider: no explicit provider resource, so `huaweicloud-dms:*` stack config applies. */
export function defaultProviderProgram(into: string): string {
  return editedProgram(into, (p) => {
    delete p.resources;
    delete p.variables.tasks["fn::invoke"].options;
    for (const key of ["region", "endpoint", "accessKey", "secretKey"]) delete p.config?.[key];
  });
}

/** The example with one more invoke argument. */
export function withArgument(into: string, name: string, value: unknown): string {
  return editedProgram(into, (p) => {
    p.variables.tasks["fn::invoke"].arguments[name] = value;
  });
}

/** The example with the invoke (and the outputs it feeds) removed: the same program without the plugin's work. */
export function withoutInvokeProgram(into: string): string {
  return editedProgram(into, (p) => {
    delete (p as { variables?: unknown }).variables;
    p.outputs = {};
  });
}

/** Tasks of the instance the plugin cases read: one EXECUTING among finished and upcoming ones. */
export const YAML_TASKS: EmulatorTask[] = [
  {
    id: "yaml-t1",
    name: "partitionReassign",
    user_name: "ops",
    user_id: "u-1",
    params: '{"reassignment_topics":"[orders]"}',
    status: "SUCCESS",
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:07:00Z",
    schedule_at: "2024-01-01T00:00:00Z",
  },
  { id: "yaml-t2", name: "kafkaRestart", status: "EXECUTING", schedule_at: "2026-01-02T03:00:00Z", updated_at: "2026-01-02T03:04:05Z" },
  { id: "yaml-t3", name: "kafkaVersionUpgrade", status: "CREATED", schedule_at: "2030-01-01T00:00:00Z" },
];

/** What examples/yaml exports for YAML_TASKS. */
export const YAML_OUTPUTS = {
  complete: true,
  hasExecuting: true,
  executingCount: 1,
  jobCount: 3,
  jobs: [
    {
      id: "yaml-t1",
      name: "partitionReassign",
      userName: "ops",
      userId: "u-1",
      params: '{"reassignment_topics":"[orders]"}',
      status: "SUCCESS",
      createdAt: "2024-01-01T00:00:00Z",
      updatedAt: "2024-01-01T00:07:00Z",
      scheduleAt: "2024-01-01T00:00:00Z",
    },
    { id: "yaml-t2", name: "kafkaRestart", status: "EXECUTING", scheduleAt: "2026-01-02T03:00:00Z", updatedAt: "2026-01-02T03:04:05Z" },
    { id: "yaml-t3", name: "kafkaVersionUpgrade", status: "CREATED", scheduleAt: "2030-01-01T00:00:00Z" },
  ],
};
