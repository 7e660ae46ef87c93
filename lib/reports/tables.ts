/**
 * GFM tables in both directions. A cell is read as the markdown the author wrote (links
 * kept); a value is written back with `|` escaped and line breaks as `<br>`, so no value
 * can split a cell or end a row. `escapeCell` and `readCell` are exact inverses for any
 * trimmed value without a literal "<br>" (tested against the parser in tables.test.ts).
 */
import type { Nodes, Table, TableCell } from "mdast";
import { endOf, labelKey, plainText, startOf } from "./markdown";

/** A table cell's markdown as written, with GFM's `\|` and `<br>` undone. */
export function readCell(cell: TableCell | undefined, src: string): string {
  if (!cell || cell.children.length === 0) return "";
  const first = cell.children[0] as Nodes;
  const last = cell.children[cell.children.length - 1] as Nodes;
  return unescapeCell(src.slice(startOf(first), endOf(last)).trim());
}

/** Reverses `escapeCell`: an odd run of backslashes before `|` loses one and is halved. */
export function unescapeCell(raw: string): string {
  return raw
    .replace(/(\\*)\|/g, (all, slashes: string) =>
      slashes.length % 2 === 1 ? "\\".repeat((slashes.length - 1) / 2) + "|" : all,
    )
    .replace(/<br\s*\/?>/gi, "\n");
}

/**
 * A value made safe for one table cell: line breaks written as `<br>`, and each `|`
 * escaped. GFM pairs backslashes before a pipe, so backslashes already there are doubled
 * too, or "a\\|b" would end the cell.
 */
export function escapeCell(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/(\\*)\|/g, (_all, slashes: string) => `${slashes}${slashes}\\|`)
    .replace(/\n/g, "<br>");
}

/** Header names of a table, reduced for matching ("Due Date" → "due date"). */
export function headerKeys(table: Table): string[] {
  return (table.children[0]?.children ?? []).map((cell) => labelKey(plainText(cell)));
}

/**
 * Renders a GFM table. Cells are escaped here; `columns` gives the header texts. Columns
 * are padded to a common width (by code units, which is enough for the source to align).
 */
export function renderTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const escaped = rows.map((row) => columns.map((_, i) => escapeCell(row[i] ?? "")));
  const cells = [columns.map(escapeCell), ...escaped];
  const widths = columns.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 3)).join(" | ")} |`;
  const rule = `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`;
  const [header, ...body] = cells;
  return [line(header ?? []), rule, ...body.map(line)].join("\n");
}
