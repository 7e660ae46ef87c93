/** Small byte helpers shared by the PKI and revocation code. */
import { createHash } from "node:crypto";

/** Lower-case hex of the bytes. */
export function toHex(bytes: ArrayBuffer | ArrayBufferView): string {
  return Buffer.from(asUint8(bytes)).toString("hex");
}

/** A Uint8Array view of any buffer source, without copying. */
export function asUint8(bytes: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (bytes instanceof Uint8Array) return bytes;
  if (ArrayBuffer.isView(bytes))
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Uint8Array(bytes);
}

/** SHA-256 of the bytes, lower-case hex. */
export function sha256Hex(bytes: ArrayBuffer | ArrayBufferView): string {
  return createHash("sha256").update(asUint8(bytes)).digest("hex");
}

/** SHA-1 of the bytes, lower-case hex (OCSP ResponderID byKey, RFC 6960 §4.2.1). */
export function sha1Hex(bytes: ArrayBuffer | ArrayBufferView): string {
  return createHash("sha1").update(asUint8(bytes)).digest("hex");
}

/**
 * The serial as people compare it: lower-case hex of the DER INTEGER contents with the
 * sign byte removed (a leading 00 before a byte ≥ 80 is not part of the number).
 * Byte-aligned, as OpenSSL prints it: "03", "010001", "f374…".
 */
export function serialHexFromInteger(contents: ArrayBuffer | ArrayBufferView): string {
  let view = asUint8(contents);
  if (view.length > 1 && view[0] === 0 && (view[1] ?? 0) >= 0x80) view = view.subarray(1);
  return toHex(view);
}

/** Whether two hex serials denote the same number (ignores case, leading zeros, colons). */
export function sameSerial(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[:\s]/g, "")
      .replace(/^0+(?=.)/, "");
  return norm(a) === norm(b);
}
