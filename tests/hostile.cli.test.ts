// hwdms against hostile answers and risky settings, as a user runs it: a real process against the emulator.
import { DEMO_PROJECT_ID, Emulator, startEmulator } from "../provider/emulator";
import { startProxy } from "./helpers/proxy";
import { emulatorEnv, runCli } from "./helpers/runCli";

const INSTANCE = "inst-cli-hostile";
let emu: Emulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.clearFaults();
  emu.resetRequests();
  emu.setTasks(INSTANCE, [{ id: "t1", name: "reassign", status: "SUCCESS" }]);
});

const list = (extra: string[], env: Record<string, string | undefined> = {}) =>
  runCli(["scheduled-tasks", "list", "--instance-id", INSTANCE, "--project-id", DEMO_PROJECT_ID, ...extra], emulatorEnv(emu, env));

describe("table output", () => {
  it("neutralises control and bidi characters the API sends (U+202E, U+2028, ESC, C1)", async () => {
    emu.setTasks(INSTANCE, [
      { id: "t\u202E1", name: "rest\u2028art\u001b[31m", status: "EXECUTING", user_name: "ev\u0085il\u2066", schedule_at: "2024\u200F" },
      { id: "t2", name: "ok", status: "WEIRD\u001b]0;pwned\u0007" },
    ]);
    const run = await list([]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f]/);
    expect(run.stdout).toContain("t?1");
    expect(run.stdout).toContain("rest?art?[31m");
    expect(run.stdout).toContain("ev?il?");
    expect(run.stdout).toContain("WEIRD?]0;pwned? 1"); // the summary's status counts too
  });
});

describe("--output json", () => {
  it("prints the same value with control and bidi characters escaped, so a terminal shows them inert", async () => {
    const name = "rest\u202Eart\u2028x\u0085\u001b[2J";
    emu.setTasks(INSTANCE, [{ id: "t1", name, status: "SUCCESS" }]);
    const run = await list(["--output", "json"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e]/);
    expect(run.stdout).toContain('"name": "rest\\u202eart\\u2028x\\u0085\\u001b[2J"');
    expect(JSON.parse(run.stdout).jobs[0].name).toBe(name);
  });
});

describe("--request-timeout", () => {
  it("accepts fractions of a second: 1.5 s per attempt", async () => {
    emu.injectFaults({ kind: "hang" });
    const run = await list(["--request-timeout", "1.5", "--retries", "0"]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`error: The DMS API at ${emu.url} did not answer within 1.5 s.`);
    expect(run.ms).toBeLessThan(10_000);
  });

  it("refuses what is not a number, naming the flag and the rule", async () => {
    const run = await list(["--request-timeout", "1.5s"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: --request-timeout must be a number of seconds from 1 to 3600; got "1.5s".\n');
    expect(emu.requests).toHaveLength(0);
  });
});

describe("proxy settings", () => {
  it("a malformed HTTPS_PROXY is exit 2, one sentence, nothing sent", async () => {
    const run = await list([], { HW_DMS_ENDPOINT: "https://dms.cn-north-4.myhuaweicloud.com", HTTPS_PROXY: "http://proxy.corp:3128:3128" });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: The environment variable HTTPS_PROXY must be the URL of an HTTP\(S\) proxy, such as "http:\/\/proxy\.example\.com:3128" \(nothing after the port\); got "http:\/\/proxy\.corp:3128:3128"\./);
    const http = await list([], { HTTP_PROXY: "not a url" });
    expect(http.code).toBe(2);
    expect(emu.requests).toHaveLength(0);
  });

  it("a proxy's 407 is exit 3 and blames the proxy", async () => {
    const proxy = await startProxy({ credentials: "u:p" });
    try {
      const run = await list([], { HTTP_PROXY: proxy.url });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(`error: The proxy at ${proxy.url} (from HTTP_PROXY) refused the request with HTTP 407 Proxy Authentication Required;`);
    } finally {
      await proxy.close();
    }
  });
});

describe("answers that are not the API's", () => {
  it("an HTML page with 200 is exit 3 and called what it is", async () => {
    emu.injectFaults({ kind: "html", title: "Sign in to the guest network" });
    const run = await list([]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('answered HTTP 200 with an HTML page (title "Sign in to the guest network"), not JSON — a proxy or captive portal?');
    expect(emu.requests).toHaveLength(1);
  });

  it("a redirect is exit 3 and names its Location", async () => {
    emu.injectFaults({ kind: "redirect", location: "https://login.example.com/portal" });
    const run = await list([]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('answered HTTP 302 redirecting to "https://login.example.com/portal"');
  });
});

describe("settings that expose credentials: one warning each", () => {
  it("NODE_DEBUG=http (in any comma list) warns once on stderr", async () => {
    for (const value of ["http", "fs,https", "NET", "tls,module"]) {
      const run = await list(["--output", "json"], { NODE_DEBUG: value });
      expect(run.code).toBe(0);
      const warnings = run.stderr.split("\n").filter((l) => l.startsWith("warning: NODE_DEBUG="));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain("including Authorization and X-Security-Token, to stderr");
    }
    const quiet = await list(["--output", "json"], { NODE_DEBUG: "fs" });
    expect(quiet.stderr).not.toContain("warning: NODE_DEBUG");
  });

  it("a plain-HTTP endpoint off this machine warns once, however many pages", async () => {
    emu.generateTasks(INSTANCE, 250);
    const proxy = await startProxy({ upstream: emu.url });
    try {
      const run = await list(["--output", "json"], { HW_DMS_ENDPOINT: "http://dms.lan.example", HTTP_PROXY: proxy.url });
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout).jobs).toHaveLength(250);
      expect(proxy.seen.length).toBeGreaterThanOrEqual(3);
      expect(run.stderr.split("\n").filter((l) => l.includes("is plain HTTP"))).toEqual([
        "warning: The DMS API endpoint http://dms.lan.example is plain HTTP: every request's signature, access key ID and security token (of temporary credentials) travel unencrypted and can be read or replayed on the way; use https://.",
      ]);
    } finally {
      await proxy.close();
    }
  });
});
