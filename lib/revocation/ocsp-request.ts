/** OCSPRequest (RFC 6960 §4.1) and its HTTP transport (RFC 6960 A.1, RFC 5019 §5). */
import { randomBytes } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import type { ParsedCertificate } from "../pki/certificate";
import { OID } from "../pki/oids";
import { createCertId, describeCertId, type CertIdHash, type CertIdInfo } from "./cert-id";

/** What to put in the request. */
export interface OcspRequestOptions {
  hash?: CertIdHash;
  /** true for 32 random bytes (RFC 8954 §2.1), or the nonce bytes to send. */
  nonce?: boolean | Uint8Array;
}

/** An encoded request and what it asks about. */
export interface BuiltOcspRequest {
  der: Uint8Array;
  certId: CertIdInfo;
  nonce: Uint8Array | null;
}

/** Builds an unsigned OCSPRequest with one Request for `cert`. */
export async function buildOcspRequest(
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  options: OcspRequestOptions = {},
): Promise<BuiltOcspRequest> {
  const certId = await createCertId(cert, issuer, options.hash ?? "SHA-1");
  const request = new pkijs.OCSPRequest();
  request.tbsRequest.requestList.push(new pkijs.Request({ reqCert: certId }));

  const nonce = options.nonce === true ? new Uint8Array(randomBytes(32)) : options.nonce || null;
  if (nonce) {
    // The nonce extension's value is an OCTET STRING wrapping the nonce (RFC 8954 §2.1).
    const value = new asn1js.OctetString({ valueHex: nonce }).toBER();
    request.tbsRequest.requestExtensions = [
      new pkijs.Extension({ extnID: OID.ocspNonce, critical: false, extnValue: value }),
    ];
  }
  const der = new Uint8Array(request.toSchema(true).toBER());
  return { der, certId: describeCertId(certId), nonce };
}

/** How the request travels. */
export type OcspMethod = "GET" | "POST";

/** A ready HTTP request for a responder. */
export interface OcspHttpRequest {
  method: OcspMethod;
  url: string;
  headers: Record<string, string>;
  body?: Uint8Array;
}

/** RFC 5019 §5: GET for requests whose DER is at most 255 bytes. */
export const GET_MAX_DER_BYTES = 255;

/**
 * Encodes a request for `responderUrl`: GET `{url}/{urlencoded base64 DER}` when the DER
 * is ≤ 255 bytes (RFC 5019 §5, RFC 6960 A.1), else POST application/ocsp-request;
 * `force` overrides the choice.
 */
export function encodeOcspHttpRequest(
  responderUrl: string,
  der: Uint8Array,
  force?: OcspMethod,
): OcspHttpRequest {
  const method = force ?? (der.length <= GET_MAX_DER_BYTES ? "GET" : "POST");
  if (method === "POST") {
    return {
      method,
      url: responderUrl,
      headers: { "content-type": "application/ocsp-request" },
      body: der,
    };
  }
  const encoded = encodeURIComponent(Buffer.from(der).toString("base64"));
  const base = responderUrl.endsWith("/") ? responderUrl : `${responderUrl}/`;
  return { method, url: base + encoded, headers: {} };
}
