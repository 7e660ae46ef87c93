/** Splitting PEM text (RFC 7468) into labelled DER blocks, with their line numbers. */
import { CertificateInputError } from "./errors";

/** One `-----BEGIN X-----` … `-----END X-----` block. */
export interface PemBlock {
  /** 1-based position among the blocks of the input. */
  index: number;
  /** 1-based line of the BEGIN marker. */
  line: number;
  label: string;
  der: Uint8Array;
}

const BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----\s*$/;
const END = /^-----END ([A-Z0-9 ]+)-----\s*$/;
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;

/** Whether the text looks like PEM (has at least one BEGIN marker). */
export function looksLikePem(text: string): boolean {
  return /-----BEGIN [A-Z0-9 ]+-----/.test(text);
}

/**
 * Reads every PEM block; text between blocks is ignored (RFC 7468 §5.2 explanatory
 * text). Throws {@link CertificateInputError} naming the block and line on bad base64
 * or a missing END marker.
 */
export function readPemBlocks(text: string): PemBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  let open: { label: string; line: number; body: string[] } | null = null;

  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!open) {
      const begin = BEGIN.exec(line);
      if (begin) open = { label: begin[1] ?? "", line: i + 1, body: [] };
      return;
    }
    const end = END.exec(line);
    if (!end) {
      open.body.push(line);
      return;
    }
    const where = { block: blocks.length + 1, line: open.line };
    if (end[1] !== open.label) {
      throw new CertificateInputError(
        "unterminated-block",
        `BEGIN ${open.label} is closed by END ${end[1]} at line ${i + 1}`,
        where,
      );
    }
    blocks.push({
      index: where.block,
      line: open.line,
      label: open.label,
      der: decode(open.body, where),
    });
    open = null;
  });

  if (open) {
    const o: { label: string; line: number } = open;
    throw new CertificateInputError("unterminated-block", `no END ${o.label} line`, {
      block: blocks.length + 1,
      line: o.line,
    });
  }
  return blocks;
}

function decode(body: string[], where: { block: number; line: number }): Uint8Array {
  // RFC 7468 allows headers only in legacy encapsulated PEM; we do not accept them.
  const bad = body.findIndex((l) => !BASE64_LINE.test(l));
  if (bad >= 0) {
    const at = where.line + 1 + bad;
    throw new CertificateInputError("bad-base64", `line ${at} is not base64`, where);
  }
  const joined = body.join("");
  if (joined.length === 0 || joined.length % 4 === 1 || /=[^=]/.test(joined)) {
    throw new CertificateInputError("bad-base64", "the base64 body is empty or malformed", where);
  }
  return new Uint8Array(Buffer.from(joined, "base64"));
}
