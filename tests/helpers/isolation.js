// Test isolation, preloaded into the test process (jest setupFiles) and every process the tests spawn
// (NODE_OPTIONS, with HWDMS_TEST_GUARD=exit):
// - a connection to the link-local range (169.254.0.0/16, where the real ECS metadata service lives) is refused
//   and recorded before any packet leaves (a spawned process exits 97); tests point HW_METADATA_ENDPOINT at the
//   emulator, or set it to "off";
// - HOME is an empty directory, so no test reads the developer's own KooCLI profile (~/.hcloud/config.json).
"use strict";
const fs = require("fs");
const net = require("net");
const os = require("os");
const path = require("path");

const EMPTY_HOME = path.join(os.tmpdir(), "hwdms-tests-empty-home");
fs.mkdirSync(EMPTY_HOME, { recursive: true });
// In a spawned process a test may give its own HOME; the test process always gets the empty one.
if (process.env.HWDMS_TEST_GUARD !== "exit" || !process.env.HOME) process.env.HOME = EMPTY_HOME;

const LINK_LOCAL = /^169\.254\.\d{1,3}\.\d{1,3}$/;
const contacts = (globalThis.__linkLocalContacts ??= []);

function hostOf(args) {
  const first = args[0];
  if (Array.isArray(first)) return first[0] && first[0].host;
  if (first && typeof first === "object") return first.host;
  return typeof args[1] === "string" ? args[1] : undefined;
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const host = hostOf(args);
  if (typeof host === "string" && LINK_LOCAL.test(host)) {
    contacts.push(host);
    const message = `test guard: a connection to ${host} (link-local, the ECS metadata address) was attempted; set HW_METADATA_ENDPOINT to the emulator or "off".`;
    if (process.env.HWDMS_TEST_GUARD === "exit") {
      process.stderr.write(message + "\n");
      process.exit(97);
    }
    throw Object.assign(new Error(message), { code: "ETESTGUARD" });
  }
  return connect.apply(this, args);
};
