/**
 * Leaves for sweep tests and the benchmark, signed in-process by a TestCa's key, whose
 * AIA OCSP URLs are spread over several responders (test/support's bulk issue names
 * the CA's one URL). Every leaf goes into the CA's index.txt, revoked ones as "R"
 * lines, so every `openssl ocsp` started on that index answers for all of them.
 */
import "@/lib/pki/engine"; // must precede @peculiar/x509 (reflect-metadata)
import { randomBytes, webcrypto } from "node:crypto";
import { appendFile, readFile } from "node:fs/promises";
import * as x509 from "@peculiar/x509";
import type { TestCa } from "@/test/support/openssl-ca";

/** What one leaf should look like. */
export interface LeafSpec {
  ocspUrl: string | null;
  crlUrl: string | null;
  /** RFC 5280 reason name, e.g. "keyCompromise", for a leaf revoked an hour ago. */
  revoked?: string;
}

/** An issued leaf. */
export interface SpreadLeaf extends LeafSpec {
  serial: string;
  der: Uint8Array;
  pem: string;
}

/** Signs one leaf per spec with the CA's key (EC or RSA) and records them in index.txt. */
export async function issueSpreadLeaves(ca: TestCa, specs: LeafSpec[], prefix = "spread"): Promise<SpreadLeaf[]> {
  const { signingKey, signingAlgorithm } = await caSigningKey(ca.keyPath);
  const keys = await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const publicKey = await x509.PublicKey.create(keys.publicKey as CryptoKey);
  const notBefore = new Date(Date.now() - 3600_000);
  const notAfter = new Date(Date.now() + 30 * 86_400_000);
  const leaves: SpreadLeaf[] = [];
  const index: string[] = [];

  for (const [i, spec] of specs.entries()) {
    const serial = randomBytes(16);
    serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x10; // positive, no leading zero byte
    const name = `${prefix}-${i}.test`;
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial.toString("hex"),
      subject: `CN=${name}`,
      issuer: ca.cert.x509.subjectName,
      notBefore,
      notAfter,
      publicKey,
      signingKey,
      signingAlgorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.SubjectAlternativeNameExtension([{ type: "dns", value: name }]),
        ...(spec.ocspUrl ? [new x509.AuthorityInfoAccessExtension({ ocsp: [spec.ocspUrl] })] : []),
        ...(spec.crlUrl ? [new x509.CRLDistributionPointsExtension([spec.crlUrl])] : []),
      ],
    });
    const der = new Uint8Array(cert.rawData);
    leaves.push({ ...spec, serial: serial.toString("hex"), der, pem: cert.toString("pem") });
    index.push(indexLine(serial.toString("hex"), notAfter, name, spec.revoked));
  }
  await appendFile(ca.indexPath, index.join(""));
  return leaves;
}

/** OpenSSL's ca database line: status, expiry, revocation "time,reason", serial, file, DN. */
function indexLine(serialHex: string, notAfter: Date, cn: string, revoked?: string): string {
  const time = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";
  const revocation = revoked ? `${time(new Date(Date.now() - 3600_000))},${revoked}` : "";
  return `${revoked ? "R" : "V"}\t${time(notAfter)}\t${revocation}\t${serialHex.toUpperCase()}\tunknown\t/CN=${cn}\n`;
}

async function caSigningKey(keyPath: string) {
  const der = x509.PemConverter.decodeFirst(await readFile(keyPath, "utf8"));
  for (const [algorithm, signingAlgorithm] of [
    [{ name: "ECDSA", namedCurve: "P-256" }, { name: "ECDSA", hash: "SHA-256" }],
    [{ name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }],
  ] as const) {
    try {
      const signingKey = (await webcrypto.subtle.importKey("pkcs8", der, algorithm, false, ["sign"])) as CryptoKey;
      return { signingKey, signingAlgorithm };
    } catch {
      // not this key type; try the next
    }
  }
  throw new Error(`${keyPath} is neither a P-256 nor an RSA key`);
}
