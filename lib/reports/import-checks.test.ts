/**
 * Import checks found by a fresh-user probe: action items citing root causes the report
 * lacks, Summary text left unindented under its bullet, NUL characters, and time-zone
 * notes that give both a zone name and an offset.
 */
import { describe, expect, it } from "vitest";
import { parseFullReport } from "./parse";
import { renderFullReport } from "./render";

const lines = (...l: string[]) => l.join("\n");

function errorsOf(markdown: string, opts = {}) {
  const result = parseFullReport(markdown, opts);
  if (result.ok) throw new Error("expected the import to fail");
  return result.errors;
}

function parsed(markdown: string) {
  const result = parseFullReport(markdown);
  if (!result.ok) throw new Error(`expected the import to succeed: ${JSON.stringify(result.errors)}`);
  return result;
}

/** Two factors, then one action item whose root-cause cell is `cell` (line 17). */
const citing = (cell: string) =>
  lines(
    "### Summary", // 1
    "", // 2
    "- **Incident description:** Test.", // 3
    "", // 4
    "### Root Cause Analysis", // 5
    "", // 6
    "**Contributing Factor #1: Lint timeout**", // 7
    "", // 8
    "**Contributing Factor #2: No alert**", // 9
    "", // 10
    "### Action Items", // 11
    "", // 12
    "| Action Item | Kind | Corresponding Root Cause(s) | Evaluation Criteria | Due Date | Status |", // 13
    "| --- | --- | --- | --- | --- | --- |", // 14
    "| Fix it | Prevent | Root Cause #1 | It works | 2025-05-12 | Ongoing |", // 15
    "| Alert | Detect | #1, #2 | Alerts fire | 2025-05-20 | Ongoing |", // 16
    `| Check | Prevent | ${cell} | All checked | 2025-05-25 | Ongoing |`, // 17
  );

describe("an action item citing a root cause the report does not have", () => {
  it.each(["Root Cause #7", "Root Cause #0", "Root Cause #99999999999", "#2, #3"])(
    "is an error on the item's line: %j",
    (cell) => {
      const missing = cell === "#2, #3" ? "#3" : `#${cell.replace("Root Cause #", "")}`;
      expect(errorsOf(citing(cell))).toEqual([
        {
          line: 17,
          message:
            `Action Items: "${cell}" refers to root cause ${missing}, which the report does ` +
            "not have (its Root Cause Analysis has #1, #2).",
        },
      ]);
    },
  );

  it("is accepted when the cell cites existing factors or says N/A", () => {
    expect(parsed(citing("Root Cause #2")).report.actionItems.map((a) => a.rootCauses)).toEqual([
      [1],
      [1, 2],
      [2],
    ]);
    expect(parsed(citing("N/A")).report.actionItems[2]?.rootCauses).toEqual([]);
  });
});

const SUMMARY_HEAD = [
  "## Full Incident Report", // 1
  "", // 2
  "### Summary", // 3
  "", // 4
  "- **CA Owner CCADB unique ID:** A000123", // 5
  "- **Incident description:**", // 6
  "", // 7
];

const SUMMARY_TAIL = [
  "- **Relevant policies:** BR 4.9.9", // 1st after the description
  "- **Source of incident disclosure:** Third Party Reported",
];

describe("Summary text not indented under its labelled bullet", () => {
  it("belongs to the field above it, as written, and survives a render", () => {
    const md = lines(
      ...SUMMARY_HEAD,
      "OCSP answered unknown for two certificates.", // 8
      "", // 9
      "A second paragraph, also unindented.", // 10
      "", // 11
      "| Serial | Problem |", // 12
      "| --- | --- |", // 13
      "| 01 | unknown |", // 14
      "", // 15
      ...SUMMARY_TAIL,
    );
    const { report, warnings } = parsed(md);
    expect(report.incidentDescription).toBe(
      lines(
        "OCSP answered unknown for two certificates.",
        "",
        "A second paragraph, also unindented.",
        "",
        "| Serial | Problem |",
        "| --- | --- |",
        "| 01 | unknown |",
      ),
    );
    expect(report.relevantPolicies).toBe("BR 4.9.9");
    expect(warnings).toEqual([]);
    expect(parsed(renderFullReport(report)).report).toEqual(report);
  });

  it("follows the field's own indented text, keeping nested lists in shape", () => {
    const md = lines(
      ...SUMMARY_HEAD,
      "  Indented first paragraph.", // 8
      "", // 9
      "Unindented second paragraph:", // 10
      "", // 11
      "- a step", // 12
      "  - its detail", // 13
      "", // 14
      ...SUMMARY_TAIL,
    );
    const { report } = parsed(md);
    expect(report.incidentDescription).toBe(
      lines(
        "Indented first paragraph.",
        "",
        "Unindented second paragraph:",
        "",
        "- a step",
        "  - its detail",
      ),
    );
    expect(report.relevantPolicies).toBe("BR 4.9.9");
    expect(parsed(renderFullReport(report)).report).toEqual(report);
  });

  it("before any label is still ignored with a warning naming its line", () => {
    const md = lines(
      "### Summary", // 1
      "", // 2
      "Some words before the fields.", // 3
      "", // 4
      "- **Incident description:** Test.", // 5
    );
    const { report, warnings } = parsed(md);
    expect(report.incidentDescription).toBe("Test.");
    expect(warnings).toContainEqual({
      line: 3,
      message: "Summary: text outside any labelled field was ignored.",
    });
  });
});

describe("NUL characters", () => {
  it("are refused in the title, naming the title", () => {
    const md = lines("### Summary", "", "- **Incident description:** Test.");
    expect(errorsOf(md, { title: "nul\u0000title" })).toEqual([
      { line: 0, message: "The title contains a NUL character (U+0000); remove it." },
    ]);
  });

  it("are refused in the markdown, naming the line of the first", () => {
    const md = lines("### Summary", "", "- **Incident description:** Te\u0000st.");
    expect(errorsOf(md)).toEqual([
      {
        line: 3,
        message:
          "The file is not text (it contains NUL bytes (U+0000), the first on line 3); " +
          "export the report as UTF-8 markdown.",
      },
    ]);
  });
});

/** A timeline whose note is `note` (line 7), with one event on 2025-05-07 at 09:09 (line 9). */
const timeline = (note: string) =>
  lines(
    "### Summary", // 1
    "", // 2
    "- **Incident description:** Test.", // 3
    "", // 4
    "### Timeline", // 5
    "", // 6
    note, // 7
    "", // 8
    "- **2025-05-07 09:09:00** Detected.", // 9
  );

describe("a timeline note with both a zone name and an offset", () => {
  it.each([
    // Berlin is at +02:00 in May, but the author said +1: 09:09+01:00 is 08:09Z.
    ["**All timestamps are in CET (UTC+1)**", "2025-05-07T08:09:00.000Z", 60],
    // Los Angeles is at -07:00 in May, but the author said -8: 09:09-08:00 is 17:09Z.
    ["**All timestamps are in Pacific Time (UTC-8)**", "2025-05-07T17:09:00.000Z", -480],
    // Without an offset the name's daylight saving applies: 09:09+02:00 is 07:09Z.
    ["All times are Central European Time.", "2025-05-07T07:09:00.000Z", 120],
    // Two offsets: the name decides, with its daylight saving (-07:00 in May).
    ["All times Pacific Time (UTC-8 in winter, UTC-7 in summer).", "2025-05-07T16:09:00.000Z", -420],
  ])("%s", (note, at, offset) => {
    const { report, warnings } = parsed(timeline(note));
    expect(report.timeline[0]).toMatchObject({ at, utcOffsetMinutes: offset });
    expect(warnings.filter((w) => w.message.startsWith("Timeline"))).toEqual([]);
  });

  it("warns that an offset no clock uses is not real, and reads the events as UTC", () => {
    const { report, warnings } = parsed(timeline("**All timestamps in UTC+15**"));
    expect(report.timeline[0]).toMatchObject({ at: "2025-05-07T09:09:00.000Z", utcOffsetMinutes: 0 });
    expect(warnings.filter((w) => w.message.startsWith("Timeline"))).toEqual([
      {
        line: 7,
        message:
          'Timeline: "UTC+15" is not a real UTC offset (offsets run from UTC-12:00 to UTC+14:00); ' +
          "events without their own zone read as UTC.",
      },
    ]);
  });
});
