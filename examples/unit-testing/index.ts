// The program under test: exports whether the Kafka instance is busy, and gates a change on it.
import * as pulumi from "@pulumi/pulumi";
import * as dms from "pulumi-huaweicloud-dms";

const instanceId = new pulumi.Config().require("instanceId");

const tasks = dms.kafka.getScheduledTasksOutput({ instanceId, statuses: ["EXECUTING"] });
export const hasExecuting = tasks.hasExecuting;
export const runningTaskIds = tasks.jobs.apply((jobs) => jobs.map((j) => j.id));

export const gate = new dms.kafka.ScheduledTasksGate("kafka-idle", { instanceId, timeoutSeconds: 900 });
