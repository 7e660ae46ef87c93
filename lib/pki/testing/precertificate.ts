/**
 * A self-signed CT precertificate (poison extension, RFC 6962 §3.1) for tests: serial ff01,
 * valid 2025-01-01 to 2025-04-01, OCSP http://ocsp.example/, CA issuers
 * http://ca.example/ca.der, CRL http://crl.example/ca.crl.
 */
import "@/lib/pki/engine"; // must precede @peculiar/x509 (reflect-metadata)
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

export async function makePrecertificate(name: string, dnsNames: string[]): Promise<x509.X509Certificate> {
  const alg = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ["sign", "verify"])) as CryptoKeyPair;
  return x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "00ff01",
    name,
    notBefore: new Date("2025-01-01T00:00:00Z"),
    notAfter: new Date("2025-04-01T00:00:00Z"),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.Extension("1.3.6.1.4.1.11129.2.4.3", true, new Uint8Array([0x05, 0x00])),
      new x509.SubjectAlternativeNameExtension(dnsNames.map((value) => ({ type: "dns" as const, value }))),
      new x509.AuthorityInfoAccessExtension({
        ocsp: ["http://ocsp.example/"],
        caIssuers: ["http://ca.example/ca.der"],
      }),
      new x509.CRLDistributionPointsExtension(["http://crl.example/ca.crl"]),
    ],
  });
}
