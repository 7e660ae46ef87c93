/**
 * The common shape of an OCSP answer (RFC 6960 §4.2.1), read with @peculiar/asn1-ocsp:
 * successful, id-pkix-ocsp-basic, v1, one SingleResponse, no extensions, strict DER.
 * That is what `openssl ocsp` and most CA responders send to a nonce-less request; every
 * other shape throws {@link NotFastPath} and goes to lib/revocation's full parser.
 */
import {
  BasicOCSPResponse,
  id_pkix_ocsp_basic,
  OCSPResponse,
  OCSPResponseStatus,
  Version,
  type SingleResponse,
} from "@peculiar/asn1-ocsp";
import { AsnConvert } from "@peculiar/asn1-schema";
import type { Certificate } from "@peculiar/asn1-x509";
import { asUint8 } from "../../pki/bytes";

/** Raised when bytes are not the common, strict-DER answer; never a verdict. */
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
  /** ResponderID, each embedded certificate and signatureAlgorithm: together, the signer. */
  signerParts: Uint8Array[];
  signatureAlgorithmOid: string;
  /** BIT STRING contents without the unused-bits octet. */
  signature: Uint8Array;
  /** The SingleResponse's CertID, DER, compared byte for byte with the one sent. */
  certId: Uint8Array;
  certStatus: "good" | "revoked" | "unknown";
  revocationTime: string | null;
  /** CRLReason code, null when absent. */
  reasonCode: number | null;
  thisUpdate: string;
  nextUpdate: string | null;
}

const der = (value: unknown) => new Uint8Array(AsnConvert.serialize(value));
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** Reads `bytes` or throws NotFastPath. */
export function readBasicResponse(bytes: Uint8Array): FastBasicResponse {
  const { outer, basic, basicDer } = decode(bytes);
  // asn1js reads BER leniently; re-encoding tells whether what we got was DER. Where it was
  // not, the full parser reports the departures, so it must judge those bytes. Where it
  // was, the received tbsResponseData (what was signed) is also its re-encoding.
  if (!same(der(outer), bytes) || !same(der(basic), basicDer)) throw new NotFastPath("not DER");

  const data = basic.tbsResponseData;
  if (data.version !== Version.v1) throw new NotFastPath(`ResponseData version ${data.version}`);
  if (data.responseExtensions) throw new NotFastPath("responseExtensions (nonce…)");
  const [single, ...more] = data.responses;
  if (!single || more.length > 0) throw new NotFastPath(`${data.responses.length} SingleResponses`);
  if (!basic.tbsResponseDataRaw) throw new NotFastPath("no tbsResponseData bytes");
  const certs = basic.certs ?? [];
  return {
    tbs: asUint8(basic.tbsResponseDataRaw),
    signerParts: [
      der(data.responderID),
      ...certs.flatMap(certificateParts),
      der(basic.signatureAlgorithm),
    ],
    signatureAlgorithmOid: basic.signatureAlgorithm.algorithm,
    signature: new Uint8Array(basic.signature),
    ...readSingle(single),
  };
}

function decode(bytes: Uint8Array) {
  try {
    const outer = AsnConvert.parse(bytes, OCSPResponse);
    const { responseStatus, responseBytes } = outer;
    if (responseStatus !== OCSPResponseStatus.successful || !responseBytes) {
      throw new NotFastPath("not successful");
    }
    if (responseBytes.responseType !== id_pkix_ocsp_basic) throw new NotFastPath("not basic");
    const basicDer = new Uint8Array(responseBytes.response.buffer);
    return { outer, basic: AsnConvert.parse(basicDer, BasicOCSPResponse), basicDer };
  } catch (e) {
    if (e instanceof NotFastPath) throw e;
    throw new NotFastPath(`unreadable: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** The certificate as received (the DER check above vouches for the raw tbs). */
function certificateParts(cert: Certificate): Uint8Array[] {
  const { tbsCertificateRaw, signatureAlgorithm, signatureValue } = cert;
  if (!tbsCertificateRaw) throw new NotFastPath("no tbsCertificate bytes");
  return [asUint8(tbsCertificateRaw), der(signatureAlgorithm), new Uint8Array(signatureValue)];
}

type SingleFields = Pick<
  FastBasicResponse,
  "certId" | "certStatus" | "revocationTime" | "reasonCode" | "thisUpdate" | "nextUpdate"
>;

function readSingle(single: SingleResponse): SingleFields {
  if (single.singleExtensions) throw new NotFastPath("singleExtensions");
  const base = {
    certId: der(single.certID),
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
