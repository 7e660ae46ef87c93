import type { IncidentReport } from "@/lib/reports/model";
import { Markdown } from "./markdown";

function offsetLabel(minutes: number): string {
  if (minutes === 0) return "UTC";
  const sign = minutes > 0 ? "+" : "-";
  const abs = Math.abs(minutes);
  const mm = abs % 60 ? `:${String(abs % 60).padStart(2, "0")}` : "";
  return `UTC${sign}${Math.floor(abs / 60)}${mm}`;
}

/** The Timeline section, in UTC, with the author's own wording beside each time. */
export function TimelineSection({ report }: { report: IncidentReport }) {
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline">Timeline</h2>
      {report.timelineNote && <Markdown text={report.timelineNote} />}
      {report.timeline.length === 0 ? (
        <p className="muted">N/A</p>
      ) : (
        <table aria-label="Timeline">
          <thead>
            <tr>
              <th>UTC</th>
              <th>As written</th>
              <th>Event</th>
            </tr>
          </thead>
          <tbody>
            {report.timeline.map((event, i) => (
              <tr key={i}>
                <td style={{ whiteSpace: "nowrap" }}>{event.at.slice(0, 16).replace("T", " ")}</td>
                <td className="muted" style={{ whiteSpace: "nowrap" }}>
                  {event.writtenAs} ({offsetLabel(event.utcOffsetMinutes)})
                </td>
                <td><Markdown text={event.text} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The Related Incidents table. */
export function RelatedIncidentsSection({ report }: { report: IncidentReport }) {
  return (
    <section aria-labelledby="related">
      <h2 id="related">Related Incidents</h2>
      {report.relatedIncidents.length === 0 ? (
        <p className="muted">N/A</p>
      ) : (
        <table aria-label="Related incidents">
          <thead>
            <tr><th>Bug</th><th>Date</th><th>Description</th></tr>
          </thead>
          <tbody>
            {report.relatedIncidents.map((r, i) => (
              <tr key={i}>
                <td>{r.bugUrl ? <a href={r.bugUrl} rel="noreferrer">{r.bug}</a> : r.bug}</td>
                <td>{r.date ?? "—"}</td>
                <td><Markdown text={r.description} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
