import { describe, expect, it } from "vitest";
import { fixtureBytes } from "./fixtures";
import { parseOcspResponse, type OcspResponseInfo } from "./ocsp-response";

function info(name: string): OcspResponseInfo {
  const parsed = parseOcspResponse(fixtureBytes(name));
  if (!parsed.ok) throw new Error(`${name}: ${parsed.detail}`);
  return parsed.info;
}

describe("parseOcspResponse on the real vectors", () => {
  it("reads Google Trust Services' answer: good, responder by key, no certificates", () => {
    const r = info("ocspResponseHex.der");
    expect(r.responseStatus).toBe("successful");
    expect(r.responderId).toEqual({ byKey: "8a747faf85cdee95cd3d9cd0e24614f371351d27" });
    expect(r.certificates).toEqual([]);
    expect(r.responses).toHaveLength(1);
    const s = r.responses[0];
    expect(s?.certId.serialNumber).toBe("f374542e3c7a68360a00000001103462");
    expect(s?.certId.hashAlgorithm).toBe("SHA-1");
    expect(s?.certStatus).toBe("good");
    expect(s?.thisUpdate).toBe("2021-11-07T14:25:51.000Z");
    expect(s?.nextUpdate).toBe("2021-11-14T13:25:50.000Z");
    expect(s?.revocationReason).toBeNull();
  });

  it.each([
    ["errorResponseHex.der", "malformedRequest"],
    ["ocsp-unauthorized.der", "unauthorized"],
    ["ocsp-try-later.der", "tryLater"],
  ])("reports %s as responseStatus %s without responseBytes", (name, status) => {
    const r = info(name);
    expect(r.responseStatus).toBe(status);
    expect(r.responses).toEqual([]);
    expect(r.responderId).toBeNull();
  });

  it("reads the revoked test response: keyCompromise, responder by name, nonce single extension", () => {
    const r = info("ocspResponseWithExtensionHex.der");
    expect(r.responderId).toEqual({ byName: "CN=OCSP Responder" });
    const s = r.responses[0];
    expect(s?.certId.serialNumber).toBe("017f77deb3bcbb235d44ccc7dba62e72");
    expect(s?.certStatus).toBe("revoked");
    expect(s?.revocationTime).toBe("2010-07-07T15:01:05.000Z");
    expect(s?.revocationReason).toBe("keyCompromise");
    expect(s?.thisUpdate).toBe("2010-07-07T15:01:05.000Z");
    expect(s?.nextUpdate).toBe("2010-07-07T18:35:17.000Z");
    expect(s?.singleExtensions).toEqual([
      expect.objectContaining({
        oid: "1.3.6.1.5.5.7.48.1.2",
        name: "id-pkix-ocsp-nonce",
        critical: false,
      }),
    ]);
    expect(r.certificates).toHaveLength(1);
    expect(r.certificates[0]).toMatchObject({
      subject: "CN=OCSP Responder",
      extendedKeyUsages: [{ oid: "1.3.6.1.5.5.7.3.9", name: "OCSPSigning" }],
    });
    expect(r.certificates[0]?.notAfter.slice(0, 10)).toBe("2016-01-30");
  });

  it("accepts the explicitly encoded default version leniently and warns that it is not DER", () => {
    const r = info("ocspResponseWithExtensionHex.der");
    expect(
      r.warnings.some((w) => /version v1 explicitly/.test(w) && /not strict DER/.test(w)),
    ).toBe(true);
    expect(info("ocspResponseHex.der").warnings).toEqual([]);
  });

  it("reads the SHA-256 CertID response with its zero-length window", () => {
    const s = info("sha256-certid-ocsp-res.der").responses[0];
    expect(s?.certId.hashAlgorithm).toBe("SHA-256");
    // README writes the serial as 10001; we print whole bytes like OpenSSL: 010001.
    expect(BigInt(`0x${s?.certId.serialNumber}`)).toBe(0x10001n);
    expect(s?.certId.serialNumber).toBe("010001");
    expect(s?.certStatus).toBe("good");
    expect(s?.thisUpdate).toBe("2020-01-01T00:00:00.000Z");
    expect(s?.nextUpdate).toBe("2020-01-01T00:00:00.000Z");
  });

  it("reads the delegated-responder revocation without a reason", () => {
    const r = info("rsa-2048-sha256-revoked-ocsp-res.der");
    expect(r.responderId).toEqual({ byName: "CN=rsa-2048-sha256-ocsp-crt" });
    const s = r.responses[0];
    expect(s).toMatchObject({
      certStatus: "revoked",
      revocationTime: "2023-11-05T01:09:45.000Z",
      revocationReason: null,
      thisUpdate: "2023-11-05T01:09:46.000Z",
      nextUpdate: "2024-11-04T01:09:46.000Z",
    });
    expect(s?.certId.serialNumber).toBe("03");
    expect(r.certificates.map((c) => c.subject)).toEqual(["CN=rsa-2048-sha256-ocsp-crt"]);
  });
});

describe("parseOcspResponse on things that are not OCSP responses", () => {
  it("says a CRL is a CRL", () => {
    const parsed = parseOcspResponse(fixtureBytes("rsa-2048-sha256-ca-crl.der"));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.detail).toBe("a CRL (CertificateList)");
  });

  it.each([
    [new Uint8Array(), "empty", "an empty body"],
    [Buffer.from("<!DOCTYPE html><html><body>Not found</body></html>"), "html", /^an HTML page/],
    [Buffer.from("Service Unavailable\n"), "text", /^text \("Service Unavailable"\)/],
    [new Uint8Array([0xff, 0x00, 0x13, 0x99, 0x80]), "garbage", /not DER/],
  ])("identifies %#", (bytes, kind, detail) => {
    const parsed = parseOcspResponse(bytes);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.identity.kind).toBe(kind);
      expect(parsed.detail).toMatch(detail);
    }
  });

  it("says a certificate is a certificate and a request is a request", () => {
    const cert = parseOcspResponse(fixtureBytes("rsa-2048-sha256-crt.der"));
    const req = parseOcspResponse(fixtureBytes("ocspRequestHex.der"));
    expect(!cert.ok && cert.identity.kind).toBe("certificate");
    expect(!req.ok && req.identity.kind).toBe("ocsp-request");
  });
});
