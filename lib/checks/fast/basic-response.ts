/**
 * The common shape of an OCSP answer (RFC 6960 §4.2.1), read with @peculiar/asn1-schema
 * and @peculiar/asn1-ocsp: successful, id-pkix-ocsp-basic, v1, one SingleResponse, no
 * extensions, DER lengths. That is what `openssl ocsp` and most CA responders send to a
 * nonce-less request; every other shape throws {@link NotFastPath} and goes to
 * lib/revocation's full parser.
 *
 * The bytes are decoded ONCE: asn1js (under asn1-schema) already decodes the BasicOCSPResponse
 * inside the responseBytes OCTET STRING, so the views below are mapped from that one tree.
 * Only ResponseData is mapped field by field; the embedded certificates stay raw bytes (they
 * only need to equal those of a signer lib/revocation has already verified).
 */
import { id_pkix_ocsp_basic, OCSPResponseStatus, SingleResponse, Version } from "@peculiar/asn1-ocsp";
import {
  AsnParser,
  AsnProp,
  AsnPropTypes,
  AsnType,
  AsnTypeTypes,
  type IAsnConverter,
} from "@peculiar/asn1-schema";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { DecodedTree, rawOf, type DecodedBlock } from "../../pki/decoded-tree";
import { serialHexFromInteger, toHex } from "../../pki/bytes";
import { oidName } from "../../pki/oids";
import type { CertIdInfo } from "../../revocation/cert-id";
import { derStrictnessWarnings } from "../../revocation/der-strictness";

/** Raised when bytes are not the common, DER answer; never a verdict. */
export class NotFastPath extends Error {
  constructor(why: string) {
    super(why);
    this.name = "NotFastPath";
  }
}

/** The parts of a BasicOCSPResponse the fast path judges. */
export interface FastBasicResponse {
  /** tbsResponseData exactly as received: what the signature covers. */
  tbs: Uint8Array;
  /** ResponderID, the embedded certificates and signatureAlgorithm: together, the signer. */
  signerParts: Uint8Array[];
  signatureAlgorithmOid: string;
  /** BIT STRING contents without the unused-bits octet. */
  signature: Uint8Array;
  /** The SingleResponse's CertID, read as lib/revocation reads it (compare with sameCertId). */
  certId: CertIdInfo;
  certStatus: "good" | "revoked" | "unknown";
  revocationTime: string | null;
  /** CRLReason code, null when absent. */
  reasonCode: number | null;
  thisUpdate: string;
  nextUpdate: string | null;
}

/** Keeps the decoded block itself, so a later view can be mapped from it without decoding again. */
const keepBlock: IAsnConverter<DecodedBlock> = { fromASN: (block) => block as DecodedBlock, toASN: (b) => b as never };

// The four views, declared by calling asn1-schema's decorators directly (no decorator
// syntax in this project). Field names and tags are those of RFC 6960 §4.2.1.
class ResponseBytesView {
  responseType = "";
  response!: DecodedBlock;
}
AsnType({ type: AsnTypeTypes.Sequence })(ResponseBytesView);
AsnProp({ type: AsnPropTypes.ObjectIdentifier })(ResponseBytesView.prototype, "responseType");
AsnProp({ type: AsnPropTypes.Any, converter: keepBlock })(ResponseBytesView.prototype, "response");

class OcspResponseView {
  responseStatus = OCSPResponseStatus.successful;
  responseBytes?: ResponseBytesView;
}
AsnType({ type: AsnTypeTypes.Sequence })(OcspResponseView);
AsnProp({ type: AsnPropTypes.Enumerated })(OcspResponseView.prototype, "responseStatus");
AsnProp({ type: ResponseBytesView, context: 0, optional: true })(OcspResponseView.prototype, "responseBytes");

class BasicResponseView {
  tbsResponseData!: DecodedBlock;
  signatureAlgorithm!: DecodedBlock;
  signature = new ArrayBuffer(0);
  certs?: DecodedBlock;
}
AsnType({ type: AsnTypeTypes.Sequence })(BasicResponseView);
AsnProp({ type: AsnPropTypes.Any, converter: keepBlock })(BasicResponseView.prototype, "tbsResponseData");
AsnProp({ type: AsnPropTypes.Any, converter: keepBlock })(BasicResponseView.prototype, "signatureAlgorithm");
AsnProp({ type: AsnPropTypes.BitString })(BasicResponseView.prototype, "signature");
AsnProp({ type: AsnPropTypes.Any, converter: keepBlock, context: 0, optional: true })(
  BasicResponseView.prototype,
  "certs",
);

// ResponseData with the ResponderID (a Name or a key hash) and the extensions kept as received.
class ResponseDataView {
  version = Version.v1;
  responderID!: DecodedBlock;
  producedAt = new Date();
  responses: SingleResponse[] = [];
  responseExtensions?: DecodedBlock;
}
AsnType({ type: AsnTypeTypes.Sequence })(ResponseDataView);
AsnProp({ type: AsnPropTypes.Integer, context: 0, defaultValue: Version.v1 })(ResponseDataView.prototype, "version");
AsnProp({ type: AsnPropTypes.Any, converter: keepBlock })(ResponseDataView.prototype, "responderID");
AsnProp({ type: AsnPropTypes.GeneralizedTime })(ResponseDataView.prototype, "producedAt");
AsnProp({ type: SingleResponse, repeated: "sequence" })(ResponseDataView.prototype, "responses");
AsnProp({ type: AsnPropTypes.Any, converter: keepBlock, context: 1, optional: true })(
  ResponseDataView.prototype,
  "responseExtensions",
);

/** Reads `bytes` or throws NotFastPath. */
export function readBasicResponse(bytes: Uint8Array): FastBasicResponse {
  const { basic, data, algorithm } = decode(bytes);
  if (data.version !== Version.v1) throw new NotFastPath(`ResponseData version ${data.version}`);
  if (data.responseExtensions) throw new NotFastPath("responseExtensions (nonce…)");
  const [single, ...more] = data.responses;
  if (!single || more.length > 0) throw new NotFastPath(`${data.responses.length} SingleResponses`);
  return {
    tbs: rawOf(basic.tbsResponseData),
    signerParts: [
      rawOf(data.responderID),
      basic.certs ? rawOf(basic.certs) : new Uint8Array(),
      rawOf(basic.signatureAlgorithm),
    ],
    signatureAlgorithmOid: algorithm,
    signature: new Uint8Array(basic.signature),
    ...readSingle(single),
  };
}

function decode(bytes: Uint8Array) {
  let tree: DecodedBlock | null;
  try {
    tree = AsnParser.parse(bytes, DecodedTree).block;
  } catch (e) {
    throw new NotFastPath(`unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
  // Trailing bytes, indefinite or non-minimal lengths: the full parser reports those.
  if (!tree || rawOf(tree).byteLength !== bytes.byteLength) throw new NotFastPath("trailing bytes");
  if (derStrictnessWarnings(tree as never).length > 0) throw new NotFastPath("not DER");
  try {
    const outer = AsnParser.fromASN(tree as never, OcspResponseView);
    const { responseStatus, responseBytes } = outer;
    if (responseStatus !== OCSPResponseStatus.successful || !responseBytes) {
      throw new NotFastPath("not successful");
    }
    if (responseBytes.responseType !== id_pkix_ocsp_basic) throw new NotFastPath("not basic");
    const basic = AsnParser.fromASN(encapsulated(responseBytes.response) as never, BasicResponseView);
    const data = AsnParser.fromASN(basic.tbsResponseData as never, ResponseDataView);
    const { algorithm } = AsnParser.fromASN(basic.signatureAlgorithm as never, AlgorithmIdentifier);
    return { basic, data, algorithm };
  } catch (e) {
    if (e instanceof NotFastPath) throw e;
    throw new NotFastPath(`unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The value inside an OCTET STRING. asn1js decodes the contents of a primitive OCTET
 * STRING when they are exactly one DER value, and keeps that block; otherwise decode them.
 */
function encapsulated(octets: DecodedBlock): DecodedBlock {
  const { idBlock, valueBlock } = octets;
  if (idBlock.tagClass !== 1 || idBlock.tagNumber !== 4 || idBlock.isConstructed) {
    throw new NotFastPath("responseBytes.response is not a primitive OCTET STRING");
  }
  const [inner] = Array.isArray(valueBlock.value) ? (valueBlock.value as DecodedBlock[]) : [];
  if (inner) return inner;
  throw new NotFastPath("responseBytes.response does not hold one DER value");
}

type SingleFields = Pick<
  FastBasicResponse,
  "certId" | "certStatus" | "revocationTime" | "reasonCode" | "thisUpdate" | "nextUpdate"
>;

function readSingle(single: SingleResponse): SingleFields {
  if (single.singleExtensions) throw new NotFastPath("singleExtensions");
  const { hashAlgorithm, issuerNameHash, issuerKeyHash, serialNumber } = single.certID;
  const base = {
    certId: {
      hashAlgorithm: oidName(hashAlgorithm.algorithm) ?? hashAlgorithm.algorithm,
      issuerNameHash: toHex(issuerNameHash.buffer),
      issuerKeyHash: toHex(issuerKeyHash.buffer),
      serialNumber: serialHexFromInteger(serialNumber),
    },
    thisUpdate: single.thisUpdate.toISOString(),
    nextUpdate: single.nextUpdate ? single.nextUpdate.toISOString() : null,
  };
  const { good, revoked, unknown } = single.certStatus;
  if (revoked) {
    return {
      ...base,
      certStatus: "revoked",
      revocationTime: revoked.revocationTime.toISOString(),
      reasonCode: revoked.revocationReason ? revoked.revocationReason.reason : null,
    };
  }
  const certStatus = good === null ? "good" : unknown === null ? "unknown" : null;
  if (!certStatus) throw new NotFastPath("certStatus");
  return { ...base, certStatus, revocationTime: null, reasonCode: null };
}
