// README.md as a reference users rely on: its unit-testing examples are the files jest runs, the
// configuration table covers every key the schema declares, compatibility matches package.json, the
// troubleshooting table names the codes the API (and the emulator) answer with, and no instruction installs
// the package from a registry that does not have it.
import * as fs from "fs";
import * as path from "path";
import { SETTINGS, SettingEntry } from "../provider/core";
import { ERRORS } from "../provider/emulator/responses";
import { readmeTypeScript } from "./helpers/readme";

const ROOT = path.join(__dirname, "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));

function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

test("the unit-testing examples in README are examples/unit-testing's files, verbatim", () => {
  const shown = readmeTypeScript(README).filter((s) => s.file);
  expect(shown.map((s) => s.file).sort()).toEqual(
    ["examples/unit-testing/emulator.test.ts", "examples/unit-testing/index.ts", "examples/unit-testing/mocks.test.ts"],
  );
  for (const s of shown) expect(s.code).toBe(fs.readFileSync(path.join(ROOT, s.file!), "utf8"));
});

test("every TypeScript snippet is a whole module (imports what it uses), so it type-checks on its own", () => {
  const snippets = readmeTypeScript(README).filter((s) => !s.file);
  expect(snippets.length).toBeGreaterThanOrEqual(5);
  for (const s of snippets) expect([s.name, /^import /m.test(s.code)]).toEqual([s.name, true]);
});

test("the configuration table: one row per setting of the table, with every variable, secrecy and CLI flag", () => {
  const table = section("Configuration");
  const rows = table.split("\n").filter((line) => /^\| (`\w+`|—) \|/.test(line));
  for (const [key, e] of Object.entries(SETTINGS as Record<string, SettingEntry>)) {
    const row = e.config === false ? rows.find((r) => r.startsWith("| — |") && e.env.every((v) => r.includes(`\`${v}\``))) : rows.find((r) => r.startsWith(`| \`${key}\` |`));
    expect([key, row !== undefined]).toEqual([key, true]);
    const cells = row!.split("|").map((c) => c.trim());
    expect([key, cells[2].match(/`[A-Z_]+`/g) ?? []]).toEqual([key, e.env.map((v) => `\`${v}\``)]);
    expect([key, cells[3]]).toEqual([key, e.secret ? "**yes**" : "no"]);
    expect([key, cells[6]]).toEqual([key, e.flag ? `\`${e.flag}\`` : ""]);
  }
  // Every config key of schema.json is a row.
  for (const key of Object.keys(schema.config.variables as Record<string, unknown>)) expect(rows.some((r) => r.startsWith(`| \`${key}\` |`))).toBe(true);
});

test("compatibility states package.json's Node.js and @pulumi/pulumi ranges", () => {
  const compat = README.slice(README.indexOf("### Compatibility"), README.indexOf("## Quick start"));
  expect(compat).toContain(`| \`@pulumi/pulumi\` | \`${manifest.dependencies["@pulumi/pulumi"]}\` |`);
  expect(compat).toContain(`| Node.js | ${manifest.engines.node.replace(">=", "")} or newer |`);
});

test("troubleshooting names the API's error codes (as the emulator answers them), clock skew, IAM, TLS and proxies", () => {
  const trouble = section("Troubleshooting");
  for (const e of [ERRORS.signature, ERRORS.noApi, ERRORS.throttled, ERRORS.noInstance, ERRORS.date]) expect(trouble).toContain(e.code);
  for (const words of ["clock", "IAM knows no project", "NODE_EXTRA_CA_CERTS", "HTTPS_PROXY", "NO_PROXY"]) expect(trouble).toContain(words);
});

test("the IAM permission section says what Huawei's documentation names", () => {
  const perms = section("Permissions (IAM)");
  expect(perms).toMatch(/names no identity-policy action/);
  expect(perms).toContain("dms:instance:listScheduledTasks");
});

test("no instruction installs the package from the registry (it is not published)", () => {
  const docs = [path.join(ROOT, "README.md")];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === "node_modules") continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(md|ya?ml|ts|json)$/.test(e.name)) docs.push(p);
    }
  };
  walk(path.join(ROOT, "examples"));
  // `npm install [flags] pulumi-huaweicloud-dms[@version]` — the name as a registry spec, not a path or tarball.
  const registryInstall = /npm (i|install|add)( +-[-\w=]+)* +pulumi-huaweicloud-dms(@[\w.^~-]+)?(?=[\s`'"]|$)/m;
  expect(registryInstall.test("npm i -g pulumi-huaweicloud-dms")).toBe(true);
  expect(registryInstall.test("npm install ./pulumi-huaweicloud-dms-0.1.0.tgz")).toBe(false);
  for (const doc of docs) expect([path.relative(ROOT, doc), registryInstall.exec(fs.readFileSync(doc, "utf8"))?.[0]]).toEqual([path.relative(ROOT, doc), undefined]);
  expect(README).toContain("npx hwdms");
});
