// Child-process entry for bench 5: fires N concurrent Invokes at the plugin and reports when every one is back,
// so decoding N large responses happens here and never delays the parent's GetPluginInfo probes.
// argv: PORT INSTANCE_ID PROJECT_ID N EXPECTED_TASKS
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";

const TOKEN = "huaweicloud-dms:kafka:getScheduledTasks";

export interface LoadReport {
  readonly ms: number;
  readonly ok: number;
  readonly failed: readonly string[];
}

async function main(): Promise<void> {
  const [port, instanceId, projectId, nText, expectedText] = process.argv.slice(2);
  const n = Number(nText);
  const expected = Number(expectedText);
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": 400 * 1024 * 1024,
  });
  const args = Struct.fromJavaScript({ instanceId, projectId });
  const one = (): Promise<string | undefined> =>
    new Promise((resolve) => {
      client.invoke(new pb.InvokeRequest().setTok(TOKEN).setArgs(args), new grpc.Metadata(), { deadline: Date.now() + 300_000 }, (err, res) => {
        if (err) return resolve(err.message);
        if (res.getFailuresList().length) return resolve(res.getFailuresList()[0].getReason());
        const jobs = res.getReturn()?.getFieldsMap().get("jobs")?.getListValue()?.getValuesList().length ?? 0;
        resolve(jobs === expected ? undefined : `returned ${jobs} tasks, not ${expected}`);
      });
    });
  await new Promise<void>((resolve) => process.once("message", () => resolve())); // "go"
  const t0 = process.hrtime.bigint();
  const outcomes = await Promise.all(Array.from({ length: n }, one));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const failed = outcomes.filter((o): o is string => o !== undefined);
  const report: LoadReport = { ms, ok: n - failed.length, failed: failed.slice(0, 3) };
  process.send!(report, () => {
    client.close();
    process.disconnect();
  });
}

main().catch((e) => {
  process.stderr.write(`plugin load child failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
