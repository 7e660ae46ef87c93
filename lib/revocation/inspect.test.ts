import { describe, expect, it } from "vitest";
import { fixtureBytes, fixtureCert } from "./fixtures";
import { inspectOcspResponse } from "./inspect";

const TODAY = new Date("2026-01-15T12:00:00Z");

describe("inspectOcspResponse on the real vectors (README readings)", () => {
  it("GTS answer: signed directly by the issuer in GTSRoot.pem, valid, but stale today", async () => {
    const r = await inspectOcspResponse(fixtureBytes("ocspResponseHex.der"), {
      issuer: fixtureCert("GTSRoot.pem"),
      now: TODAY,
    });
    expect(r.signature).toBe("valid (signed by the issuer)");
    expect(r.verdict).toBe("stale");
    expect(r.response?.responses[0]?.certStatus).toBe("good");
  });

  it("GTS answer is good when judged inside its window", async () => {
    const r = await inspectOcspResponse(fixtureBytes("ocspResponseHex.der"), {
      issuer: fixtureCert("GTSRoot.pem"),
      now: new Date("2021-11-08T00:00:00Z"),
    });
    expect(r.verdict).toBe("good");
    expect(r.findings).toEqual([]);
  });

  it("without an issuer the signature is reported as not checked and the status not trusted", async () => {
    const r = await inspectOcspResponse(fixtureBytes("ocspResponseHex.der"), {
      now: new Date("2021-11-08T00:00:00Z"),
    });
    expect(r.signature).toBe("not checked: no issuer given");
    expect(r.verdict).toBe("signature-not-checked");
  });

  it("a wrong issuer makes the GTS signature invalid", async () => {
    const r = await inspectOcspResponse(fixtureBytes("ocspResponseHex.der"), {
      issuer: fixtureCert("rsa-2048-sha256-ca.der"),
      now: new Date("2021-11-08T00:00:00Z"),
    });
    expect(r.signature).toMatch(/^invalid/);
    expect(r.verdict).toBe("bad-signature");
  });

  it.each([
    ["errorResponseHex.der", "malformedRequest"],
    ["ocsp-unauthorized.der", "unauthorized"],
    ["ocsp-try-later.der", "tryLater"],
  ])("%s is a result (%s), not an exception", async (name, verdict) => {
    const r = await inspectOcspResponse(fixtureBytes(name), { now: TODAY });
    expect(r.isOcspResponse).toBe(true);
    expect(r.verdict).toBe(verdict);
    expect(r.response?.responseStatus).toBe(verdict);
  });

  it("revoked test response: the embedded, self-signed, expired responder verifies the bytes only", async () => {
    const bytes = fixtureBytes("ocspResponseWithExtensionHex.der");
    const alone = await inspectOcspResponse(bytes, { now: TODAY });
    expect(alone.signature).toBe(
      "not checked: no issuer given (verifies with embedded certificate CN=OCSP Responder)",
    );

    const r = await inspectOcspResponse(bytes, {
      issuer: fixtureCert("issuerCertHex.der"),
      cert: fixtureCert("leafCertHex.der"),
      now: TODAY,
    });
    expect(r.verdict).toBe("signer-not-authorised");
    expect(r.signature).toMatch(/not issued by the issuer/);
    expect(r.signature).toMatch(/expired responder certificate \(notAfter 2016-01-30/);
    expect(r.response?.responses[0]?.revocationReason).toBe("keyCompromise");
    expect(r.notes.some((n) => /not strict DER/.test(n))).toBe(true);
  });

  it("SHA-256 CertID response: signed by the CA while naming the responder is not a correct answer", async () => {
    const r = await inspectOcspResponse(fixtureBytes("sha256-certid-ocsp-res.der"), {
      issuer: fixtureCert("rsa-2048-sha256-ca.der"),
      now: new Date("2020-01-01T00:00:00Z"),
    });
    expect(r.signature).toMatch(/^not authorised: responderID mismatch/);
    expect(r.signature).toMatch(/CN=rsa-2048-sha256-ocsp-crt/);
    expect(r.verdict).toBe("signer-not-authorised");
    expect(r.findings.map((f) => f.verdict)).toContain("window-too-short");
  });

  it("delegated responder revocation: valid signature at the time, one-year window over the BR", async () => {
    const opts = {
      issuer: fixtureCert("rsa-2048-sha256-ca.der"),
      now: new Date("2023-11-06T00:00:00Z"),
    };
    const r = await inspectOcspResponse(fixtureBytes("rsa-2048-sha256-revoked-ocsp-res.der"), opts);
    expect(r.signature).toBe("valid (delegated responder CN=rsa-2048-sha256-ocsp-crt)");
    expect(r.verdict).toBe("revoked");
    expect(r.message).toBe("Revoked at 2023-11-05T01:09:45.000Z (no reason given).");
    expect(r.findings.map((f) => f.verdict)).toEqual(["window-too-long"]);
  });

  it("delegated responder revocation today: the responder certificate has expired", async () => {
    const r = await inspectOcspResponse(fixtureBytes("rsa-2048-sha256-revoked-ocsp-res.der"), {
      issuer: fixtureCert("rsa-2048-sha256-ca.der"),
      now: TODAY,
    });
    expect(r.verdict).toBe("signer-not-authorised");
    expect(r.signature).toMatch(
      /expired responder certificate \(notAfter 2024-11-04T01:09:46.000Z\)/,
    );
  });

  it("a CRL handed over as an OCSP response is named as a CRL", async () => {
    const r = await inspectOcspResponse(fixtureBytes("rsa-2048-sha256-ca-crl.der"), { now: TODAY });
    expect(r.isOcspResponse).toBe(false);
    expect(r.verdict).toBe("not-ocsp-response");
    expect(r.message).toBe("The answer is not an OCSP response; it is a CRL (CertificateList).");
  });

  it("picks the SingleResponse of the given certificate by full CertID", async () => {
    const r = await inspectOcspResponse(fixtureBytes("ocspResponseHex.der"), {
      issuer: fixtureCert("GTSRoot.pem"),
      cert: fixtureCert("rsa-2048-sha256-crt.der"),
      now: new Date("2021-11-08T00:00:00Z"),
    });
    expect(r.verdict).toBe("no-matching-response");
  });

  it("output survives JSON round-trip", async () => {
    const r = await inspectOcspResponse(fixtureBytes("rsa-2048-sha256-revoked-ocsp-res.der"), {
      now: TODAY,
    });
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});
