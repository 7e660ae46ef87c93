/** Distinguished names as RFC 4514 strings. */
import "./engine"; // must precede @peculiar/x509 (reflect-metadata)
import * as x509 from "@peculiar/x509";

/** Attribute types that x509 does not name but CA subjects often carry (CABF EV fields). */
const EXTRA_NAMES: Record<string, string> = {
  "2.5.4.5": "serialNumber",
  "2.5.4.9": "STREET",
  "2.5.4.15": "businessCategory",
  "2.5.4.17": "postalCode",
  "2.5.4.97": "organizationIdentifier",
  "0.9.2342.19200300.100.1.1": "UID",
  "1.3.6.1.4.1.311.60.2.1.1": "jurisdictionL",
  "1.3.6.1.4.1.311.60.2.1.2": "jurisdictionST",
  "1.3.6.1.4.1.311.60.2.1.3": "jurisdictionC",
};

/** RFC 4514 §2.4 escaping of one attribute value. */
function escapeValue(value: string): string {
  if (value.startsWith("#") && /^#[0-9a-fA-F]*$/.test(value)) return value; // hex form
  return value
    .replace(/([,+"\\<>;])/g, "\\$1")
    .replace(/^([ #])/, "\\$1")
    .replace(/ $/, "\\ ")
    .replace(/\0/g, "\\00");
}

/**
 * Formats a DER-encoded Name (RFC 5280 §4.1.2.4) as an RFC 4514 string: RDNs in reverse
 * order of the encoding, comma-separated, e.g. "CN=leaf,O=Example,C=US".
 */
export function rfc4514FromDer(nameDer: ArrayBuffer | ArrayBufferView): string {
  const name = new x509.Name(nameDer as BufferSource, EXTRA_NAMES);
  return name
    .toJSON()
    .map((rdn) =>
      Object.entries(rdn)
        .flatMap(([type, values]) => values.map((v) => `${type}=${escapeValue(v)}`))
        .join("+"),
    )
    .reverse()
    .join(",");
}
