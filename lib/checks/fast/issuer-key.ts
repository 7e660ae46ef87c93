/**
 * What a sweep needs of an issuer, computed once: the CertID hashes (RFC 6960 §4.1.1,
 * SHA-1 as RFC 5019 responders expect) over the encoded subject and key of the issuer
 * certificate, and its public key as a node:crypto KeyObject.
 */
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import type { ParsedCertificate } from "../../pki/certificate";

/** An issuer ready for fast requests and signature checks. */
export interface IssuerKey {
  cert: ParsedCertificate;
  /** SHA-1 of the issuer's subject Name DER. */
  nameHash: Uint8Array;
  /** SHA-1 of the issuer's subjectPublicKey BIT STRING value (without the unused-bits octet). */
  keyHash: Uint8Array;
  publicKey: KeyObject;
}

const sha1 = (bytes: ArrayBuffer | Uint8Array) =>
  new Uint8Array(createHash("sha1").update(new Uint8Array(bytes)).digest());

/**
 * Hashes exactly what pkijs' CertID.createForCertificate hashes (the subject as the
 * certificate encodes it, the key's BIT STRING value), so requests match buildOcspRequest.
 */
export function issuerKeyOf(cert: ParsedCertificate): IssuerKey {
  const { subject, subjectPublicKeyInfo } = cert.pkijs;
  return {
    cert,
    nameHash: sha1(subject.toSchema().toBER(false)),
    keyHash: sha1(subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
    publicKey: createPublicKey({
      key: Buffer.from(subjectPublicKeyInfo.toSchema().toBER(false)),
      format: "der",
      type: "spki",
    }),
  };
}
