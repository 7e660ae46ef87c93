/** OCSPResponse / BasicOCSPResponse (RFC 6960 §4.2.1) read into JSON-safe facts. */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { decodeBer, type BerResult } from "../pki/ber";
import { asUint8, sha1Hex, toHex } from "../pki/bytes";
import { parsedFromPkijs, type CertificateInfo, type ParsedCertificate } from "../pki/certificate";
import { rfc4514FromDer } from "../pki/names";
import { OID, oidName } from "../pki/oids";
import { describeCertId, type CertIdInfo } from "./cert-id";
import { derStrictnessWarnings } from "./der-strictness";
import { describeExtensions, type ExtensionInfo } from "./extensions";
import { identifyContent, type ContentIdentity } from "./identify";
import { revocationReasonName, type RevocationReason } from "./revocation-reason";

/** OCSPResponseStatus names (RFC 6960 §4.2.1); 4 is unused. */
export const RESPONSE_STATUSES = [
  "successful",
  "malformedRequest",
  "internalError",
  "tryLater",
  null,
  "sigRequired",
  "unauthorized",
] as const;
export type ResponseStatus = Exclude<(typeof RESPONSE_STATUSES)[number], null>;

export type CertStatus = "good" | "revoked" | "unknown";

/** ResponderID: byName as RFC 4514, or byKey as the hex SHA-1 of the responder's key. */
export type ResponderId = { byName: string } | { byKey: string };

/** One SingleResponse. Times are ISO-8601 UTC. */
export interface SingleResponseInfo {
  certId: CertIdInfo;
  certStatus: CertStatus;
  revocationTime: string | null;
  /** RFC 5280 reason name; null when the responder gave none. */
  revocationReason: RevocationReason | null;
  thisUpdate: string;
  nextUpdate: string | null;
  singleExtensions: ExtensionInfo[];
}

/** A certificate carried in BasicOCSPResponse.certs. */
export type EmbeddedCertificateInfo = Pick<
  CertificateInfo,
  | "subject"
  | "issuer"
  | "serialNumber"
  | "notBefore"
  | "notAfter"
  | "extendedKeyUsages"
  | "sha256Fingerprint"
>;

/** Everything an OCSPResponse says, before any verification. */
export interface OcspResponseInfo {
  responseStatus: ResponseStatus;
  /** Present only for successful responses. */
  responseType: string | null;
  responderId: ResponderId | null;
  producedAt: string | null;
  responses: SingleResponseInfo[];
  responseExtensions: ExtensionInfo[];
  certificates: EmbeddedCertificateInfo[];
  signatureAlgorithm: string | null;
  /** Encoding departures tolerated by the lenient parse (e.g. non-DER). */
  warnings: string[];
}

/** Result of reading bytes that should be an OCSPResponse. */
export type OcspParseResult =
  | {
      ok: true;
      info: OcspResponseInfo;
      basic: pkijs.BasicOCSPResponse | null;
      embedded: ParsedCertificate[];
    }
  | { ok: false; identity: ContentIdentity; detail: string };

/**
 * Reads any bytes as an OCSPResponse. Never throws: bytes that are not one come back
 * with what they are instead (empty, HTML, text, a CRL, a certificate, garbage).
 * Parsing is lenient BER, departures from DER are listed in `info.warnings`.
 */
export function parseOcspResponse(input: ArrayBuffer | ArrayBufferView): OcspParseResult {
  const bytes = asUint8(input);
  const asn = decodeBer(bytes);
  const outer = asn.ok && asn.offset === bytes.length ? asOcspResponse(asn.result) : null;
  if (!asn.ok || !outer) {
    const identity = identifyContent(bytes);
    return { ok: false, identity, detail: identity.description };
  }
  const code = outer.responseStatus.valueBlock.valueDec;
  const responseStatus = RESPONSE_STATUSES[code];
  if (!responseStatus) {
    const identity = { kind: "ocsp-response" as const, description: "an OCSP response" };
    return {
      ok: false,
      identity,
      detail: `an OCSP response with undefined responseStatus ${code}`,
    };
  }
  const info = emptyInfo(responseStatus);
  info.warnings.push(...derStrictnessWarnings(asn.result));
  if (responseStatus !== "successful" || !outer.responseBytes)
    return { ok: true, info, basic: null, embedded: [] };

  const typeOid = outer.responseBytes.responseType;
  info.responseType = oidName(typeOid) ?? typeOid;
  if (typeOid !== OID.ocspBasic) return { ok: true, info, basic: null, embedded: [] };
  const inner = decodedContents(outer.responseBytes.response);
  let basic: pkijs.BasicOCSPResponse;
  let embedded: ParsedCertificate[];
  try {
    if (!inner.ok) throw new Error(inner.error);
    basic = new pkijs.BasicOCSPResponse({ schema: inner.result });
    embedded = (basic.certs ?? []).map(embeddedCertificate);
    fillFromBasic(info, basic, embedded);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    const identity = { kind: "ocsp-response" as const, description: "an OCSP response" };
    return {
      ok: false,
      identity,
      detail: `an OCSP response whose BasicOCSPResponse is unreadable (${why})`,
    };
  }
  if (inner.ok) info.warnings.push(...derStrictnessWarnings(inner.result));
  return { ok: true, info, basic, embedded };
}

/** asn1js already decodes an OCTET STRING holding DER; reuse that tree (or decode it). */
function decodedContents(octets: asn1js.OctetString): BerResult {
  const nested = octets.valueBlock.value;
  const whole = octets.valueBlock.valueHexView.length;
  const first = nested.length === 1 ? nested[0] : undefined;
  if (first && first.valueBeforeDecodeView.length === whole) {
    return { ok: true, result: first, offset: whole };
  }
  return decodeBer(octets.valueBlock.valueHexView);
}

/**
 * Sweeps see the same delegated responder certificate in every answer; parse it once.
 * Keyed by its tbsCertificate and signature bytes, so a different certificate can
 * never be served from the cache.
 */
const embeddedCache = new Map<string, ParsedCertificate>();
const EMBEDDED_CACHE_SIZE = 64;

function embeddedCertificate(cert: pkijs.Certificate): ParsedCertificate {
  const key = `${sha1Hex(cert.tbsView)}:${sha1Hex(cert.signatureValue.valueBlock.valueHexView)}`;
  const cached = embeddedCache.get(key);
  if (cached) return cached;
  const parsed = parsedFromPkijs(cert);
  if (embeddedCache.size >= EMBEDDED_CACHE_SIZE) embeddedCache.clear();
  embeddedCache.set(key, parsed);
  return parsed;
}

function asOcspResponse(schema: asn1js.AsnType): pkijs.OCSPResponse | null {
  try {
    return new pkijs.OCSPResponse({ schema });
  } catch {
    return null;
  }
}

function emptyInfo(responseStatus: ResponseStatus): OcspResponseInfo {
  return {
    responseStatus,
    responseType: null,
    responderId: null,
    producedAt: null,
    responses: [],
    responseExtensions: [],
    certificates: [],
    signatureAlgorithm: null,
    warnings: [],
  };
}

function fillFromBasic(
  info: OcspResponseInfo,
  basic: pkijs.BasicOCSPResponse,
  embedded: ParsedCertificate[],
): void {
  const data = basic.tbsResponseData;
  if (data.version !== undefined) {
    info.warnings.push(
      `ResponseData encodes version v${data.version + 1} explicitly; DER omits a DEFAULT value ` +
        "(X.690 §11.5), so this response is not strict DER. Accepted leniently.",
    );
  }
  info.responderId = responderIdOf(data.responderID);
  info.producedAt = data.producedAt.toISOString();
  info.responses = data.responses.map(describeSingleResponse);
  info.responseExtensions = describeExtensions(data.responseExtensions);
  info.certificates = embedded.map(describeEmbedded);
  const sigOid = basic.signatureAlgorithm.algorithmId;
  info.signatureAlgorithm = oidName(sigOid) ?? sigOid;
}

/** ResponderID of a pkijs ResponseData (a Name, or the OCTET STRING of byKey). */
export function responderIdOf(id: unknown): ResponderId {
  if (id instanceof pkijs.RelativeDistinguishedNames) {
    return { byName: rfc4514FromDer(id.toSchema().toBER()) };
  }
  return { byKey: toHex((id as asn1js.OctetString).valueBlock.valueHexView) };
}

function describeSingleResponse(s: pkijs.SingleResponse): SingleResponseInfo {
  const status = s.certStatus as asn1js.Constructed;
  const tag = status.idBlock.tagNumber;
  const certStatus: CertStatus = tag === 0 ? "good" : tag === 1 ? "revoked" : "unknown";
  const revoked = certStatus === "revoked" ? revokedInfo(status) : null;
  return {
    certId: describeCertId(s.certID),
    certStatus,
    revocationTime: revoked?.time ?? null,
    revocationReason: revoked?.reason ?? null,
    thisUpdate: s.thisUpdate.toISOString(),
    nextUpdate: s.nextUpdate ? s.nextUpdate.toISOString() : null,
    singleExtensions: describeExtensions(s.singleExtensions),
  };
}

/**
 * RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime,
 *   revocationReason [0] EXPLICIT CRLReason OPTIONAL }
 */
function revokedInfo(status: asn1js.Constructed): {
  time: string | null;
  reason: RevocationReason | null;
} {
  const parts = status.valueBlock.value;
  const time = parts.find((p): p is asn1js.GeneralizedTime => p instanceof asn1js.GeneralizedTime);
  const tagged = parts.find((p) => p.idBlock.tagClass === 3 && p.idBlock.tagNumber === 0) as
    asn1js.Constructed | undefined;
  const reason = tagged?.valueBlock.value.find(
    (p): p is asn1js.Enumerated => p instanceof asn1js.Enumerated,
  );
  return {
    time: time ? time.toDate().toISOString() : null,
    reason: reason ? revocationReasonName(reason.valueBlock.valueDec) : null,
  };
}

function describeEmbedded({ info }: ParsedCertificate): EmbeddedCertificateInfo {
  const { subject, issuer, serialNumber, notBefore, notAfter, extendedKeyUsages, sha256Fingerprint } = info;
  return { subject, issuer, serialNumber, notBefore, notAfter, extendedKeyUsages, sha256Fingerprint };
}
