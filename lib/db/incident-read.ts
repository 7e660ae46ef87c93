/**
 * From rows back to an IncidentReport: the explicit select that loads one incident, and
 * the mapping that rebuilds the report from it. IncidentReport.parse checks the result,
 * so a row the model would reject (an unknown status, say) fails loudly here.
 */
import { IncidentReport, type WrittenDate } from "@/lib/reports/model";
import type { Prisma } from "./generated/sqlite/client";

const inOrder = { orderBy: { position: "asc" } } as const;

/** Everything getIncident reads, children in report order. */
export const incidentSelect = {
  id: true,
  createdAt: true,
  updatedAt: true,
  caOwner: { select: { name: true, ccadbId: true } },
  bugNumber: true,
  title: true,
  whiteboard: true,
  status: true,
  nextUpdate: true,
  becameAwareAt: true,
  incidentDescription: true,
  nonComplianceStartAt: true,
  nonComplianceStartDateOnly: true,
  nonComplianceStartWrittenAs: true,
  nonComplianceIdentifiedAt: true,
  nonComplianceIdentifiedDateOnly: true,
  nonComplianceIdentifiedWrittenAs: true,
  nonComplianceEndAt: true,
  nonComplianceEndDateOnly: true,
  nonComplianceEndWrittenAs: true,
  relevantPolicies: true,
  disclosureSource: true,
  disclosureSourceText: true,
  impactTotalCertificates: true,
  impactTotalCertificatesText: true,
  impactRemainingValid: true,
  impactRemainingValidText: true,
  impactAffectedTypes: true,
  impactAffectedTypesText: true,
  impactIncidentHeuristic: true,
  impactIssuanceStopped: true,
  impactAnalysis: true,
  impactAdditionalConsiderations: true,
  timelineNote: true,
  appendix: true,
  closureRootCauses: true,
  closureRemediationDescription: true,
  closureCommitmentSummary: true,
  timeline: {
    ...inOrder,
    select: { at: true, utcOffsetMinutes: true, writtenAs: true, text: true },
  },
  relatedIncidents: {
    ...inOrder,
    select: { bug: true, bugUrl: true, date: true, description: true },
  },
  contributingFactors: {
    ...inOrder,
    select: {
      number: true,
      title: true,
      description: true,
      timeline: true,
      detection: true,
      interaction: true,
      methodology: true,
    },
  },
  lessonsLearned: { ...inOrder, select: { kind: true, text: true } },
  actionItems: {
    ...inOrder,
    select: {
      text: true,
      kind: true,
      rootCauses: { ...inOrder, select: { contributingFactor: { select: { number: true } } } },
      rootCausesText: true,
      evaluationCriteria: true,
      dueDate: true,
      dueDateText: true,
      status: true,
    },
  },
  affectedCertificates: { ...inOrder, select: certificateSelect() },
} satisfies Prisma.IncidentSelect;

/** The report's columns of an affected certificate. */
export function certificateSelect() {
  return {
    certificateSha256: true,
    precertificateSha256: true,
    serialHex: true,
    subject: true,
    issuer: true,
    notBefore: true,
    notAfter: true,
    issuedAt: true,
    dnsNames: true,
    crtShId: true,
    certSpotterId: true,
    links: true,
    reportedProblem: true,
    isRevoked: true,
    revocationDate: true,
    revocationReason: true,
    pem: true,
  } as const satisfies Prisma.AffectedCertificateSelect;
}

export type IncidentRow = Prisma.IncidentGetPayload<{ select: typeof incidentSelect }>;
type CertificateRow = IncidentRow["affectedCertificates"][number];

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

function writtenDate(at: Date | null, dateOnly: boolean | null, writtenAs: string | null) {
  if (at === null) return null;
  return { at: at.toISOString(), dateOnly: dateOnly ?? false, writtenAs: writtenAs ?? "" };
}

/** The report fields of one stored certificate (before validation). */
export function certificateFromRow(c: CertificateRow) {
  return {
    ...c,
    notBefore: iso(c.notBefore),
    notAfter: iso(c.notAfter),
    issuedAt: iso(c.issuedAt),
    dnsNames: JSON.parse(c.dnsNames) as unknown,
    links: JSON.parse(c.links) as unknown,
    revocationDate: iso(c.revocationDate),
  };
}

/** Rebuilds the stored report; throws a ZodError if the rows do not make a valid report. */
export function reportFromRow(row: IncidentRow): IncidentReport {
  const lessons = (kind: string) =>
    row.lessonsLearned.filter((l) => l.kind === kind).map((l) => l.text);
  return IncidentReport.parse({
    caOwner: row.caOwner ?? { name: null, ccadbId: null },
    bugNumber: row.bugNumber,
    title: row.title,
    whiteboard: JSON.parse(row.whiteboard),
    status: row.status,
    nextUpdate: row.nextUpdate,
    becameAwareAt: iso(row.becameAwareAt),
    incidentDescription: row.incidentDescription,
    nonComplianceStart: writtenDate(
      row.nonComplianceStartAt,
      row.nonComplianceStartDateOnly,
      row.nonComplianceStartWrittenAs,
    ),
    nonComplianceIdentified: writtenDate(
      row.nonComplianceIdentifiedAt,
      row.nonComplianceIdentifiedDateOnly,
      row.nonComplianceIdentifiedWrittenAs,
    ),
    nonComplianceEnd: writtenDate(
      row.nonComplianceEndAt,
      row.nonComplianceEndDateOnly,
      row.nonComplianceEndWrittenAs,
    ),
    relevantPolicies: row.relevantPolicies,
    disclosureSource: row.disclosureSource,
    disclosureSourceText: row.disclosureSourceText,
    impact: {
      totalCertificates: row.impactTotalCertificates,
      totalCertificatesText: row.impactTotalCertificatesText,
      remainingValid: row.impactRemainingValid,
      remainingValidText: row.impactRemainingValidText,
      affectedTypes: JSON.parse(row.impactAffectedTypes),
      affectedTypesText: row.impactAffectedTypesText,
      incidentHeuristic: row.impactIncidentHeuristic,
      issuanceStopped: row.impactIssuanceStopped,
      analysis: row.impactAnalysis,
      additionalConsiderations: row.impactAdditionalConsiderations,
    },
    timelineNote: row.timelineNote,
    timeline: row.timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
    relatedIncidents: row.relatedIncidents,
    contributingFactors: row.contributingFactors,
    lessonsLearned: {
      wentWell: lessons("wentWell"),
      didntGoWell: lessons("didntGoWell"),
      gotLucky: lessons("gotLucky"),
      additional: lessons("additional"),
    },
    actionItems: row.actionItems.map(({ rootCauses, ...item }) => ({
      ...item,
      rootCauses: rootCauses.map((r) => r.contributingFactor.number),
    })),
    appendix: row.appendix,
    affectedCertificates: row.affectedCertificates.map(certificateFromRow),
    closure: {
      rootCauses: row.closureRootCauses,
      remediationDescription: row.closureRemediationDescription,
      commitmentSummary: row.closureCommitmentSummary,
    },
  });
}
