/**
 * A hand-built report with every field filled, for round-trip and render tests: several
 * contributing factors, action items answering several factors, `|` and line breaks in
 * table cells, unicode, a daylight-saving change inside the timeline, and certificates
 * named both in the description's table and in the Appendix.
 */
import type { IncidentReport } from "../model";
import type { ParseOptions } from "../parse";

const CERT1 = "9449c7f3a93cf0c55a675ddf1c83732d87d56255e70b150d9e6f3cf863bb7fc1";
const PRECERT1 = "c55d8fce15e2287efb89630a70ef01ac521cb999feb2a95bcb4a595db49e394c";
const PRECERT2 = "dc38cc670dedd2618c80c8e0ee49fce39fac12335c6a52f6c2450065100592fc";
const CERT3 = "9bffb43d004b76efd8c8bb6086d37b28737b85b455021ba0f20210062dda59ed";

/** The fields that live outside the markdown, as an importer would pass them. */
export const richOptions: Required<ParseOptions> = {
  title: "Exämple Trust: Precertificates issued without linting",
  bugNumber: 1999999,
  whiteboard: ["[ca-compliance]", "[dv-misissuance]", "Next update 2025-04-01"],
  status: "full_filed",
  nextUpdate: "2025-04-01",
  becameAwareAt: "2025-03-01T22:05:30.000Z",
  closure: {
    rootCauses: "The profile template drifted | linting skipped precertificates.",
    remediationDescription: "Linting now runs on both paths.\n\nThe template is generated.",
    commitmentSummary: "- Quarterly review of lint coverage\n- Publish results",
  },
};

/** A Full report with every field filled. */
export function richReport(): IncidentReport {
  return {
    caOwner: { name: "Exämple Trust Services GmbH (Zürich)", ccadbId: "A000123" },
    ...richOptions,
    whiteboard: [...richOptions.whiteboard as string[]],
    closure: { ...richOptions.closure },
    incidentDescription: [
      "Three precertificates were issued from a profile that skipped linting (`v42`).",
      "",
      "| Certificate | Issued | Problem |",
      "| --- | --- | --- |",
      `| [crt.sh](https://crt.sh/?sha256=${CERT1}) | 2025-02-28T18:30:00Z | precert lint error \\| ext |`,
    ].join("\n"),
    nonComplianceStart: { at: "2025-02-28T00:00:00.000Z", dateOnly: true, writtenAs: "2025-02-28" },
    nonComplianceIdentified: { at: "2025-03-01T22:05:00.000Z", dateOnly: false, writtenAs: "2025/3/1 14:05" },
    nonComplianceEnd: { at: "2025-03-04T09:30:00.000Z", dateOnly: false, writtenAs: "2025-03-04 09:30 UTC" },
    relevantPolicies: "TLS BRs v2.1.2 §7.1.2.7; Mozilla Root Store Policy v3.0 §5.2",
    disclosureSource: "Self Reported",
    disclosureSourceText: "Self Reported",
    impact: {
      totalCertificates: 3,
      totalCertificatesText: "Three (3) certificates, one of them expired.",
      remainingValid: 1,
      remainingValidText: "1 certificate remains valid.",
      affectedTypes: ["DV", "OV"],
      affectedTypesText: "DV and OV",
      incidentHeuristic: "Issued by *Exämple TLS CA 2* between the two dates.\n\nSee the Appendix.",
      issuanceStopped: "No — the profile was fixed within the hour.",
      analysis: "Not a revocation-delay incident.",
      additionalConsiderations: "Precertificates only; the final certificates were never issued.",
    },
    timelineNote: "All times are Pacific time (UTC−8, UTC−7 in summer) unless marked.",
    timeline: [
      { at: "2025-02-28T18:00:00.000Z", utcOffsetMinutes: -480, writtenAs: "2025-02-28 10:00", text: "Profile change **v42** deployed." },
      {
        at: "2025-03-01T22:05:30.000Z",
        utcOffsetMinutes: -480,
        writtenAs: "2025-03-01 14:05:30 PST",
        text: "Our monitor flagged a lint failure:\n\n- zlint `e_ext_san_missing`\n  - on precertificates only\n\n```\nerror | x\n\nmore\n```",
      },
      { at: "2025-03-04T09:30:00.000Z", utcOffsetMinutes: 0, writtenAs: "2025-03-04 09:30 UTC", text: "Issuance stopped." },
      { at: "2025-03-10T16:00:00.000Z", utcOffsetMinutes: -420, writtenAs: "2025-03-10 09:00", text: "Revocation complete ✅ — 日本語のテキスト" },
      { at: "2025-03-11T01:02:03.456Z", utcOffsetMinutes: 330, writtenAs: "2025-03-11 06:32:03.456 (UTC+05:30)", text: "Résumé: \"quoted\" and ‘curly’." },
      { at: "2025-03-12T08:00:00.000Z", utcOffsetMinutes: 0, writtenAs: "2025-03-12", text: "" },
    ],
    relatedIncidents: [
      {
        bug: "Bug 1900129",
        bugUrl: "https://bugzilla.mozilla.org/show_bug.cgi?id=1900129",
        date: "2024-06-01",
        description: "Similar lint gap | other CA\nsecond line",
      },
      { bug: "1886876", bugUrl: null, date: null, description: "Key blocking — related" },
    ],
    contributingFactors: [
      {
        number: 1,
        title: "Profile template drift (`v42`) *stars*",
        description: "The template was edited by hand.\n\nNobody reviewed it.",
        timeline: "- **2025-02-20:** edited\n- **2025-02-28:** deployed",
        detection: "Our own CT monitor.",
        interaction: "Made factor #2 matter.",
        methodology: "5-Whys",
      },
      {
        number: 2,
        title: "Linter not run on precertificates | gap",
        description: "Only final certificates were linted.",
        timeline: "Since 2019.",
        detection: "Found while investigating #1.",
        interaction: "Amplified #1.",
        methodology: null,
      },
      {
        number: 4,
        title: "Ünïcode — título",
        description: "Alerting went to an unwatched queue.",
        timeline: "2024-11-02: queue renamed",
        detection: "Post-incident review.",
        interaction: "",
        methodology: "Fishbone diagram",
      },
    ],
    lessonsLearned: {
      wentWell: ["Fast detection by our own monitor.", "Multi-line item\nsecond line"],
      didntGoWell: ["Linting gap on precertificates."],
      gotLucky: ["Low issuance volume that day."],
      additional: ["Training material was outdated."],
    },
    actionItems: [
      {
        text: "Lint precertificates | both issuance paths",
        kind: "Prevent",
        rootCauses: [1, 2],
        rootCausesText: "Root Cause #1, #2",
        evaluationCriteria: "Zero lint failures in CT for 90 days\n(see dashboard)",
        dueDate: "2025-04-01",
        dueDateText: "",
        status: "Complete",
      },
      {
        text: "Alert on lint failures",
        kind: "Detect",
        rootCauses: [4],
        rootCausesText: "Contributing Factor 4",
        evaluationCriteria: "An alert fires in the test environment.",
        dueDate: "2025-05-12",
        dueDateText: "2025/5/12",
        status: "Ongoing",
      },
      {
        text: "Generate the profile template",
        kind: "Mitigate",
        rootCauses: [1, 4],
        rootCausesText: "#1, #4",
        evaluationCriteria: "",
        dueDate: null,
        dueDateText: "Q3 2025",
        status: "Delayed",
      },
      {
        text: "Manual second review",
        kind: "Prevent",
        rootCauses: [2],
        rootCausesText: "Root Cause #2",
        evaluationCriteria: "Replaced by automation.",
        dueDate: null,
        dueDateText: "",
        status: "Canceled",
      },
    ],
    appendix: `Lint output:\n\n\`\`\`\nerror: x | y\n\nwarning: z\n\`\`\`\n\nSee also https://crt.sh/?sha256=${CERT3}`,
    affectedCertificates: [
      {
        certificateSha256: CERT1,
        precertificateSha256: PRECERT1,
        serialHex: "0a1b2c",
        subject: "CN=example.com, O=Exämple",
        issuer: "CN=Exämple TLS CA 2, O=Exämple Trust",
        notBefore: "2025-02-28T18:30:00.000Z",
        notAfter: "2025-05-29T18:30:00.000Z",
        issuedAt: "2025-02-28T18:30:00.000Z",
        dnsNames: ["example.com", "www.example.com"],
        crtShId: "123456789",
        certSpotterId: null,
        links: [{ label: "crt.sh", url: `https://crt.sh/?sha256=${CERT1}` }],
        reportedProblem: "precert lint error | ext",
        isRevoked: "Yes",
        revocationDate: "2025-03-10T16:00:00.000Z",
        revocationReason: "superseded",
        pem: "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUAQ==\n-----END CERTIFICATE-----",
      },
      {
        certificateSha256: null,
        precertificateSha256: PRECERT2,
        serialHex: "ff01",
        subject: null,
        issuer: null,
        notBefore: null,
        notAfter: null,
        issuedAt: null,
        dnsNames: [],
        crtShId: null,
        certSpotterId: "10028130490",
        links: [],
        reportedProblem: null,
        isRevoked: "Planned",
        revocationDate: "2025-03-15T00:00:00.000Z",
        revocationReason: null,
        pem: null,
      },
      {
        certificateSha256: CERT3,
        precertificateSha256: null,
        serialHex: null,
        subject: null,
        issuer: null,
        notBefore: null,
        notAfter: null,
        issuedAt: null,
        dnsNames: [],
        crtShId: null,
        certSpotterId: null,
        links: [{ label: `https://crt.sh/?sha256=${CERT3}`, url: `https://crt.sh/?sha256=${CERT3}` }],
        reportedProblem: null,
        isRevoked: "N/A",
        revocationDate: null,
        revocationReason: null,
        pem: null,
      },
    ],
  };
}
