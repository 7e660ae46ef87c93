/**
 * Writing a report's affected certificates. On replace, a certificate already stored keeps
 * its row (and with it the DER, URLs and revocation checks the revocation feature added);
 * only certificates that left the report are deleted.
 */
import type { IncidentReport } from "@/lib/reports/model";
import type { Tx } from "./client";
import { certificateFromRow, certificateSelect } from "./incident-read";
import { certificateColumns } from "./incident-write";

type Certificate = IncidentReport["affectedCertificates"][number];

/** What identifies a certificate across re-imports; null when the report gives nothing. */
function identity(
  c: Pick<Certificate, "certificateSha256" | "precertificateSha256" | "serialHex" | "issuer">,
) {
  if (c.certificateSha256) return `cert:${c.certificateSha256}`;
  if (c.precertificateSha256) return `precert:${c.precertificateSha256}`;
  if (c.serialHex) return `serial:${c.serialHex}|${c.issuer ?? ""}`;
  return null;
}

/** Inserts the certificates of a new incident. */
export async function createCertificates(tx: Tx, incidentId: string, report: IncidentReport) {
  await tx.affectedCertificate.createMany({
    data: report.affectedCertificates.map((c, position) => ({
      incidentId,
      position,
      ...certificateColumns(c),
    })),
  });
}

/** Makes the stored certificates of `incidentId` match the report's list, in its order. */
export async function replaceCertificates(tx: Tx, incidentId: string, report: IncidentReport) {
  const stored = await tx.affectedCertificate.findMany({
    where: { incidentId },
    select: { id: true, position: true, ...certificateSelect() },
  });
  const unclaimed = new Map<string, typeof stored>();
  for (const row of stored) {
    const key = identity(row);
    if (key !== null) unclaimed.set(key, [...(unclaimed.get(key) ?? []), row]);
  }

  const fresh: ReturnType<typeof certificateColumns>[] = [];
  const freshPositions: number[] = [];
  const kept = new Set<string>();
  for (const [position, certificate] of report.affectedCertificates.entries()) {
    const key = identity(certificate);
    const row = key === null ? undefined : unclaimed.get(key)?.shift();
    if (row === undefined) {
      fresh.push(certificateColumns(certificate));
      freshPositions.push(position);
      continue;
    }
    kept.add(row.id);
    const { id, position: oldPosition, ...columns } = row;
    const unchanged =
      oldPosition === position &&
      JSON.stringify(certificateFromRow(columns)) === JSON.stringify(certificate);
    if (!unchanged) {
      await tx.affectedCertificate.update({
        where: { id },
        data: { position, ...certificateColumns(certificate) },
        select: { id: true },
      });
    }
  }

  const gone = stored.filter((row) => !kept.has(row.id)).map((row) => row.id);
  await tx.affectedCertificate.deleteMany({ where: { id: { in: gone } } });
  await tx.affectedCertificate.createMany({
    data: fresh.map((columns, i) => ({ incidentId, position: freshPositions[i]!, ...columns })),
  });
}
