/**
 * Checks one certificate of a sweep, OCSP and CRL, and turns the outcomes into the two
 * RevocationCheck rows that record them. Peer problems are verdicts (checkOcsp and
 * checkCrl never throw for them); a bug of ours becomes a "check-failed" row.
 */
import { randomUUID } from "node:crypto";
import { parseCertificateDer, type ParsedCertificate } from "../pki/certificate";
import type { GuardedFetchOptions } from "../net/guarded-fetch";
import { checkOcsp, type OcspCheckResult } from "../revocation/ocsp-check";
import { verdictMessage } from "../revocation/verdict";
import type { CrlSnapshots } from "./crl-snapshots";
import { hostKey, type HostLimiter } from "./limiter";
import type { CheckVerdict, NewCheck, SweepCertificate } from "./store";

/** What checking needs that outlives one certificate. */
export interface CheckContext {
  sweepId: string;
  limiter: HostLimiter;
  crls: CrlSnapshots;
  fetchOptions: GuardedFetchOptions;
  /** Called once per unexpected error (our bug, not the peer's). */
  onUnexpected: (error: unknown, certificateId: string) => void;
}

/** Checks `row` against its issuer; always returns one OCSP and one CRL row. */
export async function checkCertificate(
  row: SweepCertificate,
  issuer: ParsedCertificate | null,
  ctx: CheckContext,
): Promise<NewCheck[]> {
  const blank = (protocol: NewCheck["protocol"], url: string, verdict: CheckVerdict, detail: string) =>
    newRow(row.id, ctx.sweepId, protocol, { url, verdict, verdictDetail: detail });
  let cert: ParsedCertificate;
  try {
    cert = parseCertificateDer(row.der);
  } catch (e) {
    ctx.onUnexpected(e, row.id);
    const why = `stored DER does not parse: ${errorText(e)}`;
    return [blank("ocsp", "", "check-failed", why), blank("crl", "", "check-failed", why)];
  }
  if (!issuer) {
    const why = "No issuer certificate is attached for this certificate, so no CertID can be built.";
    return [
      blank("ocsp", cert.info.ocspUrls[0] ?? "", "no-issuer", why),
      blank("crl", cert.info.crlUrls[0] ?? "", "no-issuer", why),
    ];
  }
  return Promise.all([ocspRow(row.id, cert, issuer, ctx), crlRow(row.id, cert, issuer, ctx)]);
}

async function ocspRow(id: string, cert: ParsedCertificate, issuer: ParsedCertificate, ctx: CheckContext): Promise<NewCheck> {
  const url = cert.info.ocspUrls[0];
  if (!url) return newRow(id, ctx.sweepId, "ocsp", { url: "", verdict: "no-ocsp-url", verdictDetail: verdictMessage("no-ocsp-url") });
  let r: OcspCheckResult;
  try {
    r = await ctx.limiter.run(hostKey(url), () => checkOcsp({ cert, issuer, url, fetchOptions: ctx.fetchOptions }));
  } catch (e) {
    ctx.onUnexpected(e, id);
    return newRow(id, ctx.sweepId, "ocsp", { url, verdict: "check-failed", verdictDetail: errorText(e) });
  }
  const parsed = { response: r.parsed, signature: r.signature, findings: r.findings, notes: r.notes };
  return newRow(id, ctx.sweepId, "ocsp", {
    url: r.url ?? url,
    method: r.method,
    startedAt: new Date(r.startedAt),
    durationMs: r.durationMs,
    httpStatus: r.httpStatus,
    contentType: r.contentType,
    requestBytes: r.requestDer,
    responseBytes: r.responseDer,
    parsedJson: JSON.stringify(parsed),
    verdict: r.verdict,
    verdictDetail: r.message,
  });
}

async function crlRow(id: string, cert: ParsedCertificate, issuer: ParsedCertificate, ctx: CheckContext): Promise<NewCheck> {
  const url = cert.info.crlUrls[0];
  if (!url) return newRow(id, ctx.sweepId, "crl", { url: "", verdict: "no-crl-url", verdictDetail: verdictMessage("no-crl-url") });
  const rowId = randomUUID();
  try {
    const found = await ctx.crls.lookup(url, cert, issuer, rowId);
    const { result } = found;
    const parsed = {
      crl: found.bytes ? result.parsed : null,
      entry: found.entry,
      findings: result.findings,
      notes: result.notes,
      crlBytesCheckId: found.bytesCheckId,
    };
    return newRow(id, ctx.sweepId, "crl", {
      id: rowId,
      url,
      startedAt: new Date(result.startedAt),
      durationMs: result.durationMs,
      httpStatus: result.httpStatus,
      contentType: result.contentType,
      responseBytes: found.bytes,
      parsedJson: JSON.stringify(parsed),
      verdict: found.verdict,
      verdictDetail: found.message,
    });
  } catch (e) {
    ctx.onUnexpected(e, id);
    return newRow(id, ctx.sweepId, "crl", { id: rowId, url, verdict: "check-failed", verdictDetail: errorText(e) });
  }
}

function newRow(
  certificateId: string,
  sweepId: string,
  protocol: NewCheck["protocol"],
  fields: Partial<NewCheck> & Pick<NewCheck, "url" | "verdict" | "verdictDetail">,
): NewCheck {
  return {
    id: randomUUID(),
    certificateId,
    sweepId,
    protocol,
    method: null,
    startedAt: new Date(),
    durationMs: 0,
    httpStatus: null,
    contentType: null,
    requestBytes: null,
    responseBytes: null,
    parsedJson: null,
    ...fields,
  };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
