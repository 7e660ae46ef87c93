import { appendFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestCa, type TestCa, type TestLeaf } from "@/test/support/openssl-ca";
import { freePort } from "@/test/support/openssl-ocsp";
import { startFixedPeer, type TestPeer } from "../net/test-peers";
import { crlSignedBy, findCrlEntry, parseCrl } from "./crl";
import { checkCrl } from "./crl-check";
import { fixtureBytes, fixtureCert } from "./fixtures";

describe("parseCrl on the RustCrypto CRL (README reading)", () => {
  it("reads version, issuer, times and the one entry, and verifies with the CA", async () => {
    const parsed = parseCrl(fixtureBytes("rsa-2048-sha256-ca-crl.der"));
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.info).toMatchObject({
      version: 1,
      issuer: "CN=rsa-2048-sha256-ca",
      thisUpdate: "2023-11-05T01:09:45.000Z",
      nextUpdate: "2024-11-04T01:09:45.000Z",
      signatureAlgorithm: "sha256WithRSAEncryption",
      entryCount: 1,
    });
    expect(findCrlEntry(parsed.crl, "03")).toEqual({
      serialNumber: "03",
      revocationDate: "2023-11-05T01:09:45.000Z",
      reason: null,
    });
    expect(findCrlEntry(parsed.crl, "02")).toBeNull();
    expect(await crlSignedBy(parsed.crl, fixtureCert("rsa-2048-sha256-ca.der"))).toBe(true);
    expect(await crlSignedBy(parsed.crl, fixtureCert("GTSRoot.pem"))).toBe(false);
  });

  it("reads a CRL sent as PEM text or followed by stray bytes, and says so", () => {
    const der = fixtureBytes("rsa-2048-sha256-ca-crl.der");
    const body = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n");
    const pem = parseCrl(Buffer.from(`-----BEGIN X509 CRL-----\n${body}\n-----END X509 CRL-----\n`));
    if (!pem.ok) throw new Error(pem.detail);
    expect(pem.info.warnings).toEqual(["served as PEM text, not DER (RFC 5280 §4.2.1.13 expects DER over HTTP)"]);
    expect(findCrlEntry(pem.crl, "03")?.serialNumber).toBe("03");
    const trailing = parseCrl(new Uint8Array([...der, 0x00, 0x00]));
    if (!trailing.ok) throw new Error(trailing.detail);
    expect(trailing.info.warnings).toEqual(["2 bytes after the CertificateList (ignored)"]);
  });

  it("says what an OCSP response handed over as a CRL is", () => {
    const parsed = parseCrl(fixtureBytes("ocspResponseHex.der"));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.detail).toBe("an OCSP response");
  });
});

describe("parseCrl on a CRL of 3,000 entries made by openssl ca -gencrl", () => {
  let ca: TestCa;
  afterAll(async () => ca?.cleanup());

  // About 20,000 ASN.1 nodes: more than asn1js' default budget of 10,000, which made such
  // CRLs (any CRL of more than about 1,600 entries) read as "bytes that are not DER".
  it("reads every entry, finds one by serial with its reason, and verifies with the CA", { timeout: 60_000 }, async () => {
    ca = await createTestCa({ ocspPort: await freePort(), crlPort: await freePort(), keyType: "ec" });
    const serials = Array.from({ length: 3000 }, (_, i) => (0x100000 + i).toString(16));
    // index.txt lines as `openssl ca -revoke` writes them: R, expiry, revocation time and reason.
    const lines = serials.map((s) => `R\t301231000000Z\t251201000000Z,keyCompromise\t${s.toUpperCase()}\tunknown\t/CN=${s}\n`);
    await appendFile(ca.indexPath, lines.join(""));
    const parsed = parseCrl(await ca.generateCrl());
    if (!parsed.ok) throw new Error(parsed.detail);
    expect(parsed.info.entryCount).toBe(3000);
    expect(findCrlEntry(parsed.crl, "100bb7")).toEqual({
      serialNumber: "100bb7",
      revocationDate: "2025-12-01T00:00:00.000Z",
      reason: "keyCompromise",
    });
    expect(findCrlEntry(parsed.crl, "200000")).toBeNull();
    expect(await crlSignedBy(parsed.crl, ca.cert)).toBe(true);
  });
});

describe("checkCrl against an OpenSSL CA's CRL", () => {
  let ca: TestCa;
  let good: TestLeaf;
  let revoked: TestLeaf;
  let crlPeer: TestPeer;
  let served: Uint8Array = new Uint8Array();
  const fetchOptions = { allowPrivate: true, timeoutMs: 3000 };

  beforeAll(async () => {
    ca = await createTestCa({ ocspPort: await freePort(), crlPort: await freePort() });
    good = await ca.issueLeaf("crl-good.test");
    revoked = await ca.issueLeaf("crl-revoked.test");
    await ca.revoke(revoked, "cessationOfOperation");
    served = await ca.generateCrl();
    crlPeer = await startFixedPeer(() => ({ contentType: "application/pkix-crl", body: served }));
  });
  afterAll(async () => {
    await crlPeer?.close();
    await ca?.cleanup();
  });
  const check = (leaf: TestLeaf, now?: Date) =>
    checkCrl({ cert: leaf.cert, issuer: ca.cert, url: `${crlPeer.url}ca.crl`, now, fetchOptions });

  it("names the CRL URL from the certificate's distribution point", () => {
    expect(good.cert.info.crlUrls).toEqual([ca.crlUrl]);
  });

  it("not listed: a good certificate", async () => {
    const r = await check(good);
    expect(r.verdict).toBe("not-listed");
    expect(r.parsed?.entryCount).toBe(1);
    expect(r.httpStatus).toBe(200);
  });

  it("revoked with time and reason", async () => {
    const r = await check(revoked);
    expect(r.verdict).toBe("revoked");
    expect(r.entry?.reason).toBe("cessationOfOperation");
    expect(r.message).toMatch(/reason cessationOfOperation/);
  });

  it("stale once nextUpdate has passed", async () => {
    const r = await check(good, new Date(Date.now() + 2 * 86_400_000));
    expect(r.verdict).toBe("stale");
  });

  it("bad signature: a CRL with the CA's name signed by another key", async () => {
    const genuine = served;
    served = await ca.generateCrl({ signer: ca.wrongKeyResponder });
    try {
      expect((await check(good)).verdict).toBe("bad-signature");
    } finally {
      served = genuine;
    }
  });

  it("not a CRL, and unreachable", async () => {
    const html = await startFixedPeer({ contentType: "text/html", body: "<html>moved</html>" });
    const r = await checkCrl({ cert: good.cert, issuer: ca.cert, url: html.url, fetchOptions });
    await html.close();
    expect(r.verdict).toBe("not-a-crl");
    expect(r.message).toMatch(/an HTML page/);
    const down = await checkCrl({ cert: good.cert, issuer: ca.cert, fetchOptions });
    expect(down.verdict).toBe("connection-refused");
  });
});
