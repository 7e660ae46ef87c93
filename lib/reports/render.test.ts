import { describe, expect, it } from "vitest";
import { CCADB_CSV_COLUMNS } from "./certificate-csv";
import { emptyReport } from "./model";
import { parseMarkdown, plainText } from "./markdown";
import {
  CLOSURE_STATEMENT,
  renderClosureSummary,
  renderFullReport,
  renderPreliminaryReport,
} from "./render";
import { richReport } from "./testing/rich-report";

const headings = (md: string) =>
  parseMarkdown(md).children.flatMap((n) => (n.type === "heading" ? [`${"#".repeat(n.depth)} ${plainText(n)}`] : []));

describe("renderFullReport", () => {
  it("writes the template's sections in order", () => {
    expect(headings(renderFullReport(richReport()))).toEqual([
      "## Full Incident Report",
      "### Summary",
      "### Impact",
      "### Timeline",
      "### Related Incidents",
      "### Root Cause Analysis",
      "### Lessons Learned",
      "### Action Items",
      "### Appendix",
    ]);
  });

  it("writes every label of an empty report, each N/A", () => {
    const md = renderFullReport(emptyReport());
    for (const label of [
      "CA Owner CCADB unique ID:",
      "Incident description:",
      "Relevant policies:",
      "Source of incident disclosure:",
      "Total number of certificates:",
      'Total number of "remaining valid" certificates:',
      "Affected certificate types:",
      "Incident heuristic:",
      "Was issuance stopped in response to this incident, and why or why not?:",
      "Analysis:",
      "Additional considerations:",
      "What went well:",
      "What didn’t go well:",
      "Where we got lucky:",
      "Additional:",
    ]) {
      expect(md).toContain(`- **${label}** N/A\n`);
    }
    for (const nested of ["Non-compliance start date:", "Non-compliance identified date:", "Non-compliance end date:"]) {
      expect(md).toContain(`  - **${nested}** N/A\n`);
    }
    expect(md).toContain("- **Timeline summary:**\n  - **Non-compliance start date:**");
    expect(md).toContain("### Related Incidents\n\nN/A\n");
    expect(md).toContain("### Appendix\n\nN/A\n");
  });

  it("writes the owner's ID with the name, and the name alone when there is no ID", () => {
    const report = emptyReport();
    report.caOwner = { name: "Example CA", ccadbId: "A000123" };
    expect(renderFullReport(report)).toContain("- **CA Owner CCADB unique ID:** A000123 (Example CA)\n");
    report.caOwner = { name: "Example CA", ccadbId: null };
    expect(renderFullReport(report)).toContain("- **CA Owner CCADB unique ID:** Example CA\n");
  });

  it("writes timeline events in UTC, to the minute, keeping the local time as written", () => {
    const report = emptyReport();
    report.timeline = [
      { at: "2025-05-07T01:09:00.000Z", utcOffsetMinutes: 480, writtenAs: "2025-05-07 09:09:00", text: "Notified." },
      { at: "2025-05-08T10:00:00.000Z", utcOffsetMinutes: 0, writtenAs: "2025-05-08 10:00 UTC", text: "Fixed." },
    ];
    const md = renderFullReport(report);
    expect(md).toContain("- **2025-05-07 01:09 UTC** (written as 2025-05-07 09:09:00, UTC+08:00) Notified.\n");
    expect(md).toContain("- **2025-05-08 10:00 UTC** Fixed.\n");
  });

  it("writes contributing factors as bold headings with their five fields", () => {
    const md = renderFullReport(richReport());
    expect(md).toContain("**Contributing Factor #2: Linter not run on precertificates | gap**\n\n- **Description:**");
    expect(md).toContain("- **Root Cause Analysis methodology used:** N/A");
    expect(md).toContain("**Contributing Factor #4: Ünïcode — título**");
  });

  it("escapes | and line breaks so that no value splits a table cell", () => {
    const md = renderFullReport(richReport());
    const tables = parseMarkdown(md).children.filter((n) => n.type === "table");
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      const width = table.children[0]?.children.length;
      for (const row of table.children) expect(row.children).toHaveLength(width ?? 0);
    }
    expect(md).toContain("| Lint precertificates \\| both issuance paths | Prevent  |");
    expect(md).toContain("Zero lint failures in CT for 90 days<br>(see dashboard)");
    expect(md).toContain("| Similar lint gap \\| other CA<br>second line |");
  });

  it("writes the Action Items table with all six columns", () => {
    const md = renderFullReport(richReport());
    const table = parseMarkdown(md).children.filter((n) => n.type === "table")[1];
    const header = table?.type === "table" ? table.children[0]?.children.map((c) => plainText(c)) : [];
    expect(header).toEqual(["Action Item", "Kind", "Corresponding Root Cause(s)", "Evaluation Criteria", "Due Date", "Status"]);
  });

  it("lists certificates in a CSV block whose first columns are the guidelines' eleven, in order", () => {
    const md = renderFullReport(richReport());
    const blocks = parseMarkdown(md).children;
    const code = blocks.find((n) => n.type === "code" && n.lang === "csv");
    expect(blocks.filter((n) => n.type === "code").map((n) => n.type === "code" && n.lang)).toEqual([null, "csv"]);
    const header = code?.type === "code" ? (code.value.split("\n")[0] ?? "").split(",") : [];
    expect(header.slice(0, 11)).toEqual([...CCADB_CSV_COLUMNS]);
    expect(header.slice(11)).toEqual(["Issued at", "crt.sh ID", "Cert Spotter ID", "Reported problem", "Links", "PEM"]);
  });

  it("keeps the appendix text before the CSV", () => {
    const md = renderFullReport(richReport());
    const appendix = md.slice(md.indexOf("### Appendix"));
    expect(appendix.indexOf("Lint output:")).toBeLessThan(appendix.indexOf("```csv"));
  });
});

describe("renderPreliminaryReport and renderClosureSummary", () => {
  it("writes the Preliminary report's three fields", () => {
    const md = renderPreliminaryReport(richReport());
    expect(headings(md)).toEqual(["## Preliminary Incident Report", "### Summary"]);
    expect(md).toContain("- **Source of incident disclosure:** Self Reported\n");
    expect(md).toContain("- **Relevant policies:** TLS BRs v2.1.2");
    expect(md).toMatch(/- \*\*Incident description:\*\*\n\n {2}Three precertificates/);
  });

  it("writes the closure summary and the guidelines' closing sentence", () => {
    const md = renderClosureSummary(richReport());
    expect(headings(md)).toEqual(["### Report Closure Summary"]);
    expect(md).toContain("- **Incident Root Cause(s):** The profile template drifted | linting skipped precertificates.\n");
    expect(md).toContain("- **Commitment summary:**\n\n  - Quarterly review of lint coverage\n  - Publish results\n");
    expect(md.trimEnd().endsWith(CLOSURE_STATEMENT)).toBe(true);
    expect(CLOSURE_STATEMENT).toBe(
      "All Action Items disclosed in this report have been completed as described, and we request its closure.",
    );
    expect(renderClosureSummary(emptyReport())).toContain("- **Remediation description:** N/A\n");
  });
});
