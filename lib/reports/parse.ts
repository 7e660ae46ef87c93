/**
 * Import of a CCADB Full Incident Report (v3.2 template, and the ways real reports depart
 * from it) from markdown into an `IncidentReport`. Every problem found is reported with
 * its line; the import fails only on errors a person must fix (no Summary, a date that
 * cannot be read, an Action Items table that cannot be understood, an oversized file).
 */
import type { Nodes } from "mdast";
import { readActionItems, readRelatedIncidents } from "./action-items";
import { readAppendix } from "./appendix";
import { mergeCertificates } from "./certificates";
import { collectFields } from "./fields";
import { parseMarkdown, plainText, valueOrEmpty } from "./markdown";
import { IncidentReport, emptyReport } from "./model";
import { type Problem, Problems } from "./problems";
import { readLessons, readRootCauses } from "./root-causes";
import { type SectionName, readOutline } from "./sections";
import { readImpact, readSummary } from "./summary";
import { readTimeline } from "./timeline";

export type { Problem } from "./problems";

/** Largest report accepted: real Full reports are a few tens of kilobytes. */
export const MAX_REPORT_BYTES = 1024 * 1024;

/** The outcome of an import: the report and its warnings, or every error found. */
export type ParseResult =
  | { ok: true; report: IncidentReport; warnings: Problem[] }
  | { ok: false; errors: Problem[] };

/** Fields that live in Bugzilla or in the app rather than in the report's markdown. */
export interface ParseOptions {
  title?: string | null;
  bugNumber?: number | null;
  /** Whiteboard tags, or the whiteboard as Bugzilla shows it ("[ca-compliance] Next update …"). */
  whiteboard?: string[] | string;
  status?: IncidentReport["status"];
  nextUpdate?: string | null;
  becameAwareAt?: string | null;
  /** The closure summary, when it is kept apart from the Full report. */
  closure?: IncidentReport["closure"];
}

/**
 * Parses a Full Incident Report. Never throws for bad input: problems come back with the
 * 1-based line they concern.
 */
export function parseFullReport(markdown: string, opts: ParseOptions = {}): ParseResult {
  const bytes = utf8Length(markdown);
  if (bytes > MAX_REPORT_BYTES) {
    const message = `The report is ${bytes} bytes; the limit is ${MAX_REPORT_BYTES} bytes (1 MiB).`;
    return { ok: false, errors: [{ line: 1, message }] };
  }
  if (markdown.trim() === "") {
    return { ok: false, errors: [{ line: 1, message: "The report is empty." }] };
  }
  const notText = notTextReason(markdown);
  if (notText) {
    // Markdown errors about a binary file would only hide the one thing to fix.
    const why = `The file is not text (${notText.reason})`;
    const message = `${why}; export the report as UTF-8 markdown.`;
    return { ok: false, errors: [{ line: notText.line, message }] };
  }
  const nulOption = optionWithNul(opts);
  if (nulOption) {
    // PostgreSQL cannot store U+0000 in text; SQLite could, so refuse it on both alike.
    const message = `The ${nulOption} contains a NUL character (U+0000); remove it.`;
    return { ok: false, errors: [{ line: 0, message }] };
  }

  const problems = new Problems();
  const tree = parseMarkdown(markdown);
  const { sections, reportLine } = readOutline(tree, problems);
  const report = emptyReport();
  applyOptions(report, opts);

  if (!sections.summary) {
    problems.error(reportLine, `No "### Summary" section found (expected after line ${reportLine}).`);
  }
  const timeline = readTimeline(sections.timeline?.blocks ?? [], markdown, problems);
  report.timelineNote = timeline.note;
  report.timeline = timeline.events;

  const blocks = (name: SectionName) => sections[name]?.blocks ?? [];
  const described = readSummary(blocks("summary"), markdown, timeline.zone, report, problems);
  readImpact(blocks("impact"), markdown, report, problems);
  report.relatedIncidents = readRelatedIncidents(blocks("relatedIncidents"), markdown, problems);
  const lessons = report.lessonsLearned;
  report.contributingFactors = readRootCauses(blocks("rootCauses"), markdown, lessons, problems);
  readLessons(blocks("lessonsLearned"), markdown, lessons, problems);
  const factorNumbers = report.contributingFactors.map((f) => f.number);
  report.actionItems = readActionItems(blocks("actionItems"), markdown, factorNumbers, problems);

  const appendix = readAppendix(blocks("appendix"), markdown, problems);
  report.appendix = appendix.text;
  // The CSV listing comes first: it is complete, and it fixes the certificates' order.
  report.affectedCertificates = mergeCertificates([appendix.listed, described, appendix.mentioned]);

  if (!opts.closure && sections.closure) {
    const blocks = sections.closure.blocks.filter((b) => !isClosingSentence(b));
    for (const field of collectFields(blocks, markdown).fields) {
      const value = valueOrEmpty(field.value);
      if (field.key.startsWith("incident root cause")) report.closure.rootCauses = value;
      else if (field.key.startsWith("remediation")) report.closure.remediationDescription = value;
      else if (field.key.startsWith("commitment")) report.closure.commitmentSummary = value;
    }
  }

  if (problems.errors.length > 0) return { ok: false, errors: problems.errors };
  const checked = IncidentReport.safeParse(report);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const message = `The report could not be stored: ${issue?.path.join(".")} ${issue?.message}.`;
    return { ok: false, errors: [{ line: reportLine, message }] };
  }
  return { ok: true, report: checked.data, warnings: problems.warnings };
}

/**
 * The closure template's last sentence ("All Action Items disclosed in this report have
 * been completed as described, and we request its closure."), in the author's wording.
 * It follows the last field unindented but is not part of that field.
 */
function isClosingSentence(block: Nodes): boolean {
  const text = plainText(block).toLowerCase();
  if (block.type !== "paragraph") return false;
  return text.startsWith("all action items") && text.includes("closure");
}

function applyOptions(report: IncidentReport, opts: ParseOptions): void {
  report.title = opts.title ?? null;
  report.bugNumber = opts.bugNumber ?? null;
  const whiteboard = opts.whiteboard ?? [];
  report.whiteboard = typeof whiteboard === "string" ? splitWhiteboard(whiteboard) : [...whiteboard];
  report.status = opts.status ?? "draft";
  report.nextUpdate = opts.nextUpdate !== undefined ? opts.nextUpdate : nextUpdateIn(report.whiteboard);
  report.becameAwareAt = opts.becameAwareAt ?? null;
  if (opts.closure) report.closure = { ...opts.closure };
}

/** "[ca-compliance] [ocsp-failure] Next update 2025-10-15" → its tags and free text. */
export function splitWhiteboard(whiteboard: string): string[] {
  const tags = whiteboard.match(/\[[^\]]*\]/g) ?? [];
  const rest = whiteboard.replace(/\[[^\]]*\]/g, " ").replace(/\s+/g, " ").trim();
  return rest ? [...tags, rest] : tags;
}

function nextUpdateIn(whiteboard: readonly string[]): string | null {
  for (const entry of whiteboard) {
    const m = /next update:?\s*(\d{4}-\d{2}-\d{2})/i.exec(entry);
    if (m) return m[1] ?? null;
  }
  return null;
}

/** The name of the first option holding U+0000, which no database here can store alike. */
function optionWithNul(opts: ParseOptions): string | null {
  const texts: Array<[string, unknown]> = [
    ["title", opts.title],
    ["whiteboard", opts.whiteboard],
    ["next update date", opts.nextUpdate],
    ["date the CA became aware", opts.becameAwareAt],
    ["closure summary", opts.closure && Object.values(opts.closure)],
  ];
  const hasNul = (v: unknown): boolean =>
    typeof v === "string" ? v.includes("\u0000") : Array.isArray(v) && v.some(hasNul);
  return texts.find(([, value]) => hasNul(value))?.[0] ?? null;
}

/**
 * Why the decoded text looks like a binary or non-UTF-8 file, and the line it shows on,
 * or null. A stray U+FFFD can come from a copy and paste; one character in a hundred
 * means the decoding failed.
 */
function notTextReason(text: string): { reason: string; line: number } | null {
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    return { reason: `it contains NUL bytes (U+0000), the first on line ${line}`, line };
  }
  const replaced = text.match(/\uFFFD/g)?.length ?? 0;
  if (replaced === 0 || replaced * 100 < text.length) return null;
  const reason = `${replaced} of its ${text.length} characters are U+FFFD, bytes that are not UTF-8`;
  return { reason, line: 1 };
}

/** UTF-8 length without building a buffer when the text is plainly too long. */
function utf8Length(text: string): number {
  // Every UTF-16 code unit takes at least one byte.
  if (text.length > MAX_REPORT_BYTES) return new TextEncoder().encode(text).length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) (bytes += 4), i++;
    else bytes += 3;
  }
  return bytes;
}
