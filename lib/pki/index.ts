/** Certificate parsing: the public surface of lib/pki. */
export { ensurePkiEngine } from "./engine";
export { toHex, sha256Hex, serialHexFromInteger, sameSerial } from "./bytes";
export { CertificateInputError, type CertificateInputProblem } from "./errors";
export { readPemBlocks, looksLikePem, type PemBlock } from "./pem";
export { rfc4514FromDer } from "./names";
export { OID, oidName } from "./oids";
export { parseCertificateDer, type CertificateInfo, type ParsedCertificate } from "./certificate";
export {
  parseCertificates,
  parseCertificate,
  findIssuer,
  signedBy,
  pairLeavesWithIssuers,
} from "./bundle";
