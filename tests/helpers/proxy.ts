// A small HTTP proxy on 127.0.0.1 for the tests: forwards absolute-URI requests (plain-HTTP targets) and tunnels
// CONNECT (HTTPS targets), optionally demanding Basic credentials (407 otherwise), optionally sending every
// request to one upstream whatever host it names (so a test can use a non-loopback host name).
import * as http from "http";
import * as net from "net";
import type { AddressInfo } from "net";

export interface ProxyOptions {
  /** "user:password" the proxy demands (Proxy-Authorization: Basic); absent = no authentication. */
  readonly credentials?: string;
  /** Send every request here (`http://127.0.0.1:PORT`) instead of to the host it names. */
  readonly upstream?: string;
}

export interface SeenRequest {
  readonly method: string;
  /** The request target as the proxy received it (an absolute URI, or host:port for CONNECT). */
  readonly target: string;
  readonly proxyAuthorization?: string;
  readonly answered: number;
}

export interface TestProxy {
  readonly url: string;
  readonly port: number;
  readonly seen: ReadonlyArray<SeenRequest>;
  close(): Promise<void>;
}

export async function startProxy(opts: ProxyOptions = {}): Promise<TestProxy> {
  const seen: SeenRequest[] = [];
  const sockets = new Set<net.Socket>();
  const expected = opts.credentials ? `Basic ${Buffer.from(opts.credentials).toString("base64")}` : undefined;
  const authorized = (h: http.IncomingHttpHeaders): boolean => !expected || h["proxy-authorization"] === expected;

  const server = http.createServer((req, res) => {
    const record = (answered: number): void => {
      seen.push({ method: req.method ?? "", target: req.url ?? "", proxyAuthorization: req.headers["proxy-authorization"], answered });
    };
    if (!authorized(req.headers)) {
      record(407);
      res.writeHead(407, { "Proxy-Authenticate": 'Basic realm="test"', "Content-Type": "text/html" });
      res.end("<html><head><title>407 Proxy Authentication Required</title></head></html>");
      return;
    }
    const target = new URL(req.url ?? "/");
    const to = opts.upstream ? new URL(opts.upstream) : target;
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    delete headers["proxy-connection"];
    const upstream = http.request(
      { host: to.hostname, port: to.port, method: req.method, path: target.pathname + target.search, headers },
      (up) => {
        record(up.statusCode ?? 0);
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on("error", () => {
      record(502);
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });

  server.on("connect", (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = req.url ?? "";
    if (!authorized(req.headers)) {
      seen.push({ method: "CONNECT", target, proxyAuthorization: req.headers["proxy-authorization"], answered: 407 });
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const [host, port] = opts.upstream ? [new URL(opts.upstream).hostname, new URL(opts.upstream).port] : target.split(":");
    const up = net.connect(Number(port), host, () => {
      seen.push({ method: "CONNECT", target, proxyAuthorization: req.headers["proxy-authorization"], answered: 200 });
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length) up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on("error", () => {
      seen.push({ method: "CONNECT", target, proxyAuthorization: req.headers["proxy-authorization"], answered: 502 });
      client.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
    });
    client.on("error", () => up.destroy());
    sockets.add(up);
    up.on("close", () => sockets.delete(up));
  });
  server.on("connection", (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
