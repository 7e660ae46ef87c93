/**
 * The two tables of a Full report: Action Items (v3.2's six columns, or v2.0's
 * `| Action Item | Kind | Due Date |`) and Related Incidents (`| Bug | Date | Description |`).
 * Columns are found by header name, so their order does not matter.
 */
import type { Link, Nodes, Table } from "mdast";
import { impossibleDateReason, toCalendarDate } from "./dates";
import { isNotApplicable, lineOf, plainText, valueOrEmpty } from "./markdown";
import {
  ACTION_ITEM_KINDS,
  ACTION_ITEM_STATUSES,
  type ActionItem,
  type ActionItemKind,
  type ActionItemStatus,
  type RelatedIncident,
} from "./model";
import type { Problems } from "./problems";
import { headerKeys, readCell } from "./tables";

type Column = "text" | "kind" | "rootCauses" | "evaluationCriteria" | "dueDate" | "status";

const COLUMN_LABELS: Record<Column, string> = {
  text: "Action Item",
  kind: "Kind",
  rootCauses: "Corresponding Root Cause(s)",
  evaluationCriteria: "Evaluation Criteria",
  dueDate: "Due Date",
  status: "Status",
};

function columnOf(key: string): Column | null {
  if (key.startsWith("action item") || key === "action" || key === "description") return "text";
  if (key === "kind" || key === "type") return "kind";
  if (key.includes("root cause") || key.includes("contributing factor")) return "rootCauses";
  if (key.startsWith("evaluation")) return "evaluationCriteria";
  if (key.startsWith("due")) return "dueDate";
  if (key === "status") return "status";
  return null;
}

/** Reads every action-item table in the Action Items section. */
export function readActionItems(
  blocks: readonly Nodes[],
  src: string,
  factorNumbers: readonly number[],
  problems: Problems,
): ActionItem[] {
  const items: ActionItem[] = [];
  const tables = blocks.filter((b): b is Table => b.type === "table");
  for (const table of tables) items.push(...readActionTable(table, src, factorNumbers, problems));
  const prose = blocks.filter((b) => b.type !== "table" && !isNotApplicable(plainText(b)));
  if (tables.length === 0 && prose.length > 0) {
    problems.error(lineOf(prose[0]!), "Action Items: expected a table with columns " +
      `${Object.values(COLUMN_LABELS).join(", ")}.`);
  }
  return items;
}

function readActionTable(
  table: Table,
  src: string,
  factorNumbers: readonly number[],
  problems: Problems,
): ActionItem[] {
  const columns = headerKeys(table).map(columnOf);
  const has = (c: Column) => columns.includes(c);
  const v3Only: Column[] = ["status", "rootCauses", "evaluationCriteria"];
  const v2 = has("text") && has("kind") && has("dueDate") && !v3Only.some(has);
  const missing = (Object.keys(COLUMN_LABELS) as Column[]).filter((c) => !has(c));
  if (!v2 && missing.length > 0) {
    const names = missing.map((c) => `"${COLUMN_LABELS[c]}"`).join(", ");
    problems.error(lineOf(table), `Action Items table has no ${names} column.`);
    return [];
  }
  if (v2) {
    problems.warn(lineOf(table), "Action Items: v2.0 table without Status; items read as Ongoing.");
  }

  const header = (table.children[0]?.children ?? []).map((c) => plainText(c));
  return table.children.slice(1).flatMap((row) => {
    const line = lineOf(row);
    // mdast keeps a row's cells as written (only HTML output pads or cuts them), so a
    // short or long row is seen here, before its values land under the wrong headers.
    if (row.children.length !== header.length) {
      const cells = `Action Items row has ${row.children.length} cells`;
      problems.error(line, `${cells}; the header has ${header.length} (${header.join(" | ")}).`);
      return [];
    }
    const cell = (c: Column) => {
      const index = columns.indexOf(c);
      return index < 0 ? "" : readCell(row.children[index], src);
    };
    const kind = oneOf(ACTION_ITEM_KINDS, cell("kind"));
    const status = v2 ? "Ongoing" : readStatus(cell("status"), line, problems);
    if (!kind) {
      const allowed = ACTION_ITEM_KINDS.join(", ");
      problems.error(line, `Action Items: Kind "${cell("kind")}" is not one of ${allowed}.`);
    }
    if (!status) {
      const allowed = ACTION_ITEM_STATUSES.join(", ");
      problems.error(line, `Action Items: Status "${cell("status")}" is not one of ${allowed}.`);
    }
    if (!kind || !status) return [];
    const due = readDue(cell("dueDate"), line, problems);
    const causes = readRootCauseCell(valueOrEmpty(cell("rootCauses")));
    if (!citesKnownFactors(cell("rootCauses"), factorNumbers, line, problems)) return [];
    return [{
      text: valueOrEmpty(cell("text")),
      kind,
      rootCauses: causes.numbers,
      rootCausesText: causes.text,
      evaluationCriteria: valueOrEmpty(cell("evaluationCriteria")),
      ...due,
      status,
    }];
  });
}

/**
 * Every number in the root-cause cell must be a contributing factor of the report: "#0",
 * "#7" of two or "#99999999999" name none, and storing them would lose the author's link.
 */
function citesKnownFactors(
  cell: string,
  factorNumbers: readonly number[],
  line: number,
  problems: Problems,
): boolean {
  if (isNotApplicable(cell)) return true;
  const cited = [...cell.matchAll(/(?<![\d.-])(\d+)(?![\d.-])/g)].map((m) => m[1] ?? "");
  const unknown = [...new Set(cited)].filter((n) => !factorNumbers.includes(Number(n)));
  if (unknown.length === 0) return true;
  const has = factorNumbers.length === 0
    ? "it has no contributing factor"
    : `its Root Cause Analysis has ${factorNumbers.map((n) => `#${n}`).join(", ")}`;
  const which = unknown.map((n) => `#${n}`).join(", ");
  const message = `Action Items: "${cell.trim()}" refers to root cause ${which}, which the ` +
    `report does not have (${has}).`;
  problems.error(line, message);
  return false;
}

function oneOf<T extends string>(allowed: readonly T[], value: string): T | null {
  const v = value.replace(/[*_]/g, "").trim().toLowerCase();
  return allowed.find((a) => a.toLowerCase() === v) ?? null;
}

function readStatus(value: string, line: number, problems: Problems): ActionItemStatus | null {
  const exact = oneOf(ACTION_ITEM_STATUSES, value);
  if (exact) return exact;
  // Two spellings seen in real reports; accepted, but the template's word is preferred.
  const aliases: Record<string, ActionItemStatus> = { cancelled: "Canceled", completed: "Complete" };
  const alias = aliases[value.trim().toLowerCase()];
  if (alias) problems.warn(line, `Action Items: Status "${value}" read as "${alias}".`);
  return alias ?? null;
}

type Due = Pick<ActionItem, "dueDate" | "dueDateText">;

function readDue(text: string, line: number, problems: Problems): Due {
  if (isNotApplicable(text)) return { dueDate: null, dueDateText: "" };
  // "2025-06-30 (end of Q2)": a date with the author's own words beside it.
  const annotated = /^(\d{4}-\d{2}-\d{2}) \((.+)\)$/s.exec(text.trim());
  const annotatedDate = annotated ? toCalendarDate(annotated[1] ?? "") : null;
  if (annotated && annotatedDate) return { dueDate: annotatedDate, dueDateText: annotated[2] ?? "" };
  const date = toCalendarDate(text);
  if (!date) {
    const written = annotated?.[1] ?? text.trim();
    const impossible = impossibleDateReason(written);
    const why = impossible ? `is not a real date (${impossible})` : "is not a YYYY-MM-DD date";
    problems.warn(line, `Action Items: due date "${written}" ${why}.`);
  }
  // The text is kept only when it says more than the date itself.
  return { dueDate: date, dueDateText: date === text.trim() ? "" : text.trim() };
}

/** The Due Date cell for an item: the date, the words, or the date with the words beside it. */
export function dueDateCell(item: Due): string {
  if (item.dueDate && item.dueDateText && item.dueDateText !== item.dueDate) {
    // Words that read as the same date need no date beside them ("2025/5/12").
    if (toCalendarDate(item.dueDateText) === item.dueDate) return item.dueDateText;
    return `${item.dueDate} (${item.dueDateText})`;
  }
  return item.dueDateText || item.dueDate || "";
}

const NUMBERS_NOTE = /^(.*?)\s*\((#\d+(?:,\s*#\d+)*)\)$/s;

/**
 * The root-cause cell's words and factor numbers. When the words do not name the numbers
 * ("All three"), the renderer adds them in brackets ("All three (#1, #2, #3)").
 */
export function readRootCauseCell(cell: string): { text: string; numbers: number[] } {
  const note = NUMBERS_NOTE.exec(cell);
  if (note) {
    const [words = "", listed = ""] = [note[1], note[2]];
    const numbers = readFactorNumbers(listed);
    if (!sameNumbers(readFactorNumbers(words), numbers)) return { text: words, numbers };
  }
  return { text: cell, numbers: readFactorNumbers(cell) };
}

/** The root-cause cell for an item, readable back by `readRootCauseCell`. */
export function rootCauseCell(item: Pick<ActionItem, "rootCauses" | "rootCausesText">): string {
  const { rootCauses: numbers, rootCausesText: text } = item;
  if (sameNumbers(readRootCauseCell(text).numbers, numbers) && readRootCauseCell(text).text === text) {
    return text;
  }
  const listed = `(${numbers.map((n) => `#${n}`).join(", ")})`;
  return text ? `${text} ${listed}` : listed;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

/** Factor numbers a cell refers to: "Root Cause #1", "#1, #2", "Contributing Factor 1" → [1] … */
export function readFactorNumbers(text: string): number[] {
  const numbers = [...text.matchAll(/(?<![\d.-])(\d{1,3})(?![\d.-])/g)].map((m) => Number(m[1]));
  return [...new Set(numbers)].filter((n) => n > 0);
}

/** Reads the Related Incidents table; "N/A" or no table gives none. */
export function readRelatedIncidents(
  blocks: readonly Nodes[],
  src: string,
  problems: Problems,
): RelatedIncident[] {
  const out: RelatedIncident[] = [];
  for (const table of blocks.filter((b): b is Table => b.type === "table")) {
    const keys = headerKeys(table);
    const at = (name: string) => keys.findIndex((k) => k.startsWith(name));
    const [bugAt, dateAt, descAt] = [at("bug"), at("date"), at("description")];
    if (bugAt < 0) {
      problems.warn(lineOf(table), "Related Incidents: the table has no Bug column; ignored.");
      continue;
    }
    for (const row of table.children.slice(1)) {
      const bugCell = row.children[bugAt];
      const link = bugCell?.children.find((c): c is Link => c.type === "link");
      const bug = link ? plainText(link) : plainText(bugCell ?? []);
      if (isNotApplicable(bug)) continue;
      const dateText = dateAt < 0 ? "" : plainText(row.children[dateAt] ?? []);
      const date = isNotApplicable(dateText) ? null : toCalendarDate(dateText);
      if (!date && !isNotApplicable(dateText)) {
        const line = lineOf(row);
        problems.warn(line, `Related Incidents: date "${dateText}" is not a date.`);
      }
      const description = descAt < 0 ? "" : valueOrEmpty(readCell(row.children[descAt], src));
      out.push({ bug, bugUrl: link?.url ?? null, date, description });
    }
  }
  return out;
}
