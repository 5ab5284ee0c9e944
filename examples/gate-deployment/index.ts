// Gate a Kafka change on the instance's scheduled tasks: `pulumi up` waits (up to gateTimeoutSeconds) while a
// task such as a partition reassignment is EXECUTING, then applies the change that depends on the gate.
import * as pulumi from "@pulumi/pulumi";
import * as dms from "pulumi-huaweicloud-dms";
import { KafkaChange } from "./change";

const config = new pulumi.Config();
const instanceId = config.require("instanceId");

// 1. What is going on right now (read in preview too, so `pulumi preview` already shows it).
const tasks = dms.kafka.getScheduledTasksOutput({ instanceId });

// 2. The gate. Its create (and, with checkOnEveryDeployment — the default — every later `pulumi up`) waits until
//    no task is EXECUTING; past the timeout the deployment fails, listing the tasks still running.
const gate = new dms.kafka.ScheduledTasksGate("kafka-idle", {
  instanceId,
  timeoutSeconds: config.getNumber("gateTimeoutSeconds") ?? 900,
  pollIntervalSeconds: config.getNumber("gatePollSeconds") ?? 15,
});

// 3. The change: it depends on the gate, so it is applied only once the instance is idle.
const retentionHours = config.getNumber("retentionHours") ?? 168;
const change = new KafkaChange(
  "orders-retention",
  { instanceId, setting: "retention.hours", value: String(retentionHours) },
  { dependsOn: [gate] },
);

// What the tasks looked like when the program ran (before the gate waited).
export const hasExecuting = tasks.hasExecuting;
export const executingCount = tasks.executingCount;
export const executingTasks = tasks.jobs.apply((jobs) => jobs.filter((j) => j.status === "EXECUTING").map((j) => `${j.id} (${j.name})`));
// What the gate saw when it let the deployment through.
export const gateCheckedAt = gate.checkedAt;
export const gateWaitedSeconds = gate.waitedSeconds;
export const gateStatusCounts = gate.statusCounts;
export const changeAppliedAt = change.appliedAt;
