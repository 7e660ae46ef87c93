/**
 * What a sweep needs of an issuer, computed once: the CertID hashes (RFC 6960 §4.1.1,
 * SHA-1 as RFC 5019 responders expect) over the exact encoded subject and key of the
 * issuer certificate, and its public key as a node:crypto KeyObject.
 */
import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import type { ParsedCertificate } from "../../pki/certificate";
import { childrenOf, expectTag, readTlv, valueOf } from "./der";

/** An issuer ready for fast requests and signature checks. */
export interface IssuerKey {
  cert: ParsedCertificate;
  /** SHA-1 of the issuer's subject Name DER. */
  nameHash: Uint8Array;
  /** SHA-1 of the issuer's subjectPublicKey BIT STRING value (without the unused-bits octet). */
  keyHash: Uint8Array;
  publicKey: KeyObject;
}

const SEQUENCE = 0x30;

/** Reads the issuer certificate's own bytes (no re-encoding, so the hashes match the CA's). */
export function issuerKeyOf(cert: ParsedCertificate): IssuerKey {
  const der = cert.der;
  const top = readTlv(der, 0);
  const tbs = expectTag(childrenOf(der, top)[0], SEQUENCE, "tbsCertificate");
  const fields = childrenOf(der, tbs);
  const skip = fields[0]?.tag === 0xa0 ? 1 : 0; // [0] EXPLICIT version
  const subject = expectTag(fields[skip + 4], SEQUENCE, "subject");
  const spki = expectTag(fields[skip + 5], SEQUENCE, "subjectPublicKeyInfo");
  const bitString = expectTag(childrenOf(der, spki)[1], 0x03, "subjectPublicKey");
  const sha1 = (bytes: Uint8Array) => new Uint8Array(createHash("sha1").update(bytes).digest());
  return {
    cert,
    nameHash: sha1(der.subarray(subject.start, subject.end)),
    keyHash: sha1(valueOf(der, bitString).subarray(1)),
    publicKey: createPublicKey({ key: Buffer.from(der.subarray(spki.start, spki.end)), format: "der", type: "spki" }),
  };
}
