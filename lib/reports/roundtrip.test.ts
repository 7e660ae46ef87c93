import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { IncidentReport } from "./model";
import { normalizeReport } from "./normalize";
import { parseFullReport, type ParseOptions } from "./parse";
import { renderFullReport } from "./render";
import { richOptions, richReport } from "./testing/rich-report";

function reimport(report: IncidentReport, opts: ParseOptions = {}): IncidentReport {
  const result = parseFullReport(renderFullReport(report), opts);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.report;
}

describe("render then import gives back the same report", () => {
  it("for SHECA's report as imported", () => {
    const seed = parseFullReport(readFileSync("test/fixtures/reports/sheca-2025-ocsp-rollback.md", "utf8"));
    if (!seed.ok) throw new Error("seed failed");
    expect(reimport(seed.report)).toEqual(seed.report);
  });

  it("for a hand-built report with every field filled", () => {
    const report = richReport();
    expect(IncidentReport.safeParse(report).success).toBe(true);
    expect(normalizeReport(report)).toEqual(report);
    expect(reimport(report, richOptions)).toEqual(report);
  });

  it("and rendering is stable: the second render equals the first", () => {
    const first = renderFullReport(richReport());
    expect(renderFullReport(reimport(richReport(), richOptions))).toBe(first);
  });

  it("for an empty report (every field N/A)", () => {
    const empty = reimport(richReport(), richOptions);
    const blank: IncidentReport = {
      ...empty,
      caOwner: { name: null, ccadbId: null },
      incidentDescription: "",
      nonComplianceStart: null,
      nonComplianceIdentified: null,
      nonComplianceEnd: null,
      relevantPolicies: "",
      disclosureSource: null,
      disclosureSourceText: "",
      impact: {
        totalCertificates: null, totalCertificatesText: "", remainingValid: null, remainingValidText: "",
        affectedTypes: [], affectedTypesText: "", incidentHeuristic: "", issuanceStopped: "",
        analysis: "", additionalConsiderations: "",
      },
      timelineNote: "",
      timeline: [],
      relatedIncidents: [],
      contributingFactors: [],
      lessonsLearned: { wentWell: [], didntGoWell: [], gotLucky: [], additional: [] },
      actionItems: [],
      appendix: "",
      affectedCertificates: [],
    };
    expect(reimport(blank, richOptions)).toEqual(blank);
  });

  it("for values that need care: pipes, backslashes, <br>-free newlines, tricky leading text", () => {
    const report = richReport();
    report.actionItems[0]!.text = "a \\| b | c \\\\| d";
    report.actionItems[0]!.evaluationCriteria = "line one\n  indented line two\nthree";
    report.relatedIncidents[1]!.description = "ends with a backslash \\";
    report.impact.incidentHeuristic = "- starts like a list item";
    report.impact.analysis = ": starts with a colon";
    report.timeline[2]!.text = "– starts with an en dash";
    report.contributingFactors[1]!.title = "Title with [brackets] & <angle> #hash _under_";
    report.relatedIncidents[0]!.bug = "Bug [12] *x*";
    report.caOwner = { name: "Name (with) parens", ccadbId: "A000999" };
    expect(reimport(report, richOptions)).toEqual(report);
  });

  it("for action items whose words do not give their date or factors", () => {
    const report = richReport();
    Object.assign(report.actionItems[2]!, { rootCausesText: "All three", rootCauses: [1, 2, 4] });
    Object.assign(report.actionItems[3]!, { rootCausesText: "", rootCauses: [2] });
    Object.assign(report.actionItems[1]!, { dueDate: "2025-06-30", dueDateText: "end of Q2 (June 30)" });
    const md = renderFullReport(report);
    expect(md).toMatch(/\| All three \(#1, #2, #4\) +\|/);
    expect(md).toMatch(/\| 2025-06-30 \(end of Q2 \(June 30\)\) +\|/);
    expect(reimport(report, richOptions)).toEqual(report);
  });

  it("for an appendix with its own headings and a PEM ending in a newline", () => {
    const report = richReport();
    report.appendix = "## Appendix\n\nLog excerpt:\n\n### Details\n\nMore.";
    report.affectedCertificates[0]!.pem += "\n";
    expect(reimport(report, richOptions)).toEqual(report);
  });
});

describe("values that look like markdown structure survive the round trip", () => {
  const VALUES = [
    "> quoted",
    "1. looks like an ordered list",
    "***",
    "<div>html</div>",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",
    "**Label:** that is not a field",
    "Contributing Factor #9: not a factor",
    "* star bullet\n* second",
    "a\n\n\n\nb",
    "```\ncode\n\n\n```",
  ];
  const PATHS = [
    ["incidentDescription"],
    ["impact", "analysis"],
    ["timeline", "0", "text"],
    ["contributingFactors", "1", "timeline"],
    ["actionItems", "1", "evaluationCriteria"],
    ["closure", "commitmentSummary"],
  ];

  it.each(VALUES)("%j", (value) => {
    for (const path of PATHS) {
      const report = richReport();
      let target: Record<string, unknown> = report as unknown as Record<string, unknown>;
      for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
      target[path[path.length - 1]!] = value;
      expect(reimport(report, { ...richOptions, closure: report.closure }), path.join(".")).toEqual(report);
    }
  });

  it("a timeline note ending in a list does not swallow the events", () => {
    const report = richReport();
    report.timelineNote = "Zones used:\n\n- PST/PDT\n- UTC";
    expect(reimport(report, richOptions)).toEqual(report);
    report.timelineNote = "Zones used:\n\n* PST/PDT\n* UTC";
    expect(reimport(report, richOptions)).toEqual(report);
  });
});
