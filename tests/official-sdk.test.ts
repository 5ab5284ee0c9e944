// The official Huawei Cloud SDK is the oracle for the emulator's signature check: its requests pass,
// and the same request with one query value changed fails.
import * as http from "http";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { KafkaClient, ListScheduledTasksRequest } from "@huaweicloud/huaweicloud-sdk-kafka";
import { DEMO_CREDENTIALS, DEMO_PROJECT_ID, Emulator, startEmulator } from "../provider/emulator";
import { getScheduledTasks } from "../provider/core";

const INSTANCE = "3b1c5f6e-9d2a-4c7b-8e0f-2a6d4b8c1a77";
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator();
  emu.generateTasks(INSTANCE, 25);
});
afterAll(() => emu.close());

function officialClient(): KafkaClient {
  return KafkaClient.newBuilder()
    .withCredential(new BasicCredentials().withAk(DEMO_CREDENTIALS.accessKey).withSk(DEMO_CREDENTIALS.secretKey).withProjectId(DEMO_PROJECT_ID))
    .withEndpoint(emu.url)
    .build();
}

function replay(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${emu.url}${path}`, { method: "GET", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the emulator's signature check against the official SDK", () => {
  it("accepts listScheduledTasks from the official SDK, and the SDK reads the same tasks we do", async () => {
    emu.resetRequests();
    const res = await officialClient().listScheduledTasks(
      new ListScheduledTasksRequest().withInstanceId(INSTANCE).withStart("0").withLimit("10").withBeginTime("19700101000000"),
    );
    const [request] = emu.requests;
    expect(request.status).toBe(200);
    expect(request.query).toEqual({ start: "0", limit: "10", begin_time: "19700101000000" });
    expect(request.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=DEMOACCESSKEY0000000, SignedHeaders=[a-z;-]*x-sdk-date/);
    const jobs = (res as unknown as { jobs: Array<{ id: string }> }).jobs;
    expect(jobs).toHaveLength(10);

    const ours = await getScheduledTasks(
      { instanceId: INSTANCE, projectId: DEMO_PROJECT_ID, limit: 10, beginTime: "19700101000000" },
      { env: { HW_ACCESS_KEY: DEMO_CREDENTIALS.accessKey, HW_SECRET_KEY: DEMO_CREDENTIALS.secretKey, HW_DMS_ENDPOINT: emu.url } },
    );
    expect(ours.jobs.map((j) => j.id)).toEqual(jobs.map((j) => j.id));
  });

  it("rejects the same signed request with one query value changed (APIGW.0301)", async () => {
    emu.resetRequests();
    await officialClient().listScheduledTasks(new ListScheduledTasksRequest().withInstanceId(INSTANCE).withStart("0").withLimit("10"));
    const [signed] = emu.requests;
    expect(signed.status).toBe(200);
    const headers = { ...signed.headers };
    delete headers["content-length"];

    const same = await replay(signed.url, headers);
    expect(same.status).toBe(200);

    const tampered = await replay(signed.url.replace("limit=10", "limit=11"), headers);
    expect(tampered.status).toBe(401);
    expect(JSON.parse(tampered.body).error_code).toBe("APIGW.0301");
  });
});
