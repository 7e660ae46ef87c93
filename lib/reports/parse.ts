/**
 * Import of a CCADB Full Incident Report (v3.2 template, and the ways real reports depart
 * from it) from markdown into an `IncidentReport`. Every problem found is reported with
 * its line; the import fails only on errors a person must fix (no Summary, a date that
 * cannot be read, an Action Items table that cannot be understood, an oversized file).
 */
import { readActionItems, readRelatedIncidents } from "./action-items";
import { readAppendix } from "./appendix";
import { mergeCertificates } from "./certificates";
import { collectFields } from "./fields";
import { parseMarkdown, valueOrEmpty } from "./markdown";
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
    const message = `The file is not text (${notText}); export the report as UTF-8 markdown.`;
    return { ok: false, errors: [{ line: 1, message }] };
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
  report.actionItems = readActionItems(blocks("actionItems"), markdown, problems);

  const appendix = readAppendix(blocks("appendix"), markdown, problems);
  report.appendix = appendix.text;
  // The CSV listing comes first: it is complete, and it fixes the certificates' order.
  report.affectedCertificates = mergeCertificates([appendix.listed, described, appendix.mentioned]);

  if (!opts.closure && sections.closure) {
    for (const field of collectFields(sections.closure.blocks, markdown).fields) {
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

/**
 * Why the decoded text looks like a binary or non-UTF-8 file, or null. A stray U+FFFD can
 * come from a copy and paste; one character in a hundred means the decoding failed.
 */
function notTextReason(text: string): string | null {
  if (text.includes("\u0000")) return "it contains NUL bytes";
  const replaced = text.match(/\uFFFD/g)?.length ?? 0;
  if (replaced === 0 || replaced * 100 < text.length) return null;
  return `${replaced} of its ${text.length} characters are U+FFFD, bytes that are not UTF-8`;
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
