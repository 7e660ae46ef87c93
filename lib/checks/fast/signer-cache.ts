/**
 * Who may sign for an issuer, learned once per sweep. The first response from a signer
 * goes through lib/revocation's full verification (issuer key or delegated responder:
 * issued by the CA, OCSPSigning, valid, named by the ResponderID). When that says
 * "valid", later responses with the SAME ResponderID, certificates and algorithm only
 * need their signature checked with the learned key — the delegation facts cannot
 * differ, only the responder certificate's validity period, which is re-checked.
 */
import { createHash, verify, type KeyObject } from "node:crypto";
import type { ParsedCertificate } from "../../pki/certificate";
import type { SignatureCheck } from "../../revocation/verify";
import type { FastBasicResponse } from "./basic-response";
import { issuerKeyOf, type IssuerKey } from "./issuer-key";

/** A signer the full verification accepted. */
export interface LearnedSigner {
  key: KeyObject;
  /** node:crypto digest name; null for Ed25519. */
  digest: string | null;
  /** The full verification's verdict on the first response, reused as evidence. */
  signature: SignatureCheck;
  /** The responder certificate's validity (±Infinity when the issuer signs). */
  notBefore: number;
  notAfter: number;
}

// Signature algorithms node:crypto verifies with the key's own scheme (ECDSA DER, PKCS#1 v1.5).
const DIGESTS: Record<string, string | null> = {
  "1.2.840.10045.4.3.2": "sha256",
  "1.2.840.10045.4.3.3": "sha384",
  "1.2.840.10045.4.3.4": "sha512",
  "1.2.840.113549.1.1.5": "sha1",
  "1.2.840.113549.1.1.11": "sha256",
  "1.2.840.113549.1.1.12": "sha384",
  "1.2.840.113549.1.1.13": "sha512",
  "1.3.101.112": null,
};

/** Whether `key` verifies the response's signature. Never throws. */
export function signatureHolds(response: FastBasicResponse, key: KeyObject, digest: string | null): boolean {
  try {
    return verify(digest, response.tbs, key, response.signature);
  } catch {
    return false;
  }
}

/** Learned signers of one sweep; `null` entries mark signers that always take the full path. */
export class SignerCache {
  private readonly learned = new Map<string, LearnedSigner | null>();

  /** The cache key: issuer, ResponderID, embedded certificates and algorithm, hashed. */
  keyOf(issuer: IssuerKey, response: FastBasicResponse): string {
    const h = createHash("sha256").update(issuer.cert.info.sha256Fingerprint);
    // "length:" then the bytes, so no two lists of parts hash the same input.
    for (const part of response.signerParts) h.update(`${part.length}:`).update(part);
    return h.digest("hex");
  }

  get(key: string): LearnedSigner | null | undefined {
    return this.learned.get(key);
  }

  /**
   * Records what the full verification concluded for `response`. Only a "valid"
   * signature whose key node:crypto also accepts on this very response is learned.
   */
  learn(
    key: string,
    response: FastBasicResponse,
    issuer: IssuerKey,
    signature: SignatureCheck,
    embedded: ParsedCertificate[],
  ) {
    const digest = DIGESTS[response.signatureAlgorithmOid];
    const signer =
      signature.signer === "issuer"
        ? issuer.cert
        : embedded.find((c) => c.info.subject === signature.signerSubject);
    if (signature.status !== "valid" || digest === undefined || !signer) {
      this.learned.set(key, null);
      return;
    }
    const keyObject = signer === issuer.cert ? issuer.publicKey : issuerKeyOf(signer).publicKey;
    const delegated = signature.signer === "delegated";
    const entry: LearnedSigner = {
      key: keyObject,
      digest,
      signature,
      notBefore: delegated ? Date.parse(signer.info.notBefore) : -Infinity,
      notAfter: delegated ? Date.parse(signer.info.notAfter) : Infinity,
    };
    this.learned.set(key, signatureHolds(response, keyObject, digest) ? entry : null);
  }
}
