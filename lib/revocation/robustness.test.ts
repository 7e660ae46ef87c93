/** Damaged input must come back as a verdict, never as an exception. */
import { describe, expect, it } from "vitest";
import { crlSignedBy, findCrlEntry, parseCrl } from "./crl";
import { fixtureBytes, fixtureCert } from "./fixtures";
import { inspectOcspResponse } from "./inspect";

const NOW = new Date("2023-11-06T00:00:00Z");

function* damaged(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += Math.max(1, Math.floor(bytes.length / 150))) {
    const flipped = bytes.slice();
    flipped[i] = (flipped[i] ?? 0) ^ 0x5a;
    yield flipped;
    yield bytes.slice(0, i);
  }
}

describe("damaged responses and CRLs", () => {
  it.each([
    "rsa-2048-sha256-revoked-ocsp-res.der",
    "ocspResponseWithExtensionHex.der",
    "ocspResponseHex.der",
  ])("every byte-flip and truncation of %s is inspected without throwing", async (name) => {
    const issuer = fixtureCert("rsa-2048-sha256-ca.der");
    let count = 0;
    for (const bytes of damaged(fixtureBytes(name))) {
      const r = await inspectOcspResponse(bytes, { issuer, now: NOW });
      expect(typeof r.verdict).toBe("string");
      expect(r.verdict).not.toBe("good");
      count++;
    }
    expect(count).toBeGreaterThan(100);
  });

  it("every byte-flip and truncation of the CRL parses or is named", async () => {
    const ca = fixtureCert("rsa-2048-sha256-ca.der");
    let verified = 0;
    for (const bytes of damaged(fixtureBytes("rsa-2048-sha256-ca-crl.der"))) {
      const r = parseCrl(bytes);
      expect(r.ok ? r.info.issuer.length : r.detail.length).toBeGreaterThan(0);
      if (!r.ok) continue;
      findCrlEntry(r.crl, "03");
      if (await crlSignedBy(r.crl, ca)) verified++;
    }
    expect(verified).toBe(0); // every damaged CRL fails its signature
  });
});
