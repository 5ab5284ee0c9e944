// Case d of the end-to-end suite, shared by every case that deploys with credentials set through
// `pulumi config set --secret`: the sentinel values must appear nowhere the engine writes or prints.
import type { EmulatorKey } from "../../provider/emulator";
import type { Workspace } from "./harness";

/** Where each sentinel value turns up (file paths, "stack export", "CLI output"); empty when nowhere. */
export async function whereSecretsLeak(ws: Workspace, key: EmulatorKey): Promise<string[]> {
  const plain = [key.accessKey, key.secretKey, ...(key.securityToken ? [key.securityToken] : [])];
  // Plain, and base64-encoded as a value serialized into state would be.
  const sentinels = [...plain, ...plain.map((s) => Buffer.from(s).toString("base64").replace(/=+$/, ""))];
  const found: string[] = [];
  const files = ws.backendFiles();
  // The backend holds the checkpoint, its .bak backups and the update history: all of them must be clean.
  if (!files.some((f) => f.path.endsWith(".json") && f.path.includes("stacks"))) {
    throw new Error(`No stack checkpoint under ${ws.backendDir}: nothing was deployed.`);
  }
  for (const f of files) for (const s of sentinels) if (f.text.includes(s)) found.push(`backend file ${f.path}`);
  const exported = (await ws.ok(["stack", "export"])).stdout;
  for (const s of sentinels) if (exported.includes(s)) found.push("pulumi stack export");
  // After the export: everything printed so far, including the export itself.
  const printed = ws.printed();
  for (const s of sentinels) if (printed.includes(s)) found.push("CLI output");
  return [...new Set(found)];
}
