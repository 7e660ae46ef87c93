/** Decoding untrusted bytes with asn1js without letting it throw. */
import * as asn1js from "asn1js";

/** A decoded tree, or why the bytes do not decode. */
export type BerResult =
  { ok: true; result: asn1js.AsnType; offset: number } | { ok: false; error: string };

/**
 * asn1js.fromBER, made total: it usually reports errors with offset −1, but some
 * malformed values (e.g. a GeneralizedTime with bad digits) make it throw instead.
 */
export function decodeBer(bytes: ArrayBuffer | ArrayBufferView): BerResult {
  try {
    const parsed = asn1js.fromBER(bytes as BufferSource);
    if (parsed.offset === -1) return { ok: false, error: parsed.result.error || "not BER" };
    return { ok: true, result: parsed.result, offset: parsed.offset };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
