// Walks the key sources in order and takes the first that gives keys. When none does: one sentence naming every
// source tried, in order, with why each gave nothing.
import { ValidationError } from "../errors";
import type { CredentialProvider, KeySource } from "./types";

export async function firstCredentials(sources: readonly KeySource[]): Promise<CredentialProvider> {
  const tried: string[] = [];
  for (const source of sources) {
    const found = await source.find();
    if ("provider" in found) return found.provider;
    tried.push(`${source.name}: ${found.none}`);
  }
  throw new ValidationError(
    "accessKey",
    `No credentials found; tried, in order: ${tried.join("; ")}. Set huaweicloud-dms:accessKey and huaweicloud-dms:secretKey (as secrets), HW_ACCESS_KEY and HW_SECRET_KEY, or a KooCLI profile.`,
  );
}
