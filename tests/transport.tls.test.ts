// HTTPS as users meet it: a server certificate from a private CA (trusted through a CA bundle, refused without
// it, accepted unverified with `insecure`), and HTTPS_PROXY tunnelling through a CONNECT proxy.
import { DEFAULT_RETRY } from "../provider/core/retry";
import { sendSigned, type TransportOptions } from "../provider/core/transport";
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from "../provider/emulator";
import { startProxy, type TestProxy } from "./helpers/proxy";
import { makeTestPki, type TestPki } from "./helpers/tls";

let pki: TestPki;
let emu: Emulator;
beforeAll(async () => {
  pki = makeTestPki();
  emu = await startEmulator({ tls: { key: pki.key, cert: pki.cert } });
});
afterAll(() => emu.close());

const options = (tls?: TransportOptions["tls"]): TransportOptions => ({
  credentials: DEMO_CREDENTIALS,
  timeoutMs: 5_000,
  deadline: Date.now() + 10_000,
  retry: { ...DEFAULT_RETRY, limit: 0 },
  maxResponseBytes: 1 << 20,
  ...(tls ? { tls } : {}),
});
const projects = (tls?: TransportOptions["tls"]) =>
  sendSigned({ service: "IAM API", baseUrl: emu.url, path: "/v3/projects", query: { name: "cn-north-4" } }, options(tls));

test("the emulator serves HTTPS on 127.0.0.1", () => {
  expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
});

test("a private CA's certificate is refused with Node's roots alone, accepted with the CA bundle added", async () => {
  await expect(projects()).rejects.toThrow(/Could not reach the IAM API at https:\/\/127\.0\.0\.1:\d+: .*(self-signed|unable to verify|certificate)/);
  await expect(projects({ ca: pki.caCert })).resolves.toMatchObject({ status: 200 });
});

test("insecure skips verification", async () => {
  await expect(projects({ insecure: true })).resolves.toMatchObject({ status: 200 });
});

describe("HTTPS_PROXY", () => {
  let proxy: TestProxy;
  const saved = { HTTPS_PROXY: process.env.HTTPS_PROXY, NO_PROXY: process.env.NO_PROXY, https_proxy: process.env.https_proxy, no_proxy: process.env.no_proxy };
  beforeAll(async () => {
    proxy = await startProxy();
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await proxy.close();
  });

  test("requests tunnel through the proxy (CONNECT), TLS end to end with the CA bundle; NO_PROXY bypasses it", async () => {
    delete process.env.https_proxy;
    delete process.env.no_proxy;
    process.env.HTTPS_PROXY = proxy.url;
    process.env.NO_PROXY = "";
    await expect(projects({ ca: pki.caCert })).resolves.toMatchObject({ status: 200 });
    expect(proxy.seen.map((r) => [r.method, r.target])).toEqual([["CONNECT", `127.0.0.1:${emu.port}`]]);
    process.env.NO_PROXY = "127.0.0.1";
    await expect(projects({ ca: pki.caCert })).resolves.toMatchObject({ status: 200 });
    expect(proxy.seen).toHaveLength(1);
  });
});
