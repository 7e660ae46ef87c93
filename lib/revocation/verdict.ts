/**
 * The one vocabulary for what a revocation check concluded, OCSP and CRL alike, and
 * the sentence shown to a compliance officer for each.
 */

export const VERDICTS = [
  // The responder answered authoritatively (signature verified, response fresh).
  "good",
  "revoked",
  "unknown",
  // OCSPResponseStatus values other than successful (RFC 6960 §4.2.1).
  "malformedRequest",
  "internalError",
  "tryLater",
  "sigRequired",
  "unauthorized",
  // Transport.
  "timeout",
  "dns-failure",
  "connection-refused",
  "connection-failed",
  "blocked-address",
  "bad-url",
  "too-large",
  "http-error",
  "http-status",
  "wrong-content-type",
  // The answer itself.
  "not-ocsp-response",
  "not-a-crl",
  "bad-signature",
  "signer-not-authorised",
  "no-matching-response",
  "unusable-critical-extension",
  "stale",
  "not-yet-valid",
  "window-too-long",
  "window-too-short",
  "nonce-mismatch",
  // No issuer was given, so the claimed status is reported but not trusted.
  "signature-not-checked",
  // CRL-only outcome: the serial is absent from a valid, current CRL.
  "not-listed",
  // Nothing to ask.
  "no-ocsp-url",
  "no-crl-url",
] as const;

export type Verdict = (typeof VERDICTS)[number];

/** Extra facts some verdicts carry into their message. */
export interface VerdictDetail {
  revocationTime?: string | null;
  reason?: string | null;
  httpStatus?: number | null;
  contentType?: string | null;
  what?: string;
  why?: string;
}

/** Verdicts that say the responder or CRL answered authoritatively. */
export function isAuthoritative(verdict: Verdict): boolean {
  return (
    verdict === "good" || verdict === "revoked" || verdict === "unknown" || verdict === "not-listed"
  );
}

/** One human sentence for a verdict, for evidence logs and the UI. */
export function verdictMessage(verdict: Verdict, d: VerdictDetail = {}): string {
  const why = d.why ? `: ${d.why}` : "";
  switch (verdict) {
    case "good":
      return "Good: the responder signed a current answer saying the certificate is not revoked.";
    case "revoked": {
      const reason = d.reason ? `reason ${d.reason}` : "no reason given";
      return `Revoked at ${d.revocationTime ?? "an unstated time"} (${reason}).`;
    }
    case "unknown":
      return "Unknown: the responder does not know this certificate (BR: should not answer good).";
    case "malformedRequest":
    case "internalError":
    case "tryLater":
    case "sigRequired":
    case "unauthorized":
      return `The responder answered with OCSP status ${verdict} and no certificate status.`;
    case "http-status":
      return `The server answered HTTP ${d.httpStatus ?? "?"} instead of 200.`;
    case "wrong-content-type":
      return `The server answered with content type "${d.contentType ?? "none"}": ${d.what ?? "not an OCSP response"}.`;
    case "not-ocsp-response":
      return `The answer is not an OCSP response; it is ${d.what ?? "unrecognised bytes"}.`;
    case "not-a-crl":
      return `The CRL URL served something that is not a CRL: ${d.what ?? "unrecognised bytes"}.`;
    case "signer-not-authorised":
      return `The response is signed by a key not authorised for this issuer${why}.`;
    // The fetch's detail names the address or URL and what is wrong with it.
    case "blocked-address":
      return d.why ? `Refused to connect: ${d.why}.` : `${FIXED[verdict]}.`;
    case "bad-url":
      return d.why ? `The URL was not fetched: ${d.why}.` : `${FIXED[verdict]}.`;
    case "not-listed":
      return "Not listed: the current, correctly signed CRL does not contain this serial.";
    default:
      return `${FIXED[verdict] ?? verdict}${why}.`;
  }
}

const FIXED: Partial<Record<Verdict, string>> = {
  timeout: "The server timed out",
  "dns-failure": "The server's host name did not resolve",
  "connection-refused": "The responder refused the connection",
  "connection-failed": "The connection failed (reset, unreachable or TLS error)",
  "blocked-address": "Refused to contact a loopback, private or reserved address",
  "bad-url": "The URL is not an http or https URL",
  "too-large": "The answer exceeded the size limit",
  "http-error": "The HTTP exchange broke off or redirected elsewhere",
  "bad-signature": "The response signature does not verify",
  "no-matching-response": "The response has no SingleResponse for the requested certificate",
  "unusable-critical-extension": "The response carries a critical extension we do not understand",
  stale: "The response is out of date (nextUpdate has passed or is missing)",
  "not-yet-valid": "The response's thisUpdate is in the future",
  "window-too-long": "The validity interval exceeds the Baseline Requirements' 10 days",
  "window-too-short": "The validity interval is under the Baseline Requirements' 8 hours",
  "nonce-mismatch": "The response echoes a different nonce than the one sent",
  "no-ocsp-url": "The certificate names no OCSP responder (no AIA id-ad-ocsp URL)",
  "no-crl-url": "The certificate names no CRL distribution point",
  "signature-not-checked": "Signature not checked (no issuer given), so the status is not trusted",
};
