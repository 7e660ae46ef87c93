/**
 * From an IncidentReport to rows: the Incident's own columns and its ordered children.
 * Ids are made here so that children can point at each other (action item → factor)
 * without reading anything back inside the transaction.
 */
import { randomUUID } from "node:crypto";
import type { IncidentReport, WrittenDate } from "@/lib/reports/model";
import type { Tx } from "./client";
import type { Prisma } from "./generated/sqlite/client";

const toDate = (iso: string | null) => (iso === null ? null : new Date(iso));

function writtenDateColumns<P extends string>(prefix: P, value: WrittenDate | null) {
  return {
    [`${prefix}At`]: toDate(value?.at ?? null),
    [`${prefix}DateOnly`]: value?.dateOnly ?? null,
    [`${prefix}WrittenAs`]: value?.writtenAs ?? null,
  } as Record<`${P}At`, Date | null> &
    Record<`${P}DateOnly`, boolean | null> &
    Record<`${P}WrittenAs`, string | null>;
}

/** The Incident row's own columns (everything but the owner and the lists). */
export function incidentColumns(report: IncidentReport) {
  const { impact, closure } = report;
  return {
    bugNumber: report.bugNumber,
    title: report.title,
    whiteboard: JSON.stringify(report.whiteboard),
    status: report.status,
    nextUpdate: report.nextUpdate,
    becameAwareAt: toDate(report.becameAwareAt),
    incidentDescription: report.incidentDescription,
    ...writtenDateColumns("nonComplianceStart", report.nonComplianceStart),
    ...writtenDateColumns("nonComplianceIdentified", report.nonComplianceIdentified),
    ...writtenDateColumns("nonComplianceEnd", report.nonComplianceEnd),
    relevantPolicies: report.relevantPolicies,
    disclosureSource: report.disclosureSource,
    disclosureSourceText: report.disclosureSourceText,
    impactTotalCertificates: impact.totalCertificates,
    impactTotalCertificatesText: impact.totalCertificatesText,
    impactRemainingValid: impact.remainingValid,
    impactRemainingValidText: impact.remainingValidText,
    impactAffectedTypes: JSON.stringify(impact.affectedTypes),
    impactAffectedTypesText: impact.affectedTypesText,
    impactIncidentHeuristic: impact.incidentHeuristic,
    impactIssuanceStopped: impact.issuanceStopped,
    impactAnalysis: impact.analysis,
    impactAdditionalConsiderations: impact.additionalConsiderations,
    timelineNote: report.timelineNote,
    appendix: report.appendix,
    closureRootCauses: closure.rootCauses,
    closureRemediationDescription: closure.remediationDescription,
    closureCommitmentSummary: closure.commitmentSummary,
  } satisfies Omit<Prisma.IncidentUncheckedCreateInput, "id" | "caOwnerId">;
}

/** The report's columns of one affected certificate (not the revocation feature's). */
export function certificateColumns(c: IncidentReport["affectedCertificates"][number]) {
  return {
    certificateSha256: c.certificateSha256,
    precertificateSha256: c.precertificateSha256,
    serialHex: c.serialHex,
    subject: c.subject,
    issuer: c.issuer,
    notBefore: toDate(c.notBefore),
    notAfter: toDate(c.notAfter),
    issuedAt: toDate(c.issuedAt),
    dnsNames: JSON.stringify(c.dnsNames),
    crtShId: c.crtShId,
    certSpotterId: c.certSpotterId,
    links: JSON.stringify(c.links),
    reportedProblem: c.reportedProblem,
    isRevoked: c.isRevoked,
    revocationDate: toDate(c.revocationDate),
    revocationReason: c.revocationReason,
    pem: c.pem,
  };
}

/** The id of the CA owner row holding exactly this name and CCADB id, made if missing. */
export async function caOwnerId(tx: Tx, owner: IncidentReport["caOwner"]) {
  if (owner.name === null && owner.ccadbId === null) return null;
  const where = { name: owner.name, ccadbId: owner.ccadbId };
  const found = await tx.caOwner.findFirst({ where, select: { id: true } });
  return found?.id ?? (await tx.caOwner.create({ data: where, select: { id: true } })).id;
}

const LESSON_KINDS = ["wentWell", "didntGoWell", "gotLucky", "additional"] as const;

/**
 * Writes every list of the report except the affected certificates, in report order.
 * Throws (so the caller's transaction rolls back) when an action item names a
 * contributing factor the report does not have.
 */
export async function writeReportLists(tx: Tx, incidentId: string, report: IncidentReport) {
  const at = <T>(rows: T[]) => rows.map((row, position) => ({ incidentId, position, ...row }));

  await tx.timelineEvent.createMany({
    data: at(report.timeline.map((e) => ({ ...e, at: new Date(e.at) }))),
  });
  await tx.relatedIncident.createMany({ data: at(report.relatedIncidents) });
  await tx.lessonLearned.createMany({
    data: LESSON_KINDS.flatMap((kind) =>
      report.lessonsLearned[kind].map((text, position) => ({ incidentId, kind, position, text })),
    ),
  });

  const factorIds = new Map(report.contributingFactors.map((f) => [f.number, randomUUID()]));
  await tx.contributingFactor.createMany({
    data: at(report.contributingFactors.map((f) => ({ ...f, id: factorIds.get(f.number) }))),
  });

  const items = report.actionItems.map(({ rootCauses, ...item }) => ({ ...item, id: randomUUID() }));
  await tx.actionItem.createMany({ data: at(items) });
  const links = report.actionItems.flatMap((item, index) =>
    item.rootCauses.map((number, position) => {
      const contributingFactorId = factorIds.get(number);
      if (contributingFactorId === undefined) {
        throw new Error(
          `Action item ${index + 1} ("${item.text.slice(0, 60)}") refers to contributing ` +
            `factor #${number}, which the report does not have`,
        );
      }
      return { actionItemId: items[index]!.id, position, contributingFactorId };
    }),
  );
  await tx.actionItemRootCause.createMany({ data: links });
}
