/**
 * Small writers the report renderer is built from: a bold-label field, nested item lists,
 * inline escaping, dates in the form the importer reads back exactly, and fenced blocks.
 */
import { DateTime } from "luxon";
import { parseWrittenDate } from "./dates";
import { parseMarkdown } from "./markdown";
import type { WrittenDate } from "./model";
import { UTC_ZONE, formatOffset } from "./zones";

/** The template's word for a field that does not apply. */
export const NA = "N/A";

/** Indents every non-blank line by `spaces`. */
export function indent(text: string, spaces: number): string {
  const pad = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line) => (line.trim() === "" ? "" : pad + line))
    .join("\n");
}

/**
 * Whether a value can follow its label on the same line and be read back unchanged: one
 * line, not opening with a separator the importer would skip after the label.
 */
function fitsInline(value: string): boolean {
  return !value.includes("\n") && !/^[:：\-–—](\s|$)/.test(value);
}

/** `- **Label:** value`, with multi-line values indented under the label; N/A when empty. */
export function labelled(label: string, value: string, depth = 0): string {
  const text = value.trim();
  const head = `${" ".repeat(depth * 2)}- **${label}**`;
  if (text === "") return `${head} ${NA}`;
  if (fitsInline(text)) return `${head} ${text}`;
  return `${head}\n\n${indent(text, depth * 2 + 2)}\n`;
}

/** `- **Label:**` followed by one nested bullet per item, or N/A. */
export function labelledItems(label: string, items: readonly string[]): string {
  if (items.length === 0) return `- **${label}** ${NA}`;
  const bullets = items.map((item) => `  - ${indent(item.trim(), 4).trimStart()}`);
  return `- **${label}**\n${bullets.join("\n")}`;
}

/** Escapes text so that markdown shows it literally (used for titles and link texts). */
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>~&!#]/g, (c) => `\\${c}`);
}

/** A link, with the address bracketed when it holds characters a bare address cannot. */
export function link(text: string, url: string): string {
  const target = /[\s()<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url;
  return `[${escapeInline(text)}](${target})`;
}

/** "2025-05-07 01:09 UTC"; seconds and milliseconds appear only when not zero. */
export function utcLabel(iso: string): string {
  const dt = DateTime.fromISO(iso, { zone: "utc" });
  const seconds = dt.millisecond ? ":ss.SSS" : dt.second ? ":ss" : "";
  const format = `yyyy-MM-dd HH:mm${seconds}`;
  return `${dt.toFormat(format)} UTC`;
}

/** The marker that keeps an author's local time beside the UTC time. */
export function writtenAsMarker(writtenAs: string, offsetMinutes: number): string {
  return `(written as ${writtenAs}, UTC${formatOffset(offsetMinutes)})`;
}

/**
 * A date as the author wrote it when that reads back to the same instant under the
 * report's zone; otherwise the exact instant with the author's words in a marker.
 */
export function writtenDate(date: WrittenDate | null, zone = UTC_ZONE): string {
  if (!date) return "";
  const reread = parseWrittenDate(date.writtenAs, { zone });
  if (reread && reread.at === date.at && reread.dateOnly === date.dateOnly) return date.writtenAs;
  return `${date.at} (written as ${date.writtenAs}${date.dateOnly ? "; date only" : ""})`;
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function fenced(lang: string, body: string): string {
  const longest = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${lang}\n${body}\n${fence}`;
}

/**
 * A bullet for a list written right after `markdown`: one different from the bullet of a
 * list that ends it, or the two lists would merge into one.
 */
export function bulletAfter(markdown: string): "-" | "*" {
  const blocks = parseMarkdown(markdown).children;
  const last = blocks[blocks.length - 1];
  if (last?.type !== "list") return "-";
  return markdown[last.position?.start.offset ?? 0] === "-" ? "*" : "-";
}
