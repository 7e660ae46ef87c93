import type { IncidentReport } from "@/lib/reports/model";
import { Markdown, MarkdownList } from "./markdown";

/** Root Cause Analysis: one block per contributing factor. */
export function RootCauseSection({ report }: { report: IncidentReport }) {
  return (
    <section aria-labelledby="rca">
      <h2 id="rca">Root Cause Analysis</h2>
      {report.contributingFactors.length === 0 && <p className="muted">N/A</p>}
      {report.contributingFactors.map((f) => (
        <article key={f.number}>
          <h3>
            Contributing Factor #{f.number}
            {f.title && `: ${f.title}`}
          </h3>
          <dl className="fields">
            <dt>Description</dt>
            <dd><Markdown text={f.description} /></dd>
            <dt>Timeline</dt>
            <dd><Markdown text={f.timeline} /></dd>
            <dt>Detection</dt>
            <dd><Markdown text={f.detection} /></dd>
            <dt>Interaction with other factors</dt>
            <dd><Markdown text={f.interaction} /></dd>
            <dt>Methodology</dt>
            <dd><Markdown text={f.methodology} /></dd>
          </dl>
        </article>
      ))}
    </section>
  );
}

/** Lessons Learned, the four lists of the template. */
export function LessonsSection({ report }: { report: IncidentReport }) {
  const l = report.lessonsLearned;
  return (
    <section aria-labelledby="lessons">
      <h2 id="lessons">Lessons Learned</h2>
      <dl className="fields">
        <dt>What went well</dt>
        <dd><MarkdownList items={l.wentWell} /></dd>
        <dt>What didn’t go well</dt>
        <dd><MarkdownList items={l.didntGoWell} /></dd>
        <dt>Where we got lucky</dt>
        <dd><MarkdownList items={l.gotLucky} /></dd>
        <dt>Additional</dt>
        <dd><MarkdownList items={l.additional} /></dd>
      </dl>
    </section>
  );
}

/** Action Items, with the overdue ones marked for managers. */
export function ActionItemsSection({ report, today }: { report: IncidentReport; today: string }) {
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">Action Items</h2>
      {report.actionItems.length === 0 ? (
        <p className="muted">N/A</p>
      ) : (
        <table aria-label="Action items">
          <thead>
            <tr>
              <th>Action Item</th><th>Kind</th><th>Corresponding Root Cause(s)</th>
              <th>Evaluation Criteria</th><th>Due Date</th><th>Status</th>
            </tr>
          </thead>
          <tbody>
            {report.actionItems.map((a, i) => {
              const open = a.status === "Ongoing" || a.status === "Delayed";
              const overdue = open && a.dueDate !== null && a.dueDate < today;
              return (
                <tr key={i}>
                  <td><Markdown text={a.text} /></td>
                  <td>{a.kind}</td>
                  <td>{a.rootCauses.map((n) => `#${n}`).join(", ") || a.rootCausesText || "—"}</td>
                  <td><Markdown text={a.evaluationCriteria} /></td>
                  <td className={overdue ? "verdict-bad" : undefined}>
                    {a.dueDate ?? a.dueDateText ?? "—"}
                    {overdue && " (overdue)"}
                  </td>
                  <td>{a.status}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Appendix text. */
export function AppendixSection({ report }: { report: IncidentReport }) {
  return (
    <section aria-labelledby="appendix">
      <h2 id="appendix">Appendix</h2>
      <Markdown text={report.appendix} />
    </section>
  );
}
