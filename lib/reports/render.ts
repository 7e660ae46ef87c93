/**
 * Renders an `IncidentReport` as the CCADB v3.2 markdown a CA posts to Bugzilla: the Full
 * Incident Report, the Preliminary Incident Report, and the Report Closure Summary. The
 * Full report is written so that `parseFullReport` reads it back to the same report.
 */
import { dueDateCell, rootCauseCell } from "./action-items";
import { writeCertificateCsv } from "./certificate-csv";
import { parseMarkdown, plainText } from "./markdown";
import type { ContributingFactor, IncidentReport, TimelineEvent } from "./model";
import {
  NA,
  bulletAfter,
  escapeInline,
  fenced,
  labelled,
  labelledItems,
  link,
  utcLabel,
  writtenAsMarker,
  writtenDate,
} from "./render-blocks";
import { renderTable } from "./tables";
import { UTC_ZONE, zoneInSentence } from "./zones";

/** The closing sentence the guidelines' closure template requires, word for word. */
export const CLOSURE_STATEMENT =
  "All Action Items disclosed in this report have been completed as described, and we request its closure.";

const ACTION_ITEM_COLUMNS = [
  "Action Item",
  "Kind",
  "Corresponding Root Cause(s)",
  "Evaluation Criteria",
  "Due Date",
  "Status",
] as const;

/** The Full Incident Report, every template field present, in template order. */
export function renderFullReport(report: IncidentReport): string {
  const parts = [
    "## Full Incident Report",
    "### Summary",
    summary(report),
    "### Impact",
    impact(report),
    "### Timeline",
    timeline(report),
    "### Related Incidents",
    relatedIncidents(report),
    "### Root Cause Analysis",
    report.contributingFactors.map(factor).join("\n\n") || NA,
    "### Lessons Learned",
    lessons(report),
    "### Action Items",
    actionItems(report),
    "### Appendix",
    appendix(report),
  ];
  return `${parts.map((p) => p.replace(/\n+$/, "")).join("\n\n")}\n`;
}

/** The Preliminary Incident Report: description, policies, source of disclosure. */
export function renderPreliminaryReport(report: IncidentReport): string {
  const fields = [
    labelled("Incident description:", report.incidentDescription),
    labelled("Relevant policies:", report.relevantPolicies),
    labelled("Source of incident disclosure:", disclosure(report)),
  ];
  return `## Preliminary Incident Report\n\n### Summary\n\n${fields.join("\n")}\n`;
}

/** The contributing factors by number and title, when no closure text was written. */
function factorTitles(report: IncidentReport): string {
  return report.contributingFactors
    .map((f) => `Contributing Factor #${f.number}${f.title ? `: ${f.title}` : ""}`)
    .join("; ");
}

/**
 * Action items that stop an incident from closing: the closing statement says every
 * action item is complete, so Ongoing or Delayed ones make it untrue.
 */
export function openActionItems(report: IncidentReport): IncidentReport["actionItems"] {
  return report.actionItems.filter((a) => a.status === "Ongoing" || a.status === "Delayed");
}

/** The Report Closure Summary, ending with the guidelines' closing statement. */
export function renderClosureSummary(report: IncidentReport): string {
  const fields = [
    labelled("Incident description:", report.incidentDescription),
    labelled("Incident Root Cause(s):", report.closure.rootCauses || factorTitles(report)),
    labelled("Remediation description:", report.closure.remediationDescription),
    labelled("Commitment summary:", report.closure.commitmentSummary),
  ];
  return `### Report Closure Summary\n\n${fields.join("\n")}\n\n${CLOSURE_STATEMENT}\n`;
}

function timelineZone(report: IncidentReport) {
  return zoneInSentence(plainText(parseMarkdown(report.timelineNote).children)) ?? UTC_ZONE;
}

function summary(report: IncidentReport): string {
  const { name, ccadbId } = report.caOwner;
  const owner = ccadbId && name ? `${ccadbId} (${name})` : (ccadbId ?? name ?? "");
  const zone = timelineZone(report);
  return [
    labelled("CA Owner CCADB unique ID:", owner),
    labelled("Incident description:", report.incidentDescription),
    "- **Timeline summary:**",
    labelled("Non-compliance start date:", writtenDate(report.nonComplianceStart, zone), 1),
    labelled("Non-compliance identified date:", writtenDate(report.nonComplianceIdentified, zone), 1),
    labelled("Non-compliance end date:", writtenDate(report.nonComplianceEnd, zone), 1),
    labelled("Relevant policies:", report.relevantPolicies),
    labelled("Source of incident disclosure:", disclosure(report)),
  ].join("\n");
}

function disclosure(report: IncidentReport): string {
  return report.disclosureSourceText || report.disclosureSource || "";
}

function impact(report: IncidentReport): string {
  const i = report.impact;
  const count = (text: string, n: number | null) => text || (n === null ? "" : String(n));
  return [
    labelled("Total number of certificates:", count(i.totalCertificatesText, i.totalCertificates)),
    labelled(
      'Total number of "remaining valid" certificates:',
      count(i.remainingValidText, i.remainingValid),
    ),
    labelled("Affected certificate types:", i.affectedTypesText || i.affectedTypes.join(", ")),
    labelled("Incident heuristic:", i.incidentHeuristic),
    labelled("Was issuance stopped in response to this incident, and why or why not?:", i.issuanceStopped),
    labelled("Analysis:", i.analysis),
    labelled("Additional considerations:", i.additionalConsiderations),
  ].join("\n");
}

function timeline(report: IncidentReport): string {
  const note = report.timelineNote.trim();
  // A note ending in a "-" list would swallow the events into it; another bullet keeps them apart.
  const bullet = note ? bulletAfter(note) : "-";
  const events = report.timeline.map((e) => event(e, bullet)).join("\n");
  return [note, events].filter(Boolean).join("\n\n") || NA;
}

function event(e: TimelineEvent, bullet: string): string {
  const label = utcLabel(e.at);
  const asWritten = e.utcOffsetMinutes === 0 && e.writtenAs === label;
  const marker = asWritten ? "" : ` ${writtenAsMarker(e.writtenAs, e.utcOffsetMinutes)}`;
  const head = `${bullet} **${label}**${marker}`;
  const text = e.text.trim();
  if (text === "") return head;
  if (!text.includes("\n") && !/^[:：\-–—](\s|$)/.test(text)) return `${head} ${text}`;
  return `${head}\n\n${text.split("\n").map((l) => (l.trim() ? `  ${l}` : "")).join("\n")}\n`;
}

function relatedIncidents(report: IncidentReport): string {
  if (report.relatedIncidents.length === 0) return NA;
  const rows = report.relatedIncidents.map((r) => [
    r.bugUrl ? link(r.bug, r.bugUrl) : escapeInline(r.bug),
    r.date ?? NA,
    r.description || NA,
  ]);
  return renderTable(["Bug", "Date", "Description"], rows);
}

function factor(f: ContributingFactor): string {
  const title = f.title.trim() ? `: ${escapeInline(f.title.trim())}` : "";
  const fields = [
    labelled("Description:", f.description),
    labelled("Timeline:", f.timeline),
    labelled("Detection:", f.detection),
    labelled("Interaction with other factors:", f.interaction),
    labelled("Root Cause Analysis methodology used:", f.methodology ?? ""),
  ];
  return `**Contributing Factor #${f.number}${title}**\n\n${fields.join("\n")}`;
}

function lessons(report: IncidentReport): string {
  const l = report.lessonsLearned;
  return [
    labelledItems("What went well:", l.wentWell),
    labelledItems("What didn’t go well:", l.didntGoWell),
    labelledItems("Where we got lucky:", l.gotLucky),
    labelledItems("Additional:", l.additional),
  ].join("\n");
}

function actionItems(report: IncidentReport): string {
  if (report.actionItems.length === 0) return NA;
  const rows = report.actionItems.map((a) => [
    a.text || NA,
    a.kind,
    rootCauseCell(a) || NA,
    a.evaluationCriteria || NA,
    dueDateCell(a) || NA,
    a.status,
  ]);
  return renderTable(ACTION_ITEM_COLUMNS, rows);
}

function appendix(report: IncidentReport): string {
  const text = report.appendix.trim();
  const certs = report.affectedCertificates;
  const csv = certs.length ? fenced("csv", writeCertificateCsv(certs)) : "";
  return [text, csv].filter(Boolean).join("\n\n") || NA;
}
