/**
 * Reading the common shape of an OCSP answer (RFC 6960 §4.2.1) straight from its DER:
 * successful, id-pkix-ocsp-basic, v1, one SingleResponse, no extensions. That is what
 * `openssl ocsp` and most CA responders send to a nonce-less request; every other shape
 * throws {@link NotFastPath} and goes to lib/revocation's full parser.
 */
import {
  childrenOf,
  expectTag,
  generalizedTimeOf,
  NotFastPath,
  oidOf,
  readTlv,
  valueOf,
  type Tlv,
} from "./der";

const SEQUENCE = 0x30;
const OID_TAG = 0x06;
const ID_PKIX_OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1";

/** The parts of a BasicOCSPResponse the fast path judges; byte fields are views. */
export interface FastBasicResponse {
  /** The whole tbsResponseData TLV: what the signature covers. */
  tbs: Uint8Array;
  /** ResponderID, certs and signatureAlgorithm TLVs: together they name the signer. */
  responderId: Uint8Array;
  certs: Uint8Array | null;
  signatureAlgorithm: Uint8Array;
  signatureAlgorithmOid: string;
  /** BIT STRING contents without the unused-bits octet. */
  signature: Uint8Array;
  producedAt: string;
  /** The SingleResponse's CertID TLV, compared byte for byte with the one sent. */
  certId: Uint8Array;
  certStatus: "good" | "revoked" | "unknown";
  revocationTime: string | null;
  /** CRLReason code, null when absent. */
  reasonCode: number | null;
  thisUpdate: string;
  nextUpdate: string | null;
}

const bytesOf = (buf: Uint8Array, tlv: Tlv) => buf.subarray(tlv.start, tlv.end);

/** Reads `der` or throws NotFastPath. */
export function readBasicResponse(der: Uint8Array): FastBasicResponse {
  const outer = readTlv(der, 0);
  if (outer.end !== der.length || outer.tag !== SEQUENCE) throw new NotFastPath("not one SEQUENCE");
  const [status, wrapped, extra] = childrenOf(der, outer);
  const code = valueOf(der, expectTag(status, 0x0a, "responseStatus"));
  if (code.length !== 1 || code[0] !== 0 || !wrapped || extra) throw new NotFastPath("not successful");
  const explicit = childrenOf(der, expectTag(wrapped, 0xa0, "[0]"));
  const responseBytes = expectTag(explicit[0], SEQUENCE, "ResponseBytes");
  const [type, octets] = childrenOf(der, responseBytes);
  if (oidOf(valueOf(der, expectTag(type, OID_TAG, "responseType"))) !== ID_PKIX_OCSP_BASIC) {
    throw new NotFastPath("not id-pkix-ocsp-basic");
  }
  const inner = valueOf(der, expectTag(octets, 0x04, "response"));
  return readBasic(inner);
}

function readBasic(buf: Uint8Array): FastBasicResponse {
  const basic = readTlv(buf, 0);
  if (basic.end !== buf.length) throw new NotFastPath("trailing bytes");
  const parts = childrenOf(buf, expectTag(basic, SEQUENCE, "BasicOCSPResponse"));
  const [tbs, algorithm, signature, certs, extra] = parts;
  if (extra || (certs && certs.tag !== 0xa0)) throw new NotFastPath("unexpected BasicOCSPResponse field");
  const algorithmTlv = expectTag(algorithm, SEQUENCE, "signatureAlgorithm");
  const bits = valueOf(buf, expectTag(signature, 0x03, "signature"));
  if (bits[0] !== 0) throw new NotFastPath("signature with unused bits");

  const fields = childrenOf(buf, expectTag(tbs, SEQUENCE, "tbsResponseData"));
  const [responderId, producedAt, responses, ...rest] = fields;
  // A version field, or response extensions (nonce…): the full parser says what they mean.
  if (!responderId || (responderId.tag !== 0xa1 && responderId.tag !== 0xa2) || rest.length > 0) {
    throw new NotFastPath("version or extensions in ResponseData");
  }
  const singles = childrenOf(buf, expectTag(responses, SEQUENCE, "responses"));
  if (singles.length !== 1) throw new NotFastPath(`${singles.length} SingleResponses`);
  return {
    tbs: bytesOf(buf, tbs as Tlv),
    responderId: bytesOf(buf, responderId),
    certs: certs ? bytesOf(buf, certs) : null,
    signatureAlgorithm: bytesOf(buf, algorithmTlv),
    signatureAlgorithmOid: oidOf(
      valueOf(buf, expectTag(childrenOf(buf, algorithmTlv)[0], OID_TAG, "algorithm")),
    ),
    signature: bits.subarray(1),
    producedAt: generalizedTimeOf(valueOf(buf, expectTag(producedAt, 0x18, "producedAt"))),
    ...readSingle(buf, singles[0] as Tlv),
  };
}

function readSingle(buf: Uint8Array, single: Tlv) {
  const fields = childrenOf(buf, expectTag(single, SEQUENCE, "SingleResponse"));
  const [certId, status, thisUpdate, next, extra] = fields;
  if (extra || (next && next.tag !== 0xa0)) throw new NotFastPath("singleExtensions");
  const nextUpdate = next
    ? generalizedTimeOf(valueOf(buf, expectTag(childrenOf(buf, next)[0], 0x18, "nextUpdate")))
    : null;
  const base = {
    certId: bytesOf(buf, expectTag(certId, SEQUENCE, "certID")),
    thisUpdate: generalizedTimeOf(valueOf(buf, expectTag(thisUpdate, 0x18, "thisUpdate"))),
    nextUpdate,
  };
  if (status?.tag === 0x80 && status.end === status.valueStart) {
    return { ...base, certStatus: "good" as const, revocationTime: null, reasonCode: null };
  }
  if (status?.tag === 0x82 && status.end === status.valueStart) {
    return { ...base, certStatus: "unknown" as const, revocationTime: null, reasonCode: null };
  }
  const [time, reason, more] = childrenOf(buf, expectTag(status, 0xa1, "certStatus"));
  if (more || (reason && reason.tag !== 0xa0)) throw new NotFastPath("RevokedInfo");
  const code = reason ? valueOf(buf, expectTag(childrenOf(buf, reason)[0], 0x0a, "CRLReason")) : null;
  if (code && code.length !== 1) throw new NotFastPath("CRLReason");
  return {
    ...base,
    certStatus: "revoked" as const,
    revocationTime: generalizedTimeOf(valueOf(buf, expectTag(time, 0x18, "revocationTime"))),
    reasonCode: code ? (code[0] as number) : null,
  };
}
