// What schema.json says about the package as a whole: names, descriptions and the generated SDKs' settings.
// Everything per input, setting and output comes from the tables and codecs (see generate.ts).
import { PACKAGE } from "../protocol";

export const PACKAGE_METADATA = {
  name: PACKAGE,
  displayName: "Huawei Cloud DMS (Kafka scheduled tasks)",
  description:
    "Reads the scheduled tasks of Huawei Cloud DMS for Kafka instances (partition reassignments, broker flavor changes, version upgrades, restarts), for example to hold a deployment while a task is `EXECUTING`.",
  keywords: ["pulumi", "huaweicloud", "dms", "kafka", "scheduled-tasks", "category/cloud", "kind/native"],
  license: "Apache-2.0",
  publisher: "pulumi-huaweicloud-dms",
  meta: { moduleFormat: "(.*)" },
} as const;

export const PROVIDER_DESCRIPTION =
  "The provider type for the huaweicloud-dms package. Every input is optional and falls back to its `HW_*` environment variable; credentials are secrets.";

export const FUNCTION_DESCRIPTION =
  "Lists the scheduled tasks of a DMS Kafka instance (`GET /v2/{project_id}/instances/{instance_id}/scheduled-tasks`), fetching every page unless `limit` is set, with counts per status and whether any task is `EXECUTING`. Region, project, endpoint and credentials come from the call's inputs, then the provider configuration, then the `HW_*` environment variables; the project ID is looked up through IAM by region when none is set.";

export const TASK_DESCRIPTION =
  "One scheduled task of a DMS Kafka instance, as the API reports it (fields the API leaves out are absent).";

export const LANGUAGE = {
  nodejs: {
    packageName: "@pulumi-huaweicloud-dms/sdk",
    packageDescription:
      "Huawei Cloud DMS Kafka scheduled tasks, through the huaweicloud-dms provider plugin (TypeScript programs can use the npm package pulumi-huaweicloud-dms directly, without the plugin).",
    dependencies: { "@pulumi/pulumi": "^3.0.0" },
    respectSchemaVersion: true,
  },
  python: {
    packageName: "pulumi_huaweicloud_dms",
    requires: { pulumi: ">=3.0.0,<4.0.0" },
    respectSchemaVersion: true,
    pyproject: { enabled: true },
  },
  go: {
    importBasePath: "github.com/pulumi-huaweicloud-dms/pulumi-huaweicloud-dms/sdk/go/huaweiclouddms",
    rootPackageName: "huaweiclouddms",
    generateResourceContainerTypes: false,
    respectSchemaVersion: true,
  },
  csharp: {
    rootNamespace: "Community",
    namespaces: { "huaweicloud-dms": "HuaweiCloudDms", kafka: "Kafka" },
    packageReferences: { Pulumi: "3.*" },
    respectSchemaVersion: true,
  },
} as const;
