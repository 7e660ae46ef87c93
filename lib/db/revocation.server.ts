/**
 * The sweep engine's storage (lib/checks/store.ts) on Prisma. Every write is one short
 * transaction; nothing here waits on the network.
 */
import type { NewCheck, RevocationStore, SweepCertificate, SweepRecord, SweepStatus } from "@/lib/checks/store";
import { getDb, type Db } from "./client";
import { Prisma } from "./generated/sqlite/client";

const sweepSelect = {
  id: true,
  incidentId: true,
  status: true,
  total: true,
  completed: true,
  startedAt: true,
  finishedAt: true,
  heartbeatAt: true,
  certificateIds: true,
} as const;

type SweepRow = Omit<SweepRecord, "status" | "scope"> & { status: string; certificateIds: string | null };

function toSweep(row: SweepRow): SweepRecord {
  const { certificateIds, ...rest } = row;
  const scope = certificateIds === null ? null : (JSON.parse(certificateIds) as string[]);
  return { ...rest, status: row.status as SweepStatus, scope };
}

/** The certificates a sweep covers: its incident's rows with DER, or the chosen subset. */
function scopeWhere(incidentId: string, certificateIds: string[] | null) {
  return { incidentId, der: { not: null }, ...(certificateIds ? { id: { in: certificateIds } } : {}) };
}

/** Prisma's Bytes type is Uint8Array<ArrayBuffer>; ours come from Buffers and pkijs views. */
function bytes(value: Uint8Array | null): Uint8Array<ArrayBuffer> | null {
  return value as Uint8Array<ArrayBuffer> | null;
}

/**
 * The sweep's work list, read without asking the database "which certificates have no
 * check in this sweep" per page: SQLite answered that through the sweepId index, one scan
 * of the sweep's checks per certificate (1 s a page at 6 000 certificates, blocking the
 * event loop). Instead the ids already checked are read once, and pages of the scope are
 * filtered against them; rows written later in the run lie behind the cursor anyway.
 */
function pendingReader(db: Db) {
  const done = new Map<string, Set<string>>();
  return async (sweepId: string, afterId: string | null, limit: number): Promise<SweepCertificate[]> => {
    const sweep = await db.revocationSweep.findUnique({
      where: { id: sweepId },
      select: { incidentId: true, certificateIds: true },
    });
    if (!sweep) return [];
    let checked = done.get(sweepId);
    if (!checked || afterId === null) {
      const rows = await db.revocationCheck.findMany({ where: { sweepId }, select: { certificateId: true } });
      checked = new Set(rows.map((r) => r.certificateId));
      done.set(sweepId, checked);
    }
    const scope = sweep.certificateIds ? (JSON.parse(sweep.certificateIds) as string[]).sort() : null;
    const list = (text: string | null) => (text ? (JSON.parse(text) as string[]) : null);
    for (let cursor = afterId; ; ) {
      // A chosen subset pages through its own sorted ids; the whole incident by id order.
      const from = scope ? scope.findIndex((id) => cursor === null || id > cursor) : 0;
      const ids = scope ? (from < 0 ? [] : scope.slice(from, from + limit)) : null;
      if (ids && ids.length === 0) return [];
      const page = await db.affectedCertificate.findMany({
        where: {
          incidentId: sweep.incidentId,
          der: { not: null },
          ...(ids ? { id: { in: ids } } : cursor === null ? {} : { id: { gt: cursor } }),
        },
        orderBy: { id: "asc" },
        take: limit,
        select: { id: true, der: true, issuerCertificateId: true, serialHex: true, ocspUrls: true, crlUrls: true },
      });
      const last = ids ? ids[ids.length - 1] : page[page.length - 1]?.id;
      const pending = page.filter((r) => !checked.has(r.id));
      if (pending.length > 0 || last === undefined) {
        return pending.flatMap(({ der, ocspUrls, crlUrls, ...r }) =>
          der ? [{ ...r, der, ocspUrls: list(ocspUrls), crlUrls: list(crlUrls) }] : [],
        );
      }
      cursor = last;
    }
  };
}

/** The {@link RevocationStore} on a Prisma client (default: the app's). */
export function prismaRevocationStore(db: Db = getDb()): RevocationStore {
  return {
    async createSweep(incidentId, certificateIds, startedAt) {
      const row = await db.$transaction(async (tx) => {
        const total = await tx.affectedCertificate.count({ where: scopeWhere(incidentId, certificateIds) });
        return tx.revocationSweep.create({
          data: {
            incidentId,
            status: "running",
            total,
            completed: 0,
            startedAt,
            heartbeatAt: startedAt,
            certificateIds: certificateIds ? JSON.stringify(certificateIds) : null,
          },
          select: sweepSelect,
        });
      });
      return toSweep(row);
    },

    async getSweep(sweepId) {
      const row = await db.revocationSweep.findUnique({ where: { id: sweepId }, select: sweepSelect });
      return row ? toSweep(row) : null;
    },

    pendingCertificates: pendingReader(db),

    async issuers(ids) {
      return db.issuerCertificate.findMany({ where: { id: { in: ids } }, select: { id: true, der: true } });
    },

    async insertChecks(sweepId, rows: NewCheck[], certificates) {
      // Raw multi-row INSERT: createMany spent ~0.8 ms per row converting Bytes to base64
      // and back; identical SQL on SQLite and PostgreSQL (quoted names, bound values).
      const createdAt = new Date();
      const values = rows.map(
        (r) => Prisma.sql`(${r.id}, ${r.certificateId}, ${r.sweepId}, ${r.protocol}, ${r.url}, ${r.method},
          ${r.startedAt}, ${r.durationMs}, ${r.httpStatus}, ${r.contentType}, ${bytes(r.requestBytes)},
          ${bytes(r.responseBytes)}, ${r.parsedJson}, ${r.verdict}, ${r.verdictDetail}, ${createdAt})`,
      );
      await db.$transaction([
        db.$executeRaw`INSERT INTO "RevocationCheck" ("id", "certificateId", "sweepId", "protocol", "url",
          "method", "startedAt", "durationMs", "httpStatus", "contentType", "requestBytes", "responseBytes",
          "parsedJson", "verdict", "verdictDetail", "createdAt") VALUES ${Prisma.join(values)}`,
        db.revocationSweep.update({
          where: { id: sweepId },
          data: { completed: { increment: certificates }, heartbeatAt: createdAt },
          select: { id: true },
        }),
      ]);
    },

    async heartbeat(sweepId, at) {
      await db.revocationSweep.updateMany({
        where: { id: sweepId, status: "running" },
        data: { heartbeatAt: at },
      });
    },

    async reopenSweep(sweepId, at) {
      const { count } = await db.revocationSweep.updateMany({
        where: { id: sweepId, status: "interrupted" },
        data: { status: "running", finishedAt: null, heartbeatAt: at },
      });
      return count > 0;
    },

    async finishSweep(sweepId, status, at) {
      // "done" also ends a sweep taken for dead while its process was in fact still busy
      // (a long CRL decode starves the heartbeat): every certificate has its check.
      const from = status === "done" ? ["running", "interrupted"] : ["running"];
      await db.revocationSweep.updateMany({
        where: { id: sweepId, status: { in: from } },
        data: { status, finishedAt: at },
      });
    },

    async runningSweeps(incidentId) {
      const running = await db.revocationSweep.findMany({
        where: { status: "running", ...(incidentId ? { incidentId } : {}) },
        select: { id: true, startedAt: true, heartbeatAt: true },
      });
      return Promise.all(
        running.map(async (s) => {
          if (s.heartbeatAt) return { id: s.id, lastActivityAt: s.heartbeatAt };
          // Started before heartbeats existed: its latest check is its last sign of life.
          const last = await db.revocationCheck.aggregate({
            where: { sweepId: s.id },
            _max: { createdAt: true },
          });
          return { id: s.id, lastActivityAt: last._max.createdAt ?? s.startedAt };
        }),
      );
    },
  };
}
