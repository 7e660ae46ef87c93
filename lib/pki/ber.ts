/** Decoding untrusted bytes with asn1js without letting it throw. */
import * as asn1js from "asn1js";

/** A decoded tree, or why the bytes do not decode. */
export type BerResult =
  { ok: true; result: asn1js.AsnType; offset: number } | { ok: false; error: string };

/**
 * asn1js' node budget for `byteLength` bytes. Its default (10,000 nodes) refuses real
 * inputs, e.g. any CRL of more than about 1,600 entries; a DER value of n bytes has at most
 * n/2 nodes, plus as many again for contents of OCTET and BIT STRINGs asn1js decodes as
 * nested values. The inputs themselves are size-bounded where they are fetched or uploaded.
 */
export function nodeBudget(byteLength: number): number {
  return Math.max(asn1js.DEFAULT_MAX_NODES, byteLength);
}

/**
 * asn1js.fromBER, made total: it usually reports errors with offset −1, but some
 * malformed values (e.g. a GeneralizedTime with bad digits) make it throw instead.
 */
export function decodeBer(bytes: ArrayBuffer | ArrayBufferView): BerResult {
  try {
    const parsed = asn1js.fromBER(bytes as BufferSource, { maxNodes: nodeBudget(bytes.byteLength) });
    if (parsed.offset === -1) return { ok: false, error: parsed.result.error || "not BER" };
    return { ok: true, result: parsed.result, offset: parsed.offset };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
