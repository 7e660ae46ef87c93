/**
 * A stored check as evidence: a self-contained JSON record (bytes in base64, every
 * parsed field) and the raw DER files with their RFC media types.
 */

/** A check as lib/db/revocation-reads.server.ts#checkEvidence returns it. */
export interface StoredCheck {
  id: string;
  certificateId: string;
  sweepId: string | null;
  protocol: string;
  url: string;
  method: string | null;
  startedAt: Date;
  durationMs: number;
  httpStatus: number | null;
  contentType: string | null;
  verdict: string;
  verdictDetail: string;
  requestBytes: Uint8Array | null;
  responseBytes: Uint8Array | null;
  parsedJson: string | null;
  createdAt: Date;
}

/** The JSON evidence record of a check. */
export function evidenceDocument(check: StoredCheck) {
  const { requestBytes, responseBytes, parsedJson, ...fields } = check;
  const base64 = (b: Uint8Array | null) => (b ? Buffer.from(b).toString("base64") : null);
  return {
    ...fields,
    request: { der: base64(requestBytes), bytes: requestBytes?.length ?? null },
    response: { der: base64(responseBytes), bytes: responseBytes?.length ?? null },
    parsed: parsedJson ? (JSON.parse(parsedJson) as unknown) : null,
  };
}

// RFC 6960 Appendix C for OCSP, RFC 5280 §4.2.1.13 (RFC 2585) for CRLs.
const MEDIA_TYPES = {
  ocsp: { request: "application/ocsp-request", response: "application/ocsp-response" },
  crl: { request: null, response: "application/pkix-crl" },
} as const;

/** The request or response bytes of a check with media type and file name; null if none. */
export function evidenceFile(check: StoredCheck, which: "request" | "response") {
  const protocol = check.protocol === "crl" ? "crl" : "ocsp";
  const contentType = MEDIA_TYPES[protocol][which];
  const bytes = which === "request" ? check.requestBytes : check.responseBytes;
  if (!contentType || !bytes) return null;
  const extension = protocol === "crl" ? "crl" : which === "request" ? "ocsp-request.der" : "ocsp-response.der";
  return { bytes, contentType, filename: `${check.id}.${extension}` };
}
