/**
 * Incidents in the database: each function stores or loads the whole IncidentReport, and
 * every write is one transaction, so a failure leaves nothing half-written.
 */
import { IncidentReport } from "@/lib/reports/model";
import { getDb, type Db } from "./client";
import { createCertificates, replaceCertificates } from "./certificates-write";
import { incidentSelect, reportFromRow } from "./incident-read";
import { caOwnerId, incidentColumns, writeReportLists } from "./incident-write";

export { listIncidents, type IncidentSummaryRow } from "./incident-list";

/** A stored report with its database identity. Instants are ISO strings. */
export type StoredIncident = IncidentReport & { id: string; createdAt: string; updatedAt: string };

// Large imports (thousands of certificates) take longer than Prisma's 5 s default.
const WRITE = { maxWait: 10_000, timeout: 120_000 } as const;

/**
 * Stores a new incident with all its lists, in one transaction. Throws a ZodError if the
 * report is not valid, or an Error naming the problem (e.g. an action item citing a
 * contributing factor the report lacks); in both cases nothing is written.
 */
export async function createIncident(report: IncidentReport, db: Db = getDb()) {
  const valid = IncidentReport.parse(report);
  return db.$transaction(async (tx) => {
    const { id } = await tx.incident.create({
      data: { ...incidentColumns(valid), caOwnerId: await caOwnerId(tx, valid.caOwner) },
      select: { id: true },
    });
    await writeReportLists(tx, id, valid);
    await createCertificates(tx, id, valid);
    return { id };
  }, WRITE);
}

/** The stored incident exactly as it was written (lists in order), or null if there is none. */
export async function getIncident(id: string, db: Db = getDb()): Promise<StoredIncident | null> {
  const row = await db.incident.findUnique({ where: { id }, select: incidentSelect });
  if (row === null) return null;
  return {
    ...reportFromRow(row),
    id: row.id,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Replaces a stored incident by `report`, in one transaction. Affected certificates that
 * stay in the report keep their rows and revocation data. Returns null if there is no
 * incident `id`.
 */
export async function replaceIncident(id: string, report: IncidentReport, db: Db = getDb()) {
  const valid = IncidentReport.parse(report);
  return db.$transaction(async (tx) => {
    const found = await tx.incident.findUnique({ where: { id }, select: { id: true } });
    if (found === null) return null;
    await tx.incident.update({
      where: { id },
      data: { ...incidentColumns(valid), caOwnerId: await caOwnerId(tx, valid.caOwner) },
      select: { id: true },
    });
    const owned = { where: { incidentId: id } };
    await tx.timelineEvent.deleteMany(owned);
    await tx.relatedIncident.deleteMany(owned);
    await tx.lessonLearned.deleteMany(owned);
    await tx.actionItem.deleteMany(owned);
    await tx.contributingFactor.deleteMany(owned);
    await writeReportLists(tx, id, valid);
    await replaceCertificates(tx, id, valid);
    return { id };
  }, WRITE);
}

/** Deletes an incident and everything that hangs off it. False if there was none. */
export async function deleteIncident(id: string, db: Db = getDb()): Promise<boolean> {
  const { count } = await db.incident.deleteMany({ where: { id } });
  return count > 0;
}

/** How many incidents are stored (the seed step runs only on an empty database). */
export async function countIncidents(db: Db = getDb()): Promise<number> {
  return db.incident.count();
}
