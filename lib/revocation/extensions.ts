/** Extensions (RFC 5280 §4.1 Extension) as JSON-safe facts. */
import type * as ax from "@peculiar/asn1-x509";
import type * as pkijs from "pkijs";
import { toHex } from "../pki/bytes";
import { oidName } from "../pki/oids";

/** One extension: OID, conventional name, criticality and the raw extnValue. */
export interface ExtensionInfo {
  oid: string;
  name: string | null;
  critical: boolean;
  valueHex: string;
}

/** Describes a list of pkijs extensions (absent list → []). */
export function describeExtensions(list: pkijs.Extension[] | undefined): ExtensionInfo[] {
  return (list ?? []).map((e) => ({
    oid: e.extnID,
    name: oidName(e.extnID),
    critical: e.critical,
    valueHex: toHex(e.extnValue.valueBlock.valueHexView),
  }));
}

/** Describes a list of @peculiar/asn1-x509 extensions (absent list → []). */
export function describeAsnExtensions(list: readonly ax.Extension[] | undefined): ExtensionInfo[] {
  return (list ?? []).map((e) => ({
    oid: e.extnID,
    name: oidName(e.extnID),
    critical: e.critical,
    valueHex: toHex(e.extnValue.buffer),
  }));
}

/** Extensions this code understands in OCSP responses (RFC 6960 §4.4). */
const UNDERSTOOD = new Set([
  "1.3.6.1.5.5.7.48.1.2", // nonce
  "1.3.6.1.5.5.7.48.1.3", // CRL references
  "1.3.6.1.5.5.7.48.1.6", // archive cutoff
  "1.3.6.1.5.5.7.48.1.9", // extended revoke
  "2.5.29.21", // CRL reason
  "2.5.29.24", // invalidity date
  "2.5.29.29", // certificate issuer
  "1.3.6.1.4.1.11129.2.4.5", // CT SCT list for OCSP
]);

/** Critical extensions we do not understand: any makes the response unusable. */
export function unknownCritical(list: ExtensionInfo[]): ExtensionInfo[] {
  return list.filter((e) => e.critical && !UNDERSTOOD.has(e.oid));
}
