/** `ocsp inspect`: everything a stored OCSP response says, and what we make of it. */
import type { ParsedCertificate } from "../pki/certificate";
import { asUint8 } from "../pki/bytes";
import { evaluateOcspResponse, type Finding } from "./evaluate";
import { parseOcspResponse, type OcspResponseInfo } from "./ocsp-response";
import type { Verdict } from "./verdict";

/** JSON-safe inspection report. */
export interface OcspInspection {
  /** False when the bytes are not an OCSP response; `what` then says what they are. */
  isOcspResponse: boolean;
  what: string | null;
  response: OcspResponseInfo | null;
  /** "valid", "invalid: …", "not authorised: …", "not checked: no issuer given", … */
  signature: string;
  verdict: Verdict;
  message: string;
  findings: Finding[];
  /** Non-DER encodings accepted leniently, BR refresh remarks. */
  notes: string[];
  checkedAt: string;
}

/**
 * Reads and judges stored response bytes. With `issuer` the signature and signer are
 * verified; with `cert` (and issuer) the SingleResponse for that certificate is chosen.
 */
export async function inspectOcspResponse(
  der: ArrayBuffer | ArrayBufferView,
  opts: { issuer?: ParsedCertificate | null; cert?: ParsedCertificate | null; now: Date },
): Promise<OcspInspection> {
  const parsed = parseOcspResponse(asUint8(der));
  const evaluation = await evaluateOcspResponse(parsed, {
    issuer: opts.issuer,
    cert: opts.cert,
    now: opts.now,
  });
  const signature =
    evaluation.signature?.summary ??
    (parsed.ok ? `not applicable: responseStatus ${parsed.info.responseStatus}` : "not applicable");
  return {
    isOcspResponse: parsed.ok,
    what: parsed.ok ? null : parsed.detail,
    response: parsed.ok ? parsed.info : null,
    signature,
    verdict: evaluation.verdict,
    message: evaluation.message,
    findings: evaluation.findings,
    notes: evaluation.notes,
    checkedAt: opts.now.toISOString(),
  };
}
