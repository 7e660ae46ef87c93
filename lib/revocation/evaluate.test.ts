/**
 * Cases no real vector covers, on responses built and signed here with pkijs: several
 * SingleResponses, unknown critical extensions, nonce echo, freshness edges.
 */
import "../pki/engine";
import * as x509 from "@peculiar/x509";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { webcrypto } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCertificateDer, type ParsedCertificate } from "../pki/certificate";
import { createCertId } from "./cert-id";
import { evaluateOcspResponse } from "./evaluate";
import { checkFreshness } from "./freshness";
import { parseOcspResponse, type SingleResponseInfo } from "./ocsp-response";
import { verdictMessage, VERDICTS } from "./verdict";

const NOW = new Date("2025-06-01T12:00:00Z");
const HOUR = 3600_000;
const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
let caKeys: CryptoKeyPair;
let ca: ParsedCertificate;
let leaves: ParsedCertificate[];

async function makeCert(
  serial: string,
  cn: string,
  keys: CryptoKeyPair,
): Promise<ParsedCertificate> {
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial,
    subject: `CN=${cn}`,
    issuer: ca.x509.subjectName,
    notBefore: new Date(NOW.getTime() - 24 * HOUR),
    notAfter: new Date(NOW.getTime() + 90 * 24 * HOUR),
    publicKey: keys.publicKey,
    signingKey: caKeys.privateKey,
    signingAlgorithm: alg,
  });
  return parseCertificateDer(new Uint8Array(cert.rawData));
}

beforeAll(async () => {
  caKeys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  const root = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: "CN=Evaluate Test CA",
    notBefore: new Date(NOW.getTime() - 48 * HOUR),
    notAfter: new Date(NOW.getTime() + 365 * 24 * HOUR),
    keys: caKeys,
    signingAlgorithm: alg,
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true)],
  });
  ca = parseCertificateDer(new Uint8Array(root.rawData));
  leaves = [
    await makeCert("0a", "a.test", caKeys),
    await makeCert("0b", "b.test", caKeys),
    await makeCert("0c", "c.test", caKeys),
  ];
});

interface Build {
  statuses?: ("good" | "revoked")[];
  thisUpdate?: Date;
  nextUpdate?: Date | null;
  responseExtensions?: pkijs.Extension[];
}

async function build(o: Build = {}): Promise<Uint8Array> {
  const thisUpdate = o.thisUpdate ?? new Date(NOW.getTime() - HOUR);
  const nextUpdate =
    o.nextUpdate === undefined ? new Date(thisUpdate.getTime() + 24 * HOUR) : o.nextUpdate;
  const responses = await Promise.all(
    (o.statuses ?? ["good", "good", "good"]).map(
      async (s, i) =>
        new pkijs.SingleResponse({
          certID: await createCertId(leaves[i] as ParsedCertificate, ca),
          certStatus:
            s === "good"
              ? new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } })
              : new asn1js.Constructed({
                  idBlock: { tagClass: 3, tagNumber: 1 },
                  value: [
                    new asn1js.GeneralizedTime({ valueDate: new Date(NOW.getTime() - 5 * HOUR) }),
                  ],
                }),
          thisUpdate,
          ...(nextUpdate ? { nextUpdate } : {}),
        }),
    ),
  );
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: new pkijs.ResponseData({
      responderID: ca.pkijs.subject,
      producedAt: NOW,
      responses,
      ...(o.responseExtensions ? { responseExtensions: o.responseExtensions } : {}),
    }),
  });
  await basic.sign(caKeys.privateKey, "SHA-256");
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: 0 }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: "1.3.6.1.5.5.7.48.1.1",
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
    }),
  });
  return new Uint8Array(response.toSchema().toBER());
}

const judge = async (bytes: Uint8Array, leaf = 1, extra: { nonce?: Uint8Array } = {}) =>
  evaluateOcspResponse(parseOcspResponse(bytes), {
    cert: leaves[leaf],
    issuer: ca,
    now: NOW,
    ...extra,
  });

describe("evaluateOcspResponse on built responses", () => {
  it("picks the SingleResponse whose CertID matches, among several", async () => {
    const bytes = await build({ statuses: ["good", "revoked", "good"] });
    expect((await judge(bytes, 0)).verdict).toBe("good");
    const b = await judge(bytes, 1);
    expect(b.verdict).toBe("revoked");
    expect(b.single?.certId.serialNumber).toBe("0b");
    expect(b.signature?.status).toBe("valid");
  });

  it("no-matching-response when the certificate is not among them", async () => {
    expect((await judge(await build({ statuses: ["good"] }), 2)).verdict).toBe(
      "no-matching-response",
    );
  });

  it("an unrecognised critical extension makes the response unusable; a known non-critical one does not", async () => {
    const odd = new pkijs.Extension({
      extnID: "1.2.3.4.5",
      critical: true,
      extnValue: new asn1js.Null().toBER(),
    });
    const r = await judge(await build({ responseExtensions: [odd] }));
    expect(r.verdict).toBe("unusable-critical-extension");
    const mild = new pkijs.Extension({
      extnID: "1.2.3.4.5",
      critical: false,
      extnValue: new asn1js.Null().toBER(),
    });
    expect((await judge(await build({ responseExtensions: [mild] }))).verdict).toBe("good");
  });

  it("flags an echoed nonce that differs from the one sent", async () => {
    const sent = new Uint8Array(16).fill(7);
    const other = new asn1js.OctetString({ valueHex: new Uint8Array(16).fill(9) }).toBER();
    const ext = new pkijs.Extension({
      extnID: "1.3.6.1.5.5.7.48.1.2",
      critical: false,
      extnValue: other,
    });
    expect(
      (await judge(await build({ responseExtensions: [ext] }), 1, { nonce: sent })).verdict,
    ).toBe("nonce-mismatch");
    expect((await judge(await build(), 1, { nonce: sent })).verdict).toBe("good"); // ignoring it is allowed
  });

  it("never says good for a response without nextUpdate", async () => {
    expect((await judge(await build({ nextUpdate: null }))).verdict).toBe("stale");
  });

  it("a tampered signature is bad-signature", async () => {
    const bytes = await build();
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0xff;
    expect((await judge(bytes)).verdict).toBe("bad-signature");
  });
});

describe("checkFreshness (BR 4.9.10 intervals counted inclusively, 5 min skew)", () => {
  const single = (thisUpdate: string, nextUpdate: string | null): SingleResponseInfo => ({
    certId: { hashAlgorithm: "SHA-1", issuerNameHash: "", issuerKeyHash: "", serialNumber: "01" },
    certStatus: "good",
    revocationTime: null,
    revocationReason: null,
    thisUpdate,
    nextUpdate,
    singleExtensions: [],
  });
  const verdicts = (s: SingleResponseInfo, now = NOW) =>
    checkFreshness(s, now).map((f) => f.verdict);

  it("accepts 8 hours minus the inclusive second, and exactly 10 days minus one second", () => {
    expect(verdicts(single("2025-06-01T08:00:00Z", "2025-06-01T15:59:59Z"))).toEqual([]);
    expect(verdicts(single("2025-06-01T08:00:00Z", "2025-06-11T07:59:59Z"))).toEqual([]);
  });

  it("10 days between the fields is one second too long; under 8 hours too short", () => {
    expect(verdicts(single("2025-06-01T08:00:00Z", "2025-06-11T08:00:00Z"))).toEqual([
      "window-too-long",
    ]);
    expect(verdicts(single("2025-06-01T08:00:00Z", "2025-06-01T15:59:58Z"))).toEqual([
      "window-too-short",
    ]);
  });

  it("tolerates 5 minutes of clock skew, not more", () => {
    const s = single("2025-06-01T12:04:00Z", "2025-06-02T12:04:00Z");
    expect(verdicts(s)).toEqual([]);
    expect(verdicts(single("2025-06-01T12:06:00Z", "2025-06-02T12:06:00Z"))).toEqual([
      "not-yet-valid",
    ]);
    expect(verdicts(single("2025-05-31T11:00:00Z", "2025-06-01T11:56:00Z"))).toEqual([]);
    expect(verdicts(single("2025-05-31T11:00:00Z", "2025-06-01T11:54:00Z"))).toEqual(["stale"]);
  });
});

describe("verdict vocabulary", () => {
  it("has a message for every verdict", () => {
    for (const v of VERDICTS) expect(verdictMessage(v).length).toBeGreaterThan(10);
  });

  it("builds the revoked and http-status sentences", () => {
    expect(
      verdictMessage("revoked", {
        revocationTime: "2024-01-01T00:00:00.000Z",
        reason: "keyCompromise",
      }),
    ).toBe("Revoked at 2024-01-01T00:00:00.000Z (reason keyCompromise).");
    expect(verdictMessage("http-status", { httpStatus: 404 })).toBe(
      "The server answered HTTP 404 instead of 200.",
    );
    expect(verdictMessage("bad-url", { why: "URLs with credentials (user@host) are refused" })).toBe(
      "The URL was not fetched: URLs with credentials (user@host) are refused.",
    );
  });
});
