/**
 * The sweep's OCSP check. Same question and same verdicts as lib/revocation's checkOcsp,
 * but built for thousands of certificates of a few issuers: the request is encoded from
 * the stored serial (no certificate parsing), and an answer of the common shape from an
 * already-verified signer is read with @peculiar/asn1-ocsp and judged with one native
 * signature check.
 * Anything else — transport failures aside — is judged by lib/revocation's full
 * parser and evaluator on the same bytes (see docs/decisions/0004-sweep-fast-path.md).
 */
import { FetchFailure } from "../../net/fetch-failure";
import { guardedFetch, OCSP_MAX_BYTES, type GuardedFetchOptions } from "../../net/guarded-fetch";
import { toHex } from "../../pki/bytes";
import { sameCertId, type CertIdInfo } from "../../revocation/cert-id";
import { checkFreshness, refreshNotes } from "../../revocation/freshness";
import { encodeOcspHttpRequest } from "../../revocation/ocsp-request";
import { judgeOcspAnswer, type OcspCheckResult } from "../../revocation/ocsp-check";
import type { OcspParseResult, SingleResponseInfo } from "../../revocation/ocsp-response";
import { revocationReasonName } from "../../revocation/revocation-reason";
import { verdictMessage } from "../../revocation/verdict";
import { parseCertificateDer } from "../../pki/certificate";
import { NotFastPath, readBasicResponse, type FastBasicResponse } from "./basic-response";
import type { IssuerKey } from "./issuer-key";
import { ocspRequestDer } from "./ocsp-request-der";
import { signatureHolds, type SignerCache } from "./signer-cache";

const OCSP_CONTENT_TYPE = "application/ocsp-response";

/** What one sweep OCSP check needs. */
export interface FastOcspInput {
  serialHex: string;
  url: string;
  issuer: IssuerKey;
  signers: SignerCache;
  fetchOptions?: GuardedFetchOptions;
  now?: Date;
}

/** checkOcsp's result, plus the SingleResponse when the fast path judged it. */
export type FastOcspResult = OcspCheckResult & { single: SingleResponseInfo | null; fastPath: boolean };

/** Asks and judges; never throws for network or peer problems. */
export async function checkOcspFast(input: FastOcspInput): Promise<FastOcspResult> {
  const started = Date.now();
  const requestDer = ocspRequestDer(input.issuer, input.serialHex);
  const http = encodeOcspHttpRequest(input.url, requestDer);
  const result: FastOcspResult = {
    url: input.url,
    method: http.method,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    httpStatus: null,
    contentType: null,
    requestDer,
    responseDer: null,
    parsed: null,
    signature: null,
    verdict: "timeout",
    message: "",
    findings: [],
    notes: [],
    single: null,
    fastPath: false,
  };
  const finish = (fields: Partial<FastOcspResult>) =>
    Object.assign(result, fields, { durationMs: Date.now() - started });

  let response;
  try {
    const { method, headers, body } = http;
    const options = { maxBytes: OCSP_MAX_BYTES, ...input.fetchOptions, method, headers, body };
    response = await guardedFetch(http.url, options);
  } catch (e) {
    if (!(e instanceof FetchFailure)) throw e;
    return finish({ verdict: e.kind, message: verdictMessage(e.kind, { why: e.detail }) });
  }
  const { status: httpStatus, contentType, body } = response;
  Object.assign(result, { httpStatus, contentType, responseDer: body });
  if (httpStatus !== 200) {
    return finish({ verdict: "http-status", message: verdictMessage("http-status", { httpStatus, contentType }) });
  }

  const now = input.now ?? new Date();
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType === OCSP_CONTENT_TYPE) {
    const fast = judgeFast(body, input, now);
    if (fast) return finish(fast);
  }
  return finish(await judgeFully(body, input, contentType, now));
}

function certIdInfo(input: FastOcspInput): CertIdInfo {
  const { issuer, serialHex } = input;
  return {
    hashAlgorithm: "SHA-1",
    issuerNameHash: toHex(issuer.nameHash),
    issuerKeyHash: toHex(issuer.keyHash),
    serialNumber: serialHex,
  };
}

/** The verdict from the DER alone, or null when the full path must decide. */
function judgeFast(
  body: Uint8Array,
  input: FastOcspInput,
  now: Date,
): Partial<FastOcspResult> | null {
  let r: FastBasicResponse;
  try {
    r = readBasicResponse(body);
  } catch (e) {
    if (e instanceof NotFastPath) return null;
    throw e;
  }
  const signer = input.signers.get(input.signers.keyOf(input.issuer, r));
  const t = now.getTime();
  if (!signer || t < signer.notBefore || t > signer.notAfter) return null;
  const certId = certIdInfo(input);
  if (!sameCertId(r.certId, certId)) return null;
  if (!signatureHolds(r, signer.key, signer.digest)) return null;

  const single: SingleResponseInfo = {
    certId,
    certStatus: r.certStatus,
    revocationTime: r.revocationTime,
    revocationReason: r.reasonCode === null ? null : revocationReasonName(r.reasonCode),
    thisUpdate: r.thisUpdate,
    nextUpdate: r.nextUpdate,
    singleExtensions: [],
  };
  if (checkFreshness(single, now).length > 0) return null; // time problems: full precedence rules
  const detail = { revocationTime: single.revocationTime, reason: single.revocationReason };
  return {
    verdict: single.certStatus,
    message: verdictMessage(single.certStatus, detail),
    signature: signer.signature,
    notes: refreshNotes(single, now),
    single,
    fastPath: true,
  };
}

/** lib/revocation's judgement of the bytes (checkOcsp's own), learning the signer if valid. */
async function judgeFully(
  body: Uint8Array,
  input: FastOcspInput,
  contentType: string | null,
  now: Date,
): Promise<Partial<FastOcspResult>> {
  const context = { issuer: input.issuer.cert, certId: certIdInfo(input), now };
  const judged = await judgeOcspAnswer(body, contentType, context);
  const { parsed, verdict, message, signature, findings, notes, single } = judged;
  if (parsed.ok && parsed.basic && signature?.status === "valid") learnSigner(body, input, signature, parsed);
  return { parsed: parsed.ok ? parsed.info : null, verdict, message, signature, findings, notes, single };
}

type ParsedOk = Extract<OcspParseResult, { ok: true }>;

function learnSigner(
  body: Uint8Array,
  input: FastOcspInput,
  signature: NonNullable<OcspCheckResult["signature"]>,
  parsed: ParsedOk,
) {
  let r: FastBasicResponse;
  try {
    r = readBasicResponse(body);
  } catch {
    return; // not the common shape: nothing to learn for the fast path
  }
  try {
    const embedded = (parsed.basic?.certs ?? []).map((c) => parseCertificateDer(c.toSchema().toBER()));
    input.signers.learn(input.signers.keyOf(input.issuer, r), r, input.issuer, signature, embedded);
  } catch {
    // Learning is an optimisation: if it fails, this signer's answers keep the full path.
  }
}
