/** CertificateList (RFC 5280 §5) read into JSON-safe facts, entry lookup and signature check. */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { decodeBer } from "../pki/ber";
import { asUint8, serialHexFromInteger } from "../pki/bytes";
import type { ParsedCertificate } from "../pki/certificate";
import { pkiCrypto } from "../pki/engine";
import { rfc4514FromDer } from "../pki/names";
import { OID, oidName } from "../pki/oids";
import { readPemBlocks } from "../pki/pem";
import { describeExtensions, type ExtensionInfo } from "./extensions";
import { identifyContent, type ContentIdentity } from "./identify";
import { revocationReasonName, type RevocationReason } from "./revocation-reason";

/** JSON-safe CRL header (entries are looked up, not listed: CRLs can be 20 MiB). */
export interface CrlInfo {
  version: 1 | 2;
  issuer: string;
  thisUpdate: string;
  nextUpdate: string | null;
  crlNumber: string | null;
  signatureAlgorithm: string;
  entryCount: number;
  extensions: ExtensionInfo[];
  warnings: string[];
}

/** One revokedCertificates entry. */
export interface CrlEntryInfo {
  serialNumber: string;
  revocationDate: string;
  reason: RevocationReason | null;
}

export type CrlParseResult =
  | { ok: true; info: CrlInfo; crl: pkijs.CertificateRevocationList }
  | { ok: false; identity: ContentIdentity; detail: string };

/** Reads DER (or a PEM "X509 CRL" block) as a CRL; never throws. */
export function parseCrl(input: ArrayBuffer | ArrayBufferView): CrlParseResult {
  let bytes = asUint8(input);
  const warnings: string[] = [];
  const pem = bytes[0] === 0x2d ? pemCrl(bytes) : null; // "-"
  if (pem) {
    bytes = pem;
    warnings.push("served as PEM text, not DER (RFC 5280 §4.2.1.13 expects DER over HTTP)");
  }
  // One decode serves both the CRL and, when it is not one, saying what it is instead.
  const asn = decodeBer(bytes);
  if (asn.ok) {
    try {
      const crl = new pkijs.CertificateRevocationList({ schema: asn.result });
      const extra = bytes.byteLength - asn.offset;
      if (extra > 0) warnings.push(`${extra} bytes after the CertificateList (ignored)`);
      return { ok: true, info: describeCrl(crl, warnings), crl };
    } catch {
      // not a CertificateList: say what it is below
    }
  }
  const identity = identifyContent(bytes);
  if (identity.kind !== "crl") return { ok: false, identity, detail: identity.description };
  const why = asn.ok ? "its fields do not match RFC 5280's CertificateList" : asn.error;
  return { ok: false, identity, detail: `a CRL that cannot be read (${why})` };
}

function describeCrl(crl: pkijs.CertificateRevocationList, warnings: string[]): CrlInfo {
  const number = crl.crlExtensions?.extensions.find((e) => e.extnID === "2.5.29.20");
  const sig = crl.signature.algorithmId;
  return {
    version: crl.version === 1 ? 2 : 1,
    issuer: rfc4514FromDer(crl.issuer.toSchema().toBER()),
    thisUpdate: crl.thisUpdate.value.toISOString(),
    nextUpdate: crl.nextUpdate ? crl.nextUpdate.value.toISOString() : null,
    crlNumber: number ? crlNumberHex(number) : null,
    signatureAlgorithm: oidName(sig) ?? sig,
    entryCount: crl.revokedCertificates?.length ?? 0,
    extensions: describeExtensions(crl.crlExtensions?.extensions),
    warnings,
  };
}

function pemCrl(bytes: Uint8Array): Uint8Array | null {
  try {
    return (
      readPemBlocks(Buffer.from(bytes).toString("utf8")).find((b) => b.label === "X509 CRL")?.der ??
      null
    );
  } catch {
    return null;
  }
}

function crlNumberHex(ext: pkijs.Extension): string | null {
  const parsed = decodeBer(ext.extnValue.valueBlock.valueHexView);
  return parsed.ok && parsed.result instanceof asn1js.Integer
    ? serialHexFromInteger(parsed.result.valueBlock.valueHexView)
    : null;
}

/** Finds the entry for a serial (lower-case hex, sign byte removed), or null. */
export function findCrlEntry(
  crl: pkijs.CertificateRevocationList,
  serialHex: string,
): CrlEntryInfo | null {
  for (const entry of crl.revokedCertificates ?? []) {
    const serial = serialHexFromInteger(entry.userCertificate.valueBlock.valueHexView);
    if (serial === serialHex) return describeEntry(entry, serial);
  }
  return null;
}

function describeEntry(entry: pkijs.RevokedCertificate, serialNumber: string): CrlEntryInfo {
  const ext = entry.crlEntryExtensions?.extensions.find((e) => e.extnID === OID.crlReason);
  const decoded = ext ? decodeBer(ext.extnValue.valueBlock.valueHexView) : null;
  const parsed = decoded?.ok ? decoded.result : null;
  const reason =
    parsed instanceof asn1js.Enumerated ? revocationReasonName(parsed.valueBlock.valueDec) : null;
  return { serialNumber, revocationDate: entry.revocationDate.value.toISOString(), reason };
}

/** Whether `issuer`'s key verifies the CRL signature. Never throws. */
export async function crlSignedBy(
  crl: pkijs.CertificateRevocationList,
  issuer: ParsedCertificate,
): Promise<boolean> {
  try {
    return await pkiCrypto().verifyWithPublicKey(
      crl.tbsView as BufferSource,
      crl.signatureValue,
      issuer.pkijs.subjectPublicKeyInfo,
      crl.signatureAlgorithm,
    );
  } catch {
    return false;
  }
}

/** Serial → entry for sweeps that check many certificates against one CRL. */
export function indexCrlEntries(crl: pkijs.CertificateRevocationList): Map<string, CrlEntryInfo> {
  const map = new Map<string, CrlEntryInfo>();
  for (const entry of crl.revokedCertificates ?? []) {
    const serial = serialHexFromInteger(entry.userCertificate.valueBlock.valueHexView);
    map.set(serial, describeEntry(entry, serial));
  }
  return map;
}
