/**
 * A hand-built IncidentReport with every field filled, for storage round trips: Unicode
 * (CJK, emoji, combining marks, right-to-left), `|` inside cells, multi-paragraph markdown,
 * three contributing factors and action items citing several of them, out of order.
 * The events are invented; the shape follows the CCADB Incident Reporting Guidelines.
 */
import { createHash } from "node:crypto";
import type { AffectedCertificate, IncidentReport } from "@/lib/reports/model";

const hex = (seed: number) => createHash("sha256").update(String(seed)).digest("hex");

function certificate(n: number): AffectedCertificate {
  return {
    certificateSha256: hex(n),
    precertificateSha256: hex(n + 100),
    serialHex: `7f${n.toString(16).padStart(4, "0")}a1b2c3`,
    subject: `CN=www${n}.例え.jp, O=Ünïcødé | Trust Co., C=JP`,
    issuer: "CN=Example TLS RSA CA G2, O=Example Trust | 示例, C=CN",
    notBefore: "2025-01-06T01:09:00.000Z",
    notAfter: "2026-01-06T01:08:59.000Z",
    issuedAt: "2025-01-06T01:10:12.345Z",
    dnsNames: [`www${n}.例え.jp`, `xn--r8jz45g${n}.jp`, "*.example.com"],
    crtShId: String(15_000_000_000 + n),
    certSpotterId: `cs-${n}`,
    links: [
      { label: "crt.sh", url: `https://crt.sh/?id=${15_000_000_000 + n}` },
      { label: "PEM | raw", url: `https://example.com/certs/${n}.pem?a=1&b=2` },
    ],
    reportedProblem: "OCSP answered \"unknown\" | HTTP 200, then \"good\" after 3 h 🙃",
    isRevoked: n % 2 === 0 ? "Yes" : "Planned",
    revocationDate: n % 2 === 0 ? "2025-01-08T00:00:00.000Z" : null,
    revocationReason: n % 2 === 0 ? "superseded" : null,
    pem: `-----BEGIN CERTIFICATE-----\nMIIB${n}Q==\n-----END CERTIFICATE-----\n`,
  };
}

/** The fully populated report; `overrides` replace top-level fields. */
export function sampleReport(overrides: Partial<IncidentReport> = {}): IncidentReport {
  return {
    caOwner: { name: "Example Trust Services Co., Ltd. (示例信任) | Root Program", ccadbId: "A012345" },
    bugNumber: 1_945_678,
    title: "Example Trust: OCSP \"unknown\" for certificates issued during a rollback | 回滚",
    whiteboard: ["[ca-compliance]", "[ocsp-failure]", "Next update 2025-07-15"],
    status: "full_filed",
    nextUpdate: "2025-07-15",
    becameAwareAt: "2025-01-07T03:21:45.678Z",
    incidentDescription:
      "On 2025-01-06 our OCSP responders answered **unknown** for 1,234 certificates.\n\n" +
      "- first paragraph of a list | with a pipe\n- second item: naïve café, Ω, שלום, مرحبا\n\n" +
      "> quoted text with `code` and a table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    nonComplianceStart: { at: "2025-01-06T01:09:00.000Z", dateOnly: false, writtenAs: "2025/1/6 09:09 (UTC+8)" },
    nonComplianceIdentified: { at: "2025-01-07T00:00:00.000Z", dateOnly: true, writtenAs: "2025-01-07" },
    nonComplianceEnd: { at: "2025-01-07T06:30:00.000Z", dateOnly: false, writtenAs: "7 Jan 2025, 14:30 北京时间" },
    relevantPolicies: "TLS BRs §4.9.10; RFC 6960 §2.2 | Mozilla Root Store Policy §6",
    disclosureSource: "Third Party Reported",
    disclosureSourceText: "Notified via third-party email (monitor \"Ωmega\")",
    impact: {
      totalCertificates: 1234,
      totalCertificatesText: "1,234 (one thousand two hundred thirty-four)",
      remainingValid: 0,
      remainingValidText: "none — all replaced",
      affectedTypes: ["DV", "OV", "EV"],
      affectedTypesText: "DV, OV | EV",
      incidentHeuristic: "issued between 2025-01-06 01:09 and 06:30 UTC by the G2 CA",
      issuanceStopped: "No; issuance continued after the fix at 06:30 UTC.",
      analysis: "Line one.\nLine two with trailing spaces  \n\nNew paragraph ✅",
      additionalConsiderations: "Relying parties using OCSP stapling saw 🔒 errors.",
    },
    timelineNote: "All timestamps are in Beijing Time (UTC+8) | 北京时间",
    timeline: [
      { at: "2025-01-06T01:09:00.000Z", utcOffsetMinutes: 480, writtenAs: "2025-01-06 09:09", text: "Deployment **began**." },
      { at: "2025-01-06T01:05:00.000Z", utcOffsetMinutes: 480, writtenAs: "2025-01-06 09:05", text: "Out of time order on purpose:\n\n1. one\n2. two" },
      { at: "2025-01-07T06:30:00.000Z", utcOffsetMinutes: -330, writtenAs: "Jan 7, 00:00 (UTC−05:30)", text: "Fix | deployed 🎉" },
    ],
    relatedIncidents: [
      { bug: "Bug 1890000", bugUrl: "https://bugzilla.mozilla.org/show_bug.cgi?id=1890000", date: "2024-03-01", description: "Similar OCSP | CRL mismatch" },
      { bug: "Bug 1700000", bugUrl: null, date: null, description: "Older incident — no link given" },
    ],
    contributingFactors: [
      { number: 1, title: "Lint timeout | rollback", description: "The linter timed out…", timeline: "2025-01-06", detection: "Monitor", interaction: "With factor #2", methodology: "5 Whys" },
      { number: 2, title: "Writes not idempotent", description: "多段落\n\n第二段", timeline: "since 2019", detection: "Code review", interaction: "", methodology: null },
      { number: 3, title: "Alerting gap 🚨", description: "No alert on `unknown` rates.", timeline: "n/a", detection: "Post-incident review", interaction: "Amplified #1", methodology: "Fishbone" },
    ],
    lessonsLearned: {
      wentWell: ["Fast rollback | 20 min", "Clear comms"],
      didntGoWell: ["Detection took 29 h"],
      gotLucky: ["Low traffic on a Sunday 🍀"],
      additional: ["Consider ", "Empty-looking but kept: \u00a0"],
    },
    actionItems: [
      { text: "Make writes idempotent", kind: "Prevent", rootCauses: [2, 1], rootCausesText: "Root Cause #2, #1", evaluationCriteria: "Replay test passes | 100 runs", dueDate: "2025-03-31", dueDateText: "2025-03-31", status: "Complete" },
      { text: "Alert on OCSP unknown > 0.1%", kind: "Detect", rootCauses: [3], rootCausesText: "Root Cause #3", evaluationCriteria: "Alert fires in staging", dueDate: "2025-06-30", dueDateText: "Q2 2025 (June 30)", status: "Ongoing" },
      { text: "Raise lint timeout, fail closed", kind: "Mitigate", rootCauses: [1, 2, 3], rootCausesText: "All three", evaluationCriteria: "Chaos test", dueDate: null, dueDateText: "TBD", status: "Delayed" },
      { text: "Retire old pipeline", kind: "Prevent", rootCauses: [], rootCausesText: "", evaluationCriteria: "n/a", dueDate: "2025-02-01", dueDateText: "2025-02-01", status: "Canceled" },
    ],
    appendix: "## Appendix\n\nLog excerpt:\n\n```\nERROR | lint timeout after 30s\n```\n",
    affectedCertificates: [certificate(3), certificate(1), certificate(2)],
    closure: {
      rootCauses: "Non-idempotent writes | lint timeouts",
      remediationDescription: "Idempotent writes; alerts.",
      commitmentSummary: "We commit to quarterly replay tests. ✔",
    },
    ...overrides,
  };
}

/** `count` more certificates in the same style, for bulk tests. */
export function manyCertificates(count: number, from = 10): AffectedCertificate[] {
  return Array.from({ length: count }, (_, i) => certificate(from + i));
}
