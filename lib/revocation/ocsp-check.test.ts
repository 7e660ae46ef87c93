import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPortUrl, startFixedPeer, startSilentPeer, type TestPeer } from "../net/test-peers";
import { createTestCa, type TestCa, type TestLeaf } from "@/test/support/openssl-ca";
import {
  freePort,
  startOpensslResponder,
  type OpensslResponder,
} from "@/test/support/openssl-ocsp";
import { parseCertificateDer } from "../pki/certificate";
import { checkOcsp, type OcspCheckInput } from "./ocsp-check";
import { ocspEvidence } from "./evidence";
import { inspectOcspResponse } from "./inspect";
import { fixtureBytes } from "./fixtures";

const fetchOptions = { allowPrivate: true, timeoutMs: 5000 };

describe("checkOcsp against a real openssl ocsp responder", () => {
  let ca: TestCa;
  let good: TestLeaf;
  let revoked: TestLeaf;
  let responder: OpensslResponder;
  const extra: OpensslResponder[] = [];

  const check = (leaf: TestLeaf, more: Partial<OcspCheckInput> = {}) =>
    checkOcsp({ cert: leaf.cert, issuer: ca.cert, fetchOptions, ...more });
  const another = async (opts: Parameters<typeof startOpensslResponder>[0]) => {
    const r = await startOpensslResponder({ port: await freePort(), ...opts });
    extra.push(r);
    return r;
  };

  beforeAll(async () => {
    ca = await createTestCa({ ocspPort: await freePort(), crlPort: await freePort() });
    good = await ca.issueLeaf("good.test");
    revoked = await ca.issueLeaf("revoked.test");
    await ca.revoke(revoked, "keyCompromise");
    responder = await startOpensslResponder({ ca });
  });
  afterAll(async () => {
    await Promise.all([responder?.stop(), ...extra.map((r) => r.stop())]);
    await ca?.cleanup();
  });

  it("good: delegated responder, signature verified, fresh 24 h window", async () => {
    const r = await check(good);
    expect(r.verdict).toBe("good");
    expect(r.signature?.status).toBe("valid");
    expect(r.signature?.signer).toBe("delegated");
    expect(r.httpStatus).toBe(200);
    expect(r.contentType).toBe("application/ocsp-response");
    expect(r.url).toBe(ca.ocspUrl.replace(/\/$/, "") + "/" + r.url?.split("/").pop());
    expect(r.findings).toEqual([]);
  });

  it("keeps the evidence: stored response bytes re-inspect to the same verdict", async () => {
    const r = await check(good);
    const stored = JSON.parse(JSON.stringify(ocspEvidence(r)));
    expect(stored.verdict).toBe("good");
    const der = Buffer.from(stored.responseDer, "base64");
    const again = await inspectOcspResponse(der, {
      issuer: ca.cert,
      cert: good.cert,
      now: new Date(),
    });
    expect(again.verdict).toBe("good");
    expect(again.signature).toBe("valid (delegated responder CN=Test OCSP Responder)");
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(r.startedAt)).not.toBeNaN();
  });

  it("revoked with its reason", async () => {
    const r = await check(revoked);
    expect(r.verdict).toBe("revoked");
    expect(r.parsed?.responses[0]?.revocationReason).toBe("keyCompromise");
    expect(r.message).toMatch(/^Revoked at .* \(reason keyCompromise\)\.$/);
  });

  it("unknown for a serial the CA never issued", async () => {
    const stranger = await ca.issueLeaves(1, "not-in-index");
    const lines = (await import("node:fs/promises")).readFile(ca.indexPath, "utf8");
    expect(await lines).toContain(stranger[0]?.serial.toUpperCase());
    // The running responder read index.txt before this leaf existed: it does not know it.
    const r = await check(stranger[0] as TestLeaf);
    expect(r.verdict).toBe("unknown");
  });

  it("sees a new revocation only after a restart", async () => {
    const leaf = await ca.issueLeaf("later.test");
    await responder.restart();
    expect((await check(leaf)).verdict).toBe("good");
    await ca.revoke(leaf, "superseded");
    expect((await check(leaf)).verdict).toBe("good");
    await responder.restart();
    const r = await check(leaf);
    expect(r.verdict).toBe("revoked");
    expect(r.parsed?.responses[0]?.revocationReason).toBe("superseded");
  });

  it("bulk leaves signed in-process are known to openssl; revokeMany rewrites index.txt", async () => {
    const bulk = await ca.issueLeaves(20, "bulk-check");
    await ca.revokeMany([
      { leaf: bulk[3] as TestLeaf, reason: "privilegeWithdrawn" },
      { leaf: bulk[7] as TestLeaf, reason: "affiliationChanged" },
    ]);
    await responder.restart();
    const verdicts = await Promise.all(bulk.map((leaf) => check(leaf).then((r) => r.verdict)));
    expect(verdicts.filter((v) => v === "good")).toHaveLength(18);
    const r = await check(bulk[7] as TestLeaf);
    expect([r.verdict, r.parsed?.responses[0]?.revocationReason]).toEqual([
      "revoked",
      "affiliationChanged",
    ]);
    expect(bulk[0]?.cert.info.ocspUrls).toEqual([ca.ocspUrl]);
  });

  it("uses GET for small requests and POST when forced or when asked for a nonce-bearing POST", async () => {
    const get = await check(good);
    expect(get.method).toBe("GET");
    expect(get.requestDer!.length).toBeLessThanOrEqual(255);
    const post = await check(good, { method: "POST" });
    expect(post.method).toBe("POST");
    expect(post.verdict).toBe("good");
  });

  it("sends a nonce and accepts the echoed one; SHA-256 CertIDs work too", async () => {
    const r = await check(good, { nonce: true, hash: "SHA-256" });
    expect(r.verdict).toBe("good");
    expect(r.method).toBe("GET"); // ~170 bytes with a 32-byte nonce: still under 255
    const nonce = r.parsed?.responseExtensions.find((e) => e.name === "id-pkix-ocsp-nonce");
    expect(nonce).toBeDefined();
    expect(r.parsed?.responses[0]?.certId.hashAlgorithm).toBe("SHA-256");
  });

  it("signed directly by the CA, responder identified by key hash", async () => {
    const direct = await another({ ca, signer: ca, byKey: true });
    const r = await check(good, { url: direct.url });
    expect(r.verdict).toBe("good");
    expect(r.signature?.signer).toBe("issuer");
    expect(r.parsed?.responderId).toHaveProperty("byKey");
  });

  it("expired delegated responder certificate → signer-not-authorised", async () => {
    const expired = await another({ ca, signer: ca.expiredResponder });
    const r = await check(good, { url: expired.url });
    expect(r.verdict).toBe("signer-not-authorised");
    expect(r.message).toMatch(/expired responder certificate/);
  });

  it("wrong key: an impostor with the CA's name signs → bad-signature", async () => {
    const wrong = await another({ ca, signer: ca.wrongKeyResponder, noCerts: true });
    const r = await check(good, { url: wrong.url });
    expect(r.verdict).toBe("bad-signature");
    expect(r.parsed?.responderId).toEqual({ byName: ca.cert.info.subject });
  });

  it("wrong key with its certificate attached → signer-not-authorised (not issued by the issuer)", async () => {
    const wrong = await another({ ca, signer: ca.wrongKeyResponder });
    const r = await check(good, { url: wrong.url });
    expect(r.verdict).toBe("signer-not-authorised");
    expect(r.signature?.problem).toMatch(/not issued by the issuer/);
    expect(r.signature?.problem).toMatch(/no id-kp-OCSPSigning EKU/);
  });

  it("a one-hour window is too short for the BR; a 20-day one too long", async () => {
    const short = await another({ ca, nmin: 60 });
    expect((await check(good, { url: short.url })).verdict).toBe("window-too-short");
    const long = await another({ ca, ndays: 20 });
    expect((await check(good, { url: long.url })).verdict).toBe("window-too-long");
  });

  it("judges freshness with the given clock", async () => {
    const later = new Date(Date.now() + 3 * 86_400_000);
    expect((await check(good, { now: later })).verdict).toBe("stale");
    const earlier = new Date(Date.now() - 3600_000);
    expect((await check(good, { now: earlier })).verdict).toBe("not-yet-valid");
  });

  it("uses the certificate's AIA URL by default and says when there is none", async () => {
    expect((await check(good)).url?.startsWith(ca.ocspUrl)).toBe(true);
    const noAia = parseCertificateDer(fixtureBytes("rsa-2048-sha256-ca.der"));
    const r = await checkOcsp({ cert: noAia, issuer: ca.cert, fetchOptions });
    expect(r.verdict).toBe("no-ocsp-url");
  });

  it("refuses the loopback responder when private targets are not allowed", async () => {
    const r = await checkOcsp({
      cert: good.cert,
      issuer: ca.cert,
      fetchOptions: { allowPrivate: false },
    });
    expect(r.verdict).toBe("blocked-address");
    expect(r.message).toBe("Refused to connect: 127.0.0.1 is a loopback address.");
    expect(r.httpStatus).toBeNull();
  });

  describe("misbehaving peers", () => {
    const peers: TestPeer[] = [];
    const peer = async (p: Promise<TestPeer>) => {
      const started = await p;
      peers.push(started);
      return started.url;
    };
    afterAll(async () => {
      await Promise.all(peers.map((p) => p.close()));
    });

    it("times out on a silent peer (1 s fetch timeout)", async () => {
      const url = await peer(startSilentPeer());
      const r = await check(good, { url, fetchOptions: { ...fetchOptions, timeoutMs: 1000 } });
      expect(r.verdict).toBe("timeout");
      expect(r.durationMs).toBeGreaterThanOrEqual(900);
      expect(r.durationMs).toBeLessThan(3000);
    });

    it("connection refused on a closed port", async () => {
      expect((await check(good, { url: await closedPortUrl() })).verdict).toBe(
        "connection-refused",
      );
    });

    it("HTTP 500", async () => {
      const url = await peer(
        startFixedPeer({ status: 500, contentType: "text/plain", body: "oops" }),
      );
      const r = await check(good, { url });
      expect(r.verdict).toBe("http-status");
      expect(r.message).toBe("The server answered HTTP 500 instead of 200.");
    });

    it("text/html", async () => {
      const url = await peer(
        startFixedPeer({ contentType: "text/html", body: "<html><body>maintenance</body></html>" }),
      );
      const r = await check(good, { url });
      expect(r.verdict).toBe("wrong-content-type");
      expect(r.message).toMatch(/"text\/html": an HTML page/);
    });

    it("a CRL's bytes, served as a CRL or disguised as an OCSP response", async () => {
      const crl = fixtureBytes("rsa-2048-sha256-ca-crl.der");
      const asCrl = await peer(startFixedPeer({ contentType: "application/pkix-crl", body: crl }));
      const r1 = await check(good, { url: asCrl });
      expect(r1.verdict).toBe("wrong-content-type");
      expect(r1.message).toMatch(/a CRL \(CertificateList\)/);
      const disguised = await peer(
        startFixedPeer({ contentType: "application/ocsp-response", body: crl }),
      );
      const r2 = await check(good, { url: disguised });
      expect(r2.verdict).toBe("not-ocsp-response");
      expect(r2.message).toBe("The answer is not an OCSP response; it is a CRL (CertificateList).");
      expect(r2.responseDer).toEqual(crl);
    });

    it("a stored OCSP error answer (unauthorized) is a verdict", async () => {
      const body = fixtureBytes("ocsp-unauthorized.der");
      const url = await peer(startFixedPeer({ contentType: "application/ocsp-response", body }));
      expect((await check(good, { url })).verdict).toBe("unauthorized");
    });

    it("GET carries the base64 request in the path, POST in the body", async () => {
      const p = await startFixedPeer({
        contentType: "application/ocsp-response",
        body: fixtureBytes("ocsp-try-later.der"),
      });
      peers.push(p);
      const get = await check(good, { url: p.url });
      const post = await check(good, { url: p.url, method: "POST" });
      expect(get.verdict).toBe("tryLater");
      const [g, q] = p.requests;
      expect(g?.method).toBe("GET");
      expect(Buffer.from(decodeURIComponent(g?.url.slice(1) ?? ""), "base64")).toEqual(
        Buffer.from(get.requestDer!),
      );
      expect(q?.method).toBe("POST");
      expect(new Uint8Array(q?.body ?? [])).toEqual(post.requestDer);
    });
  });
});
