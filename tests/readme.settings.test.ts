// README's configuration table is true: one row per setting of the table, with every variable, its CLI flag,
// and "(secret)" exactly for the secrets.
import * as fs from "fs";
import * as path from "path";
import { SETTINGS, SettingEntry } from "../provider/core";

const readme = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
const table = readme.slice(readme.indexOf("| config key | environment | CLI flag | what |"));
const rows = table.slice(0, table.indexOf("\n\n")).split("\n").slice(2);

test.each(Object.entries(SETTINGS as Record<string, SettingEntry>))("README lists %s with its variables, flag and secrecy", (key, e) => {
  const row = e.config === false ? rows.find((r) => e.env.every((v) => r.includes(`\`${v}\``)) && r.startsWith("| (environment only)")) : rows.find((r) => r.startsWith(`| \`${key}\``));
  expect(row).toBeDefined();
  const [, keyCell, envCell, flagCell] = row!.split("|").map((c) => c.trim());
  expect(envCell.match(/`[A-Z_]+`/g) ?? []).toEqual(e.env.map((v) => `\`${v}\``));
  expect(flagCell.trim()).toBe(e.flag ? `\`${e.flag}\`` : "");
  expect(keyCell.includes("(secret)")).toBe(e.secret === true);
});
