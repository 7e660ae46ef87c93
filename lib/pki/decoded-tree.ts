/**
 * One asn1js decode through @peculiar/asn1-schema, kept as a tree that asn1-schema's
 * classes can then be mapped from (AsnParser.fromASN) without decoding the bytes again.
 * asn1-schema carries its own asn1js copy, several times faster than the one pkijs needs.
 */
import { AsnParser, type IAsnConvertible } from "@peculiar/asn1-schema";

/** The parts of an asn1js block read here; asn1js' own typings belong to another copy. */
export interface DecodedBlock {
  idBlock: { tagClass: number; tagNumber: number; isConstructed: boolean };
  valueBlock: { value?: unknown };
  valueBeforeDecodeView: Uint8Array;
}

/** A whole DER value as asn1js decoded it (asn1-schema's own decode, no mapping). */
export class DecodedTree implements IAsnConvertible {
  block: DecodedBlock | null = null;
  fromASN(asn: unknown): this {
    this.block = asn as DecodedBlock;
    return this;
  }
  toASN(): never {
    throw new Error("DecodedTree is read-only");
  }
  toSchema(): never {
    throw new Error("DecodedTree is read-only");
  }
}

/** The bytes a decoded block was read from. */
export const rawOf = (block: DecodedBlock): Uint8Array => block.valueBeforeDecodeView;

/**
 * The tree of `bytes` when they hold exactly one BER value (nothing after it); null when
 * asn1js cannot read them or bytes follow.
 */
export function decodeWhole(bytes: Uint8Array): DecodedBlock | null {
  let tree: DecodedBlock | null;
  try {
    tree = AsnParser.parse(bytes, DecodedTree).block;
  } catch {
    return null;
  }
  return tree && rawOf(tree).byteLength === bytes.byteLength ? tree : null;
}
