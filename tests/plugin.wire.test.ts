// The plugin writes an Invoke's result as protobuf bytes itself (provider/plugin/wire.ts): decoded by
// google-protobuf, those bytes must be exactly what `Struct.fromJavaScript` makes of the same value.
import * as fc from "fast-check";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import { toStruct } from "../provider/plugin/structs";
import { encodeInvokeReturn, encodeStruct } from "../provider/plugin/wire";

/** JSON-like values as the plugin's results hold them (undefined included: it means "not set"). */
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.double(),
    fc.integer(),
    fc.string({ unit: "grapheme", maxLength: 300 }),
    fc.array(tie("any"), { maxLength: 6 }),
    fc.dictionary(fc.string({ maxLength: 12 }), tie("any"), { maxKeys: 6 }),
  ),
})).any;

const object = fc.dictionary(fc.string({ unit: "grapheme", maxLength: 20 }), value, { maxKeys: 8 });

describe("encodeStruct / encodeInvokeReturn", () => {
  it("decode (google-protobuf) to what Struct.fromJavaScript makes of the same value", () => {
    fc.assert(
      fc.property(object, (obj) => {
        const expected = toStruct(obj).toJavaScript();
        expect(Struct.deserializeBinary(encodeStruct(obj)).toJavaScript()).toEqual(expected);
        const res = pb.InvokeResponse.deserializeBinary(encodeInvokeReturn(obj));
        expect(res.getReturn()!.toJavaScript()).toEqual(expected);
        expect(res.getFailuresList()).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("a listing of 1,000 tasks: same content, lengths past one varint byte included", () => {
    const jobs = Array.from({ length: 1000 }, (_, i) => ({
      id: `task-${i}`,
      name: i % 7 ? "kafkaRestart" : "迁移分区 🚀",
      status: i % 5 ? "SUCCESS" : "EXECUTING",
      params: "x".repeat(i % 300),
      scheduleAt: "2024-01-01T00:00:00Z",
    }));
    const result = { id: "abc", jobCount: 1000, jobs, statusCounts: { SUCCESS: 800, EXECUTING: 200 }, hasExecuting: true, region: undefined };
    const bytes = encodeInvokeReturn(result);
    expect(bytes.length).toBeGreaterThan(100_000);
    expect(pb.InvokeResponse.deserializeBinary(bytes).getReturn()!.toJavaScript()).toEqual(toStruct(result).toJavaScript());
  });

  it("refuses what a Struct cannot hold", () => {
    expect(() => encodeStruct({ n: BigInt(1) })).toThrow(/A bigint cannot be sent in a google.protobuf.Struct/);
  });
});
