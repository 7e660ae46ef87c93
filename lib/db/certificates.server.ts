/**
 * Storing attached certificates: in ONE transaction, issuers upserted by SHA-256, rows
 * the report already lists (same SHA-256) completed in place, the others appended.
 */
import { randomUUID } from "node:crypto";
import type { AttachPlan } from "@/lib/certificates/attach-plan";
import type { ParsedCertificate } from "@/lib/pki/certificate";
import { getDb, type Db } from "./client";

/** The attached rows as the API returns them. */
const attachedSelect = {
  id: true,
  position: true,
  certificateSha256: true,
  precertificateSha256: true,
  serialHex: true,
  subject: true,
  issuer: true,
  notBefore: true,
  notAfter: true,
  dnsNames: true,
  ocspUrls: true,
  crlUrls: true,
  isPrecertificate: true,
  issuerCertificateId: true,
} as const;

/** The PEM text of DER (RFC 7468 §2: 64-column base64). */
export function pemOf(der: Uint8Array): string {
  const body = Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n");
  return `-----BEGIN CERTIFICATE-----\n${body.replace(/\n?$/, "\n")}-----END CERTIFICATE-----\n`;
}

function parsedFields(cert: ParsedCertificate, issuerCertificateId: string | null) {
  const { info } = cert;
  return {
    der: cert.der as Uint8Array<ArrayBuffer>,
    pem: pemOf(cert.der),
    serialHex: info.serialNumber,
    subject: info.subject,
    issuer: info.issuer,
    notBefore: new Date(info.notBefore),
    notAfter: new Date(info.notAfter),
    dnsNames: JSON.stringify(info.dnsNames),
    ocspUrls: JSON.stringify(info.ocspUrls),
    caIssuersUrls: JSON.stringify(info.caIssuersUrls),
    crlUrls: JSON.stringify(info.crlUrls),
    isPrecertificate: info.isPrecertificate,
    issuerCertificateId,
  };
}

// Thousands of rows take longer than Prisma's 5 s interactive-transaction default.
const BIG_TRANSACTION = { timeout: 120_000, maxWait: 10_000 };

/** Writes the plan for an incident; null when the incident does not exist. */
export async function saveAttachment(incidentId: string, plan: AttachPlan, db: Db = getDb()) {
  return db.$transaction(async (tx) => {
    const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: { id: true } });
    if (!incident) return null;

    const issuerIds = new Map<string, string>();
    for (const issuer of plan.issuers) {
      const { sha256Fingerprint: sha256, subject, spkiSha256 } = issuer.info;
      const row = await tx.issuerCertificate.upsert({
        where: { incidentId_sha256: { incidentId, sha256 } },
        create: { incidentId, sha256, subject, spkiSha256, pem: pemOf(issuer.der), der: issuer.der as Uint8Array<ArrayBuffer> },
        update: {},
        select: { id: true },
      });
      issuerIds.set(sha256, row.id);
    }

    // Matched in memory: an IN list of every hash could pass SQLite's parameter limit.
    const listed = await tx.affectedCertificate.findMany({
      where: { incidentId },
      select: { id: true, certificateSha256: true, precertificateSha256: true },
    });
    const bySha = new Map<string, string>();
    for (const r of listed) {
      if (r.precertificateSha256) bySha.set(r.precertificateSha256, r.id);
      if (r.certificateSha256) bySha.set(r.certificateSha256, r.id);
    }
    const last = await tx.affectedCertificate.aggregate({ where: { incidentId }, _max: { position: true } });
    let position = (last._max.position ?? -1) + 1;

    const ids: string[] = [];
    const created = [];
    for (const { cert, issuerSha256 } of plan.certificates) {
      const sha256 = cert.info.sha256Fingerprint;
      const fields = parsedFields(cert, issuerSha256 ? (issuerIds.get(issuerSha256) ?? null) : null);
      const existing = bySha.get(sha256);
      if (existing) {
        await tx.affectedCertificate.update({ where: { id: existing }, data: fields, select: { id: true } });
        ids.push(existing);
        continue;
      }
      const hash = cert.info.isPrecertificate ? { precertificateSha256: sha256 } : { certificateSha256: sha256 };
      created.push({ id: randomUUID(), incidentId, position: position++, ...hash, ...fields });
      ids.push(created[created.length - 1]!.id);
    }
    if (created.length > 0) await tx.affectedCertificate.createMany({ data: created });
    const rows = await tx.affectedCertificate.findMany({ where: { incidentId }, select: attachedSelect });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const row = byId.get(id);
      if (!row) return [];
      const list = (text: string | null) => (text ? (JSON.parse(text) as string[]) : []);
      return [{ ...row, dnsNames: list(row.dnsNames), ocspUrls: list(row.ocspUrls), crlUrls: list(row.crlUrls) }];
    });
  }, BIG_TRANSACTION);
}
