/** Reading certificate input (PEM bundle or DER) and pairing leaves with issuers. */
import { X509Certificate } from "node:crypto";
import { asUint8 } from "./bytes";
import { parseCertificateDer, type ParsedCertificate } from "./certificate";
import { CertificateInputError } from "./errors";
import { readPemBlocks } from "./pem";

/**
 * Parses one certificate or a bundle: PEM text (any number of CERTIFICATE blocks, other
 * text between them ignored) or raw DER bytes. Throws {@link CertificateInputError}
 * naming the PEM block and line for every kind of bad input.
 */
export function parseCertificates(
  input: string | ArrayBuffer | ArrayBufferView,
): ParsedCertificate[] {
  const bytes = typeof input === "string" ? null : asUint8(input);
  const text = bytes ? pemTextOrNull(bytes) : (input as string);
  if (text === null) return [parseCertificateDer(input as ArrayBufferView)];
  if (text.trim() === "") {
    const detail = text === "" ? "the file is empty" : "the file holds only white space";
    throw new CertificateInputError("no-certificate", detail);
  }

  const blocks = readPemBlocks(text);
  if (blocks.length === 0) throw new CertificateInputError("no-certificate", notPem(bytes));
  return blocks.map((b) => {
    const where = { block: b.index, line: b.line };
    if (b.label !== "CERTIFICATE" && b.label !== "TRUSTED CERTIFICATE") {
      throw new CertificateInputError(
        "wrong-label",
        `expected CERTIFICATE, found ${b.label}`,
        where,
      );
    }
    return parseCertificateDer(b.der, where);
  });
}

/** Parses input that must hold exactly one certificate. */
export function parseCertificate(input: string | ArrayBuffer | ArrayBufferView): ParsedCertificate {
  const all = parseCertificates(input);
  if (all.length !== 1 || !all[0]) {
    throw new CertificateInputError(
      "no-certificate",
      `expected one certificate, found ${all.length}`,
    );
  }
  return all[0];
}

/**
 * Why input without a PEM block is not DER either: DER certificates are a SEQUENCE, so
 * the first byte (we only come here when it is not 0x30) is what to name.
 */
function notPem(bytes: Uint8Array | null): string {
  const begin = "-----BEGIN CERTIFICATE----- line";
  if (!bytes) return `no ${begin}`;
  const first = (bytes[0] ?? 0).toString(16).padStart(2, "0");
  return `neither PEM (no ${begin}) nor DER (not an ASN.1 SEQUENCE: first byte 0x${first})`;
}

/** DER starts with a SEQUENCE tag; anything else that decodes as text is treated as PEM. */
function pemTextOrNull(bytes: Uint8Array): string | null {
  if (bytes[0] === 0x30) return null;
  return Buffer.from(bytes).toString("utf8");
}

function sameName(
  a: ParsedCertificate["pkijs"]["subject"],
  b: ParsedCertificate["pkijs"]["issuer"],
): boolean {
  return (
    Buffer.from(a.toSchema().toBER()).equals(Buffer.from(b.toSchema().toBER())) || a.isEqual(b)
  );
}

/**
 * Picks the certificate that issued `leaf` from `candidates`: its subject matches the
 * leaf's issuer name AND its key verifies the leaf's signature. Null when none does.
 */
export async function findIssuer(
  leaf: ParsedCertificate,
  candidates: readonly ParsedCertificate[],
): Promise<ParsedCertificate | null> {
  for (const c of candidates) {
    if (c === leaf || !sameName(c.pkijs.subject, leaf.pkijs.issuer)) continue;
    if (await signedBy(leaf, c)) return c;
  }
  return null;
}

/** OpenSSL's reading of each certificate, made once: pairing a bundle asks about one issuer many times. */
const nativeViews = new WeakMap<ParsedCertificate, X509Certificate | null>();

function nativeView(cert: ParsedCertificate): X509Certificate | null {
  if (!nativeViews.has(cert)) {
    let view: X509Certificate | null = null;
    try {
      view = new X509Certificate(cert.der);
    } catch {
      // OpenSSL refuses what pkijs may read: verify with pkijs then.
    }
    nativeViews.set(cert, view);
  }
  return nativeViews.get(cert) ?? null;
}

/**
 * Whether `issuer`'s key verifies the signature on `cert`. Never throws. Node's OpenSSL
 * checks it (about 0.2 ms, where pkijs first needs 3.5 ms to build its view of each
 * certificate); pkijs does when OpenSSL cannot read one of the two.
 */
export async function signedBy(
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
): Promise<boolean> {
  const [leaf, signer] = [nativeView(cert), nativeView(issuer)];
  try {
    if (leaf && signer) return leaf.verify(signer.publicKey);
    return await cert.pkijs.verify(issuer.pkijs);
  } catch {
    return false;
  }
}

/**
 * Splits a bundle into leaves (not CA, or not issuing any other member) each paired with
 * its issuer from the same bundle (null when the bundle lacks it).
 */
export async function pairLeavesWithIssuers(
  bundle: readonly ParsedCertificate[],
): Promise<{ leaf: ParsedCertificate; issuer: ParsedCertificate | null }[]> {
  const issuers = new Set<ParsedCertificate>();
  const pairs: { leaf: ParsedCertificate; issuer: ParsedCertificate | null }[] = [];
  for (const cert of bundle) {
    const issuer = await findIssuer(cert, bundle);
    if (issuer) issuers.add(issuer);
    pairs.push({ leaf: cert, issuer });
  }
  return pairs.filter((p) => !issuers.has(p.leaf) && !(p.leaf.info.isCa && p.issuer === null));
}
