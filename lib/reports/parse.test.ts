import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { IncidentReport } from "./model";
import { parseFullReport } from "./parse";

const SEED = readFileSync("test/fixtures/reports/sheca-2025-ocsp-rollback.md", "utf8");
const SHA_1 = "87da4f8a47e4ec0da0b69047d02a51f3fe0f413c308a59160891ebf166c2b5e0";
const SHA_2 = "d2d6e7298b53593feb1cdad12015eca92b3b419e954017e13353bdfebcbc4e85";

function seed(): { report: IncidentReport; warnings: { line: number; message: string }[] } {
  const result = parseFullReport(SEED);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result;
}

describe("parseFullReport on SHECA's OCSP rollback report", () => {
  const { report, warnings } = seed();

  it("reads the owner's name written where the CCADB ID belongs, and warns", () => {
    expect(report.caOwner).toEqual({
      name: "Shanghai Electronic Certification Authority Co., Ltd.",
      ccadbId: null,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.line).toBe(10);
    expect(warnings[0]?.message).toMatch(/CCADB unique ID/);
  });

  it("reads the timeline summary written as bold lines in nested paragraphs", () => {
    const day = (d: string) => ({ at: `${d}T00:00:00.000Z`, dateOnly: true, writtenAs: d });
    expect(report.nonComplianceStart).toEqual(day("2024-07-15"));
    expect(report.nonComplianceIdentified).toEqual(day("2025-05-07"));
    expect(report.nonComplianceEnd).toEqual(day("2025-05-12"));
  });

  it("keeps the description's markdown, table included", () => {
    expect(report.incidentDescription.startsWith("SHECA received an email notifying us")).toBe(true);
    expect(report.incidentDescription).toContain("| [10028130490](https://api.certspotter.com/");
    expect(report.relevantPolicies).toBe("BR 4.9.9 AND RFC 6960");
  });

  it("maps the disclosure source loosely and keeps the words", () => {
    expect(report.disclosureSource).toBe("Third Party Reported");
    expect(report.disclosureSourceText).toBe("Notified via third-party email");
  });

  it("reads counts written as words and the types from prose", () => {
    expect(report.impact.totalCertificates).toBe(2);
    expect(report.impact.totalCertificatesText).toBe("Two certificates were found to be affected by this incident.");
    expect(report.impact.remainingValid).toBe(23000);
    expect(report.impact.remainingValidText).toBe("Over 23000 certificates remain valid.");
    expect(report.impact.affectedTypes).toEqual(["DV", "OV", "EV"]);
    expect(report.impact.analysis).toBe("");
    expect(report.impact.issuanceStopped.startsWith("Certificate issuance was not stopped")).toBe(true);
  });

  it("reads the two certificates of the OCSP Watch table", () => {
    const certs = report.affectedCertificates;
    expect(certs.map((c) => c.certificateSha256)).toEqual([SHA_1, SHA_2]);
    expect(certs.map((c) => c.issuedAt)).toEqual(["2025-05-06T12:36:46.000Z", "2025-05-06T12:36:48.000Z"]);
    expect(certs.map((c) => c.certSpotterId)).toEqual(["10028130490", "9986530112"]);
    expect(certs[1]?.reportedProblem).toBe("error parsing OCSP response: ocsp: error from server: unauthorized");
    expect(certs[0]?.reportedProblem).toBe(
      'error querying OCSP responder over HTTP: Post "http://ocsp.global.sheca.com/keeptrustdvtlscag2": context deadline exceeded',
    );
    expect(certs[0]?.links.map((l) => l.label)).toEqual(["10028130490", "PEM", "View", "crt.sh", "296767", "Request", "Response"]);
    expect(certs[0]?.links[3]?.url).toBe(`https://crt.sh/?opt=ocsp&sha256=${SHA_1}`);
  });

  it("reads the timeline in Beijing time as the note says", () => {
    expect(report.timelineNote).toBe("**All timestamps are in Beijing Time (UTC+8)**");
    expect(report.timeline).toHaveLength(7);
    expect(report.timeline[0]).toMatchObject({
      at: "2025-05-07T01:09:00.000Z",
      utcOffsetMinutes: 480,
      writtenAs: "2025-05-07 09:09:00",
    });
    expect(report.timeline[6]?.at).toBe("2025-05-12T09:30:00.000Z");
    const analysis = report.timeline[5]?.text ?? "";
    expect(analysis.startsWith("Log analysis confirmed the root cause.")).toBe(true);
    expect(analysis).toContain("\n\n- SHECA encapsulates the linting functionality");
    expect(analysis).toContain("\n  3. Linting is performed again on the re-signed certificate.");
  });

  it("reads 'Contributing Factor #: 1' and the lessons written inside it", () => {
    expect(report.contributingFactors).toHaveLength(1);
    const factor = report.contributingFactors[0];
    expect(factor?.number).toBe(1);
    expect(factor?.title).toBe("");
    expect(factor?.detection).toBe("Reported via third-party email.");
    expect(factor?.interaction).toBe("");
    expect(factor?.timeline.split("\n")).toHaveLength(4);
    expect(factor?.methodology).toBe(
      "The issue was reproduced in a test environment by executing automated certificate issuance test cases.",
    );
    expect(report.lessonsLearned).toEqual({
      wentWell: [],
      didntGoWell: [
        "Incomplete alerting for linting failures; no alerts were triggered when linting failed due to code-related exceptions.",
      ],
      gotLucky: ["The number of certificates affected by the issue was very small."],
      additional: [],
    });
  });

  it("reads the three action items", () => {
    expect(report.actionItems.map((a) => [a.kind, a.status, a.rootCauses, a.dueDate])).toEqual([
      ["Prevent", "Ongoing", [1], "2025-05-12"],
      ["Prevent", "Ongoing", [1], "2025-05-16"],
      ["Prevent", "Ongoing", [1], "2025-05-25"],
    ]);
    expect(report.actionItems[1]?.text).toBe("Fix OCSP status of 2 certs");
    expect(report.actionItems[0]?.rootCausesText).toBe("Root Cause #1");
  });

  it("reads N/A related incidents as none, and keeps the appendix links", () => {
    expect(report.relatedIncidents).toEqual([]);
    expect(report.appendix).toContain(`https://crt.sh/?opt=ocsp&sha256=${SHA_1}`);
    expect(report.appendix).toContain(`https://crt.sh/?opt=ocsp&sha256=${SHA_2}`);
  });

  it("takes the fields that are not in the markdown from the options", () => {
    const result = parseFullReport(SEED, {
      title: "SHECA: OCSP responses for two certificates",
      bugNumber: 1966123,
      whiteboard: "[ca-compliance] [ocsp-failure] Next update 2025-06-01",
    });
    if (!result.ok) throw new Error("seed failed");
    expect(result.report.title).toBe("SHECA: OCSP responses for two certificates");
    expect(result.report.bugNumber).toBe(1966123);
    expect(result.report.whiteboard).toEqual(["[ca-compliance]", "[ocsp-failure]", "Next update 2025-06-01"]);
    expect(result.report.nextUpdate).toBe("2025-06-01");
  });
});
