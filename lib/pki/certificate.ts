/** One X.509 certificate (RFC 5280) read into the facts an incident needs. */
import "./engine"; // must precede @peculiar/x509 (reflect-metadata)
import * as x509 from "@peculiar/x509";
import * as pkijs from "pkijs";
import { decodeBer } from "./ber";
import { asUint8, serialHexFromInteger, sha256Hex } from "./bytes";
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
  pkijs: pkijs.Certificate;
  /** The @peculiar/x509 view, built on first use (parsing it costs as much again). */
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

  let cert: pkijs.Certificate;
  let info: CertificateInfo;
  try {
    cert = new pkijs.Certificate({ schema: asn.result });
    info = describe(cert, der);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new CertificateInputError(
      "not-a-certificate",
      `DER is not an X.509 certificate (${why})`,
      where,
    );
  }
  return assemble(info, der, cert);
}

/**
 * Wraps a certificate pkijs already decoded (e.g. from BasicOCSPResponse.certs) without
 * decoding it again. Throws {@link CertificateInputError} like parseCertificateDer.
 */
export function parsedFromPkijs(cert: pkijs.Certificate): ParsedCertificate {
  try {
    const der = new Uint8Array(cert.toSchema().toBER());
    return assemble(describe(cert, der), der, cert);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new CertificateInputError("not-a-certificate", `unreadable certificate (${why})`);
  }
}

function assemble(
  info: CertificateInfo,
  der: Uint8Array,
  cert: pkijs.Certificate,
): ParsedCertificate {
  let view: x509.X509Certificate | undefined;
  return {
    info,
    der,
    pkijs: cert,
    get x509() {
      view ??= new x509.X509Certificate(der as BufferSource);
      return view;
    },
  };
}

const GN_DNS = 2;
const GN_URI = 6;
const AD_OCSP = "1.3.6.1.5.5.7.48.1";
const AD_CA_ISSUERS = "1.3.6.1.5.5.7.48.2";

function describe(cert: pkijs.Certificate, der: Uint8Array): CertificateInfo {
  const parsed = (oid: string): unknown =>
    cert.extensions?.find((e) => e.extnID === oid)?.parsedValue;
  const san = parsed(OID.subjectAltName);
  const aia = parsed(OID.authorityInfoAccess);
  const cdp = parsed(OID.crlDistributionPoints);
  const eku = parsed(OID.extKeyUsage);
  const bc = parsed(OID.basicConstraints);
  const access = (method: string) =>
    aia instanceof pkijs.InfoAccess
      ? aia.accessDescriptions
          .filter((d) => d.accessMethod === method && d.accessLocation.type === GN_URI)
          .map((d) => String(d.accessLocation.value))
      : [];

  return {
    subject: rfc4514FromDer(cert.subject.toSchema().toBER()),
    issuer: rfc4514FromDer(cert.issuer.toSchema().toBER()),
    serialNumber: serialHexFromInteger(cert.serialNumber.valueBlock.valueHexView),
    notBefore: cert.notBefore.value.toISOString(),
    notAfter: cert.notAfter.value.toISOString(),
    sha256Fingerprint: sha256Hex(der),
    spkiSha256: sha256Hex(cert.subjectPublicKeyInfo.toSchema().toBER()),
    dnsNames:
      san instanceof pkijs.AltName
        ? san.altNames.filter((n) => n.type === GN_DNS).map((n) => String(n.value))
        : [],
    ocspUrls: access(AD_OCSP),
    caIssuersUrls: access(AD_CA_ISSUERS),
    crlUrls:
      cdp instanceof pkijs.CRLDistributionPoints
        ? cdp.distributionPoints.flatMap((dp) =>
            Array.isArray(dp.distributionPoint)
              ? dp.distributionPoint.filter((n) => n.type === GN_URI).map((n) => String(n.value))
              : [],
          )
        : [],
    isPrecertificate: (cert.extensions ?? []).some((e) => e.extnID === OID.precertificatePoison),
    isCa: bc instanceof pkijs.BasicConstraints ? bc.cA : false,
    extendedKeyUsages: (eku instanceof pkijs.ExtKeyUsage ? eku.keyPurposes : []).map((oid) => ({
      oid,
      name: oidName(oid),
    })),
  };
}
