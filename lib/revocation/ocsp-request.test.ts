import * as pkijs from "pkijs";
import { describe, expect, it } from "vitest";
import { toHex } from "../pki/bytes";
import { describeCertId } from "./cert-id";
import { fixtureBytes, fixtureCert } from "./fixtures";
import { buildOcspRequest, encodeOcspHttpRequest, GET_MAX_DER_BYTES } from "./ocsp-request";

const leaf = fixtureCert("leafCertHex.der");
const issuer = fixtureCert("issuerCertHex.der");

describe("buildOcspRequest", () => {
  it("reproduces the Go test vector's request for the facebook leaf byte for byte", async () => {
    const built = await buildOcspRequest(leaf, issuer);
    expect(built.certId).toEqual({
      hashAlgorithm: "SHA-1",
      issuerNameHash: "c0fe0278fc99188891b3f212e9c7e1b21ab7bfc0",
      issuerKeyHash: "0dfc1df0a9e0f01ce7f2b213177e6f8d157cd4f6",
      serialNumber: "017f77deb3bcbb235d44ccc7dba62e72",
    });
    expect(toHex(built.der)).toBe(toHex(fixtureBytes("ocspRequestHex.der")));
    expect(built.nonce).toBeNull();
  });

  it("reads the vector's CertID the same way", () => {
    const req = pkijs.OCSPRequest.fromBER(fixtureBytes("ocspRequestHex.der") as BufferSource);
    expect(req.tbsRequest.requestList).toHaveLength(1);
    expect(describeCertId(req.tbsRequest.requestList[0]!.reqCert).issuerKeyHash).toBe(
      "0dfc1df0a9e0f01ce7f2b213177e6f8d157cd4f6",
    );
    expect(req.tbsRequest.requestExtensions).toBeUndefined();
  });

  it("uses SHA-256 on request and carries a 32-byte nonce (RFC 8954)", async () => {
    const built = await buildOcspRequest(leaf, issuer, { hash: "SHA-256", nonce: true });
    expect(built.certId.hashAlgorithm).toBe("SHA-256");
    expect(built.certId.issuerNameHash).toHaveLength(64);
    expect(built.nonce).toHaveLength(32);
    const req = pkijs.OCSPRequest.fromBER(built.der as BufferSource);
    const ext = req.tbsRequest.requestExtensions?.[0];
    expect(ext?.extnID).toBe("1.3.6.1.5.5.7.48.1.2");
    expect(toHex(ext!.extnValue.valueBlock.valueHexView)).toBe(`0420${toHex(built.nonce!)}`);
  });
});

describe("encodeOcspHttpRequest", () => {
  it("GET with URL-encoded base64 appended to the responder URL when ≤ 255 bytes", () => {
    const der = new Uint8Array([0xfb, 0xff, 0xfe]); // base64 "+//+" needs escaping
    const r = encodeOcspHttpRequest("http://ocsp.example/path", der);
    expect(r).toEqual({ method: "GET", url: "http://ocsp.example/path/%2B%2F%2F%2B", headers: {} });
    expect(encodeOcspHttpRequest("http://o.example/", der).url).toBe(
      "http://o.example/%2B%2F%2F%2B",
    );
  });

  it("POST application/ocsp-request above 255 bytes, or when forced", () => {
    const big = new Uint8Array(GET_MAX_DER_BYTES + 1);
    expect(encodeOcspHttpRequest("http://o.example/", big).method).toBe("POST");
    expect(
      encodeOcspHttpRequest("http://o.example/", new Uint8Array(GET_MAX_DER_BYTES)).method,
    ).toBe("GET");
    const forced = encodeOcspHttpRequest("http://o.example/", new Uint8Array(3), "POST");
    expect(forced.headers).toEqual({ "content-type": "application/ocsp-request" });
    expect(forced.body).toHaveLength(3);
    expect(encodeOcspHttpRequest("http://o.example/", big, "GET").method).toBe("GET");
  });
});
