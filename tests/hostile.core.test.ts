// The core client against answers that are not the API's, or that try to trick it: each one a clear sentence,
// no retry where a retry cannot help, nothing sent that should not be (IAM's answer in a path, keys through a
// redirect), proxies blamed by name.
import { ApiError, ValidationError, clearProjectIdCache, getScheduledTasks } from "../provider/core";
import { DEMO_PROJECT_ID, Emulator, startEmulator } from "../provider/emulator";
import { emulatorEnv } from "./helpers/runCli";
import { TestProxy, closedPort, startProxy } from "./helpers/proxy";

const INSTANCE = "inst-hostile-01";
let emu: Emulator;
let hostileIam: Emulator;

/** The demo credentials and the emulator as both endpoints (tests/helpers/runCli), plus `extra`. */
const env = (extra: Record<string, string> = {}) => emulatorEnv(emu, extra);
const withProject = { instanceId: INSTANCE, projectId: DEMO_PROJECT_ID };
const failureOf = (p: Promise<unknown>): Promise<ApiError> => p.then(
  () => {
    throw new Error("expected the call to fail");
  },
  (e: ApiError) => e,
);

beforeAll(async () => {
  emu = await startEmulator();
  hostileIam = await startEmulator({ projects: [{ id: "../../admin?x=", name: "cn-north-4" }] });
});
afterAll(async () => {
  await emu.close();
  await hostileIam.close();
});
beforeEach(() => {
  for (const e of [emu, hostileIam]) {
    e.resetRequests();
    e.clearFaults();
  }
  clearProjectIdCache();
  emu.setTasks(INSTANCE, [{ id: "a", status: "EXECUTING" }]);
});

describe("IAM's answer", () => {
  it("refuses a project ID that breaks the project-ID rule, and never puts it in a path", async () => {
    const e = await failureOf(getScheduledTasks({ instanceId: INSTANCE }, { env: env({ HW_IAM_ENDPOINT: hostileIam.url, HW_DMS_ENDPOINT: hostileIam.url }) }));
    expect(e).toBeInstanceOf(ApiError);
    expect(e.message).toBe(
      'IAM answered a project ID for "cn-north-4" that is not a valid project ID: it must be 1 to 64 letters, digits, "-" or "_" ' +
        '(no "/", "..", "%", spaces or control characters); got "../../admin?x=". Nothing was sent with it; set projectId ' +
        "(or HW_PROJECT_ID) explicitly, and check HW_IAM_ENDPOINT.",
    );
    expect(hostileIam.requests.map((r) => r.target)).toEqual(["iam"]);
    // Not remembered either: the next call asks again (and fails again).
    await failureOf(getScheduledTasks({ instanceId: INSTANCE }, { env: env({ HW_IAM_ENDPOINT: hostileIam.url, HW_DMS_ENDPOINT: hostileIam.url }) }));
    expect(hostileIam.requests.map((r) => r.target)).toEqual(["iam", "iam"]);
  });
});

describe("a body that is not JSON", () => {
  it("an HTML page with 200 is called what it is, once, not retried", async () => {
    emu.injectFaults({ kind: "html", title: "Hotel WiFi – please log in" });
    const e = await failureOf(getScheduledTasks(withProject, { env: env() }));
    expect(e.message).toBe(
      `The DMS API at ${emu.url} answered HTTP 200 with an HTML page (title "Hotel WiFi – please log in"), not JSON — a proxy or captive portal? ` +
        "(a proxy, a captive portal or a login page answered instead of the API; check the endpoint, the network and the proxy settings).",
    );
    expect(e).toMatchObject({ status: 200, errorCode: "EHTML", attempts: 1 });
    expect(emu.requests).toHaveLength(1);
  });

  it("an HTML error page (a proxy's 502) names the page instead of an empty API error", async () => {
    emu.injectFaults({ kind: "html", status: 502, title: "Bad Gateway" }, { kind: "html", status: 502, title: "Bad Gateway" });
    const e = await failureOf(getScheduledTasks(withProject, { env: env(), retry: { limit: 1, baseDelayMs: 1 } }));
    expect(e.message).toMatch(/^The DMS API answered HTTP 502 with an HTML page \(title "Bad Gateway"\)/);
    expect(e.attempts).toBe(2); // a 502 is worth a retry, whatever its body
  });

  it("a cut-off JSON body is still retried (it may come whole next time)", async () => {
    emu.injectFaults({ kind: "truncate" });
    const r = await getScheduledTasks(withProject, { env: env(), retry: { baseDelayMs: 1 } });
    expect(r.jobs.map((j) => j.id)).toEqual(["a"]);
    expect(emu.requests).toHaveLength(2);
  });
});

describe("redirects", () => {
  it("are not followed; the message names the Location (credentials in it hidden)", async () => {
    emu.injectFaults({ kind: "redirect", status: 301, location: "https://user:pw@elsewhere.example.com/v2/p/instances" });
    const e = await failureOf(getScheduledTasks(withProject, { env: env() }));
    expect(e.message).toBe(
      `The DMS API at ${emu.url} answered HTTP 301 redirecting to "https://…@elsewhere.example.com/v2/p/instances"; set the endpoint ` +
        "to the address the service really answers at; the client does not follow redirects, which would send a signed request elsewhere.",
    );
    expect(e).toMatchObject({ status: 301, errorCode: "EREDIRECT", attempts: 1 });
    expect(emu.requests).toHaveLength(1);
  });

  it("neutralises control characters in a Location (C1 controls are all a header can carry)", async () => {
    emu.injectFaults({ kind: "redirect", location: "https://evil.example/\u009b2J\u0085x" });
    const e = await failureOf(getScheduledTasks(withProject, { env: env() }));
    expect(e.message).toContain('redirecting to "https://evil.example/?2J?x"');
  });
});

describe("Retry-After", () => {
  it("beyond the client's cap: fails at once and says so", async () => {
    emu.injectFaults({ kind: "status", status: 429, retryAfter: 3600 });
    const started = Date.now();
    const e = await failureOf(getScheduledTasks(withProject, { env: env() }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(e.message).toMatch(/^The DMS API answered HTTP 429 APIGW\.0308 /);
    expect(e.message).toMatch(/It asked to be retried after 3600 s \(Retry-After\), longer than the client waits \(at most 60 s\); try again later\.$/);
    expect(e).toMatchObject({ status: 429, attempts: 1 });
  });

  it("beyond the call's deadline: fails at once and says so", async () => {
    emu.injectFaults({ kind: "status", status: 503, retryAfter: 30 });
    const started = Date.now();
    const e = await failureOf(getScheduledTasks(withProject, { env: env(), deadlineMs: 5000 }));
    expect(Date.now() - started).toBeLessThan(4000);
    expect(e.message).toMatch(/It asked to be retried after 30 s \(Retry-After\), beyond the call's deadline \(\d+(\.\d)? s left\); try again later or allow a longer deadline\.$/);
    expect(emu.requests).toHaveLength(1);
  });

  it("within both: waits as asked, then succeeds", async () => {
    emu.injectFaults({ kind: "status", status: 429, retryAfter: 1 });
    const started = Date.now();
    const r = await getScheduledTasks(withProject, { env: env() });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(r.hasExecuting).toBe(true);
  });
});

describe("proxies (HTTP_PROXY, HTTPS_PROXY, NO_PROXY from the call's environment)", () => {
  let proxy: TestProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  it("go through the proxy named for the endpoint's scheme, with its credentials", async () => {
    proxy = await startProxy({ credentials: "alice:s3cret-pw" });
    const r = await getScheduledTasks(withProject, { env: env({ http_proxy: `http://alice:s3cret-pw@127.0.0.1:${proxy.port}` }) });
    expect(r.jobs).toHaveLength(1);
    expect(proxy.seen).toHaveLength(1);
    expect(proxy.seen[0]).toMatchObject({ method: "GET", answered: 200, proxyAuthorization: `Basic ${Buffer.from("alice:s3cret-pw").toString("base64")}` });
    expect(proxy.seen[0].target).toBe(`${emu.url}/v2/${DEMO_PROJECT_ID}/instances/${INSTANCE}/scheduled-tasks?limit=100&start=0`);
  });

  it("NO_PROXY reaches listed hosts directly", async () => {
    proxy = await startProxy();
    await getScheduledTasks(withProject, { env: env({ HTTP_PROXY: proxy.url, NO_PROXY: "example.com, 127.0.0.1" }) });
    expect(proxy.seen).toHaveLength(0);
    expect(emu.requests).toHaveLength(1);
  });

  it("a proxy's 407 is blamed on the proxy, by variable, without its password", async () => {
    proxy = await startProxy({ credentials: "alice:right" });
    const e = await failureOf(getScheduledTasks(withProject, { env: env({ HTTP_PROXY: `http://alice:wrong-pw@127.0.0.1:${proxy.port}` }) }));
    expect(e.message).toBe(
      `The proxy at http://127.0.0.1:${proxy.port} (from HTTP_PROXY) refused the request with HTTP 407 Proxy Authentication Required; ` +
        "put the proxy's user and password in HTTP_PROXY (http://USER:PASSWORD@host:port), or list the DMS API's host in NO_PROXY.",
    );
    expect(e).toMatchObject({ status: 407, errorCode: "EPROXYAUTH", attempts: 1 });
    expect(emu.requests).toHaveLength(0);
  });

  it("a 407 on an HTTPS tunnel (CONNECT) is blamed on the proxy too", async () => {
    proxy = await startProxy({ credentials: "alice:right" });
    const e = await failureOf(
      getScheduledTasks(withProject, { env: env({ HW_DMS_ENDPOINT: "https://dms.cn-north-4.example.com", HTTPS_PROXY: proxy.url }) }),
    );
    expect(e.message).toMatch(new RegExp(`^The proxy at http://127\\.0\\.0\\.1:${proxy.port} \\(from HTTPS_PROXY\\) refused the request with HTTP 407`));
    expect(proxy.seen).toEqual([expect.objectContaining({ method: "CONNECT", target: "dms.cn-north-4.example.com:443", answered: 407 })]);
  });

  it("an unreachable proxy is blamed on the proxy, not on the API", async () => {
    const port = await closedPort();
    const e = await failureOf(getScheduledTasks(withProject, { env: env({ HTTP_PROXY: `http://bob:pw-123456@127.0.0.1:${port}` }), retry: { limit: 1, baseDelayMs: 1 } }));
    expect(e.message).toMatch(
      new RegExp(`^Could not reach the proxy at http://127\\.0\\.0\\.1:${port} \\(from HTTP_PROXY\\) on the way to the DMS API: .*ECONNREFUSED.*; check HTTP_PROXY \\(or list the DMS API's host in NO_PROXY to connect directly\\)\\.`),
    );
    expect(e.message).not.toContain("pw-123456");
    expect(e).toMatchObject({ errorCode: "ECONNREFUSED", attempts: 2 });
  });

  it("a malformed proxy variable is a ValidationError naming it, before any request", async () => {
    for (const [variable, value] of [
      ["HTTP_PROXY", "http://proxy.example.com:99999"],
      ["http_proxy", "socks5://proxy.example.com:1080"],
      ["ALL_PROXY", "http://user:topsecret@proxy.example.com:3128/some/path"],
    ]) {
      const e = await getScheduledTasks(withProject, { env: env({ [variable]: value }) }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).field).toBe(variable);
      expect((e as Error).message).toMatch(new RegExp(`^The environment variable ${variable} must be the URL of an HTTP\\(S\\) proxy`));
      expect((e as Error).message).not.toContain("topsecret");
    }
    expect(emu.requests).toHaveLength(0);
  });

  it("a proxy variable for the other scheme is not read", async () => {
    const r = await getScheduledTasks(withProject, { env: env({ HTTPS_PROXY: "::not a url::" }) });
    expect(r.jobs).toHaveLength(1);
  });
});

describe("a plain-HTTP endpoint", () => {
  it("off this machine: warns once per process that the signature and token travel in clear", async () => {
    const proxy = await startProxy({ upstream: emu.url }); // lets a non-loopback host name reach the emulator
    try {
      const warnings: string[] = [];
      const options = { env: env({ HW_DMS_ENDPOINT: "http://dms.intranet.example:8080", HTTP_PROXY: proxy.url }), onWarning: (m: string) => warnings.push(m) };
      await getScheduledTasks(withProject, options);
      await getScheduledTasks(withProject, options);
      expect(warnings).toEqual([
        "The DMS API endpoint http://dms.intranet.example:8080 is plain HTTP: every request's signature, access key ID and security " +
          "token (of temporary credentials) travel unencrypted and can be read or replayed on the way; use https://.",
      ]);
      expect(proxy.seen).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it("on loopback (the emulator): no warning, nothing leaves the machine", async () => {
    const warnings: string[] = [];
    await getScheduledTasks(withProject, { env: env(), onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([]);
  });
});
