import "./engine";
import { webcrypto } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findIssuer, pairLeavesWithIssuers, parseCertificate, parseCertificates } from "./bundle";
import { sameSerial } from "./bytes";
import { CertificateInputError } from "./errors";
import { makePrecertificate } from "./testing/precertificate";

const dir = join(__dirname, "../../test/fixtures/ocsp");
const der = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const pem = (bytes: Uint8Array, label = "CERTIFICATE") =>
  `-----BEGIN ${label}-----\n${Buffer.from(bytes).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END ${label}-----\n`;

function inputError(fn: () => unknown): CertificateInputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CertificateInputError) return e;
    throw e;
  }
  throw new Error("expected a CertificateInputError");
}

describe("parseCertificate", () => {
  it("reads the *.facebook.com leaf (README: 2012-06-21 → 2013-12-31, OCSP at verisign)", () => {
    const { info } = parseCertificate(der("leafCertHex.der"));
    expect(info.subject).toBe(
      "CN=*.facebook.com,O=Facebook\\, Inc.,L=Palo Alto,ST=California,C=US",
    );
    expect(info.serialNumber).toBe("017f77deb3bcbb235d44ccc7dba62e72");
    expect(info.notBefore).toBe("2012-06-21T00:00:00.000Z");
    expect(info.notAfter.slice(0, 10)).toBe("2013-12-31");
    expect(info.ocspUrls).toEqual(["http://ocsp.verisign.com"]);
    expect(info.dnsNames).toContain("*.facebook.com");
    expect(info.crlUrls.length).toBeGreaterThan(0);
    expect(info.isPrecertificate).toBe(false);
    expect(info.extendedKeyUsages.map((e) => e.name)).toContain("serverAuth");
    expect(info.sha256Fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(info.spkiSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads the RustCrypto delegated responder: serial 04, OCSPSigning, issued by the CA", () => {
    const { info } = parseCertificate(der("rsa-2048-sha256-ocsp-crt.der"));
    expect(info.serialNumber).toBe("04");
    expect(info.issuer).toBe("CN=rsa-2048-sha256-ca");
    expect(info.notAfter).toBe("2024-11-04T01:09:46.000Z");
    expect(info.extendedKeyUsages).toEqual([{ oid: "1.3.6.1.5.5.7.3.9", name: "OCSPSigning" }]);
  });

  it.each([
    ["responderCertHex.der", "CN=OCSP Responder", "CN=OCSP Responder", "2015-01-30", "2016-01-30"],
    [
      "rsa-2048-sha256-ca.der",
      "CN=rsa-2048-sha256-ca",
      "CN=rsa-2048-sha256-ca",
      "2023-11-05",
      "2032-11-02",
    ],
  ])("reads %s as the README describes", (name, subject, issuer, from, to) => {
    const { info } = parseCertificate(der(name));
    expect([info.subject, info.issuer]).toEqual([subject, issuer]);
    expect([info.notBefore.slice(0, 10), info.notAfter.slice(0, 10)]).toEqual([from, to]);
  });

  it("reads the rest of the README's certificates", () => {
    expect(parseCertificate(der("responderCertHex.der")).info.extendedKeyUsages[0]?.name).toBe(
      "OCSPSigning",
    );
    expect(parseCertificate(der("issuerCertHex.der")).info.subject).toContain(
      "OU=VeriSign International Server CA - Class 3",
    );
    const leaf = parseCertificate(der("rsa-2048-sha256-crt.der")).info;
    expect([leaf.serialNumber, leaf.issuer]).toEqual(["02", "CN=rsa-2048-sha256-ca"]);
  });

  it("reads GTSRoot.pem, which is really the intermediate GTS CA 1C3", () => {
    const { info } = parseCertificate(readFileSync(join(dir, "GTSRoot.pem"), "utf8"));
    expect(info.subject).toBe("CN=GTS CA 1C3,O=Google Trust Services LLC,C=US");
    expect(info.issuer).toBe("CN=GTS Root R1,O=Google Trust Services LLC,C=US");
    expect(info.notBefore.slice(0, 10)).toBe("2020-08-13");
    expect(info.notAfter.slice(0, 10)).toBe("2027-09-30");
    expect(info.isCa).toBe(true);
  });

  it("flags a CT precertificate (poison extension) and reads a fresh certificate's fields", async () => {
    const made = await makePrecertificate("CN=precert.test, O=Example", ["precert.test", "www.precert.test"]);
    const { info } = parseCertificate(made.toString("pem"));
    expect(info).toMatchObject({
      subject: "O=Example,CN=precert.test",
      serialNumber: "ff01",
      notBefore: "2025-01-01T00:00:00.000Z",
      isPrecertificate: true,
      dnsNames: ["precert.test", "www.precert.test"],
      ocspUrls: ["http://ocsp.example/"],
      caIssuersUrls: ["http://ca.example/ca.der"],
      crlUrls: ["http://crl.example/ca.crl"],
    });
  });

  it("strips the sign byte but compares serials as numbers", () => {
    expect(sameSerial("00F3:74", "f374")).toBe(true);
    expect(sameSerial("10001", "010001")).toBe(true);
    expect(sameSerial("03", "30")).toBe(false);
  });
});

describe("bad certificate input names the block, line and reason", () => {
  const leaf = der("leafCertHex.der");
  const ca = der("issuerCertHex.der");

  it("bad base64", () => {
    const text = pem(leaf) + pem(ca).replace(/\n([A-Za-z0-9+/]{10})/, "\n$1!!");
    const e = inputError(() => parseCertificates(text));
    expect([e.problem, e.block, e.line]).toEqual(["bad-base64", 2, pem(leaf).split("\n").length]);
    expect(e.message).toMatch(/^PEM block 2 \(line \d+\): line \d+ is not base64/);
  });

  it("not a certificate (a CRL in a CERTIFICATE block)", () => {
    const e = inputError(() => parseCertificates(pem(der("rsa-2048-sha256-ca-crl.der"))));
    expect([e.problem, e.block, e.line]).toEqual(["not-a-certificate", 1, 1]);
  });

  it("truncated DER", () => {
    const e = inputError(() => parseCertificates(pem(leaf.subarray(0, 300))));
    expect(e.problem).toBe("truncated-der");
    expect(inputError(() => parseCertificates(leaf.subarray(0, 300))).problem).toBe(
      "truncated-der",
    );
  });

  it("wrong label", () => {
    const e = inputError(() => parseCertificates(pem(leaf) + "\n" + pem(leaf, "PRIVATE KEY")));
    expect([e.problem, e.block]).toEqual(["wrong-label", 2]);
    expect(e.message).toMatch(/found PRIVATE KEY/);
  });

  it("missing END line, and no PEM at all", () => {
    expect(
      inputError(() => parseCertificates(pem(leaf).replace(/-----END[^\n]*\n/, ""))).problem,
    ).toBe("unterminated-block");
    expect(inputError(() => parseCertificates("hello")).problem).toBe("no-certificate");
    expect(
      inputError(() => parseCertificates(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).problem,
    ).toBe("not-a-certificate");
  });
});

describe("input that is no certificate says what its bytes are", () => {
  const refused = (input: string | Uint8Array) => {
    const e = inputError(() => parseCertificates(input));
    return { problem: e.problem, block: e.block, line: e.line, message: e.message };
  };
  const noPlace = (message: string) =>
    ({ problem: "no-certificate", block: null, line: null, message }) as const;
  const neither = (first: string) =>
    `neither PEM (no -----BEGIN CERTIFICATE----- line) nor DER (not an ASN.1 SEQUENCE: first byte ${first})`;

  it("an empty file, as bytes or text, and one of only white space", () => {
    expect(refused(new Uint8Array())).toEqual(noPlace("the file is empty"));
    expect(refused("")).toEqual(noPlace("the file is empty"));
    expect(refused(new TextEncoder().encode(" \r\n\t\n"))).toEqual(noPlace("the file holds only white space"));
  });

  it("bytes that are neither PEM nor DER name their first byte", () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(refused(png)).toEqual(noPlace(neither("0x89")));
    expect(refused(new TextEncoder().encode("hello"))).toEqual(noPlace(neither("0x68")));
  });

  it("a 30 MB random file is refused quickly as neither PEM nor DER", () => {
    const random = new Uint8Array(30 * 1024 * 1024);
    for (let i = 0; i < random.length; i += 65536) webcrypto.getRandomValues(random.subarray(i, i + 65536));
    random[0] = 0x07;
    const started = performance.now();
    expect(refused(random)).toEqual(noPlace(neither("0x07")));
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("pasted text without a BEGIN line, or with one inside a sentence", () => {
    expect(refused("hello")).toEqual(noPlace("no -----BEGIN CERTIFICATE----- line"));
    const inline = "paste it here: -----BEGIN CERTIFICATE----- MIIB -----END CERTIFICATE-----";
    expect(refused(inline)).toEqual(noPlace("no -----BEGIN CERTIFICATE----- line"));
  });

  it("keeps the place out of the detail, so a caller can print it once", () => {
    const text = pem(der("leafCertHex.der")) + "-----BEGIN CERTIFICATE-----\nAAAA\n";
    const e = inputError(() => parseCertificates(text));
    const line = pem(der("leafCertHex.der")).split("\n").length;
    expect([e.block, e.line, e.detail]).toEqual([2, line, "no END CERTIFICATE line"]);
    expect(e.message).toBe(`PEM block 2 (line ${line}): no END CERTIFICATE line`);
  });
});

describe("damaged certificates", () => {
  it("every byte-flip and truncation either parses or is a CertificateInputError", () => {
    const good = der("rsa-2048-sha256-crt.der");
    for (let i = 0; i < good.length; i += 3) {
      const flipped = good.slice();
      flipped[i] = (flipped[i] ?? 0) ^ 0x5a;
      for (const bytes of [flipped, good.slice(0, i)]) {
        try {
          parseCertificates(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(CertificateInputError);
        }
      }
    }
  });
});

describe("bundles mixing leaves and issuers", () => {
  it("pairs each leaf with the issuer whose key verifies it", async () => {
    const bundle = parseCertificates(
      [
        der("issuerCertHex.der"),
        der("rsa-2048-sha256-crt.der"),
        der("leafCertHex.der"),
        der("rsa-2048-sha256-ca.der"),
        der("rsa-2048-sha256-ocsp-crt.der"),
      ]
        .map((b) => pem(b))
        .join("explanatory text between blocks\n"),
    );
    expect(bundle).toHaveLength(5);
    const pairs = await pairLeavesWithIssuers(bundle);
    const names = pairs.map((p) => [p.leaf.info.subject, p.issuer?.info.subject ?? null]);
    expect(names).toContainEqual([
      "CN=*.facebook.com,O=Facebook\\, Inc.,L=Palo Alto,ST=California,C=US",
      bundle[0]?.info.subject,
    ]);
    expect(names).toContainEqual(["CN=rsa-2048-sha256-ocsp-crt", "CN=rsa-2048-sha256-ca"]);
    expect(pairs.some((p) => p.leaf.info.subject === "CN=rsa-2048-sha256-ca")).toBe(false);
  });

  it("does not pick a certificate that merely has the right name", async () => {
    const leaf = parseCertificate(der("responderCertHex.der")); // self-signed "CN=OCSP Responder"
    const stranger = parseCertificate(der("leafCertHex.der"));
    expect(await findIssuer(leaf, [stranger])).toBeNull();
  });
});
