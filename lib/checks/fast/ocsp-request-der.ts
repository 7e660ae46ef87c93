/**
 * OCSPRequest (RFC 6960 §4.1.1) for one certificate, as a sweep sends it thousands of
 * times: one Request, SHA-1 CertID, no nonce, unsigned. Encoded by @peculiar/asn1-ocsp
 * from the issuer's hashes and the stored serial, so no certificate is parsed per check.
 * Byte-identical to lib/revocation's buildOcspRequest for the same input (tested).
 */
import { CertID, OCSPRequest, Request, TBSRequest } from "@peculiar/asn1-ocsp";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import type { IssuerKey } from "./issuer-key";

const ID_SHA1 = "1.3.14.3.2.26";

/**
 * The CertificateSerialNumber INTEGER contents for a serial in hex without sign byte:
 * the inverse of serialHexFromInteger, so the serial goes out as the certificate has it.
 */
export function serialContents(serialHex: string): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.from(serialHex.length % 2 ? `0${serialHex}` : serialHex, "hex");
  const signByte = (bytes[0] ?? 0) >= 0x80 ? [0] : [];
  return Uint8Array.from([...signByte, ...bytes]);
}

/** The CertID (SHA-1, NULL parameters as pkijs writes them) for `serialHex` under `issuer`. */
export function certIdOf(issuer: IssuerKey, serialHex: string): CertID {
  return new CertID({
    hashAlgorithm: new AlgorithmIdentifier({ algorithm: ID_SHA1, parameters: null }),
    issuerNameHash: new OctetString(issuer.nameHash),
    issuerKeyHash: new OctetString(issuer.keyHash),
    serialNumber: serialContents(serialHex).buffer,
  });
}

/** The DER of {@link certIdOf}, to compare with the CertID a response carries. */
export function certIdDer(issuer: IssuerKey, serialHex: string): Uint8Array {
  return new Uint8Array(AsnConvert.serialize(certIdOf(issuer, serialHex)));
}

/** OCSPRequest { TBSRequest { requestList { Request { reqCert } } } }, DER. */
export function ocspRequestDer(issuer: IssuerKey, serialHex: string): Uint8Array {
  const request = new Request({ reqCert: certIdOf(issuer, serialHex) });
  const ocspRequest = new OCSPRequest({ tbsRequest: new TBSRequest({ requestList: [request] }) });
  return new Uint8Array(AsnConvert.serialize(ocspRequest));
}
