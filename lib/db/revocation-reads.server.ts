/**
 * Reading revocation results: the latest sweep of an incident, each certificate's latest
 * OCSP and CRL check, one certificate's history, one check with its bytes (evidence).
 */
import { getDb, type Db } from "./client";

/** A check without its bytes: what lists and histories show. */
const summarySelect = {
  id: true,
  certificateId: true,
  sweepId: true,
  protocol: true,
  url: true,
  method: true,
  startedAt: true,
  durationMs: true,
  httpStatus: true,
  contentType: true,
  verdict: true,
  verdictDetail: true,
} as const;

/** The most recent sweep of an incident, or null. */
export function latestSweep(incidentId: string, db: Db = getDb()) {
  return db.revocationSweep.findFirst({
    where: { incidentId },
    orderBy: { startedAt: "desc" },
    select: { id: true, status: true, total: true, completed: true, startedAt: true, finishedAt: true },
  });
}

/** An incident's certificates (those with DER or a SHA-256) with their latest checks. */
export async function certificatesWithLatestChecks(incidentId: string, db: Db = getDb()) {
  const certificates = await db.affectedCertificate.findMany({
    where: { incidentId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      certificateSha256: true,
      precertificateSha256: true,
      serialHex: true,
      subject: true,
      dnsNames: true,
    },
  });
  // A certificate known only by its hash cannot be checked: no serial, issuer or URLs.
  const withDer = await db.affectedCertificate.findMany({
    where: { incidentId, der: { not: null } },
    select: { id: true },
  });
  const checkable = new Set(withDer.map((c) => c.id));
  const latest = await latestCheckIds(incidentId, db);
  const checks = await inChunks(latest, (ids) =>
    db.revocationCheck.findMany({ where: { id: { in: ids } }, select: summarySelect }),
  );
  const byCertificate = new Map<string, { ocsp?: (typeof checks)[number]; crl?: (typeof checks)[number] }>();
  for (const c of checks) {
    const entry = byCertificate.get(c.certificateId) ?? {};
    entry[c.protocol === "crl" ? "crl" : "ocsp"] = c;
    byCertificate.set(c.certificateId, entry);
  }
  return certificates.map((c) => ({
    id: c.id,
    sha256: c.certificateSha256 ?? c.precertificateSha256,
    serialHex: c.serialHex,
    subject: c.subject,
    dnsNames: JSON.parse(c.dnsNames) as string[],
    checkable: checkable.has(c.id),
    ocsp: byCertificate.get(c.id)?.ocsp ?? null,
    crl: byCertificate.get(c.id)?.crl ?? null,
  }));
}

/**
 * Ids of the newest check per certificate and protocol. A window function does in the
 * database what Prisma's `distinct` would do in memory over the whole history.
 */
async function latestCheckIds(incidentId: string, db: Db): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT ranked.id FROM (
      SELECT c.id, ROW_NUMBER() OVER (
        PARTITION BY c."certificateId", c.protocol ORDER BY c."startedAt" DESC, c."createdAt" DESC
      ) AS rn
      FROM "RevocationCheck" c
      JOIN "AffectedCertificate" a ON a.id = c."certificateId"
      WHERE a."incidentId" = ${incidentId}
    ) ranked
    WHERE ranked.rn = 1`;
  return rows.map((r) => r.id);
}

/** Every check of one certificate, newest first, without the bytes. */
export function certificateHistory(certificateId: string, db: Db = getDb()) {
  return db.revocationCheck.findMany({
    where: { certificateId },
    orderBy: [{ startedAt: "desc" }, { createdAt: "desc" }],
    select: summarySelect,
  });
}

/** Whether an incident exists (for 404s). */
export async function incidentExists(incidentId: string, db: Db = getDb()): Promise<boolean> {
  return (await db.incident.count({ where: { id: incidentId } })) > 0;
}

/** Whether a certificate exists (for 404s). */
export async function certificateExists(certificateId: string, db: Db = getDb()): Promise<boolean> {
  return (await db.affectedCertificate.count({ where: { id: certificateId } })) > 0;
}

/**
 * One check with everything it recorded. A CRL check that shares its sweep's copy of
 * the CRL gets the bytes from the row that stores them.
 */
export async function checkEvidence(checkId: string, db: Db = getDb()) {
  const check = await db.revocationCheck.findUnique({
    where: { id: checkId },
    select: {
      ...summarySelect,
      requestBytes: true,
      responseBytes: true,
      parsedJson: true,
      createdAt: true,
      certificate: { select: { der: true, issuerCertificate: { select: { der: true } } } },
    },
  });
  if (!check || check.responseBytes || check.protocol !== "crl" || !check.sweepId) return check;
  const holder = await db.revocationCheck.findFirst({
    where: { sweepId: check.sweepId, protocol: "crl", url: check.url, NOT: { responseBytes: null } },
    orderBy: { startedAt: "desc" },
    select: { responseBytes: true },
  });
  return { ...check, responseBytes: holder?.responseBytes ?? null };
}

async function inChunks<T>(ids: string[], query: (ids: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  // Under SQLite's bound-parameter limit, with room to spare.
  for (let i = 0; i < ids.length; i += 5000) out.push(...(await query(ids.slice(i, i + 5000))));
  return out;
}

/** Which of `ids` belong to the incident, and which of those have DER to check. */
export async function classifyCertificateIds(incidentId: string, ids: string[], db: Db = getDb()) {
  const known = await db.affectedCertificate.findMany({
    where: { incidentId, id: { in: ids } },
    select: { id: true },
  });
  const withDer = await db.affectedCertificate.findMany({
    where: { incidentId, id: { in: ids }, der: { not: null } },
    select: { id: true },
  });
  const knownIds = new Set(known.map((r) => r.id));
  const checkable = new Set(withDer.map((r) => r.id));
  return {
    unknown: ids.filter((id) => !knownIds.has(id)),
    hashOnly: ids.filter((id) => knownIds.has(id) && !checkable.has(id)),
  };
}
