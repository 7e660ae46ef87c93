import "@/lib/pki/engine"; // must precede @peculiar/x509 (reflect-metadata)
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";
import { describe, expect, it } from "vitest";
import { fixtureBytes } from "@/lib/revocation/fixtures";
import { sha256Hex } from "@/lib/pki/bytes";
import { parseCertificateDer } from "@/lib/pki/certificate";
import { AttachInputError, planAttachment, type CertificateFile } from "./attach-plan";

const leafPem = (der: Uint8Array) => {
  const body = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n");
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
};

async function problemsOf(files: CertificateFile[]) {
  const error = await planAttachment(files, []).catch((e: unknown) => e);
  if (!(error instanceof AttachInputError)) throw new Error("expected an AttachInputError");
  return error.problems;
}

describe("planAttachment problems", () => {
  it("name the place once, in file, block and line, and say what each file is", async () => {
    const leaf = leafPem(fixtureBytes("leafCertHex.der"));
    const truncated = fixtureBytes("leafCertHex.der").subarray(0, 300);
    const problems = await problemsOf([
      { name: "broken.pem", bytes: "-----BEGIN CERTIFICATE-----\nAAAA\n" },
      { name: "empty.pem", bytes: new Uint8Array() },
      { name: "photo.jpg", bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0]) },
      { name: "bundle.pem", bytes: leaf + leaf.replace(/\n([A-Za-z0-9+/]{8})/, "\n$1%%") },
      { name: "cut.der", bytes: truncated },
    ]);
    const secondBlock = leaf.split("\n").length;
    expect(problems.slice(0, 4)).toEqual([
      { file: "broken.pem", block: 1, line: 1, message: "no END CERTIFICATE line" },
      { file: "empty.pem", block: null, line: null, message: "the file is empty" },
      {
        file: "photo.jpg",
        block: null,
        line: null,
        message: "neither PEM (no -----BEGIN CERTIFICATE----- line) nor DER (not an ASN.1 SEQUENCE: first byte 0xff)",
      },
      { file: "bundle.pem", block: 2, line: secondBlock, message: `line ${secondBlock + 1} is not base64` },
    ]);
    expect(problems[4]).toMatchObject({ file: "cut.der", block: null, line: null });
    expect(problems[4]?.message).toMatch(/^the DER ends before the certificate does \(/);
  });
});

describe("planAttachment issuers", () => {
  const rustLeaf = fixtureBytes("rsa-2048-sha256-crt.der");
  const rustCa = fixtureBytes("rsa-2048-sha256-ca.der");
  const facebook = fixtureBytes("leafCertHex.der");
  const facebookCa = fixtureBytes("issuerCertHex.der");

  it("refuses an issuer file whose certificate issued none of the certificates, naming it", async () => {
    const error = await planAttachment(
      [{ name: "leaf.der", bytes: rustLeaf }],
      [
        { name: "right-ca.der", bytes: rustCa },
        { name: "other-ca.der", bytes: facebookCa },
        { name: "a-leaf.pem", bytes: leafPem(facebook) },
      ],
    ).catch((e: unknown) => e);
    if (!(error instanceof AttachInputError)) throw new Error("expected an AttachInputError");
    expect(error.problems.map((p) => [p.file, p.block, p.line])).toEqual([
      ["other-ca.der", null, null],
      ["a-leaf.pem", null, null],
    ]);
    expect(error.problems[0]?.message).toMatch(/^issuer .* issued none of the certificates attached/);
  });

  it("pairs a leaf with an issuer the incident already holds, and keeps a chain file's root", async () => {
    const plan = await planAttachment([{ name: "leaf.der", bytes: rustLeaf }], [], [parseCertificateDer(rustCa)]);
    expect(plan.certificates[0]?.issuerSha256).toBe(sha256Hex(rustCa));

    // root → intermediate → leaf, the two CA certificates given together as issuers.
    const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
    const key = async () => (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
    const [rootKeys, midKeys, leafKeys] = [await key(), await key(), await key()];
    const ca = [new x509.BasicConstraintsExtension(true, undefined, true)];
    const root = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: "01", name: "CN=Chain Root", keys: rootKeys, signingAlgorithm: alg, extensions: ca,
    });
    type Made = { serialNumber: string; subject: string; issuer: string; publicKey: CryptoKey; signingKey: CryptoKey };
    const made = (m: Made, extensions: x509.Extension[]) =>
      x509.X509CertificateGenerator.create({ ...m, signingAlgorithm: alg, extensions });
    const mid = await made(
      {
        serialNumber: "02",
        subject: "CN=Chain Intermediate",
        issuer: "CN=Chain Root",
        publicKey: midKeys.publicKey,
        signingKey: rootKeys.privateKey,
      },
      ca,
    );
    const leaf = await made(
      {
        serialNumber: "03",
        subject: "CN=chain.test",
        issuer: "CN=Chain Intermediate",
        publicKey: leafKeys.publicKey,
        signingKey: midKeys.privateKey,
      },
      [],
    );
    const chained = await planAttachment(
      [{ name: "leaf.pem", bytes: leaf.toString("pem") }],
      [{ name: "chain.pem", bytes: `${mid.toString("pem")}\n${root.toString("pem")}` }],
    );
    expect(chained.certificates.map((c) => c.cert.info.subject)).toEqual(["CN=chain.test"]);
    expect(chained.certificates[0]?.issuerSha256).toBe(sha256Hex(new Uint8Array(mid.rawData)));
    expect(chained.issuers.map((c) => c.info.subject).sort()).toEqual(["CN=Chain Intermediate", "CN=Chain Root"]);
  });
});
