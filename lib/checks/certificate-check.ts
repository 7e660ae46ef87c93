/**
 * Checks one certificate of a sweep, OCSP and CRL, and turns the outcomes into the two
 * RevocationCheck rows that record them. Peer problems are verdicts (the checkers never
 * throw for them); a bug of ours becomes a "check-failed" row.
 */
import { randomUUID } from "node:crypto";
import { parseCertificateDer, type ParsedCertificate } from "../pki/certificate";
import type { GuardedFetchOptions } from "../net/guarded-fetch";
import { verdictMessage } from "../revocation/verdict";
import type { CrlSnapshots } from "./crl-snapshots";
import type { IssuerKey } from "./fast/issuer-key";
import { checkOcspFast } from "./fast/ocsp-fast";
import type { SignerCache } from "./fast/signer-cache";
import { hostKey, type HostLimiter } from "./limiter";
import type { CheckVerdict, NewCheck, SweepCertificate } from "./store";

/** What checking needs that outlives one certificate. */
export interface CheckContext {
  sweepId: string;
  limiter: HostLimiter;
  crls: CrlSnapshots;
  signers: SignerCache;
  fetchOptions: GuardedFetchOptions;
  /** Called once per unexpected error (our bug, not the peer's). */
  onUnexpected: (error: unknown, certificateId: string) => void;
}

/** The stored facts a check needs, read from the DER only when attach did not store them. */
interface Facts {
  serialHex: string;
  ocspUrl: string | null;
  crlUrl: string | null;
  /** The parsed certificate, made on first use (checkCrl needs one per CRL). */
  parsed: () => ParsedCertificate;
}

function factsOf(row: SweepCertificate): Facts {
  let cert: ParsedCertificate | null = null;
  const parsed = () => (cert ??= parseCertificateDer(row.der));
  const { serialHex, ocspUrls, crlUrls } = row;
  if (serialHex === null || ocspUrls === null || crlUrls === null) {
    const { info } = parsed();
    const [ocspUrl = null] = info.ocspUrls;
    const [crlUrl = null] = info.crlUrls;
    return { serialHex: info.serialNumber, ocspUrl, crlUrl, parsed };
  }
  return { serialHex, ocspUrl: ocspUrls[0] ?? null, crlUrl: crlUrls[0] ?? null, parsed };
}

/** Checks `row` against its issuer; always returns one OCSP and one CRL row. */
export async function checkCertificate(
  row: SweepCertificate,
  issuer: IssuerKey | null,
  ctx: CheckContext,
): Promise<NewCheck[]> {
  const blank = (protocol: NewCheck["protocol"], url: string, verdict: CheckVerdict, detail: string) =>
    newRow(row.id, ctx.sweepId, protocol, { url, verdict, verdictDetail: detail });
  let facts: Facts;
  try {
    facts = factsOf(row);
  } catch (e) {
    ctx.onUnexpected(e, row.id);
    const why = `stored DER does not parse: ${errorText(e)}`;
    return [blank("ocsp", "", "check-failed", why), blank("crl", "", "check-failed", why)];
  }
  if (!issuer) {
    const missing = "No issuer certificate is attached for this certificate";
    return [
      blank("ocsp", facts.ocspUrl ?? "", "no-issuer", `${missing}, so no OCSP request (CertID) can be built.`),
      blank("crl", facts.crlUrl ?? "", "no-issuer", `${missing}, so the CRL's signature cannot be verified.`),
    ];
  }
  return Promise.all([ocspRow(row.id, facts, issuer, ctx), crlRow(row.id, facts, issuer, ctx)]);
}

async function ocspRow(id: string, facts: Facts, issuer: IssuerKey, ctx: CheckContext): Promise<NewCheck> {
  const url = facts.ocspUrl;
  if (!url) {
    const verdictDetail = verdictMessage("no-ocsp-url");
    return newRow(id, ctx.sweepId, "ocsp", { url: "", verdict: "no-ocsp-url", verdictDetail });
  }
  try {
    const { serialHex } = facts;
    const input = { serialHex, url, issuer, signers: ctx.signers, fetchOptions: ctx.fetchOptions };
    const r = await ctx.limiter.run(hostKey(url), () => checkOcspFast(input));
    // The fast path keeps the SingleResponse only; the evidence view re-reads the bytes in full.
    const { parsed: response, single, fastPath, signature, findings, notes } = r;
    const parsed = { response, single, fastPath, signature, findings, notes };
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
  } catch (e) {
    ctx.onUnexpected(e, id);
    return newRow(id, ctx.sweepId, "ocsp", { url, verdict: "check-failed", verdictDetail: errorText(e) });
  }
}

async function crlRow(id: string, facts: Facts, issuer: IssuerKey, ctx: CheckContext): Promise<NewCheck> {
  const url = facts.crlUrl;
  if (!url) {
    const verdictDetail = verdictMessage("no-crl-url");
    return newRow(id, ctx.sweepId, "crl", { url: "", verdict: "no-crl-url", verdictDetail });
  }
  const rowId = randomUUID();
  try {
    const found = await ctx.crls.lookup(url, facts.serialHex, facts.parsed, issuer.cert, rowId);
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
    const verdictDetail = errorText(e);
    return newRow(id, ctx.sweepId, "crl", { id: rowId, url, verdict: "check-failed", verdictDetail });
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
