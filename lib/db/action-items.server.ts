/** Action items across every incident: what managers track by due date. */
import type { ActionItemKind, ActionItemStatus } from "@/lib/reports/model";
import { getDb, type Db } from "./client";

/** One action item with the incident it belongs to. */
export interface ActionItemRow {
  id: string;
  incidentId: string;
  incidentTitle: string | null;
  bugNumber: number | null;
  caOwnerName: string | null;
  text: string;
  kind: ActionItemKind;
  status: ActionItemStatus;
  /** "YYYY-MM-DD", or null when the report gave no plain date. */
  dueDate: string | null;
  dueDateText: string;
}

/** Every action item of every incident, earliest due date first (undated last). */
export async function listActionItems(db: Db = getDb()): Promise<ActionItemRow[]> {
  const rows = await db.actionItem.findMany({
    orderBy: [{ dueDate: "asc" }, { incidentId: "asc" }, { position: "asc" }],
    select: {
      id: true,
      incidentId: true,
      text: true,
      kind: true,
      status: true,
      dueDate: true,
      dueDateText: true,
      incident: { select: { title: true, bugNumber: true, caOwner: { select: { name: true } } } },
    },
  });
  const items = rows.map((r) => ({
    id: r.id,
    incidentId: r.incidentId,
    incidentTitle: r.incident.title,
    bugNumber: r.incident.bugNumber,
    caOwnerName: r.incident.caOwner?.name ?? null,
    text: r.text,
    kind: r.kind as ActionItemKind,
    status: r.status as ActionItemStatus,
    dueDate: r.dueDate,
    dueDateText: r.dueDateText,
  }));
  // SQLite sorts NULL first and PostgreSQL last; undated items go last on both.
  return [...items.filter((i) => i.dueDate), ...items.filter((i) => !i.dueDate)];
}
