import Link from "next/link";
import { IncidentsTable, type IncidentRow } from "@/components/data-table/incidents-table";
import { listIncidents } from "@/lib/db/incidents.server";

export const dynamic = "force-dynamic";

export default async function DashboardPage() {
  const incidents = await listIncidents();
  const rows: IncidentRow[] = incidents.map((i) => ({
    id: i.id,
    bugNumber: i.bugNumber,
    title: i.title ?? "(untitled incident)",
    caOwner: i.caOwnerName ?? "—",
    status: i.status,
    identified: i.nonComplianceIdentified,
    certificates: i.certificateCount,
    openActionItems: i.openActionItemCount,
    nextDue: i.nextDueDate,
  }));

  return (
    <>
      <div className="toolbar" style={{ justifyContent: "space-between" }}>
        <h1>Incidents</h1>
        <Link className="button" href="/incidents/import">
          Import a Full Incident Report
        </Link>
      </div>
      <IncidentsTable rows={rows} />
    </>
  );
}
