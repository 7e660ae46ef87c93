/**
 * Check results as plain JSON for storage: the DER fields become base64 strings, so a
 * stored record can be re-inspected later (inspectOcspResponse on the decoded bytes).
 */
import type { CrlCheckResult } from "./crl-check";
import type { OcspCheckResult } from "./ocsp-check";

type Base64<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };

/** JSON-safe OCSP evidence. */
export type OcspEvidence = Base64<OcspCheckResult, "requestDer" | "responseDer">;
/** JSON-safe CRL evidence. */
export type CrlEvidence = Base64<CrlCheckResult, "crlDer">;

const b64 = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString("base64") : null);

/** The OCSP check result with request and response DER as base64. */
export function ocspEvidence(result: OcspCheckResult): OcspEvidence {
  return { ...result, requestDer: b64(result.requestDer), responseDer: b64(result.responseDer) };
}

/** The CRL check result with the CRL DER as base64 (it can be megabytes: store with care). */
export function crlEvidence(result: CrlCheckResult): CrlEvidence {
  return { ...result, crlDer: b64(result.crlDer) };
}
