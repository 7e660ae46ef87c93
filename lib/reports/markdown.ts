/**
 * The markdown primitives every report section builds on: parsing to mdast with GFM, and
 * reading a field's value back as the author's own markdown, cut from the source by the
 * node positions. Keeping the source text (rather than re-serialising the tree) is what
 * lets a report survive import → render → import unchanged.
 */
import type { Nodes, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

const parser = unified().use(remarkParse).use(remarkGfm);

/** Parses markdown (CommonMark + GFM tables, autolinks, strikethrough) into an mdast tree. */
export function parseMarkdown(markdown: string): Root {
  return parser.parse(markdown);
}

/** Start offset of a parsed node; every node the parser produces carries a position. */
export function startOf(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

/** End offset (exclusive) of a parsed node. */
export function endOf(node: Nodes): number {
  return node.position?.end.offset ?? 0;
}

/** 1-based line on which a node starts. */
export function lineOf(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/** Columns of indentation a list item's content sits at (0 outside lists). */
export function contentIndent(item: Nodes): number {
  if (!("children" in item) || item.children.length === 0) return 0;
  const first = item.children[0] as Nodes;
  return (first.position?.start.column ?? 1) - 1;
}

/**
 * The source between two offsets, with the first `indent` spaces of each following line
 * removed (list item content is indented by the list marker's width), then trimmed.
 */
export function sliceSource(src: string, start: number, end: number, indent: number): string {
  if (end <= start) return "";
  const lines = src.slice(start, end).split("\n");
  const out = lines.map((line, i) => (i === 0 ? line : dedent(line, indent)));
  return out.join("\n").replace(/\r/g, "").trim();
}

function dedent(line: string, indent: number): string {
  let n = 0;
  while (n < indent && line[n] === " ") n++;
  return line.slice(n);
}

/**
 * Where a value begins after a label: skips spaces, one separator such as ":" or "-"
 * written after the bold label, then any blank space up to the value's first character.
 */
export function skipSeparator(src: string, pos: number, end: number): number {
  let p = pos;
  while (p < end && (src[p] === " " || src[p] === "\t")) p++;
  const sep = src[p];
  const next = src[p + 1];
  if (sep !== undefined && ":：-–—".includes(sep) && (next === undefined || /\s/.test(next))) p++;
  while (p < end && /\s/.test(src[p] ?? "")) p++;
  return p;
}

/** Plain text of a node (link targets and markup dropped), whitespace collapsed. */
export function plainText(node: Nodes | Nodes[]): string {
  const text = Array.isArray(node) ? node.map((n) => toString(n)).join("") : toString(node);
  return text.replace(/\s+/g, " ").trim();
}

/** "N/A" (and its spellings) is the template's way of writing an empty field. */
export function isNotApplicable(value: string): boolean {
  // "**N/A**" and "_N/A_" count too; "***" (a rule) does not.
  const v = value.trim().replace(/^([*_`]+)(.+?)\1$/, "$2").trim().toLowerCase();
  return v === "" || v === "n/a" || v === "n/a." || v === "na" || v === "n.a.";
}

/** The value as stored: "" for N/A, otherwise the markdown as written. */
export function valueOrEmpty(value: string): string {
  return isNotApplicable(value) ? "" : value;
}

/**
 * A label reduced to a comparable key: lower case, curly and double-encoded ("â€™")
 * apostrophes made straight, quotes and trailing colons dropped, spaces collapsed.
 */
export function labelKey(label: string): string {
  // Mojibake first: NFKC would turn the "™" of a double-encoded "’" into "TM".
  return label
    .replace(/â€™|â€˜|[’‘`´]/g, "'")
    .replace(/â€œ|â€\u009d|â€|[“”"]/g, "")
    .normalize("NFKC")
    .replace(/[\u2010-\u2015]/g, "-")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s:：]+$/, "")
    .trim();
}

/**
 * Calls `fn` on `node` and its descendants in document order; returning "skip" from `fn`
 * leaves that node's children out. (A few lines here rather than another dependency.)
 */
export function walk(node: Nodes, fn: (node: Nodes) => "skip" | void): void {
  if (fn(node) === "skip") return;
  if ("children" in node) for (const child of node.children) walk(child as Nodes, fn);
}
