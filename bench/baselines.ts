// Baselines, written the way people page this API today, so that only the paging strategy differs from the
// core client: the same signer (signRequest), the same HTTP stack (axios with a keep-alive agent, as the
// official SDK's axios gets from Node ≥ 19's global agent), JSON.parse, snake_case → camelCase per task.
//   (a) a sequential loop of 100-task pages — what a user of the official SDK writes around listScheduledTasks;
//   (b) a sequential loop of 10-task pages — what the Huawei Terraform data sources do (stop when the number
//       fetched reaches the count the server reports, or on an empty page).
// Also the "raw" floor for the CPU bench: http.get + JSON.parse of the same bodies, pre-signed outside the
// measured window.
import axios, { AxiosInstance } from "axios";
import * as http from "http";
import { signRequest, toScheduledTask } from "../provider/core";
import type { ApiTask, ScheduledTask } from "../provider/core";
import { CREDENTIALS, PROJECT_ID } from "./emulatorProcess";

/** A baseline's task: the same output type and the same mapping as ours, so only the paging differs. */
export type Task = ScheduledTask;

function tasksPath(instanceId: string): string {
  return `/v2/${PROJECT_ID}/instances/${instanceId}/scheduled-tasks`;
}

/** The signed headers for one page request, exactly as the core transport builds them. */
export function signedPageHeaders(baseUrl: string, instanceId: string, start: number, limit: number): Record<string, string> {
  const host = new URL(baseUrl).host;
  return signRequest(
    {
      method: "GET",
      path: tasksPath(instanceId),
      query: { start: String(start), limit: String(limit) },
      headers: { "content-type": "application/json", host, "x-project-id": PROJECT_ID },
    },
    CREDENTIALS,
  );
}

export function pageUrl(baseUrl: string, instanceId: string, start: number, limit: number): string {
  return `${baseUrl}${tasksPath(instanceId)}?limit=${limit}&start=${start}`;
}

let shared: AxiosInstance | undefined;
function client(): AxiosInstance {
  shared ??= axios.create({ httpAgent: new http.Agent({ keepAlive: true }), responseType: "text", transformResponse: [(d: unknown) => d] });
  return shared;
}

/** Sequential paging: one signed request per page, next page only after the previous one is parsed. */
export async function listSequential(baseUrl: string, instanceId: string, pageSize: number): Promise<Task[]> {
  const all: Task[] = [];
  for (let start = 0; ; start += pageSize) {
    const res = await client().get<string>(pageUrl(baseUrl, instanceId, start, pageSize), {
      headers: signedPageHeaders(baseUrl, instanceId, start, pageSize),
    });
    const body = JSON.parse(res.data) as { job_count: string | number; jobs: ApiTask[] };
    for (const j of body.jobs) all.push(toScheduledTask(j));
    if (body.jobs.length === 0 || all.length >= Number(body.job_count)) return all;
  }
}

export interface PreparedRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** Signs every page request up front (signatures stay valid for 15 minutes), so the raw loop does no signing. */
export function prepareRawPages(baseUrl: string, instanceId: string, total: number, pageSize: number): PreparedRequest[] {
  const out: PreparedRequest[] = [];
  for (let start = 0; start < total; start += pageSize) {
    out.push({ url: pageUrl(baseUrl, instanceId, start, pageSize), headers: signedPageHeaders(baseUrl, instanceId, start, pageSize) });
  }
  return out;
}

const rawAgent = new http.Agent({ keepAlive: true });

function rawGet(req: PreparedRequest): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get(req.url, { headers: req.headers, agent: rawAgent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
          } catch (e) {
            reject(e);
          }
        });
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

/** rawGet, sent again at once when a kept-alive socket the server had already closed was reused (as the client
 * under test does): the floor must not fail on what the client survives. */
async function rawGetRetryingStale(req: PreparedRequest): Promise<unknown> {
  try {
    return await rawGet(req);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ECONNRESET") throw e;
    return rawGet(req);
  }
}

/** The floor: http.get + JSON.parse of each pre-signed page, `concurrency` in flight; returns the task count. */
export async function rawFetchAll(requests: readonly PreparedRequest[], concurrency: number): Promise<number> {
  let next = 0;
  let count = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const body = (await rawGetRetryingStale(requests[next++])) as { jobs: unknown[] };
      count += body.jobs.length;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return count;
}
