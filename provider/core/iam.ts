// Project ID from region through IAM, as the official SDK and the Terraform provider do; cached per process.
import { createHash } from "crypto";
import { ApiError } from "./errors";
import { IamProjects, decodeResponse } from "./response";
import { TransportOptions, sendSigned } from "./transport";

const cache = new Map<string, Promise<string>>();

/** Looks up the project named after the region; one request per (IAM endpoint, region, access key) per process. */
export function lookupProjectId(iamEndpoint: string, region: string, transport: TransportOptions): Promise<string> {
  const akHash = createHash("sha256").update(transport.credentials.accessKey).digest("hex");
  const key = `${iamEndpoint}\n${region}\n${akHash}`;
  let found = cache.get(key);
  if (!found) {
    found = fetchProjectId(iamEndpoint, region, transport);
    cache.set(key, found);
    found.catch(() => cache.delete(key)); // a failure is not remembered
  }
  return found;
}

async function fetchProjectId(iamEndpoint: string, region: string, transport: TransportOptions): Promise<string> {
  const service = "IAM API";
  const res = await sendSigned({ service, baseUrl: iamEndpoint, path: "/v3/projects", query: { name: region } }, transport);
  const { projects } = decodeResponse(IamProjects, res.body, service);
  const match = projects.find((p) => p.name === region);
  if (!match) {
    throw new ApiError(
      `IAM knows no project named "${region}" for this access key; set projectId (or HW_PROJECT_ID) explicitly.`,
      { status: res.status, errorCode: "ENOPROJECT", hint: "set the project ID explicitly" },
    );
  }
  return match.id;
}

/** Forgets every cached project ID (tests; a long-lived process after credentials change). */
export function clearProjectIdCache(): void {
  cache.clear();
}
