/**
 * A stored check as evidence: a self-contained JSON record (bytes in base64, the
 * certificate and issuer, every parsed field) and the raw DER files with their media
 * types. The bytes are re-read with lib/revocation's full parser, as of the check's own
 * time, so a record looks the same whichever path the sweep took (decision 0004).
 */
import { parseCertificateDer, type ParsedCertificate } from "../pki/certificate";
import { parseCrl } from "../revocation/crl";
import { inspectOcspResponse } from "../revocation/inspect";

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
  certificate?: { der: Uint8Array | null; issuerCertificate: { der: Uint8Array } | null } | null;
}

const base64 = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString("base64") : null);

function parsedOrNull(der: Uint8Array | null | undefined): ParsedCertificate | null {
  try {
    return der ? parseCertificateDer(der) : null;
  } catch {
    return null;
  }
}

/** The JSON evidence record of a check. */
export async function evidenceDocument(check: StoredCheck) {
  const { requestBytes, responseBytes, parsedJson, certificate, ...fields } = check;
  const issuerDer = certificate?.issuerCertificate?.der ?? null;
  let reread: unknown = null;
  if (responseBytes && check.protocol === "ocsp") {
    reread = await inspectOcspResponse(responseBytes, {
      issuer: parsedOrNull(issuerDer),
      cert: parsedOrNull(certificate?.der),
      now: check.startedAt,
    });
  } else if (responseBytes) {
    const crl = parseCrl(responseBytes);
    reread = crl.ok ? crl.info : { notACrl: crl.detail };
  }
  return {
    ...fields,
    request: { der: base64(requestBytes), bytes: requestBytes?.length ?? null },
    response: { der: base64(responseBytes), bytes: responseBytes?.length ?? null },
    certificate: { der: base64(certificate?.der) },
    issuer: { der: base64(issuerDer) },
    /** What the sweep recorded when it judged the answer. */
    recorded: parsedJson ? (JSON.parse(parsedJson) as unknown) : null,
    /** The stored bytes read again in full, judged as of `startedAt`. */
    parsed: reread,
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
