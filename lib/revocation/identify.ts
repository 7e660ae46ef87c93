/** Saying what a blob of bytes is, when it is not what we asked for. */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { decodeBer } from "../pki/ber";

/** Coarse kinds of unexpected content. */
export type ContentKind =
  | "empty"
  | "html"
  | "text"
  | "ocsp-response"
  | "crl"
  | "certificate"
  | "ocsp-request"
  | "other-der"
  | "garbage";

/** What the bytes are, in words for the evidence log. */
export interface ContentIdentity {
  kind: ContentKind;
  description: string;
}

const PARSERS: [ContentKind, string, (schema: asn1js.AsnType) => unknown][] = [
  ["ocsp-response", "an OCSP response", (s) => new pkijs.OCSPResponse({ schema: s })],
  ["crl", "a CRL (CertificateList)", (s) => new pkijs.CertificateRevocationList({ schema: s })],
  ["certificate", "an X.509 certificate", (s) => new pkijs.Certificate({ schema: s })],
  ["ocsp-request", "an OCSP request", (s) => new pkijs.OCSPRequest({ schema: s })],
];

/** Identifies bytes: empty, HTML, text, one of the PKI structures we know, or garbage. */
export function identifyContent(bytes: Uint8Array): ContentIdentity {
  if (bytes.length === 0) return { kind: "empty", description: "an empty body" };
  const text = printableText(bytes);
  if (text !== null) {
    const head = text.trim().slice(0, 60).replace(/\s+/g, " ");
    if (/^\s*<(!doctype html|html|head|body)/i.test(text)) {
      return { kind: "html", description: `an HTML page ("${head}")` };
    }
    return { kind: "text", description: `text ("${head}")` };
  }

  const asn = decodeBer(bytes);
  if (!asn.ok) return { kind: "garbage", description: `${bytes.length} bytes that are not DER` };
  for (const [kind, description, parse] of PARSERS) {
    try {
      parse(asn.result);
      return { kind, description };
    } catch {
      // not this structure; try the next
    }
  }
  return {
    kind: "other-der",
    description: `DER (${asn.result.constructor.name}) of no known PKI type`,
  };
}

function printableText(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, 512);
  const text = Buffer.from(sample).toString("utf8");
  if (text.includes("\uFFFD")) return null;
  return /^[\t\n\r\x20-\x7e\u00a0-\uffff]*$/.test(text)
    ? Buffer.from(bytes).toString("utf8")
    : null;
}
