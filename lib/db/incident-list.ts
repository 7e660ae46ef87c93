/** The dashboard's view of all incidents: one summary row each, newest first. */
import type { ActionItemStatus, IncidentStatus } from "@/lib/reports/model";
import { getDb, type Db } from "./client";

/** Action items that still need work. */
const OPEN_STATUSES: ActionItemStatus[] = ["Ongoing", "Delayed"];

/** One line of the incidents table. Instants are ISO strings, dates "YYYY-MM-DD". */
export interface IncidentSummaryRow {
  id: string;
  bugNumber: number | null;
  title: string | null;
  caOwnerName: string | null;
  status: IncidentStatus;
  nonComplianceStart: string | null;
  nonComplianceIdentified: string | null;
  nonComplianceEnd: string | null;
  certificateCount: number;
  openActionItemCount: number;
  /** Earliest due date among open action items that have one. */
  nextDueDate: string | null;
  createdAt: string;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Every incident, newest first, with the counts a dashboard needs. */
export async function listIncidents(db: Db = getDb()): Promise<IncidentSummaryRow[]> {
  const open = { status: { in: OPEN_STATUSES } };
  const rows = await db.incident.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      bugNumber: true,
      title: true,
      caOwner: { select: { name: true } },
      status: true,
      nonComplianceStartAt: true,
      nonComplianceIdentifiedAt: true,
      nonComplianceEndAt: true,
      createdAt: true,
      _count: { select: { affectedCertificates: true, actionItems: { where: open } } },
      actionItems: {
        where: { ...open, dueDate: { not: null } },
        orderBy: { dueDate: "asc" },
        take: 1,
        select: { dueDate: true },
      },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    bugNumber: row.bugNumber,
    title: row.title,
    caOwnerName: row.caOwner?.name ?? null,
    // Written only through createIncident/replaceIncident, which validate it.
    status: row.status as IncidentStatus,
    nonComplianceStart: iso(row.nonComplianceStartAt),
    nonComplianceIdentified: iso(row.nonComplianceIdentifiedAt),
    nonComplianceEnd: iso(row.nonComplianceEndAt),
    certificateCount: row._count.affectedCertificates,
    openActionItemCount: row._count.actionItems,
    nextDueDate: row.actionItems[0]?.dueDate ?? null,
    createdAt: row.createdAt.toISOString(),
  }));
}
