/**
 * A strict, minimal DER reader (X.690 §10) for the sweep's fast path: definite,
 * minimal lengths, low tag numbers only. Anything else throws {@link NotFastPath}, and
 * the caller hands the bytes to the full lenient parser in lib/revocation instead.
 */

/** Raised when bytes are not the simple DER the fast path reads; never a verdict. */
export class NotFastPath extends Error {
  constructor(why: string) {
    super(why);
    this.name = "NotFastPath";
  }
}

/** One TLV: identifier octet, where its value starts and ends in the buffer. */
export interface Tlv {
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first value octet. */
  valueStart: number;
  /** Offset just past the value. */
  end: number;
}

/** Reads the TLV at `at`, which must end by `limit`. */
export function readTlv(buf: Uint8Array, at: number, limit = buf.length): Tlv {
  const tag = buf[at];
  if (tag === undefined || at + 2 > limit) throw new NotFastPath("truncated TLV");
  if ((tag & 0x1f) === 0x1f) throw new NotFastPath("high tag number");
  let length = buf[at + 1] as number;
  let valueStart = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new NotFastPath("indefinite or huge length");
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (buf[valueStart + i] ?? 0);
    // DER: the long form only when needed, with no leading zero octet.
    if (length < 128 || buf[valueStart] === 0) throw new NotFastPath("non-minimal length");
    valueStart += count;
  }
  const end = valueStart + length;
  if (end > limit) throw new NotFastPath("length past the end");
  return { tag, start: at, valueStart, end };
}

/** The TLVs inside a constructed TLV, in order. */
export function childrenOf(buf: Uint8Array, parent: Tlv): Tlv[] {
  if (!(parent.tag & 0x20)) throw new NotFastPath("children of a primitive");
  const out: Tlv[] = [];
  for (let at = parent.valueStart; at < parent.end; ) {
    const child = readTlv(buf, at, parent.end);
    out.push(child);
    at = child.end;
  }
  return out;
}

/** The value octets of a TLV (a view, not a copy). */
export function valueOf(buf: Uint8Array, tlv: Tlv): Uint8Array {
  return buf.subarray(tlv.valueStart, tlv.end);
}

/** Requires `tlv` to carry `tag`. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) throw new NotFastPath(`expected ${what}`);
  return tlv;
}

/** Dotted OBJECT IDENTIFIER (X.690 §8.19). */
export function oidOf(value: Uint8Array): string {
  const arcs: number[] = [];
  let n = 0;
  for (const byte of value) {
    n = n * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(n);
      n = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join(".");
}

/** GeneralizedTime in whole seconds, as responders write it (fractions: not fast path). */
export function generalizedTimeOf(value: Uint8Array): string {
  const text = Buffer.from(value).toString("latin1");
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) throw new NotFastPath(`GeneralizedTime ${text}`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`;
}

/** Encodes a TLV with a definite, minimal length. */
export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const n = value.length;
  const length = n < 128 ? [n] : n < 256 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  if (n >= 65536) throw new Error("encodeTlv: value too long");
  const out = new Uint8Array(1 + length.length + n);
  out[0] = tag;
  out.set(length, 1);
  out.set(value, 1 + length.length);
  return out;
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}
