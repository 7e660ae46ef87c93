import type { IncidentReport, WrittenDate } from "@/lib/reports/model";
import { Markdown } from "./markdown";

function writtenDate(d: WrittenDate | null) {
  if (!d) return <span className="muted">N/A</span>;
  const utc = d.dateOnly ? d.at.slice(0, 10) : `${d.at.slice(0, 16).replace("T", " ")} UTC`;
  return (
    <>
      {utc}
      {d.writtenAs && d.writtenAs !== utc && <span className="muted"> (written “{d.writtenAs}”)</span>}
    </>
  );
}

function countWithText(value: number | null, text: string) {
  if (value === null) return <Markdown text={text} />;
  return (
    <>
      <strong>{value.toLocaleString("en-US")}</strong>
      {text && text !== String(value) && <span className="muted"> — “{text}”</span>}
    </>
  );
}

/** The Summary section of the Full report. */
export function SummarySection({ report }: { report: IncidentReport }) {
  const owner = [report.caOwner.ccadbId, report.caOwner.name].filter(Boolean).join(" — ");
  return (
    <section aria-labelledby="summary">
      <h2 id="summary">Summary</h2>
      <dl className="fields">
        <dt>CA Owner CCADB unique ID</dt>
        <dd>{owner || <span className="muted">N/A</span>}</dd>
        <dt>Incident description</dt>
        <dd><Markdown text={report.incidentDescription} /></dd>
        <dt>Non-compliance start date</dt>
        <dd>{writtenDate(report.nonComplianceStart)}</dd>
        <dt>Non-compliance identified date</dt>
        <dd>{writtenDate(report.nonComplianceIdentified)}</dd>
        <dt>Non-compliance end date</dt>
        <dd>{writtenDate(report.nonComplianceEnd)}</dd>
        <dt>Relevant policies</dt>
        <dd><Markdown text={report.relevantPolicies} /></dd>
        <dt>Source of incident disclosure</dt>
        <dd>
          {report.disclosureSource ?? <span className="muted">unclassified</span>}
          {report.disclosureSourceText && report.disclosureSourceText !== report.disclosureSource && (
            <span className="muted"> — “{report.disclosureSourceText}”</span>
          )}
        </dd>
      </dl>
    </section>
  );
}

/** The Impact section. */
export function ImpactSection({ report }: { report: IncidentReport }) {
  const { impact } = report;
  return (
    <section aria-labelledby="impact">
      <h2 id="impact">Impact</h2>
      <dl className="fields">
        <dt>Total number of certificates</dt>
        <dd>{countWithText(impact.totalCertificates, impact.totalCertificatesText)}</dd>
        <dt>Total number of “remaining valid” certificates</dt>
        <dd>{countWithText(impact.remainingValid, impact.remainingValidText)}</dd>
        <dt>Affected certificate types</dt>
        <dd>{impact.affectedTypes.join(", ") || <Markdown text={impact.affectedTypesText} />}</dd>
        <dt>Incident heuristic</dt>
        <dd><Markdown text={impact.incidentHeuristic} /></dd>
        <dt>Was issuance stopped?</dt>
        <dd><Markdown text={impact.issuanceStopped} /></dd>
        <dt>Analysis</dt>
        <dd><Markdown text={impact.analysis} /></dd>
        <dt>Additional considerations</dt>
        <dd><Markdown text={impact.additionalConsiderations} /></dd>
      </dl>
    </section>
  );
}
