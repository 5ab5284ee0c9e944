// The guard itself: a connection to the link-local range is refused in this process and kills a spawned one.
import { connect } from "net";
import { spawnSync } from "child_process";
import { guardEnv } from "./helpers/runCli";

test("in the test process, a link-local connection throws before any packet leaves, and is recorded", () => {
  const contacts = (globalThis as { __linkLocalContacts?: string[] }).__linkLocalContacts!;
  expect(() => connect(80, "169.254.169.254")).toThrow(/test guard: a connection to 169\.254\.169\.254/);
  expect(contacts.splice(0)).toEqual(["169.254.169.254"]); // taken back, so this file's own check passes
});

test("in a spawned process, it exits 97", () => {
  const r = spawnSync(process.execPath, ["-e", 'require("net").connect(80, "169.254.169.254")'], {
    env: { PATH: process.env.PATH, ...guardEnv({}) },
    encoding: "utf8",
  });
  expect(r.status).toBe(97);
  expect(r.stderr).toMatch(/test guard/);
});
