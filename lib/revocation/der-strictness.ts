/**
 * Departures from DER (X.690 §10) that BER parsers accept silently. We read leniently so
 * a compliance officer still sees the content, and list what a strict parser would refuse.
 */
import * as asn1js from "asn1js";

const MAX_REPORTED = 5;

/** Human-readable findings on a decoded tree: indefinite lengths, non-minimal lengths. */
export function derStrictnessWarnings(root: asn1js.AsnType): string[] {
  const found: string[] = [];
  const visit = (block: asn1js.AsnType, depth: number) => {
    if (found.length >= MAX_REPORTED || depth > 64) return;
    const len = (block as asn1js.BaseBlock).lenBlock;
    if (len?.isIndefiniteForm)
      found.push(`indefinite length at offset ${offsetOf(block)} (not DER)`);
    else if (len?.longFormUsed && (len.length < 128 || len.blockLength - 1 > octetsFor(len.length))) {
      found.push(`non-minimal length encoding at offset ${offsetOf(block)} (not DER)`);
    }
    const inner = (block as asn1js.Constructed).valueBlock?.value;
    if (Array.isArray(inner)) for (const child of inner) visit(child, depth + 1);
  };
  visit(root, 0);
  return found;
}

/** How many octets the long form of `length` needs (X.690 §10.1: no leading zero octets). */
function octetsFor(length: number): number {
  let octets = 1;
  while (length > 0xff) {
    length = Math.floor(length / 256);
    octets++;
  }
  return octets;
}

function offsetOf(block: asn1js.AsnType): number {
  return (block as asn1js.BaseBlock).valueBeforeDecodeView?.byteOffset ?? -1;
}
