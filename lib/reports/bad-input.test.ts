import { describe, expect, it } from "vitest";
import { MAX_REPORT_BYTES, parseFullReport } from "./parse";

function errorsOf(markdown: string) {
  const result = parseFullReport(markdown);
  if (result.ok) throw new Error("expected the import to fail");
  return result.errors;
}

const lines = (...l: string[]) => l.join("\n");

describe("parseFullReport on bad input", () => {
  it("rejects an empty or blank file", () => {
    expect(errorsOf("")).toEqual([{ line: 1, message: "The report is empty." }]);
    expect(errorsOf("  \n\n\t \n")).toEqual([{ line: 1, message: "The report is empty." }]);
  });

  it("rejects a report without a Summary, naming the report heading's line", () => {
    const md = lines(
      "Thanks for the questions; the report follows.", // 1
      "", // 2
      "## Full Incident Report", // 3
      "", // 4
      "### Impact", // 5
      "", // 6
      "- **Total number of certificates:** 2", // 7
    );
    const errors = errorsOf(md);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(3);
    expect(errors[0]?.message).toMatch(/Summary/);
  });

  it("rejects a v3.2 Action Items table without a Status column, naming the table's line", () => {
    const md = lines(
      "## Full Incident Report", // 1
      "", // 2
      "### Summary", // 3
      "", // 4
      "- **Incident description:** Test.", // 5
      "", // 6
      "### Action Items", // 7
      "", // 8
      "| Action Item | Kind | Corresponding Root Cause(s) | Evaluation Criteria | Due Date |", // 9
      "| --- | --- | --- | --- | --- |", // 10
      "| Fix it | Prevent | N/A | It works | 2025-05-12 |", // 11
    );
    const errors = errorsOf(md);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(9);
    expect(errors[0]?.message).toMatch(/"Status"/);
  });

  it("rejects a Kind or Status outside the allowed words, naming the row's line", () => {
    const md = lines(
      "### Summary", // 1
      "", // 2
      "- **Incident description:** Test.", // 3
      "", // 4
      "### Action Items", // 5
      "", // 6
      "| Action Item | Kind | Corresponding Root Cause(s) | Evaluation Criteria | Due Date | Status |", // 7
      "| --- | --- | --- | --- | --- | --- |", // 8
      "| Fix it | prevent | N/A | It works | 2025-05-12 | ongoing |", // 9
      "| Watch it | Observe | N/A | It works | 2025-05-12 | Ongoing |", // 10
      "| Plan it | Detect | N/A | It works | 2025-05-12 | Someday |", // 11
    );
    const errors = errorsOf(md);
    expect(errors.map((e) => e.line)).toEqual([10, 11]);
    expect(errors[0]?.message).toMatch(/Kind "Observe"/);
    expect(errors[1]?.message).toMatch(/Status "Someday"/);
  });

  it("rejects a timeline event whose date cannot be read, naming its line", () => {
    const md = lines(
      "## Full Incident Report", // 1
      "", // 2
      "### Summary", // 3
      "", // 4
      "- **Incident description:** Test.", // 5
      "", // 6
      "### Timeline", // 7
      "", // 8
      "All times are UTC.", // 9
      "", // 10
      "- **2025-05-07 09:09** Detected.", // 11
      "- **2025-05-32 10:00** An impossible day.", // 12
      "- **2025-05-08 10:00** Fixed.", // 13
    );
    const errors = errorsOf(md);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(12);
    expect(errors[0]?.message).toContain('"2025-05-32 10:00"');
  });

  it("rejects a non-compliance date that is not a date, and collects every error", () => {
    const md = lines(
      "### Summary", // 1
      "", // 2
      "- **Timeline summary:**", // 3
      "  - **Non-compliance start date:** last spring", // 4
      "  - **Non-compliance identified date:** 2025-05-07", // 5
      "", // 6
      "### Timeline", // 7
      "", // 8
      "- 2025/13/01 09:00 UTC: nothing", // 9
    );
    const errors = errorsOf(md);
    expect(errors.map((e) => e.line).sort()).toEqual([4, 9]);
    expect(errors.find((e) => e.line === 4)?.message).toMatch(/Non-compliance start date "last spring"/);
  });

  it("rejects a 5 MB file before parsing it, saying the size and the limit", () => {
    const big = "x".repeat(5 * 1024 * 1024);
    const started = performance.now();
    const errors = errorsOf(big);
    expect(performance.now() - started).toBeLessThan(500);
    expect(errors).toEqual([
      { line: 1, message: `The report is ${5 * 1024 * 1024} bytes; the limit is ${MAX_REPORT_BYTES} bytes (1 MiB).` },
    ]);
  });

  it("accepts a report of exactly 1 MiB", () => {
    const head = lines("### Summary", "", "- **Incident description:** Padded.", "", "### Appendix", "", "");
    const fill = MAX_REPORT_BYTES - new TextEncoder().encode(head).length;
    const result = parseFullReport(head + "word ".repeat(fill / 5).padEnd(fill, "x"));
    expect(result.ok).toBe(true);
    if (result.ok) expect(new TextEncoder().encode(head).length + result.report.appendix.length).toBe(MAX_REPORT_BYTES);
  });

  it("counts bytes, not characters, against the limit", () => {
    const accents = "é".repeat(600_000); // 600,000 characters, 1,200,000 bytes
    expect(errorsOf(accents)[0]?.message).toContain("1200000 bytes");
  });

  it("rejects an Action Items row with fewer or more cells than the header, on the row's line", () => {
    const md = lines(
      "### Summary", // 1
      "", // 2
      "- **Incident description:** Test.", // 3
      "", // 4
      "### Action Items", // 5
      "", // 6
      "| Action Item | Kind | Corresponding Root Cause(s) | Evaluation Criteria | Due Date | Status |", // 7
      "| --- | --- | --- | --- | --- | --- |", // 8
      "| Fix it | Prevent | N/A | It works | Ongoing |", // 9: the due date was left out
      "| Watch it | Detect | N/A | It works | 2025-05-12 | Ongoing | extra |", // 10
      "| Plan it | Detect | N/A | It works | 2025-05-12 | Ongoing |", // 11
    );
    const header = "Action Item | Kind | Corresponding Root Cause(s) | Evaluation Criteria | Due Date | Status";
    expect(errorsOf(md)).toEqual([
      { line: 9, message: `Action Items row has 5 cells; the header has 6 (${header}).` },
      { line: 10, message: `Action Items row has 7 cells; the header has 6 (${header}).` },
    ]);
  });

  it("rejects a binary file as not text before looking for sections", () => {
    const nul = "### Summary\n\n- **Incident description:** \u0000\u0001\u0002";
    expect(errorsOf(nul)).toEqual([
      {
        line: 3,
        message:
          "The file is not text (it contains NUL bytes (U+0000), the first on line 3); " +
          "export the report as UTF-8 markdown.",
      },
    ]);
    const bytes = [...new TextEncoder().encode("### Summary\n\n"), ...new Array<number>(87).fill(0xff)];
    const latin = new TextDecoder().decode(Uint8Array.from(bytes)); // 13 characters + 87 × U+FFFD
    expect(errorsOf(latin)).toEqual([
      {
        line: 1,
        message:
          "The file is not text (87 of its 100 characters are U+FFFD, bytes that are not UTF-8); " +
          "export the report as UTF-8 markdown.",
      },
    ]);
  });

  it("accepts a report with a stray U+FFFD from a copy and paste", () => {
    const told = "The CA\uFFFDs OCSP responder answered tryLater" + " for two more hours".repeat(4);
    const md = lines("### Summary", "", `- **Incident description:** ${told}.`); // 1 in 150
    expect(parseFullReport(md).ok).toBe(true);
  });
});

describe("Action Items due dates", () => {
  const withDue = (due: string) =>
    lines(
      "### Summary", // 1
      "", // 2
      "- **Incident description:** Test.", // 3
      "", // 4
      "### Action Items", // 5
      "", // 6
      "| Action Item | Kind | Corresponding Root Cause(s) | Evaluation Criteria | Due Date | Status |", // 7
      "| --- | --- | --- | --- | --- | --- |", // 8
      `| Fix it | Prevent | N/A | It works | ${due} | Ongoing |`, // 9
    );
  const warningsOf = (md: string) => {
    const result = parseFullReport(md);
    if (!result.ok) throw new Error("expected the import to succeed");
    return result.warnings;
  };

  it.each([
    ["2025-02-30", "is not a real date (February 2025 has 28 days)"],
    ["2024-02-30", "is not a real date (February 2024 has 29 days)"],
    ["2025-04-31 (end of April)", "is not a real date (April 2025 has 30 days)"],
    ["2025-13-01", "is not a real date (there is no month 13)"],
    ["end of Q3", "is not a YYYY-MM-DD date"],
  ])("says why %j is not a due date", (due, why) => {
    const written = due.replace(/ \(.*\)$/, "");
    expect(warningsOf(withDue(due)).filter((w) => w.line === 9)).toEqual([
      { line: 9, message: `Action Items: due date "${written}" ${why}.` },
    ]);
  });
});
