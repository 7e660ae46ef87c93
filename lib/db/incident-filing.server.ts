/** Updating an incident's filing facts (bug, title, whiteboard, status, next update). */
import type { IncidentFiling } from "@/lib/incidents/filing";
import { getDb, type Db } from "./client";

/** Writes the filing facts of one incident; false when there is no such incident. */
export async function updateIncidentFiling(
  id: string,
  filing: IncidentFiling,
  db: Db = getDb(),
): Promise<boolean> {
  const { count } = await db.incident.updateMany({
    where: { id },
    data: {
      title: filing.title,
      bugNumber: filing.bugNumber,
      status: filing.status,
      whiteboard: JSON.stringify(filing.whiteboard),
      nextUpdate: filing.nextUpdate,
    },
  });
  return count === 1;
}
