/**
 * A fresh SQLite database for the benchmark, migrated, holding one incident with the
 * benchmark's leaves and their issuer. Rows are inserted directly (attach verifies each
 * leaf's signature, which is not what this benchmark measures).
 */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { SpreadLeaf } from "@/lib/checks/testing/spread-leaves";
import { createDb } from "@/lib/db/client";
import { pemOf } from "@/lib/db/certificates.server";
import { createIncident } from "@/lib/db/incidents.server";
import { migrateDatabase } from "@/lib/db/migrate";
import { projectRoot, resolveDatabaseTarget } from "@/lib/db/target";
import { sha256Hex } from "@/lib/pki/bytes";
import type { ParsedCertificate } from "@/lib/pki/certificate";
import { richReport } from "@/lib/reports/testing/rich-report";

/** Creates `.bench/ocsp-<time>.db` and fills it; returns its URL and the incident id. */
export async function seedBenchDatabase(leaves: SpreadLeaf[], issuer: ParsedCertificate) {
  const dir = path.join(projectRoot(), ".bench");
  mkdirSync(dir, { recursive: true });
  const target = resolveDatabaseTarget(`file:${path.join(dir, `ocsp-${Date.now()}.db`)}`);
  await migrateDatabase(target);
  const db = createDb(target);
  try {
    const report = richReport();
    report.affectedCertificates = [];
    const { id: incidentId } = await createIncident(report, db);
    const issuerRow = await db.issuerCertificate.create({
      data: {
        incidentId,
        subject: issuer.info.subject,
        sha256: issuer.info.sha256Fingerprint,
        spkiSha256: issuer.info.spkiSha256,
        pem: pemOf(issuer.der),
        der: issuer.der as Uint8Array<ArrayBuffer>,
      },
      select: { id: true },
    });
    for (let i = 0; i < leaves.length; i += 1000) {
      await db.affectedCertificate.createMany({
        data: leaves.slice(i, i + 1000).map((leaf, j) => ({
          id: randomUUID(),
          incidentId,
          position: i + j,
          certificateSha256: sha256Hex(leaf.der),
          serialHex: leaf.serial,
          der: leaf.der as Uint8Array<ArrayBuffer>,
          ocspUrls: JSON.stringify(leaf.ocspUrl ? [leaf.ocspUrl] : []),
          crlUrls: JSON.stringify(leaf.crlUrl ? [leaf.crlUrl] : []),
          issuerCertificateId: issuerRow.id,
        })),
      });
    }
    return { url: target.url, file: target.file ?? "", incidentId };
  } finally {
    await db.$disconnect();
  }
}
