// A stand-in for the change that must not overlap a running task — in a real program a Huawei Cloud resource
// (a Kafka topic, an instance flavor or configuration change…). It only records what it "applied" and when,
// so the example runs without a cloud account. Replace it with your resource and keep the `dependsOn`.
import * as pulumi from "@pulumi/pulumi";

export interface KafkaChangeArgs {
  instanceId: pulumi.Input<string>;
  setting: pulumi.Input<string>;
  value: pulumi.Input<string>;
}

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, unknown>) {
    return { id: `${inputs.instanceId}/${inputs.setting}`, outs: { ...inputs, appliedAt: new Date().toISOString() } };
  },
  async update(_id: string, _olds: Record<string, unknown>, news: Record<string, unknown>) {
    return { outs: { ...news, appliedAt: new Date().toISOString() } };
  },
};

export class KafkaChange extends pulumi.dynamic.Resource {
  declare readonly appliedAt: pulumi.Output<string>;

  constructor(name: string, args: KafkaChangeArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { ...args, appliedAt: undefined }, opts, "example", "KafkaChange");
  }
}
