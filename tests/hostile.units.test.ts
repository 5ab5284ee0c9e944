// The small rules behind the hostile-answer handling: what text reaches a terminal, which NODE_DEBUG values
// expose credentials, which proxy a URL goes through, how a wrapped error is redacted, which faults the
// emulator accepts.
import { ApiError, ValidationError } from "../provider/core";
import { redactError } from "../provider/core/errors";
import { exposingDebugModules, nodeDebugWarning } from "../provider/core/exposure";
import { proxyFor } from "../provider/core/proxy";
import * as fc from "fast-check";
import { printable, terminalSafeJson } from "../provider/core/text";
import { checkFault } from "../provider/emulator/faults";
import type { Fault } from "../provider/emulator";

describe("printable", () => {
  it("neutralises C0/C1 controls, line and paragraph separators, bidi and zero-width characters, lone surrogates", () => {
    const hostile = [
      "\u202E", // RIGHT-TO-LEFT OVERRIDE
      "\u202A\u202B\u202C\u202D", // embeddings and pop
      "\u2066\u2067\u2068\u2069", // isolates
      "\u200E\u200F\u061C", // marks
      "\u2028\u2029", // line / paragraph separator
      "\u001b\r\n\t\u0007\u007f", // C0 (ESC, CR, LF, TAB, BEL) and DEL
      "\u0085\u009b", // C1 (NEL, CSI)
      "\u200B\uFEFF\u2060", // zero-width
      "\uD800", // lone high surrogate
    ];
    for (const s of hostile) expect(printable(`a${s}b`)).toBe(`a${"?".repeat(s.length)}b`);
  });

  it("keeps ordinary text of any script, emoji included", () => {
    for (const s of ["kafkaRestart", "迁移分区", "Überprüfung", "تحديث", "🚀 deploy"]) expect(printable(s)).toBe(s);
    expect(printable(undefined)).toBe("-");
  });
});

describe("terminalSafeJson", () => {
  it("is the same JSON value, with nothing left that can rewrite or reorder a terminal", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: "binary", maxLength: 40 }), (v, s) => {
        for (const value of [v, { s, v }]) {
          const text = JSON.stringify(value, null, 2);
          const safe = terminalSafeJson(text);
          expect(JSON.parse(safe)).toEqual(JSON.parse(text));
          expect(printable(safe.replace(/\n/g, ""))).toBe(safe.replace(/\n/g, ""));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("NODE_DEBUG", () => {
  it("matches http, https, net, tls (and http2) the way Node does: comma lists, wildcards, any case", () => {
    expect(exposingDebugModules("http")).toEqual(["http"]);
    expect(exposingDebugModules("fs,HTTPS,module")).toEqual(["https"]);
    expect(exposingDebugModules("net,tls")).toEqual(["net", "tls"]);
    expect(exposingDebugModules("http*")).toEqual(["http", "https", "http2"]);
    expect(exposingDebugModules("*")).toEqual(["http", "https", "net", "tls", "http2"]);
    expect(exposingDebugModules("fs,module,esm")).toEqual([]);
    expect(exposingDebugModules("")).toEqual([]);
    expect(exposingDebugModules(undefined)).toEqual([]);
  });

  it("the warning names the headers it exposes and what to do", () => {
    expect(nodeDebugWarning("fs,http")).toBe(
      "NODE_DEBUG=fs,http makes Node print the headers of every request (http), including Authorization and X-Security-Token, " +
        "to stderr: those credentials end up in this output and any log that keeps it. Unset NODE_DEBUG (or drop http from it) " +
        "unless this output stays private.",
    );
    expect(nodeDebugWarning("fs")).toBeUndefined();
  });
});

describe("proxyFor", () => {
  const URL_HTTPS = "https://dms.cn-north-4.myhuaweicloud.com";
  it("picks the variable of the URL's scheme, lowercase first, then ALL_PROXY", () => {
    expect(proxyFor(URL_HTTPS, { HTTPS_PROXY: "http://p1:3128", https_proxy: "http://p2:3128" })?.shown).toBe("http://p2:3128");
    expect(proxyFor(URL_HTTPS, { HTTP_PROXY: "http://p1:3128" })).toBeUndefined();
    expect(proxyFor(URL_HTTPS, { ALL_PROXY: "p3:8080" })).toMatchObject({ variable: "ALL_PROXY", shown: "http://p3:8080" });
    expect(proxyFor(URL_HTTPS, {})).toBeUndefined();
  });

  it("honours NO_PROXY: *, exact hosts, domains with their subdomains, leading dots and ports", () => {
    const p = { HTTPS_PROXY: "http://proxy:3128" };
    expect(proxyFor(URL_HTTPS, { ...p, NO_PROXY: "*" })).toBeUndefined();
    expect(proxyFor(URL_HTTPS, { ...p, NO_PROXY: "myhuaweicloud.com" })).toBeUndefined();
    expect(proxyFor(URL_HTTPS, { ...p, no_proxy: ".myhuaweicloud.com" })).toBeUndefined();
    expect(proxyFor(URL_HTTPS, { ...p, NO_PROXY: "*.myhuaweicloud.com:443" })).toBeUndefined();
    expect(proxyFor(URL_HTTPS, { ...p, NO_PROXY: "myhuaweicloud.com:8443" })).toBeDefined();
    expect(proxyFor(URL_HTTPS, { ...p, NO_PROXY: "huaweicloud.com" })).toBeDefined(); // not a suffix at a dot
    expect(proxyFor("http://[::1]:8080", { HTTP_PROXY: "http://proxy:3128", NO_PROXY: "[::1]:8080" })).toBeUndefined();
  });

  it("refuses a malformed value with a ValidationError naming the variable, never showing credentials", () => {
    for (const value of ["http://proxy:99999", "ftp://proxy:21", "http://", "http://u:hunter2@proxy:3128/path", "http://proxy:3128?x=1"]) {
      let err: unknown;
      try {
        proxyFor(URL_HTTPS, { HTTPS_PROXY: value });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ValidationError);
      expect(err).toMatchObject({ field: "HTTPS_PROXY" });
      expect((err as Error).message).not.toContain("hunter2");
    }
  });
});

describe("redactError", () => {
  it("redacts the message, stack and errorMsg of the error and of every cause", () => {
    const inner = new ApiError("echoed SK-1234567890 back", { errorMsg: "SK-1234567890" });
    const outer = new Error("wrapped SK-1234567890", { cause: inner });
    redactError(outer, ["SK-1234567890"]);
    expect(outer.message).toBe("wrapped ***");
    expect(outer.stack).not.toContain("SK-1234567890");
    expect(inner.message).toBe("echoed *** back");
    expect(inner.errorMsg).toBe("***");
    expect(inner.stack).not.toContain("SK-1234567890");
  });

  it("stops at a cause cycle", () => {
    const a = new Error("a TOKEN-XYZ");
    const b = new Error("b TOKEN-XYZ", { cause: a });
    (a as Error & { cause?: unknown }).cause = b;
    expect(redactError(b, ["TOKEN-XYZ"]).message).toBe("b ***");
    expect(a.message).toBe("a ***");
  });
});

describe("emulator fault kinds", () => {
  it("accepts html and redirect faults and refuses malformed ones with a sentence", () => {
    expect(checkFault({ kind: "html" })).toEqual({ kind: "html" });
    expect(checkFault({ kind: "redirect", location: "https://x.example/" })).toEqual({ kind: "redirect", location: "https://x.example/" });
    expect(() => checkFault({ kind: "redirect", location: "https://x.example/", status: 200 })).toThrow(/a redirect's status must be 301, 302, 303, 307 or 308/);
    expect(() => checkFault({ kind: "redirect", location: "a\r\nSet-Cookie: x" })).toThrow(/location must be a non-empty header value/);
    expect(() => checkFault({ kind: "html", status: 42 })).toThrow(/status must be an HTTP status/);
    expect(() => checkFault({ kind: "nope" } as unknown as Fault)).toThrow(/"html", "redirect"/);
  });
});
