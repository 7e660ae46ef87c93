/**
 * The sweep's fast OCSP path must reach the same verdict, with the same message, as
 * lib/revocation's checkOcsp on every kind of answer a real responder gives — on the
 * first answer (full path, signer learned) and on the next ones (fast path).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCertificateDer, type ParsedCertificate } from "@/lib/pki/certificate";
import { checkOcsp } from "@/lib/revocation/ocsp-check";
import { createTestCa, type TestCa } from "@/test/support/openssl-ca";
import { freePort, startOpensslResponder, type OpensslResponder, type OpensslResponderOptions } from "@/test/support/openssl-ocsp";
import { issueSpreadLeaves } from "../testing/spread-leaves";
import { issuerKeyOf } from "./issuer-key";
import { checkOcspFast } from "./ocsp-fast";
import { SignerCache } from "./signer-cache";

const fetchOptions = { allowPrivate: true, timeoutMs: 5000 };

describe("checkOcspFast agrees with checkOcsp", () => {
  let ca: TestCa;
  const leaves: { good: ParsedCertificate[]; revoked: ParsedCertificate; unknown: ParsedCertificate } = {} as never;
  const responders: OpensslResponder[] = [];

  beforeAll(async () => {
    ca = await createTestCa({ ocspPort: await freePort(), crlPort: await freePort(), keyType: "ec" });
    const specs = [{}, {}, {}, { revoked: "cessationOfOperation" }].map((s) => ({ ocspUrl: ca.ocspUrl, crlUrl: null, ...s }));
    const issued = (await issueSpreadLeaves(ca, specs)).map((l) => parseCertificateDer(l.der));
    leaves.good = issued.slice(0, 3);
    leaves.revoked = issued[3] as ParsedCertificate;
    // Issued after the responders started reading index.txt: they do not know it.
    leaves.unknown = parseCertificateDer((await issueSpreadLeaves(ca, [{ ocspUrl: ca.ocspUrl, crlUrl: null }], "late"))[0]?.der ?? new Uint8Array());
  }, 60_000);
  afterAll(async () => {
    await Promise.all(responders.map((r) => r.stop()));
    await ca?.cleanup();
  });

  const start = async (options: Partial<OpensslResponderOptions>) => {
    const r = await startOpensslResponder({ ca, port: await freePort(), ...options });
    responders.push(r);
    return r;
  };

  const cases: [string, () => Partial<OpensslResponderOptions>, string, boolean][] = [
    ["delegated responder", () => ({}), "good", true],
    ["issuer signing directly, no certificates", () => ({ signer: ca, noCerts: true }), "good", true],
    ["responder named by key hash", () => ({ byKey: true }), "good", true],
    ["expired delegated responder", () => ({ signer: ca.expiredResponder }), "signer-not-authorised", false],
    ["impostor key under the CA's name", () => ({ signer: ca.wrongKeyResponder, noCerts: true }), "bad-signature", false],
    ["a one-hour window", () => ({ nmin: 60 }), "window-too-short", false],
    ["an eleven-day window", () => ({ ndays: 11 }), "window-too-long", false],
  ];

  it.each(cases)("%s", async (_name, options, expected, fast) => {
    const responder = await start(options());
    const issuer = issuerKeyOf(ca.cert);
    const signers = new SignerCache();
    for (const [i, cert] of [...leaves.good, leaves.revoked].entries()) {
      const reference = await checkOcsp({ cert, issuer: ca.cert, url: responder.url, fetchOptions });
      const mine = await checkOcspFast({ serialHex: cert.info.serialNumber, url: responder.url, issuer, signers, fetchOptions });
      expect({ verdict: mine.verdict, message: mine.message }).toEqual({ verdict: reference.verdict, message: reference.message });
      if (cert !== leaves.revoked) expect(mine.verdict).toBe(expected);
      // The first answer teaches the signer; the fast path judges the following ones.
      expect(mine.fastPath).toBe(fast && i > 0);
      expect(mine.requestDer).toEqual(reference.requestDer);
    }
  });

  it("unknown serial, refused connection and HTTP errors give checkOcsp's verdicts", async () => {
    const responder = await start({});
    const issuer = issuerKeyOf(ca.cert);
    const signers = new SignerCache();
    const stranger = { serialHex: "7fffffffffffffffffffffffffffff01", url: responder.url };
    const fast = await checkOcspFast({ ...stranger, issuer, signers, fetchOptions });
    expect(fast.verdict).toBe("unknown");
    const refused = await checkOcspFast({ ...stranger, url: `http://127.0.0.1:${await freePort()}/`, issuer, signers, fetchOptions });
    const reference = await checkOcsp({ cert: leaves.unknown, issuer: ca.cert, url: refused.url ?? "", fetchOptions });
    expect([refused.verdict, refused.message.split(":")[0]]).toEqual([reference.verdict, reference.message.split(":")[0]]);
  });
});
