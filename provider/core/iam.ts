// Project ID from region through IAM, as the official SDK and the Terraform provider do; cached per process.
import { createHash } from "crypto";
import * as t from "io-ts";
import { ResourceId, violations } from "./codecs";
import { ApiError } from "./errors";
import { printable } from "./text";
import { IamProjects, decodeResponse } from "./response";
import { TransportOptions, sendSigned } from "./transport";

/** Project IDs found, per (IAM endpoint, region, access-key hash). Only answers are kept: a lookup in flight
 * belongs to its caller (its cancellation and deadline), so concurrent first calls may each ask once. */
const cache = new Map<string, string>();

/** Looks up the project named after the region; remembered per (IAM endpoint, region, access key) per process. */
export async function lookupProjectId(iamEndpoint: string, region: string, transport: TransportOptions): Promise<string> {
  const akHash = createHash("sha256").update(transport.credentials.accessKey).digest("hex");
  const key = `${iamEndpoint}\n${region}\n${akHash}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const found = await fetchProjectId(iamEndpoint, region, transport);
  cache.set(key, found);
  return found;
}

async function fetchProjectId(iamEndpoint: string, region: string, transport: TransportOptions): Promise<string> {
  const service = "IAM API";
  const res = await sendSigned({ service, baseUrl: iamEndpoint, path: "/v3/projects", query: { name: region } }, transport);
  const { projects } = decodeResponse(IamProjects, res.body, service);
  const match = projects.find((p) => p.name === region);
  if (!match) {
    throw new ApiError(
      `IAM knows no project named "${region}" for this access key; set the project ID explicitly (the projectId input or setting, --project-id, or HW_PROJECT_ID).`,
      { status: res.status, errorCode: "ENOPROJECT", hint: "set the project ID explicitly" },
    );
  }
  // IAM's answer goes into the request path: it meets the same rule as a project ID the user types, so a
  // hostile or broken answer (`../../admin?x=`) is refused here, never sent.
  const [problem] = violations(t.type({ projectId: ResourceId }), { projectId: match.id }, "input");
  if (problem) {
    const rule = printable(`it ${problem.rule}${problem.got !== undefined ? `; got ${problem.got}` : ""}.`);
    throw new ApiError(
      `IAM answered a project ID for "${region}" that is not a valid project ID: ${rule} Nothing was sent with it; ` +
        `set projectId (or HW_PROJECT_ID) explicitly, and check HW_IAM_ENDPOINT.`,
      { status: res.status, errorCode: "EMALFORMED", errorMsg: "projects[].id", hint: "set the project ID explicitly" },
    );
  }
  return match.id;
}

/** Forgets every cached project ID (tests; a long-lived process after credentials change). */
export function clearProjectIdCache(): void {
  cache.clear();
}
