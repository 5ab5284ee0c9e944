// KooCLI (`hcloud`) profiles: `~/.hcloud/config.json`, `{"current": NAME, "profiles": [{"name", "mode", …}]}`.
// An "AKSK" profile gives keys (and region, project ID, token when present); an "ecsAgency" profile means the
// ECS metadata credentials. KooCLI encrypts the keys unless told not to: such a profile gets one sentence.
import { readFileSync } from "fs";
import { homedir } from "os";
import { join } from "path";
import * as t from "io-ts";
import { ValidationError, type Wording } from "../errors";
import type { Credentials } from "../signer";
import { nameIn, type Named } from "./types";

export const DEFAULT_PROFILE_FILE = join("~", ".hcloud", "config.json");
const ENCRYPTED_HINT = "run `hcloud configure set --cli-auth-encrypt=false` and configure the profile again, or use another source";

const optional = t.union([t.string, t.null, t.undefined]);
const ProfileEntry = t.intersection([
  t.type({ name: t.string }),
  t.partial({
    mode: optional,
    accessKeyId: optional,
    secretAccessKey: optional,
    securityToken: optional,
    region: optional,
    projectId: optional,
  }),
]);
const ProfileFile = t.intersection([t.type({ profiles: t.array(ProfileEntry) }), t.partial({ current: optional })]);

export interface ProfileRequest {
  /** The file; a leading `~` is the home directory. */
  readonly file: string;
  /** Which setting named the file (e.g. `HW_SHARED_CONFIG_FILE`); undefined for the default path. */
  readonly fileNamedBy?: Named;
  /** The profile; default the file's `current`. */
  readonly profile?: string;
  /** Which setting named the profile (e.g. `HW_PROFILE`). */
  readonly profileNamedBy?: Named;
}

export type ProfileResult =
  /** Nothing to read: the default file does not exist (`why` says so). */
  | { readonly kind: "none"; readonly why: string }
  | {
      readonly kind: "aksk";
      readonly name: string;
      readonly credentials: Credentials;
      readonly region?: string;
      readonly projectId?: string;
    }
  /** The keys are the instance's, from ECS metadata. */
  | { readonly kind: "ecsAgency"; readonly name: string; readonly region?: string; readonly projectId?: string };

export function expandHome(file: string, home: string = homedir()): string {
  return file === "~" ? home : file.startsWith("~/") || file.startsWith("~\\") ? join(home, file.slice(2)) : file;
}

const text = (v: string | null | undefined): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** A key as KooCLI writes it when it does not encrypt: printable ASCII without spaces. */
const PLAIN_KEY = /^[\x21-\x7e]{1,4096}$/;
/** An access key: letters and digits (an encrypted one is longer and carries other characters). */
const PLAIN_ACCESS_KEY = /^[A-Za-z0-9]{1,128}$/;

/**
 * Reads one profile. A default file that does not exist gives `none`; everything else that stops the profile
 * from giving credentials (a named file missing, bad JSON, no such profile, encrypted keys, a mode without keys)
 * is a ValidationError naming the file, the profile and the setting that named them — never a key.
 */
export function readProfile(req: ProfileRequest, read: (path: string) => string = (p) => readFileSync(p, "utf8")): ProfileResult {
  const path = expandHome(req.file);
  const fileField = "sharedConfigFile";
  const where = (w: Wording): string => `the KooCLI file ${path}${req.fileNamedBy ? ` (from ${nameIn(req.fileNamedBy, w)})` : ""}`;
  const fail = (field: string, sentence: (w: Wording) => string): never => {
    throw new ValidationError(field, sentence);
  };
  let raw: string;
  try {
    raw = read(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && !req.fileNamedBy) return { kind: "none", why: `no file at ${path}` };
    const reason = code === "ENOENT" ? "does not exist" : code === "EACCES" ? "cannot be read (permission denied)" : `cannot be read (${code ?? "error"})`;
    return fail(fileField, (w) => `${capital(where(w))} ${reason}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return fail(fileField, (w) => `${capital(where(w))} is not valid JSON.`);
  }
  if (!ProfileFile.is(json)) return fail(fileField, (w) => `${capital(where(w))} has no "profiles" list of named profiles.`);
  const wanted = req.profile ?? text(json.current);
  const field = "profile";
  if (wanted === undefined) return fail(field, (w) => `${capital(where(w))} names no current profile: set ${w.howToSet("profile")}.`);
  const entry = json.profiles.find((p) => p.name === wanted);
  if (!entry) {
    const names = json.profiles.map((p) => JSON.stringify(p.name)).join(", ") || "none";
    const by = (w: Wording): string => (req.profileNamedBy !== undefined ? ` (from ${nameIn(req.profileNamedBy, w)})` : " (its current profile)");
    return fail(field, (w) => `${capital(where(w))} has no profile "${wanted}"${by(w)}; its profiles are ${names}.`);
  }
  const named = (w: Wording): string => `profile "${wanted}" of ${where(w)}`;
  const region = text(entry.region);
  const projectId = text(entry.projectId);
  const mode = text(entry.mode) ?? "AKSK";
  if (mode === "ecsAgency") return { kind: "ecsAgency", name: wanted, ...(region ? { region } : {}), ...(projectId ? { projectId } : {}) };
  if (mode !== "AKSK") {
    return fail(field, (w) => `The ${named(w)} uses mode ${JSON.stringify(mode.slice(0, 20))}, which gives no keys this provider can use; use an AKSK or ecsAgency profile.`);
  }
  const accessKey = text(entry.accessKeyId);
  const secretKey = text(entry.secretAccessKey);
  const securityToken = text(entry.securityToken);
  if (accessKey === undefined || secretKey === undefined) {
    const has = accessKey === undefined && secretKey === undefined ? "no keys" : "only one of accessKeyId and secretAccessKey";
    return fail(field, (w) => `The ${named(w)} has ${has} (they may be encrypted): ${ENCRYPTED_HINT}.`);
  }
  if (!PLAIN_ACCESS_KEY.test(accessKey) || !PLAIN_KEY.test(secretKey) || (securityToken !== undefined && !PLAIN_KEY.test(securityToken))) {
    return fail(field, (w) => `The keys of the ${named(w)} are encrypted, which only KooCLI can read: ${ENCRYPTED_HINT}.`);
  }
  return {
    kind: "aksk",
    name: wanted,
    credentials: { accessKey, secretKey, ...(securityToken ? { securityToken } : {}) },
    ...(region ? { region } : {}),
    ...(projectId ? { projectId } : {}),
  };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
