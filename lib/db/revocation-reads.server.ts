/**
 * Reading revocation results: the latest sweep of an incident, each certificate's latest
 * OCSP and CRL check, one certificate's history, one check with its bytes (evidence).
 */
import { SETTLED_VERDICTS, type StatusCounts } from "@/lib/checks/status-page";
import { getDb, type Db } from "./client";
import { Prisma } from "./generated/sqlite/client";

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

/** Which certificates a page lists: all, those needing attention, or one latest verdict. */
export type { StatusCounts };

export type StatusFilter =
  | { kind: "all" }
  | { kind: "attention" }
  | { kind: "unchecked" }
  | { kind: "verdict"; verdict: string };


/**
 * The newest check of each certificate of the incident (of `onlyIds` when given) and
 * protocol, as a subquery (id, "certificateId", protocol, verdict). A window function does in the database what
 * Prisma's `distinct` would do in memory over the whole history.
 */
function latestChecksSql(incidentId: string, onlyIds?: string[]): Prisma.Sql {
  const only = onlyIds ? Prisma.sql`AND c."certificateId" IN (${Prisma.join(onlyIds)})` : Prisma.empty;
  return Prisma.sql`(
    SELECT ranked.id, ranked."certificateId", ranked.protocol, ranked.verdict FROM (
      SELECT c.id, c."certificateId", c.protocol, c.verdict, ROW_NUMBER() OVER (
        PARTITION BY c."certificateId", c.protocol ORDER BY c."startedAt" DESC, c."createdAt" DESC
      ) AS rn
      FROM "RevocationCheck" c
      JOIN "AffectedCertificate" a ON a.id = c."certificateId"
      WHERE a."incidentId" = ${incidentId} ${only}
    ) ranked
    WHERE ranked.rn = 1
  )`;
}

/**
 * One row per certificate of the incident: id, position, whether it has DER, and its
 * latest OCSP and CRL verdicts (null when never checked). Each latest verdict is one
 * probe of the (certificateId, startedAt) index, so filters and counts cost one pass over
 * the incident's certificates, not over its whole check history.
 */
function statusRowsSql(incidentId: string): Prisma.Sql {
  const latest = (protocol: "ocsp" | "crl") => Prisma.sql`(
    SELECT c.verdict FROM "RevocationCheck" c
    WHERE c."certificateId" = a.id AND c.protocol = ${protocol}
    ORDER BY c."startedAt" DESC, c."createdAt" DESC LIMIT 1)`;
  return Prisma.sql`(
    SELECT a.id, a.position, CASE WHEN a.der IS NULL THEN 0 ELSE 1 END AS checkable,
      ${latest("ocsp")} AS ocsp, ${latest("crl")} AS crl
    FROM "AffectedCertificate" a WHERE a."incidentId" = ${incidentId}
  )`;
}

function filterSql(filter: StatusFilter): Prisma.Sql {
  const settled = Prisma.join([...SETTLED_VERDICTS]);
  switch (filter.kind) {
    case "all":
      return Prisma.empty;
    case "attention":
      return Prisma.sql`WHERE s.ocsp NOT IN (${settled}) OR s.crl NOT IN (${settled})`;
    case "unchecked":
      return Prisma.sql`WHERE s.checkable = 1 AND s.ocsp IS NULL AND s.crl IS NULL`;
    case "verdict":
      return Prisma.sql`WHERE s.ocsp = ${filter.verdict} OR s.crl = ${filter.verdict}`;
  }
}

/** Counts of an incident's certificates by latest verdict, from one grouped query. */
export async function certificateStatusCounts(incidentId: string, db: Db = getDb()): Promise<StatusCounts> {
  type Group = { checkable: bigint | number; ocsp: string | null; crl: string | null; n: bigint | number };
  const groups = await db.$queryRaw<Group[]>`
    SELECT s.checkable, s.ocsp, s.crl, COUNT(*) AS n FROM ${statusRowsSql(incidentId)} s
    GROUP BY s.checkable, s.ocsp, s.crl`;
  const counts: StatusCounts = { certificates: 0, checkable: 0, unchecked: 0, attention: 0, ocsp: {}, crl: {} };
  const settled = new Set<string>(SETTLED_VERDICTS);
  const add = (into: Record<string, number>, verdict: string | null, n: number) => {
    if (verdict !== null) into[verdict] = (into[verdict] ?? 0) + n;
  };
  for (const g of groups) {
    const n = Number(g.n);
    const checkable = Number(g.checkable) === 1;
    counts.certificates += n;
    if (checkable) counts.checkable += n;
    if (checkable && g.ocsp === null && g.crl === null) counts.unchecked += n;
    if ([g.ocsp, g.crl].some((v) => v !== null && !settled.has(v))) counts.attention += n;
    add(counts.ocsp, g.ocsp, n);
    add(counts.crl, g.crl, n);
  }
  return counts;
}

/**
 * One page of an incident's certificates, in report order, with their latest checks:
 * what the revocation panel shows and polls. `total` counts the certificates the filter
 * keeps, so a pager can be drawn.
 */
export async function certificateStatusPage(
  incidentId: string,
  page: { offset: number; limit: number; filter: StatusFilter },
  db: Db = getDb(),
) {
  const rows = statusRowsSql(incidentId);
  const where = filterSql(page.filter);
  const [ids, total] = await Promise.all([
    db.$queryRaw<{ id: string }[]>`
      SELECT s.id FROM ${rows} s ${where} ORDER BY s.position, s.id LIMIT ${page.limit} OFFSET ${page.offset}`,
    page.filter.kind === "all"
      ? db.$queryRaw<{ n: bigint | number }[]>`
          SELECT COUNT(*) AS n FROM "AffectedCertificate" a WHERE a."incidentId" = ${incidentId}`
      : db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS n FROM ${rows} s ${where}`,
  ]);
  const certificates = await certificatesWithLatestChecks(incidentId, db, ids.map((r) => r.id));
  return { total: Number(total[0]?.n ?? 0), certificates };
}

/**
 * An incident's certificates (those with DER or a SHA-256) with their latest checks, in
 * report order; only those of `onlyIds` when given.
 */
export async function certificatesWithLatestChecks(incidentId: string, db: Db = getDb(), onlyIds?: string[]) {
  const scope = onlyIds ? { incidentId, id: { in: onlyIds } } : { incidentId };
  const certificates = await db.affectedCertificate.findMany({
    where: scope,
    orderBy: [{ position: "asc" }, { id: "asc" }],
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
    where: { ...scope, der: { not: null } },
    select: { id: true },
  });
  const checkable = new Set(withDer.map((c) => c.id));
  const latest = await latestCheckIds(incidentId, db, onlyIds);
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

/** Ids of the newest check per certificate and protocol (of `onlyIds` when given). */
async function latestCheckIds(incidentId: string, db: Db, onlyIds?: string[]): Promise<string[]> {
  if (onlyIds && onlyIds.length === 0) return [];
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT l.id FROM ${latestChecksSql(incidentId, onlyIds)} l`;
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

/** How many of the incident's certificates have DER to check. */
export function checkableCertificates(incidentId: string, db: Db = getDb()): Promise<number> {
  return db.affectedCertificate.count({ where: { incidentId, der: { not: null } } });
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
