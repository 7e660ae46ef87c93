/** CertID (RFC 6960 §4.1.1): how OCSP names a certificate. */
import * as pkijs from "pkijs";
import { pkiCrypto } from "../pki/engine";
import { serialHexFromInteger, toHex } from "../pki/bytes";
import { oidName } from "../pki/oids";
import type { ParsedCertificate } from "../pki/certificate";

/** Hash algorithms a CertID may use here; SHA-1 is what RFC 5019 responders expect. */
export type CertIdHash = "SHA-1" | "SHA-256";

/** JSON-safe CertID. */
export interface CertIdInfo {
  /** "SHA-1", "SHA-256", … or the OID when unknown. */
  hashAlgorithm: string;
  issuerNameHash: string;
  issuerKeyHash: string;
  /** Lower-case hex, sign byte removed. */
  serialNumber: string;
}

/** Builds the CertID for `cert` issued by `issuer` (name hash over the issuer's subject DER). */
export async function createCertId(
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  hash: CertIdHash = "SHA-1",
): Promise<pkijs.CertID> {
  const id = new pkijs.CertID();
  await id.createForCertificate(
    cert.pkijs,
    { issuerCertificate: issuer.pkijs, hashAlgorithm: hash },
    pkiCrypto(),
  );
  return id;
}

/** The JSON-safe reading of a pkijs CertID. */
export function describeCertId(id: pkijs.CertID): CertIdInfo {
  const oid = id.hashAlgorithm.algorithmId;
  return {
    hashAlgorithm: oidName(oid) ?? oid,
    issuerNameHash: toHex(id.issuerNameHash.valueBlock.valueHexView),
    issuerKeyHash: toHex(id.issuerKeyHash.valueBlock.valueHexView),
    serialNumber: serialHexFromInteger(id.serialNumber.valueBlock.valueHexView),
  };
}

/** Same hash algorithm, issuer name hash, issuer key hash and serial (RFC 6960 §4.1.1). */
export function sameCertId(a: CertIdInfo, b: CertIdInfo): boolean {
  return (
    a.hashAlgorithm === b.hashAlgorithm &&
    a.issuerNameHash === b.issuerNameHash &&
    a.issuerKeyHash === b.issuerKeyHash &&
    a.serialNumber === b.serialNumber
  );
}
