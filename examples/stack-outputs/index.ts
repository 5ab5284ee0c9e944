// Exports the scheduled-task summary of a DMS Kafka instance as stack outputs, so CI, dashboards and other
// stacks (through a StackReference) can read them: `pulumi stack output hasExecuting`.
import * as pulumi from "@pulumi/pulumi";
import * as dms from "pulumi-huaweicloud-dms";

const config = new pulumi.Config();
const instanceId = config.require("instanceId");

// Runs in-process (no plugin). Credentials: huaweicloud-dms:accessKey / :secretKey (secrets) or HW_ACCESS_KEY /
// HW_SECRET_KEY; region and project from huaweicloud-dms:region / :projectId or HW_REGION_NAME / HW_PROJECT_ID.
const tasks = dms.kafka.getScheduledTasksOutput({ instanceId });

export const projectId = tasks.projectId;
export const jobCount = tasks.jobCount;
export const statusCounts = tasks.statusCounts;
export const executingCount = tasks.executingCount;
export const hasExecuting = tasks.hasExecuting;

/** The tasks running now (id, name, since when). */
export const executing = tasks.jobs.apply((jobs) =>
  jobs.filter((j) => j.status === "EXECUTING").map((j) => ({ id: j.id, name: j.name, updatedAt: j.updatedAt })),
);

/** The next task scheduled to run (status CREATED), or null. */
export const nextTask = tasks.jobs.apply((jobs) => {
  const upcoming = jobs
    .filter((j) => j.status === "CREATED" && j.scheduleAt !== undefined)
    .sort((a, b) => Date.parse(a.scheduleAt!) - Date.parse(b.scheduleAt!));
  return upcoming.length ? { id: upcoming[0].id, name: upcoming[0].name, scheduleAt: upcoming[0].scheduleAt } : null;
});
