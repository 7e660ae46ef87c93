import { describe, expect, it } from "vitest";
import { fixtureBytes } from "@/lib/revocation/fixtures";
import { AttachInputError, planAttachment, type CertificateFile } from "./attach-plan";

const leafPem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;

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
