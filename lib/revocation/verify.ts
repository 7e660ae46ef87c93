/**
 * Who signed a BasicOCSPResponse and whether they may (RFC 6960 §4.2.2.2, BR 4.9.9):
 * the issuing CA itself, or a delegated responder certificate issued by that CA with
 * id-kp-OCSPSigning, valid at the check time; the ResponderID must name the signer.
 * pkijs's own verify() refuses responses without certificates, so the signature over
 * tbsResponseData is checked here with the engine's WebCrypto verifier.
 */
import type * as pkijs from "pkijs";
import { sha1Hex } from "../pki/bytes";
import { parseCertificateDer, type ParsedCertificate } from "../pki/certificate";
import { pkiCrypto } from "../pki/engine";
import { OID } from "../pki/oids";
import { responderIdOf, type ResponderId } from "./ocsp-response";

/** valid: signed by an authorised key · invalid: no candidate key verifies ·
 * unauthorised: verifies, but the signer may not answer for this issuer ·
 * not-checked: no issuer to judge against. */
export type SignatureStatus = "valid" | "invalid" | "unauthorised" | "not-checked";

/** The outcome of checking a response's signature and its signer's authority. */
export interface SignatureCheck {
  status: SignatureStatus;
  /** "issuer" when the CA key signed, "delegated" for a responder certificate. */
  signer: "issuer" | "delegated" | null;
  /** Subject of the certificate whose key verified the signature, if any. */
  signerSubject: string | null;
  /** Why it is not valid (null when valid). */
  problem: string | null;
  /** One line for the inspect output, e.g. "valid (delegated responder CN=…)". */
  summary: string;
}

/** Whether `key` verifies the signature over tbsResponseData. Never throws. */
async function signatureVerifies(
  basic: pkijs.BasicOCSPResponse,
  key: pkijs.Certificate,
): Promise<boolean> {
  try {
    const tbs = basic.tbsResponseData.tbsView as BufferSource;
    return await pkiCrypto().verifyWithPublicKey(
      tbs,
      basic.signature,
      key.subjectPublicKeyInfo,
      basic.signatureAlgorithm,
    );
  } catch {
    return false;
  }
}

/** Whether a ResponderID names `cert`, by Name or by SHA-1 of its public key (§4.2.1). */
export function responderIdMatches(id: ResponderId, cert: ParsedCertificate): boolean {
  if ("byKey" in id)
    return (
      id.byKey === sha1Hex(cert.pkijs.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView)
    );
  return id.byName === cert.info.subject;
}

function describeId(id: ResponderId): string {
  return "byName" in id ? `"${id.byName}"` : `key hash ${id.byKey}`;
}

/** Responder certificate → issuer fingerprint → signature verified (sweeps repeat both). */
const issuedByCache = new WeakMap<ParsedCertificate, Map<string, boolean>>();

async function issuedBy(cert: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean> {
  const known = issuedByCache.get(cert) ?? new Map<string, boolean>();
  issuedByCache.set(cert, known);
  const cached = known.get(issuer.info.sha256Fingerprint);
  if (cached !== undefined) return cached;
  const verified = await cert.pkijs.verify(issuer.pkijs).catch(() => false);
  known.set(issuer.info.sha256Fingerprint, verified);
  return verified;
}

/** Reasons a delegated responder certificate may not answer for `issuer` at `now`. */
async function delegationProblems(
  responder: ParsedCertificate,
  issuer: ParsedCertificate,
  id: ResponderId,
  now: Date,
): Promise<string[]> {
  const problems: string[] = [];
  const issued =
    responder.info.issuer === issuer.info.subject && (await issuedBy(responder, issuer));
  if (!issued)
    problems.push(`responder certificate ${responder.info.subject} is not issued by the issuer`);
  if (!responder.info.extendedKeyUsages.some((e) => e.oid === OID.ocspSigning)) {
    problems.push("responder certificate has no id-kp-OCSPSigning EKU");
  }
  if (now.getTime() > Date.parse(responder.info.notAfter)) {
    problems.push(`expired responder certificate (notAfter ${responder.info.notAfter})`);
  } else if (now.getTime() < Date.parse(responder.info.notBefore)) {
    problems.push(`responder certificate not yet valid (notBefore ${responder.info.notBefore})`);
  }
  if (!responderIdMatches(id, responder))
    problems.push(`responderID ${describeId(id)} does not name the signer`);
  return problems;
}

/**
 * Checks the signature and the signer's authority. Tries the issuer's key, then EVERY
 * embedded certificate. Without `issuer` the result is "not-checked" (it still says
 * which embedded certificate, if any, verifies the bytes).
 */
export async function verifyOcspSignature(
  basic: pkijs.BasicOCSPResponse,
  opts: { issuer?: ParsedCertificate | null; now: Date; embedded?: ParsedCertificate[] },
): Promise<SignatureCheck> {
  const id = responderIdOf(basic.tbsResponseData.responderID);
  const embedded =
    opts.embedded ?? (basic.certs ?? []).map((c) => parseCertificateDer(c.toSchema().toBER()));
  const issuer = opts.issuer ?? null;

  if (!issuer) {
    for (const cert of embedded) {
      if (!(await signatureVerifies(basic, cert.pkijs))) continue;
      const summary = `not checked: no issuer given (verifies with embedded certificate ${cert.info.subject})`;
      return {
        status: "not-checked",
        signer: null,
        signerSubject: cert.info.subject,
        problem: null,
        summary,
      };
    }
    return {
      status: "not-checked",
      signer: null,
      signerSubject: null,
      problem: null,
      summary: "not checked: no issuer given",
    };
  }

  if (await signatureVerifies(basic, issuer.pkijs)) {
    if (responderIdMatches(id, issuer)) {
      return {
        status: "valid",
        signer: "issuer",
        signerSubject: issuer.info.subject,
        problem: null,
        summary: "valid (signed by the issuer)",
      };
    }
    const problem = `responderID mismatch: the issuer's key signed it, but the responderID names ${describeId(id)}`;
    return unauthorised("issuer", issuer.info.subject, problem);
  }

  const refusals: string[] = [];
  let verifiedBy: string | null = null;
  for (const cert of embedded) {
    if (!(await signatureVerifies(basic, cert.pkijs))) continue;
    const problems = await delegationProblems(cert, issuer, id, opts.now);
    if (problems.length === 0) {
      const summary = `valid (delegated responder ${cert.info.subject})`;
      return {
        status: "valid",
        signer: "delegated",
        signerSubject: cert.info.subject,
        problem: null,
        summary,
      };
    }
    verifiedBy ??= cert.info.subject;
    refusals.push(problems.join("; "));
  }
  if (refusals.length > 0) return unauthorised("delegated", verifiedBy, refusals.join(" | "));

  const problem = `neither the issuer's key nor any of ${embedded.length} embedded certificate(s) verifies it`;
  return {
    status: "invalid",
    signer: null,
    signerSubject: null,
    problem,
    summary: `invalid: ${problem}`,
  };
}

function unauthorised(
  signer: "issuer" | "delegated",
  subject: string | null,
  problem: string,
): SignatureCheck {
  return {
    status: "unauthorised",
    signer,
    signerSubject: subject,
    problem,
    summary: `not authorised: ${problem}`,
  };
}
