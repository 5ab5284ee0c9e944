// Walks the key sources in order and takes the first that gives keys. When none does: one sentence naming every
// source tried, in order, with why each gave nothing, and how to set keys on the surface that words it.
import { ValidationError } from "../errors";
import { nameIn, type CredentialProvider, type KeySource } from "./types";

export async function firstCredentials(sources: readonly KeySource[]): Promise<CredentialProvider> {
  const tried: { name: KeySource["name"]; why: string }[] = [];
  for (const source of sources) {
    const found = await source.find();
    if ("provider" in found) return found.provider;
    tried.push({ name: source.name, why: found.none });
  }
  throw new ValidationError(
    "accessKey",
    (w) =>
      `No credentials found; tried, in order: ${tried.map((t) => `${nameIn(t.name, w)}: ${t.why}`).join("; ")}. ` +
      `Set ${w.howToSet("accessKey")}, and ${w.howToSet("secretKey")} (as secrets), or a KooCLI profile.`,
  );
}
