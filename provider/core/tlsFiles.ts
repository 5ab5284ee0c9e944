// The CA bundle a user names (`cacertFile`, HW_CACERT_FILE, OS_CACERT): PEM certificates trusted in addition to
// Node's roots. Read when the configuration is resolved, so a bad path fails before any request.
import { readFileSync } from "fs";
import { nameIn, type Named } from "./credentials/types";
import { ValidationError, type Wording } from "./errors";

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The PEM certificates of the file (only those); a ValidationError naming the file and who named it otherwise. */
export function readCaBundle(path: string, namedBy: Named, read: (p: string) => string = (p) => readFileSync(p, "utf8")): string {
  const from = (w: Wording): string => `The CA bundle ${path} (from ${nameIn(namedBy, w)})`;
  let text: string;
  try {
    text = read(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "does not exist" : code === "EACCES" ? "cannot be read (permission denied)" : `cannot be read (${code ?? "error"})`;
    throw new ValidationError("cacertFile", (w) => `${from(w)} ${why}.`);
  }
  const certs = text.match(PEM_CERTIFICATE);
  if (!certs) {
    throw new ValidationError("cacertFile", (w) => `${from(w)} holds no PEM certificate ("-----BEGIN CERTIFICATE-----").`);
  }
  return certs.join("\n") + "\n";
}

let warned = false;
/** The one warning `insecure` earns per process. */
export function warnInsecureOnce(warn: ((message: string) => void) | undefined, namedBy: string): void {
  if (warned || !warn) return;
  warned = true;
  warn(`${namedBy} is set: HTTPS certificates are not verified, so anyone on the network path can read and change the traffic; use a CA bundle (cacertFile) instead.`);
}
