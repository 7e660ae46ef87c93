/**
 * One X.509 certificate (RFC 5280) read into the facts an incident needs.
 *
 * The facts are read with @peculiar/asn1-x509 from one decode (about 0.4 ms a certificate);
 * the pkijs object the OCSP and CRL code verifies with is built only when first used,
 * since building it costs about 3.5 ms, which made a 23,000-certificate upload take
 * minutes. Bytes the fast reading refuses go through pkijs, whose errors name the problem.
 */
import "./engine"; // must precede @peculiar/x509 (reflect-metadata)
import { AsnConvert, AsnParser } from "@peculiar/asn1-schema";
import * as ax from "@peculiar/asn1-x509";
import * as x509 from "@peculiar/x509";
import * as pkijs from "pkijs";
import { decodeBer } from "./ber";
import { asUint8, serialHexFromInteger, sha256Hex } from "./bytes";
import { decodeWhole } from "./decoded-tree";
import { CertificateInputError } from "./errors";
import { rfc4514FromDer } from "./names";
import { OID, oidName } from "./oids";

/** JSON-safe summary of a certificate. Times are ISO-8601 UTC. */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** Lower-case hex, sign byte removed (see serialHexFromInteger). */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256Fingerprint: string;
  spkiSha256: string;
  dnsNames: string[];
  ocspUrls: string[];
  caIssuersUrls: string[];
  crlUrls: string[];
  /** Carries the CT precertificate poison extension (RFC 6962 §3.1). */
  isPrecertificate: boolean;
  isCa: boolean;
  extendedKeyUsages: { oid: string; name: string | null }[];
}

/** A parsed certificate: the summary plus the library objects the checkers use. */
export interface ParsedCertificate {
  info: CertificateInfo;
  der: Uint8Array;
  /** The pkijs view, built on first use (it costs about ten times the summary). */
  readonly pkijs: pkijs.Certificate;
  /** The @peculiar/x509 view, built on first use. */
  readonly x509: x509.X509Certificate;
}

/** Where the DER came from, for error messages. */
export type InputPlace = { block: number; line: number } | undefined;

/**
 * Parses one DER certificate. Throws {@link CertificateInputError} ("truncated-der",
 * "not-a-certificate") instead of a library exception.
 */
export function parseCertificateDer(
  input: ArrayBuffer | ArrayBufferView,
  where?: InputPlace,
): ParsedCertificate {
  const der = asUint8(input);
  const tree = decodeWhole(der);
  if (tree) {
    try {
      const cert = AsnParser.fromASN(tree as never, ax.Certificate);
      return assemble(describe(cert.tbsCertificate, der), der, null);
    } catch {
      // Not a certificate to asn1-x509: pkijs below says what is wrong.
    }
  }
  const cert = strictlyParsed(der, where);
  return assemble(describeDer(der, where), der, cert);
}

/**
 * pkijs' reading of `der`, or a {@link CertificateInputError} ("truncated-der",
 * "not-a-certificate") instead of a library exception.
 */
function strictlyParsed(der: Uint8Array, where?: InputPlace): pkijs.Certificate {
  const asn = decodeBer(der);
  if (!asn.ok) {
    const truncated = /end of input|length/i.test(asn.error);
    const problem = truncated ? "truncated-der" : "not-a-certificate";
    const detail = truncated ? "the DER ends before the certificate does" : "the bytes are not DER";
    throw new CertificateInputError(problem, `${detail} (${asn.error})`, where);
  }
  if (asn.offset !== der.length) {
    throw new CertificateInputError(
      "not-a-certificate",
      `${der.length - asn.offset} bytes follow the DER`,
      where,
    );
  }
  try {
    return new pkijs.Certificate({ schema: asn.result });
  } catch (e) {
    throw notACertificate(e, where);
  }
}

function notACertificate(e: unknown, where?: InputPlace): CertificateInputError {
  const why = e instanceof Error ? e.message : String(e);
  return new CertificateInputError("not-a-certificate", `DER is not an X.509 certificate (${why})`, where);
}

/** The summary of DER that pkijs reads as a certificate but asn1-x509 does not. */
function describeDer(der: Uint8Array, where?: InputPlace): CertificateInfo {
  try {
    return describe(AsnConvert.parse(der, ax.Certificate).tbsCertificate, der);
  } catch (e) {
    throw notACertificate(e, where);
  }
}

/**
 * Wraps a certificate pkijs already decoded (e.g. from BasicOCSPResponse.certs) without
 * decoding it again for pkijs. Throws {@link CertificateInputError} like parseCertificateDer.
 */
export function parsedFromPkijs(cert: pkijs.Certificate): ParsedCertificate {
  let der: Uint8Array;
  try {
    der = new Uint8Array(cert.toSchema().toBER());
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new CertificateInputError("not-a-certificate", `unreadable certificate (${why})`);
  }
  return assemble(describeDer(der), der, cert);
}

function assemble(info: CertificateInfo, der: Uint8Array, cert: pkijs.Certificate | null): ParsedCertificate {
  let pkijsView = cert;
  let view: x509.X509Certificate | undefined;
  return {
    info,
    der,
    get pkijs() {
      pkijsView ??= strictlyParsed(der);
      return pkijsView;
    },
    get x509() {
      view ??= new x509.X509Certificate(der as BufferSource);
      return view;
    },
  };
}

const AD_OCSP = "1.3.6.1.5.5.7.48.1";
const AD_CA_ISSUERS = "1.3.6.1.5.5.7.48.2";

/** An extension's value read as `type`; null when absent or unreadable (as pkijs left it). */
function extension<T>(tbs: ax.TBSCertificate, oid: string, type: new () => T): T | null {
  const found = tbs.extensions?.find((e) => e.extnID === oid);
  if (!found) return null;
  try {
    return AsnConvert.parse(found.extnValue.buffer, type);
  } catch {
    return null;
  }
}

const uris = (names: readonly ax.GeneralName[] | undefined): string[] =>
  (names ?? []).flatMap((n) => (n.uniformResourceIdentifier === undefined ? [] : [n.uniformResourceIdentifier]));

function describe(tbs: ax.TBSCertificate, der: Uint8Array): CertificateInfo {
  const san = extension(tbs, OID.subjectAltName, ax.SubjectAlternativeName);
  const aia = extension(tbs, OID.authorityInfoAccess, ax.AuthorityInfoAccessSyntax);
  const cdp = extension(tbs, OID.crlDistributionPoints, ax.CRLDistributionPoints);
  const eku = extension(tbs, OID.extKeyUsage, ax.ExtendedKeyUsage);
  const bc = extension(tbs, OID.basicConstraints, ax.BasicConstraints);
  const access = (method: string) =>
    uris((aia ?? []).filter((d) => d.accessMethod === method).map((d) => d.accessLocation));

  return {
    // As DER, not as objects: @peculiar/x509 may hold another copy of asn1-x509's classes
    // (Next's bundle mixes its ESM and CommonJS builds), and then refuses ours.
    subject: rfc4514FromDer(AsnConvert.serialize(tbs.subject)),
    issuer: rfc4514FromDer(AsnConvert.serialize(tbs.issuer)),
    serialNumber: serialHexFromInteger(tbs.serialNumber),
    notBefore: tbs.validity.notBefore.getTime().toISOString(),
    notAfter: tbs.validity.notAfter.getTime().toISOString(),
    sha256Fingerprint: sha256Hex(der),
    spkiSha256: sha256Hex(AsnConvert.serialize(tbs.subjectPublicKeyInfo)),
    dnsNames: (san ?? []).flatMap((n) => (n.dNSName === undefined ? [] : [n.dNSName])),
    ocspUrls: access(AD_OCSP),
    caIssuersUrls: access(AD_CA_ISSUERS),
    crlUrls: (cdp ?? []).flatMap((dp) => uris(dp.distributionPoint?.fullName)),
    isPrecertificate: (tbs.extensions ?? []).some((e) => e.extnID === OID.precertificatePoison),
    isCa: bc?.cA ?? false,
    extendedKeyUsages: (eku ?? []).map((oid) => ({ oid, name: oidName(oid) })),
  };
}
