/**
 * The form of a report that markdown can carry. A Bugzilla comment cannot hold a value's
 * leading or trailing blank space, and the template's "N/A" means "empty", so a report
 * imported from markdown is always in this form. Normalising before storing keeps an
 * edited report equal to its own render → import.
 */
import { isNotApplicable } from "./markdown";
import type { IncidentReport } from "./model";

/** Trimmed, with "N/A" (any case) read as empty. */
function text(value: string): string {
  const trimmed = value.trim();
  return isNotApplicable(trimmed) ? "" : trimmed;
}

function items(values: readonly string[]): string[] {
  return values.map(text).filter((v) => v !== "");
}

/**
 * Returns `report` as it comes back from `parseFullReport(renderFullReport(report))`:
 * markdown values trimmed, N/A values emptied, empty lesson items dropped, and a due-date
 * text that only repeats the due date cleared.
 */
export function normalizeReport(report: IncidentReport): IncidentReport {
  const impact = report.impact;
  return {
    ...report,
    caOwner: { ...report.caOwner, name: report.caOwner.name?.trim() || null },
    incidentDescription: text(report.incidentDescription),
    relevantPolicies: text(report.relevantPolicies),
    disclosureSourceText: text(report.disclosureSourceText),
    impact: {
      ...impact,
      totalCertificatesText: text(impact.totalCertificatesText),
      remainingValidText: text(impact.remainingValidText),
      affectedTypesText: text(impact.affectedTypesText),
      incidentHeuristic: text(impact.incidentHeuristic),
      issuanceStopped: text(impact.issuanceStopped),
      analysis: text(impact.analysis),
      additionalConsiderations: text(impact.additionalConsiderations),
    },
    timelineNote: text(report.timelineNote),
    timeline: report.timeline.map((e) => ({ ...e, text: e.text.trim() })),
    relatedIncidents: report.relatedIncidents.map((r) => ({
      ...r,
      bug: r.bug.trim(),
      description: text(r.description),
    })),
    contributingFactors: report.contributingFactors.map((f) => ({
      ...f,
      title: f.title.trim(),
      description: text(f.description),
      timeline: text(f.timeline),
      detection: text(f.detection),
      interaction: text(f.interaction),
      methodology: f.methodology === null ? null : text(f.methodology) || null,
    })),
    lessonsLearned: {
      wentWell: items(report.lessonsLearned.wentWell),
      didntGoWell: items(report.lessonsLearned.didntGoWell),
      gotLucky: items(report.lessonsLearned.gotLucky),
      additional: items(report.lessonsLearned.additional),
    },
    actionItems: report.actionItems.map((a) => ({
      ...a,
      text: text(a.text),
      rootCausesText: text(a.rootCausesText),
      evaluationCriteria: text(a.evaluationCriteria),
      dueDateText: a.dueDateText.trim() === a.dueDate ? "" : text(a.dueDateText),
    })),
    appendix: text(report.appendix),
    closure: {
      rootCauses: text(report.closure.rootCauses),
      remediationDescription: text(report.closure.remediationDescription),
      commitmentSummary: text(report.closure.commitmentSummary),
    },
  };
}
