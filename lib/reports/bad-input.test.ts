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
      "| Fix it | Prevent | #1 | It works | 2025-05-12 |", // 11
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
      "| Fix it | prevent | #1 | It works | 2025-05-12 | ongoing |", // 9
      "| Watch it | Observe | #1 | It works | 2025-05-12 | Ongoing |", // 10
      "| Plan it | Detect | #1 | It works | 2025-05-12 | Someday |", // 11
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
});
