/**
 * The outline of a report: which part of the document is the Full Incident Report (a bug
 * comment may hold a Preliminary report, discussion and a Full report), and which blocks
 * belong to each `###` section. Sections are found by name, so their order does not matter.
 */
import type { Heading, Nodes, Root } from "mdast";
import { labelKey, lineOf, plainText } from "./markdown";
import type { Problems } from "./problems";

export type SectionName =
  | "summary"
  | "impact"
  | "timeline"
  | "relatedIncidents"
  | "rootCauses"
  | "lessonsLearned"
  | "actionItems"
  | "appendix"
  | "closure";

/** One section: its heading and the blocks under it. */
export interface Section {
  name: SectionName;
  heading: Heading;
  blocks: Nodes[];
}

/** The sections found, and the line a missing section is reported against. */
export interface Outline {
  sections: Partial<Record<SectionName, Section>>;
  /** Line of the report heading (`## Full Incident Report`), else 1. */
  reportLine: number;
}

function sectionName(title: string): SectionName | null {
  const key = labelKey(title).replace(/^\d+[.)]\s*/, "");
  if (key === "summary") return "summary";
  if (key === "impact") return "impact";
  if (key.startsWith("timeline")) return "timeline";
  if (key.startsWith("related incident")) return "relatedIncidents";
  if (key.startsWith("root cause")) return "rootCauses";
  if (key.startsWith("lessons learned")) return "lessonsLearned";
  if (key.startsWith("action item")) return "actionItems";
  if (key.startsWith("appendix") || key.startsWith("appendices")) return "appendix";
  if (key.includes("closure summary")) return "closure";
  return null;
}

/** Splits a parsed document into the report's sections. */
export function readOutline(tree: Root, problems: Problems): Outline {
  const blocks = tree.children as Nodes[];
  const { start, end, heading } = reportRegion(blocks, problems);
  const sections: Outline["sections"] = {};
  let current: Section | null = null;

  for (const block of blocks.slice(start, end)) {
    // The Appendix is free-form supporting data: its own headings belong to it.
    const newReport = block.type === "heading" && isReportHeading(block);
    const inAppendix = current?.name === "appendix" && !newReport;
    if (block.type === "heading" && block.depth <= 3 && !inAppendix) {
      const name = sectionName(plainText(block));
      current = null;
      if (name && sections[name]) {
        const message = `Section "${plainText(block)}" appears twice; the second was ignored.`;
        problems.warn(lineOf(block), message);
      } else if (name) {
        current = { name, heading: block, blocks: [] };
        sections[name] = current;
      } else if (block.depth === 3) {
        problems.warn(lineOf(block), `Unknown section "${plainText(block)}" was ignored.`);
      }
      continue;
    }
    current?.blocks.push(block);
  }
  return { sections, reportLine: heading ? lineOf(heading) : 1 };
}

function isReportHeading(heading: Heading): boolean {
  return /incident report|closure summary/i.test(plainText(heading));
}

/**
 * The blocks of the Full report: from its `## … Incident Report` heading to the next
 * heading of the same depth. The last Full report wins, since later ones revise earlier.
 */
function reportRegion(blocks: Nodes[], problems: Problems) {
  const reports = blocks
    .map((block, index) => ({ block, index }))
    .filter((b): b is { block: Heading; index: number } => b.block.type === "heading")
    .filter(({ block }) => block.depth <= 2 && /incident report/i.test(plainText(block)))
    .filter(({ block }) => !/closure/i.test(plainText(block)));
  const full = reports.filter((r) => !/preliminary/i.test(plainText(r.block)));
  const chosen = full[full.length - 1];
  if (full.length > 1 && chosen) {
    problems.warn(lineOf(chosen.block), "Several Full Incident Reports found; the last one was read.");
  }
  if (!chosen) return { start: 0, end: blocks.length, heading: null };
  const depth = chosen.block.depth;
  // Section names at the report's own depth ("## Appendix") do not end it; anything else does.
  const ends = (b: Nodes, i: number) =>
    i > chosen.index && b.type === "heading" && b.depth <= depth && sectionName(plainText(b)) === null;
  const after = blocks.findIndex(ends);
  return { start: chosen.index + 1, end: after < 0 ? blocks.length : after, heading: chosen.block };
}
