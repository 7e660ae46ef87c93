/**
 * The sweep engine's storage (lib/checks/store.ts) on Prisma. Every write is one short
 * transaction; nothing here waits on the network.
 */
import type { NewCheck, RevocationStore, SweepRecord, SweepStatus } from "@/lib/checks/store";
import { getDb, type Db } from "./client";

const sweepSelect = {
  id: true,
  incidentId: true,
  status: true,
  total: true,
  completed: true,
  startedAt: true,
  finishedAt: true,
} as const;

type SweepRow = { [K in keyof typeof sweepSelect]: K extends "status" ? string : SweepRecord[K] };

function toSweep(row: SweepRow): SweepRecord {
  return { ...row, status: row.status as SweepStatus };
}

/** The certificates a sweep covers: its incident's rows with DER, or the chosen subset. */
function scopeWhere(incidentId: string, certificateIds: string[] | null) {
  return { incidentId, der: { not: null }, ...(certificateIds ? { id: { in: certificateIds } } : {}) };
}

/** Prisma's Bytes type is Uint8Array<ArrayBuffer>; ours come from Buffers and pkijs views. */
function bytes(value: Uint8Array | null): Uint8Array<ArrayBuffer> | null {
  return value as Uint8Array<ArrayBuffer> | null;
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

    async pendingCertificates(sweepId, afterId, limit) {
      const sweep = await db.revocationSweep.findUnique({
        where: { id: sweepId },
        select: { incidentId: true, certificateIds: true },
      });
      if (!sweep) return [];
      const ids = sweep.certificateIds ? (JSON.parse(sweep.certificateIds) as string[]) : null;
      const scope = scopeWhere(sweep.incidentId, ids);
      const rows = await db.affectedCertificate.findMany({
        where: {
          ...scope,
          AND: [afterId ? { id: { gt: afterId } } : {}],
          revocationChecks: { none: { sweepId } },
        },
        orderBy: { id: "asc" },
        take: limit,
        select: { id: true, der: true, issuerCertificateId: true },
      });
      return rows.flatMap((r) => (r.der ? [{ id: r.id, der: r.der, issuerCertificateId: r.issuerCertificateId }] : []));
    },

    async issuers(ids) {
      return db.issuerCertificate.findMany({ where: { id: { in: ids } }, select: { id: true, der: true } });
    },

    async insertChecks(sweepId, rows: NewCheck[], certificates) {
      await db.$transaction([
        db.revocationCheck.createMany({
          data: rows.map((r) => ({ ...r, requestBytes: bytes(r.requestBytes), responseBytes: bytes(r.responseBytes) })),
        }),
        db.revocationSweep.update({
          where: { id: sweepId },
          data: { completed: { increment: certificates } },
          select: { id: true },
        }),
      ]);
    },

    async reopenSweep(sweepId) {
      const { count } = await db.revocationSweep.updateMany({
        where: { id: sweepId, status: "interrupted" },
        data: { status: "running", finishedAt: null },
      });
      return count > 0;
    },

    async finishSweep(sweepId, status, at) {
      await db.revocationSweep.updateMany({
        where: { id: sweepId, status: "running" },
        data: { status, finishedAt: at },
      });
    },

    async runningSweeps(incidentId) {
      const running = await db.revocationSweep.findMany({
        where: { status: "running", ...(incidentId ? { incidentId } : {}) },
        select: { id: true, startedAt: true },
      });
      return Promise.all(
        running.map(async (s) => {
          const last = await db.revocationCheck.aggregate({ where: { sweepId: s.id }, _max: { createdAt: true } });
          return { id: s.id, lastActivityAt: last._max.createdAt ?? s.startedAt };
        }),
      );
    },
  };
}
