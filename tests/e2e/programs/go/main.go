// A Go program on the SDK `npm run gen:sdks` generates (README's example): compiled by the e2e suite.
package main

import (
	"github.com/pulumi-huaweicloud-dms/pulumi-huaweicloud-dms/sdk/go/huaweiclouddms/kafka"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		tasks, err := kafka.GetScheduledTasks(ctx, &kafka.GetScheduledTasksArgs{
			InstanceId: config.Require(ctx, "instanceId"),
		})
		if err != nil {
			return err
		}
		ctx.Export("hasExecuting", pulumi.Bool(tasks.HasExecuting))
		ctx.Export("jobCount", pulumi.Int(tasks.JobCount))

		executing := kafka.GetScheduledTasksOutput(ctx, kafka.GetScheduledTasksOutputArgs{
			InstanceId: pulumi.String(config.Require(ctx, "instanceId")),
			Statuses:   pulumi.StringArray{pulumi.String("EXECUTING")},
		})
		ctx.Export("executingCount", executing.ExecutingCount())
		return nil
	})
}
