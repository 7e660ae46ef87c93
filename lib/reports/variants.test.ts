import { describe, expect, it } from "vitest";
import type { IncidentReport } from "./model";
import { parseFullReport } from "./parse";

const lines = (...l: string[]) => l.join("\n");

function parse(markdown: string): { report: IncidentReport; warnings: { line: number; message: string }[] } {
  const result = parseFullReport(markdown);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

const SUMMARY = lines("### Summary", "", "- **Incident description:** Test.", "");

describe("reports in the v2.0 layout", () => {
  const md = lines(
    "## Incident Report",
    "",
    "### Summary",
    "",
    "**Incident description:** Certificates were issued with a bad policy OID.",
    "",
    "### Impact",
    "",
    "**Total number of certificates:** 1,234 certificates",
    "",
    "### Timeline",
    "",
    "All times are UTC.",
    "",
    "#### 2025-03-01",
    "",
    "- 09:00 Change deployed.",
    "- 14:30 Problem report received.",
    "",
    "#### 2025-03-02",
    "",
    "- 08:15 Issuance stopped.",
    "",
    "### Lessons Learned",
    "",
    "#### What went well",
    "",
    "- Quick response.",
    "",
    "#### What didn't go well",
    "",
    "- No lint.",
    "- No review.",
    "",
    "#### Where we got lucky",
    "",
    "- Low volume.",
    "",
    "### Action Items",
    "",
    "| Action Item | Kind | Due Date |",
    "| --- | --- | --- |",
    "| Add lint | Prevent | 2025/4/1 |",
  );
  const { report, warnings } = parse(md);

  it("reads bold-label paragraphs", () => {
    expect(report.incidentDescription).toBe("Certificates were issued with a bad policy OID.");
    expect(report.impact.totalCertificates).toBe(1234);
  });

  it("reads dates as sub-headings with HH:MM events", () => {
    expect(report.timeline.map((e) => [e.at, e.utcOffsetMinutes, e.writtenAs, e.text])).toEqual([
      ["2025-03-01T09:00:00.000Z", 0, "2025-03-01 09:00", "Change deployed."],
      ["2025-03-01T14:30:00.000Z", 0, "2025-03-01 14:30", "Problem report received."],
      ["2025-03-02T08:15:00.000Z", 0, "2025-03-02 08:15", "Issuance stopped."],
    ]);
    expect(report.timelineNote).toBe("All times are UTC.");
  });

  it("reads lessons under #### headings", () => {
    expect(report.lessonsLearned).toEqual({
      wentWell: ["Quick response."],
      didntGoWell: ["No lint.", "No review."],
      gotLucky: ["Low volume."],
      additional: [],
    });
  });

  it("reads the three-column action items table, as Ongoing with a warning", () => {
    expect(report.actionItems).toEqual([
      {
        text: "Add lint",
        kind: "Prevent",
        rootCauses: [],
        rootCausesText: "",
        evaluationCriteria: "",
        dueDate: "2025-04-01",
        dueDateText: "2025/4/1",
        status: "Ongoing",
      },
    ]);
    expect(warnings.some((w) => /v2\.0/.test(w.message))).toBe(true);
  });
});

describe("timelines written in local zones and loose formats", () => {
  it("reads EET/EEST across the DST change, en dashes, time before date, explicit offsets", () => {
    const md = lines(
      SUMMARY,
      "### Timeline",
      "",
      "Times are in EET/EEST unless stated.",
      "",
      "- 2025-03-29 10:00: before the change to summer time",
      "- 2025–03–31 10:00 – after it",
      "- 10:00 UTC 2025/4/1 - explicit UTC",
      "- **2025-04-02 09:00 (UTC-7)** explicit offset",
      "- **2025-04-03T12:00:00+08:00**: ISO",
    );
    const { report } = parse(md);
    expect(report.timeline.map((e) => [e.at, e.utcOffsetMinutes, e.text])).toEqual([
      ["2025-03-29T08:00:00.000Z", 120, "before the change to summer time"],
      ["2025-03-31T07:00:00.000Z", 180, "after it"],
      ["2025-04-01T10:00:00.000Z", 0, "explicit UTC"],
      ["2025-04-02T16:00:00.000Z", -420, "explicit offset"],
      ["2025-04-03T04:00:00.000Z", 480, "ISO"],
    ]);
    expect(report.timeline[1]?.writtenAs).toBe("2025–03–31 10:00");
  });

  it("reads a timeline table and warns when no zone is given", () => {
    const md = lines(
      SUMMARY,
      "### Timeline",
      "",
      "| Date | Time | Event |",
      "| --- | --- | --- |",
      "| 2025-05-07 | 09:09 | Found \\| confirmed |",
      "| 2025-05-08 | 10:00 | Fixed |",
    );
    const { report, warnings } = parse(md);
    expect(report.timeline.map((e) => [e.at, e.text])).toEqual([
      ["2025-05-07T09:09:00.000Z", "Found | confirmed"],
      ["2025-05-08T10:00:00.000Z", "Fixed"],
    ]);
    expect(warnings.some((w) => w.line === 9 && /no time zone/.test(w.message))).toBe(true);
  });
});

describe("root causes, lessons and action items", () => {
  const md = lines(
    SUMMARY,
    "### Root Cause Analysis",
    "",
    "**Contributing Factor #1: Missing lint**",
    "",
    "- **Description:** No linter on precertificates.",
    "- **Timeline:** N/A",
    "- **Detection:** CT monitor.",
    "- **Interaction with other factors:** See #2.",
    "",
    "**Contributing Factor #2 - Stale template**",
    "",
    "- **Description:** Template edited by hand.",
    "",
    "### Lessons Learned",
    "",
    "- **What went well:** N/A",
    "- **What didn’t go well:**",
    "  - No lint.",
    "  - No review.",
    "- **Where we got lucky:** Low volume.",
    "- **Other:** Docs were stale.",
    "",
    "### Action Items",
    "",
    "| Kind | Action Item | Status | Due Date | Evaluation Criteria | Corresponding Root Cause(s) |",
    "| --- | --- | --- | --- | --- | --- |",
    "| detect | Alert on lint failures | complete | 2025-05-12 | Alert fires | #1, #2 |",
    "| Prevent | Generate the template | Cancelled | TBD | N/A | Contributing Factor 2 |",
  );
  const { report, warnings } = parse(md);

  it("reads numbered factors with titles, without a methodology", () => {
    expect(report.contributingFactors.map((f) => [f.number, f.title, f.timeline, f.methodology])).toEqual([
      [1, "Missing lint", "", null],
      [2, "Stale template", "", null],
    ]);
    expect(report.contributingFactors[0]?.interaction).toBe("See #2.");
  });

  it("reads the Lessons Learned section with curly apostrophes and 'Other'", () => {
    expect(report.lessonsLearned).toEqual({
      wentWell: [],
      didntGoWell: ["No lint.", "No review."],
      gotLucky: ["Low volume."],
      additional: ["Docs were stale."],
    });
  });

  it("reads columns by name in any order, words in any case", () => {
    expect(report.actionItems.map((a) => [a.kind, a.status, a.rootCauses, a.dueDate, a.dueDateText])).toEqual([
      ["Detect", "Complete", [1, 2], "2025-05-12", ""],
      ["Prevent", "Canceled", [2], null, "TBD"],
    ]);
    expect(warnings.some((w) => /due date "TBD"/.test(w.message))).toBe(true);
  });
});

describe("related incidents, certificates and loose values", () => {
  const CERT = "aa".repeat(32);
  const PRE = "bb".repeat(32);
  const md = lines(
    "Discussion before the report.",
    "",
    "## Preliminary Incident Report",
    "",
    "### Summary",
    "",
    "- **Incident description:** Preliminary text.",
    "",
    "## Full Incident Report",
    "",
    "### Summary",
    "",
    "- **CA Owner CCADB unique ID:** A001234 (Example Trust)",
    "- **Incident description:** Full text.",
    "- **Source of incident disclosure:** Found during our annual audit",
    "",
    "### Impact",
    "",
    "- **Total number of certificates:** twenty-three thousand and five",
    "- **Total number of “remaining valid” certificates:** No certificates remain valid.",
    "- **Affected certificate types:** Domain Validated and Extended Validation TLS",
    "",
    "### Related Incidents",
    "",
    "| Bug | Date | Description |",
    "| --- | --- | --- |",
    "| [Bug 1900129](https://bugzilla.mozilla.org/show_bug.cgi?id=1900129) | 2024-06-01 | Same root cause \\| other CA |",
    "| 1886876 | N/A | Related |",
    "",
    "### Appendix",
    "",
    `See https://crt.sh/?sha256=${CERT} and [the precert](https://crt.sh/?sha256=${PRE}).`,
    "",
    "```csv",
    "Precertificate SHA-256 hash,Certificate SHA-256 hash,Subject,Issuer,Not before,Not after,Serial #,dNSNames,Is revoked?,Revocation date,Revocation reason",
    `${PRE},${CERT},CN=example.com,CN=CA,2025-01-01 00:00:00,2025-04-01T00:00:00Z,00:ff:01,"example.com, www.example.com",yes,2025-03-01T12:00:00Z,keyCompromise`,
    "```",
  );
  const { report } = parse(md);

  it("reads the last Full report, not the Preliminary one", () => {
    expect(report.incidentDescription).toBe("Full text.");
    expect(report.caOwner).toEqual({ name: "Example Trust", ccadbId: "A001234" });
    expect(report.disclosureSource).toBe("Audit");
  });

  it("reads counts and types written in words", () => {
    expect(report.impact.totalCertificates).toBe(23005);
    expect(report.impact.remainingValid).toBe(0);
    expect(report.impact.affectedTypes).toEqual(["DV", "EV"]);
  });

  it("reads related incidents with their links", () => {
    expect(report.relatedIncidents).toEqual([
      {
        bug: "Bug 1900129",
        bugUrl: "https://bugzilla.mozilla.org/show_bug.cgi?id=1900129",
        date: "2024-06-01",
        description: "Same root cause | other CA",
      },
      { bug: "1886876", bugUrl: null, date: null, description: "Related" },
    ]);
  });

  it("reads the appendix CSV and merges the links that name the same certificate", () => {
    expect(report.affectedCertificates).toHaveLength(1);
    expect(report.affectedCertificates[0]).toMatchObject({
      certificateSha256: CERT,
      precertificateSha256: PRE,
      serialHex: "ff01",
      notBefore: "2025-01-01T00:00:00.000Z",
      dnsNames: ["example.com", "www.example.com"],
      isRevoked: "Yes",
      revocationReason: "keyCompromise",
    });
    expect(report.affectedCertificates[0]?.links.map((l) => l.label)).toEqual([
      `https://crt.sh/?sha256=${CERT}`,
      "the precert",
    ]);
    expect(report.appendix).toBe(`See https://crt.sh/?sha256=${CERT} and [the precert](https://crt.sh/?sha256=${PRE}).`);
  });
});

describe("an Appendix listing written as a markdown table", () => {
  const CERT = "cc".repeat(32);
  const md = lines(
    SUMMARY,
    "### Appendix",
    "",
    "| Precertificate SHA-256 hash | Certificate SHA-256 hash | Subject | Issuer | Not before | Not after | Serial # | dNSNames | Is revoked? | Revocation date | Revocation reason |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    `| N/A | ${CERT} | CN=a.example | CN=CA | 2025-01-01T00:00:00Z | 2025-04-01T00:00:00Z | 0A:1B | a.example b.example | Maybe | N/A | N/A |`,
  );

  it("reads the certificates and warns about a bad cell, naming its line", () => {
    const { report, warnings } = parse(md);
    expect(report.appendix).toBe("");
    expect(report.affectedCertificates).toHaveLength(1);
    expect(report.affectedCertificates[0]).toMatchObject({
      certificateSha256: CERT,
      precertificateSha256: null,
      serialHex: "0a1b",
      dnsNames: ["a.example", "b.example"],
      isRevoked: null,
      revocationDate: null,
    });
    expect(warnings.filter((w) => w.message.startsWith("Appendix"))).toEqual([
      { line: 9, message: 'Appendix: Is revoked? "Maybe" is not one of Yes, Planned, Delayed, N/A.' },
    ]);
  });
});

describe("warnings about what was not understood", () => {
  it("names missing and unknown Summary fields and unknown disclosure sources", () => {
    const md = lines(
      "### Summary", // 1
      "", // 2
      "- **Incident description:** Test.", // 3
      "- **Severity:** High", // 4
      "- **Source of incident disclosure:** A little bird", // 5
    );
    const { report, warnings } = parse(md);
    expect(report.disclosureSource).toBeNull();
    expect(report.disclosureSourceText).toBe("A little bird");
    expect(warnings.map((w) => w.line)).toEqual([4, 5, 3]);
    expect(warnings[0]?.message).toContain('unknown field "Severity"');
    expect(warnings[2]?.message).toBe('Summary has no "CA Owner CCADB unique ID", "Relevant policies" field.');
  });
});

describe("a closure summary posted after the Full report", () => {
  it("is read into the report's closure fields", async () => {
    const { renderClosureSummary, renderFullReport } = await import("./render");
    const { richReport } = await import("./testing/rich-report");
    const report = richReport();
    const { report: read } = parse(`${renderFullReport(report)}\n${renderClosureSummary(report)}`);
    expect(read.closure).toEqual(report.closure);
    expect(read.appendix).toBe(report.appendix);
  });
});

describe("timeline prose that is not an event", () => {
  it("keeps a paragraph opening with a number as text of the event before it", () => {
    const md = lines(
      SUMMARY,
      "### Timeline",
      "",
      "**2025-05-07 09:09 UTC** Detected.",
      "",
      "2 certificates were affected.",
    );
    const { report } = parse(md);
    expect(report.timeline).toHaveLength(1);
    expect(report.timeline[0]?.text).toBe("Detected.\n\n2 certificates were affected.");
  });
});
