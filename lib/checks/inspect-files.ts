/**
 * `ocsp inspect` for uploaded or local files, shared by the HTTP API and the CLI: reads
 * the optional issuer and certificate, then judges the response bytes.
 */
import { parseCertificate } from "../pki/bundle";
import type { ParsedCertificate } from "../pki/certificate";
import { CertificateInputError } from "../pki/errors";
import { inspectOcspResponse, type OcspInspection } from "../revocation/inspect";

/** The inspection, or what was wrong with which input. */
export type InspectOutcome =
  | { ok: true; inspection: OcspInspection }
  | { ok: false; field: "response" | "issuer" | "cert"; message: string; inspection?: OcspInspection };

/**
 * Inspects `response` (DER). Fails when the issuer or certificate file cannot be read,
 * or when the bytes are not an OCSP response — then the message says what they are.
 */
export async function inspectFiles(
  response: Uint8Array,
  opts: { issuer?: Uint8Array | string | null; cert?: Uint8Array | string | null; now?: Date } = {},
): Promise<InspectOutcome> {
  const read = (field: "issuer" | "cert", input: Uint8Array | string | null | undefined) => {
    if (!input || input.length === 0) return { ok: true as const, cert: null };
    try {
      return { ok: true as const, cert: parseCertificate(input) };
    } catch (e) {
      if (!(e instanceof CertificateInputError)) throw e;
      return { ok: false as const, field, message: `${field}: ${e.message}` };
    }
  };
  const issuer = read("issuer", opts.issuer);
  if (!issuer.ok) return issuer;
  const cert = read("cert", opts.cert);
  if (!cert.ok) return cert;

  const inspection = await inspectOcspResponse(response, {
    issuer: issuer.cert as ParsedCertificate | null,
    cert: cert.cert as ParsedCertificate | null,
    now: opts.now ?? new Date(),
  });
  if (inspection.isOcspResponse) return { ok: true, inspection };
  const message = `response: the ${response.length} bytes are not an OCSP response; they are ${inspection.what}`;
  return { ok: false, field: "response", message, inspection };
}
