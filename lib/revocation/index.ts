/** Revocation checking (OCSP, CRL): the public surface of lib/revocation. */
export { checkOcsp, type OcspCheckInput, type OcspCheckResult } from "./ocsp-check";
export { checkCrl, type CrlCheckInput, type CrlCheckResult } from "./crl-check";
export { inspectOcspResponse, type OcspInspection } from "./inspect";
export { ocspEvidence, crlEvidence, type OcspEvidence, type CrlEvidence } from "./evidence";
export {
  VERDICTS,
  verdictMessage,
  isAuthoritative,
  type Verdict,
  type VerdictDetail,
} from "./verdict";
export {
  buildOcspRequest,
  encodeOcspHttpRequest,
  GET_MAX_DER_BYTES,
  type BuiltOcspRequest,
  type OcspMethod,
  type OcspHttpRequest,
  type OcspRequestOptions,
} from "./ocsp-request";
export {
  parseOcspResponse,
  RESPONSE_STATUSES,
  type OcspParseResult,
  type OcspResponseInfo,
  type SingleResponseInfo,
  type ResponderId,
  type ResponseStatus,
  type CertStatus,
  type EmbeddedCertificateInfo,
} from "./ocsp-response";
export { verifyOcspSignature, responderIdMatches, type SignatureCheck } from "./verify";
export { evaluateOcspResponse, type OcspEvaluation, type Finding } from "./evaluate";
export {
  checkFreshness,
  validityIntervalSeconds,
  CLOCK_SKEW_MS,
  BR_MIN_INTERVAL_SECONDS,
  BR_MAX_INTERVAL_SECONDS,
} from "./freshness";
export {
  createCertId,
  describeCertId,
  sameCertId,
  type CertIdInfo,
  type CertIdHash,
} from "./cert-id";
export {
  parseCrl,
  findCrlEntry,
  crlSignedBy,
  indexCrlEntries,
  type CrlInfo,
  type CrlEntryInfo,
} from "./crl";
export { identifyContent, type ContentIdentity, type ContentKind } from "./identify";
export {
  REVOCATION_REASONS,
  revocationReasonName,
  type RevocationReason,
} from "./revocation-reason";
export { type ExtensionInfo } from "./extensions";
