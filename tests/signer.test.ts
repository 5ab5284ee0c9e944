// Our signer must produce the official SDK's Authorization header on any request it could sign.
import * as fc from "fast-check";
import { parse as legacyParse } from "url";
import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core";
import { canonicalUri, encodeRfc3986, sdkDate, signRequest } from "../provider/core/signer";

const segmentChars = fc.constantFrom(
  ..."abcXYZ019-_.~!$&()*+,;=:@".split(""),
  "é",
  "漢",
  "ß",
  "😀",
);
const segment = fc.array(segmentChars, { maxLength: 8 }).map((cs) => cs.join(""));
// Paths the legacy URL parser (which the official signer reads the path with) leaves as they are.
const path = fc
  .array(segment, { minLength: 1, maxLength: 5 })
  .map((segs) => "/" + segs.join("/"))
  .filter((p) => legacyParse(`http://h${p}`).pathname === p);
const text = fc.string({ unit: "grapheme", maxLength: 12 });
const query = fc.dictionary(text, text, { maxKeys: 5 });

describe("signRequest", () => {
  it("equals AKSKSigner.sign for random requests (with and without a security token)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD"),
        path,
        query,
        fc.option(fc.string({ minLength: 1, maxLength: 40, unit: "grapheme-ascii" }), { nil: undefined }),
        fc.option(fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 10 }), { maxKeys: 3 }), { nil: undefined }),
        fc.integer({ min: 0, max: 4102444800 }),
        fc.constantFrom("127.0.0.1:8080", "dms.cn-north-4.myhuaweicloud.com"),
        (method, p, q, token, data, seconds, host) => {
          const now = new Date(seconds * 1000);
          const date = sdkDate(now);
          const headers: Record<string, string> = { "content-type": "application/json", "x-project-id": "0123456789abcdef" };
          const body = data === undefined ? undefined : JSON.stringify(data);
          const ours = signRequest(
            { method, path: p, query: q, headers: { ...headers, host }, body },
            { accessKey: "AK-PROP", secretKey: "SK-PROP", securityToken: token },
            now,
          );
          const official = AKSKSigner.sign(
            {
              method,
              endpoint: `http://${host}${p}`,
              headers: { ...headers, "X-Sdk-Date": date, ...(token ? { "X-Security-Token": token } : {}) },
              queryParams: q,
              data,
            } as never,
            new BasicCredentials().withAk("AK-PROP").withSk("SK-PROP"),
          ) as Record<string, string>;
          expect(ours.Authorization).toBe(official.Authorization);
          if (token) expect(ours["X-Security-Token"]).toBe(token);
        },
      ),
      { numRuns: 600 },
    );
  });

  it("keeps only unreserved characters unencoded", () => {
    expect(encodeRfc3986("a-b_c.d~e!*'() /é")).toBe("a-b_c.d~e%21%2A%27%28%29%20%2F%C3%A9");
    expect(canonicalUri("/v2/p/instances/i/scheduled-tasks")).toBe("/v2/p/instances/i/scheduled-tasks/");
  });

  it("writes X-Sdk-Date as YYYYMMDDTHHMMSSZ in UTC", () => {
    expect(sdkDate(new Date("2024-06-09T03:23:12.702Z"))).toBe("20240609T032312Z");
  });
});
