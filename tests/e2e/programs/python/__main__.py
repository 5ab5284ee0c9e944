"""A Python program on the SDK `npm run gen:sdks` generates: the default provider (huaweicloud-dms:* stack
config) and an explicit one (project config), both through the huaweicloud-dms plugin."""
import pulumi
import pulumi_huaweicloud_dms as dms

config = pulumi.Config()
instance_id = config.require("instanceId")

tasks = dms.kafka.get_scheduled_tasks(instance_id=instance_id)
pulumi.export("jobCount", tasks.job_count)
pulumi.export("complete", tasks.complete)
pulumi.export("hasExecuting", tasks.has_executing)
pulumi.export("executingCount", tasks.executing_count)
pulumi.export("statusCounts", tasks.status_counts)
pulumi.export("projectId", tasks.project_id)
pulumi.export(
    "jobs",
    [
        {
            key: value
            for key, value in {
                "id": job.id,
                "name": job.name,
                "userName": job.user_name,
                "userId": job.user_id,
                "params": job.params,
                "status": job.status,
                "createdAt": job.created_at,
                "updatedAt": job.updated_at,
                "scheduleAt": job.schedule_at,
            }.items()
            if value is not None
        }
        for job in tasks.jobs
    ],
)

explicit = dms.Provider(
    "explicit",
    endpoint=config.require("endpoint"),
    region="cn-north-4",
    access_key=config.require_secret("accessKey"),
    secret_key=config.require_secret("secretKey"),
)
executing = dms.kafka.get_scheduled_tasks_output(
    instance_id=instance_id,
    project_id=tasks.project_id,
    statuses=["EXECUTING"],
    opts=pulumi.InvokeOutputOptions(provider=explicit),
)
pulumi.export("executingIds", executing.jobs.apply(lambda jobs: [job.id for job in jobs]))
