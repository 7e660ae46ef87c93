/**
 * OCSPRequest (RFC 6960 §4.1.1) for one certificate, encoded directly: one Request, SHA-1
 * CertID, no nonce, unsigned — what a sweep sends thousands of times. Byte-identical to
 * lib/revocation's buildOcspRequest for the same input (tested).
 */
import { concat, encodeTlv } from "./der";
import type { IssuerKey } from "./issuer-key";

// AlgorithmIdentifier { id-sha1 (1.3.14.3.2.26), NULL }
const SHA1_ALGORITHM = Uint8Array.from([0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00]);

/** The INTEGER contents of a serial given as hex without sign byte (see serialHexFromInteger). */
export function serialContents(serialHex: string): Uint8Array {
  const even = serialHex.length % 2 ? `0${serialHex}` : serialHex;
  const bytes = Buffer.from(even, "hex");
  return (bytes[0] ?? 0) >= 0x80 ? concat([Uint8Array.of(0), bytes]) : new Uint8Array(bytes);
}

/** The CertID SEQUENCE for `serialHex` under `issuer`. */
export function certIdDer(issuer: IssuerKey, serialHex: string): Uint8Array {
  return encodeTlv(
    0x30,
    concat([
      SHA1_ALGORITHM,
      encodeTlv(0x04, issuer.nameHash),
      encodeTlv(0x04, issuer.keyHash),
      encodeTlv(0x02, serialContents(serialHex)),
    ]),
  );
}

/** OCSPRequest { TBSRequest { requestList { Request { reqCert } } } }. */
export function ocspRequestDer(issuer: IssuerKey, serialHex: string): Uint8Array {
  const request = encodeTlv(0x30, certIdDer(issuer, serialHex));
  const requestList = encodeTlv(0x30, request);
  const tbsRequest = encodeTlv(0x30, requestList);
  return encodeTlv(0x30, tbsRequest);
}
