import { describe, expect, it } from "vitest";
import { fixtureBytes, fixtureCert } from "@/lib/revocation/fixtures";
import { NotFastPath, readBasicResponse } from "./basic-response";
import { issuerKeyOf } from "./issuer-key";
import { signatureHolds } from "./signer-cache";

describe("readBasicResponse", () => {
  it("reads the common answer, with tbsResponseData as signed", () => {
    const r = readBasicResponse(fixtureBytes("ocspResponseHex.der"));
    expect(r).toMatchObject({
      certStatus: "good",
      thisUpdate: "2021-11-07T14:25:51.000Z",
      nextUpdate: "2021-11-14T13:25:50.000Z",
      signatureAlgorithmOid: "1.2.840.113549.1.1.11",
    });
    const { publicKey } = issuerKeyOf(fixtureCert("GTSRoot.pem"));
    expect(signatureHolds(r, publicKey, "sha256")).toBe(true);
  });

  it("reads a revocation without reason and keeps the embedded responder in the signer", () => {
    const r = readBasicResponse(fixtureBytes("rsa-2048-sha256-revoked-ocsp-res.der"));
    const revocationTime = "2023-11-05T01:09:45.000Z";
    expect(r).toMatchObject({ certStatus: "revoked", revocationTime, reasonCode: null });
    // ResponderID, the embedded certificates as received, the signature algorithm.
    expect(r.signerParts).toHaveLength(3);
    expect(r.signerParts[1]?.[0]).toBe(0x30); // SEQUENCE OF Certificate, inside [0] EXPLICIT
  });

  it.each([
    ["ocspResponseWithExtensionHex.der", "explicit default version: not DER"],
    ["errorResponseHex.der", "malformedRequest"],
    ["ocsp-try-later.der", "tryLater"],
    ["rsa-2048-sha256-ca-crl.der", "a CRL"],
    ["rsa-2048-sha256-ca.der", "a certificate"],
  ])("leaves %s (%s) to the full parser", (name) => {
    expect(() => readBasicResponse(fixtureBytes(name))).toThrow(NotFastPath);
  });

  it("leaves non-minimal lengths and trailing bytes to the full parser", () => {
    const der = fixtureBytes("ocspResponseHex.der");
    // 30 82 01 d4 … → 30 83 00 01 d4 …: the same value, a BER length.
    const longer = Uint8Array.from([0x30, 0x83, 0x00, ...der.subarray(2)]);
    expect(() => readBasicResponse(longer)).toThrow(NotFastPath);
    expect(() => readBasicResponse(Uint8Array.from([...der, 0]))).toThrow(NotFastPath);
  });
});
