import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import {
  ActionItemsSection,
  AppendixSection,
  LessonsSection,
  RootCauseSection,
} from "@/components/incident/analysis-sections";
import { CertificatesSection } from "@/components/incident/certificates-section";
import { ImpactSection, SummarySection } from "@/components/incident/summary-sections";
import { RelatedIncidentsSection, TimelineSection } from "@/components/incident/timeline-sections";
import { FilingForm } from "@/components/incident/filing-form";
import { RevocationPanel } from "@/components/revocation/revocation-panel";
import { getIncident } from "@/lib/db/incidents.server";
import { saveFiling } from "./actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

// generateMetadata and the page need the same incident: read it once per request.
const loadIncident = cache(getIncident);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const incident = await loadIncident((await params).id);
  return { title: incident?.title ?? "Incident" };
}

export default async function IncidentPage({ params }: Props) {
  const { id } = await params;
  const incident = await loadIncident(id);
  if (!incident) notFound();

  const today = new Date().toISOString().slice(0, 10);
  return (
    <>
      <h1>{incident.title ?? "(untitled incident)"}</h1>
      <p>
        {incident.bugNumber && (
          <a href={`https://bugzilla.mozilla.org/show_bug.cgi?id=${incident.bugNumber}`}>
            Bug {incident.bugNumber}
          </a>
        )}{" "}
        <span className="badge">{incident.status.replace("_", " ")}</span>{" "}
        {incident.nextUpdate && (
          <span className={incident.nextUpdate < today ? "badge verdict-bad" : "badge"}>
            Next update {incident.nextUpdate}
            {incident.nextUpdate < today && " (overdue)"}
          </span>
        )}{" "}
        {incident.whiteboard.map((tag) => (
          <span key={tag} className="badge">{tag}</span>
        ))}{" "}
        <Link className="button" href={`/incidents/${id}/report`}>
          Report markdown
        </Link>
      </p>
      <FilingForm
        action={saveFiling.bind(null, id)}
        values={{
          title: incident.title ?? "",
          bugNumber: incident.bugNumber ? String(incident.bugNumber) : "",
          status: incident.status,
          whiteboard: incident.whiteboard.join(" "),
          nextUpdate: incident.nextUpdate ?? "",
        }}
      />
      <SummarySection report={incident} />
      <ImpactSection report={incident} />
      <CertificatesSection certificates={incident.affectedCertificates} />
      <RevocationPanel incidentId={id} />
      <TimelineSection report={incident} />
      <RelatedIncidentsSection report={incident} />
      <RootCauseSection report={incident} />
      <LessonsSection report={incident} />
      <ActionItemsSection report={incident} today={today} />
      <AppendixSection report={incident} />
    </>
  );
}
