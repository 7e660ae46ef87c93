/** A live OCSP check of one certificate, with everything the evidence record needs. */
import type { ParsedCertificate } from "../pki/certificate";
import { FetchFailure } from "../net/fetch-failure";
import { guardedFetch, OCSP_MAX_BYTES, type GuardedFetchOptions } from "../net/guarded-fetch";
import type { CertIdHash } from "./cert-id";
import {
  evaluateOcspResponse,
  type EvaluationContext,
  type Finding,
  type OcspEvaluation,
} from "./evaluate";
import { buildOcspRequest, encodeOcspHttpRequest, type OcspMethod } from "./ocsp-request";
import {
  parseOcspResponse,
  type OcspParseResult,
  type OcspResponseInfo,
  type SingleResponseInfo,
} from "./ocsp-response";
import type { SignatureCheck } from "./verify";
import { type Verdict, verdictMessage } from "./verdict";

/** Inputs of {@link checkOcsp}. */
export interface OcspCheckInput {
  cert: ParsedCertificate;
  issuer: ParsedCertificate;
  /** Responder URL; default: the certificate's first AIA OCSP URL. */
  url?: string;
  hash?: CertIdHash;
  nonce?: boolean | Uint8Array;
  /** Force GET or POST; default GET when the request is ≤ 255 bytes (RFC 5019). */
  method?: OcspMethod;
  /** The clock the response is judged against; default new Date(). */
  now?: Date;
  fetchOptions?: Omit<GuardedFetchOptions, "method" | "body" | "headers">;
}

/** The evidence of one check; JSON-safe except the two byte arrays. */
export interface OcspCheckResult {
  url: string | null;
  method: OcspMethod | null;
  startedAt: string;
  durationMs: number;
  httpStatus: number | null;
  contentType: string | null;
  requestDer: Uint8Array | null;
  responseDer: Uint8Array | null;
  /** The parsed response (null when the bytes are not one). */
  parsed: OcspResponseInfo | null;
  signature: SignatureCheck | null;
  verdict: Verdict;
  message: string;
  findings: Finding[];
  notes: string[];
}

const OCSP_CONTENT_TYPE = "application/ocsp-response";

/**
 * Asks the responder about `cert` and judges the answer. Never throws for network or
 * peer problems: they come back as verdicts (timeout, http-status, not-ocsp-response…).
 */
export async function checkOcsp(input: OcspCheckInput): Promise<OcspCheckResult> {
  const started = Date.now();
  const result = blank(new Date(started).toISOString());
  const done = (verdict: Verdict, extra: Partial<OcspCheckResult> = {}, why?: string) =>
    Object.assign(result, extra, {
      verdict,
      message:
        extra.message ??
        verdictMessage(verdict, {
          why,
          httpStatus: result.httpStatus,
          contentType: result.contentType,
        }),
      durationMs: Date.now() - started,
    });

  const url = input.url ?? input.cert.info.ocspUrls[0] ?? null;
  if (!url) return done("no-ocsp-url");
  const request = await buildOcspRequest(input.cert, input.issuer, {
    hash: input.hash,
    nonce: input.nonce,
  });
  const http = encodeOcspHttpRequest(url, request.der, input.method);
  Object.assign(result, { url, method: http.method, requestDer: request.der });

  let response;
  try {
    response = await guardedFetch(http.url, {
      maxBytes: OCSP_MAX_BYTES,
      ...input.fetchOptions,
      method: http.method,
      headers: http.headers,
      body: http.body,
    });
  } catch (e) {
    if (!(e instanceof FetchFailure)) throw e;
    return done(e.kind, {}, e.detail);
  }
  Object.assign(result, {
    httpStatus: response.status,
    contentType: response.contentType,
    responseDer: response.body,
  });
  if (response.status !== 200) return done("http-status");

  const judged = await judgeOcspAnswer(response.body, response.contentType, {
    cert: input.cert,
    issuer: input.issuer,
    certId: request.certId,
    nonce: request.nonce,
    now: input.now ?? new Date(),
  });
  const { verdict, message, parsed, signature, findings, notes } = judged;
  return done(verdict, { message, parsed: parsed.ok ? parsed.info : null, signature, findings, notes });
}

/** What {@link judgeOcspAnswer} concludes. */
export interface OcspAnswerJudgement {
  verdict: Verdict;
  message: string;
  /** The full parse of the bytes, for callers that learn more from it. */
  parsed: OcspParseResult;
  signature: SignatureCheck | null;
  findings: Finding[];
  notes: string[];
  single: SingleResponseInfo | null;
}

/**
 * Judges the body of an HTTP 200 answer, as checkOcsp does after its fetch (and the
 * sweep for every answer its fast path does not take): a body that is no OCSP response
 * and was not labelled as one is a wrong Content-Type; otherwise lib/revocation's
 * evaluation decides, with a note when the label was wrong. Never throws.
 */
export async function judgeOcspAnswer(
  body: Uint8Array,
  contentType: string | null,
  context: EvaluationContext,
): Promise<OcspAnswerJudgement> {
  const parsed = parseOcspResponse(body);
  const none = { parsed, signature: null, findings: [], notes: [], single: null };
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== OCSP_CONTENT_TYPE && !parsed.ok) {
    const message = verdictMessage("wrong-content-type", { contentType, what: parsed.detail });
    return { ...none, verdict: "wrong-content-type", message };
  }
  let evaluation: OcspEvaluation;
  try {
    evaluation = await evaluateOcspResponse(parsed, context);
  } catch (e) {
    // A peer must not be able to make the check throw; keep the bytes and say why.
    const why = e instanceof Error ? e.message : String(e);
    const what = `an OCSP response this checker could not read (${why})`;
    return { ...none, verdict: "not-ocsp-response", message: verdictMessage("not-ocsp-response", { what }) };
  }
  const notes = [...evaluation.notes];
  if (mediaType !== OCSP_CONTENT_TYPE) notes.push(`Content-Type "${contentType ?? ""}" is not ${OCSP_CONTENT_TYPE}`);
  const { verdict, message, signature, findings, single } = evaluation;
  return { verdict, message, parsed, signature, findings, notes, single };
}

function blank(startedAt: string): OcspCheckResult {
  return {
    url: null,
    method: null,
    startedAt,
    durationMs: 0,
    httpStatus: null,
    contentType: null,
    requestDer: null,
    responseDer: null,
    parsed: null,
    signature: null,
    verdict: "no-ocsp-url",
    message: "",
    findings: [],
    notes: [],
  };
}
