/**
 * From a parsed OCSP response to ONE verdict, in this order of precedence:
 * not an OCSP response → non-successful responseStatus → unknown critical extension →
 * no SingleResponse for our CertID → signature/authority → nonce mismatch →
 * signature not checked (no issuer) →
 * revoked (a verified revocation stands even when stale) → not-yet-valid → stale →
 * window-too-long → window-too-short → good/unknown. Every problem found is also kept
 * in `findings`, so a "revoked" answer still shows its one-year window.
 */
import type { ParsedCertificate } from "../pki/certificate";
import {
  type CertIdInfo,
  createCertId,
  describeCertId,
  sameCertId,
  type CertIdHash,
} from "./cert-id";
import { unknownCritical } from "./extensions";
import { checkFreshness, refreshNotes } from "./freshness";
import type { OcspParseResult, SingleResponseInfo } from "./ocsp-response";
import { type SignatureCheck, verifyOcspSignature } from "./verify";
import { toHex } from "../pki/bytes";
import * as asn1js from "asn1js";
import { OID } from "../pki/oids";
import { type Verdict, type VerdictDetail, verdictMessage } from "./verdict";

/** What a response is checked against. */
export interface EvaluationContext {
  cert?: ParsedCertificate | null;
  issuer?: ParsedCertificate | null;
  /** The CertID that was requested (preferred over recomputing from cert + issuer). */
  certId?: CertIdInfo | null;
  /** The nonce that was sent, if any. */
  nonce?: Uint8Array | null;
  now: Date;
}

/** One problem, named with the verdict it would give. */
export interface Finding {
  verdict: Verdict;
  detail: string;
}

/** The judged response. */
export interface OcspEvaluation {
  verdict: Verdict;
  message: string;
  /** The SingleResponse the verdict is about. */
  single: SingleResponseInfo | null;
  signature: SignatureCheck | null;
  findings: Finding[];
  /** BR refresh duties and other remarks that do not change the verdict. */
  notes: string[];
}

/** Judges a parsed response against the requested certificate. Never throws. */
export async function evaluateOcspResponse(
  parsed: OcspParseResult,
  ctx: EvaluationContext,
): Promise<OcspEvaluation> {
  if (!parsed.ok) return only("not-ocsp-response", { what: parsed.detail });
  const { info, basic } = parsed;
  if (info.responseStatus !== "successful") return only(info.responseStatus, {});
  if (!basic)
    return only("not-ocsp-response", {
      what: `an OCSP response of unsupported type ${info.responseType}`,
    });

  const findings: Finding[] = [];
  const notes: string[] = [...info.warnings];
  const single = await pickSingle(info.responses, ctx, notes);
  const critical = unknownCritical([
    ...info.responseExtensions,
    ...(single?.singleExtensions ?? []),
  ]);
  for (const e of critical)
    findings.push({ verdict: "unusable-critical-extension", detail: `critical ${e.oid}` });
  if (!single)
    findings.push({
      verdict: "no-matching-response",
      detail: `${info.responses.length} SingleResponse(s), none for the certificate`,
    });

  const signature = await verifyOcspSignature(basic, {
    issuer: ctx.issuer ?? null,
    now: ctx.now,
    embedded: parsed.embedded,
  });
  if (signature.status === "invalid")
    findings.push({ verdict: "bad-signature", detail: signature.problem ?? "" });
  if (signature.status === "unauthorised")
    findings.push({ verdict: "signer-not-authorised", detail: signature.problem ?? "" });
  const nonceProblem = checkNonce(info.responseExtensions, ctx.nonce ?? null);
  if (nonceProblem) findings.push({ verdict: "nonce-mismatch", detail: nonceProblem });
  if (single) {
    findings.push(...checkFreshness(single, ctx.now));
    notes.push(...refreshNotes(single, ctx.now));
  }

  const verdict = decide(findings, single, signature);
  const detail: VerdictDetail = {
    revocationTime: single?.revocationTime ?? null,
    reason: single?.revocationReason ?? null,
    why: findings.find((f) => f.verdict === verdict)?.detail,
  };
  return { verdict, message: verdictMessage(verdict, detail), single, signature, findings, notes };
}

const BEFORE_REVOKED: Verdict[] = [
  "unusable-critical-extension",
  "no-matching-response",
  "bad-signature",
  "signer-not-authorised",
  "nonce-mismatch",
];
const AFTER_REVOKED: Verdict[] = ["not-yet-valid", "stale", "window-too-long", "window-too-short"];

function decide(
  findings: Finding[],
  single: SingleResponseInfo | null,
  signature: SignatureCheck,
): Verdict {
  const has = (v: Verdict) => findings.some((f) => f.verdict === v);
  const early = BEFORE_REVOKED.find(has);
  if (early) return early;
  if (!single) return "no-matching-response";
  // Without an issuer nothing is verified: say so rather than repeat the claimed status.
  if (signature.status === "not-checked") return "signature-not-checked";
  if (single.certStatus === "revoked") return "revoked";
  const late = AFTER_REVOKED.find(has);
  if (late) return late;
  if (signature.status !== "valid") return "bad-signature";
  return single.certStatus;
}

function only(verdict: Verdict, detail: VerdictDetail): OcspEvaluation {
  return {
    verdict,
    message: verdictMessage(verdict, detail),
    single: null,
    signature: null,
    findings: [],
    notes: [],
  };
}

async function pickSingle(
  responses: SingleResponseInfo[],
  ctx: EvaluationContext,
  notes: string[],
): Promise<SingleResponseInfo | null> {
  if (ctx.certId)
    return responses.find((r) => sameCertId(r.certId, ctx.certId as CertIdInfo)) ?? null;
  if (ctx.cert && ctx.issuer) {
    for (const r of responses) {
      const hash = r.certId.hashAlgorithm as CertIdHash;
      const mine = await createCertId(ctx.cert, ctx.issuer, hash).then(describeCertId, () => null);
      if (mine && sameCertId(r.certId, mine)) return r;
    }
    return null;
  }
  if (ctx.cert) {
    const match =
      responses.find((r) => r.certId.serialNumber === ctx.cert?.info.serialNumber) ?? null;
    if (match) notes.push("matched by serial only: no issuer given to check the CertID hashes");
    return match;
  }
  if (responses.length > 1)
    notes.push(`no certificate given: judged the first of ${responses.length} SingleResponses`);
  return responses[0] ?? null;
}

/** RFC 8954: a responder may ignore the nonce, but must not echo a different one. */
function checkNonce(
  extensions: { oid: string; valueHex: string }[],
  sent: Uint8Array | null,
): string | null {
  const echoed = extensions.find((e) => e.oid === OID.ocspNonce);
  if (!sent || !echoed) return null;
  const wrapped = toHex(new asn1js.OctetString({ valueHex: sent }).toBER());
  if (echoed.valueHex === wrapped || echoed.valueHex === toHex(sent)) return null;
  return `sent ${toHex(sent)}, response carries ${echoed.valueHex}`;
}
