/**
 * Storing attached certificates: in ONE transaction, issuers upserted by SHA-256, rows
 * the report already lists (same SHA-256) completed in place, the others appended.
 */
import { randomUUID } from "node:crypto";
import type { AttachPlan } from "@/lib/certificates/attach-plan";
import type { ParsedCertificate } from "@/lib/pki/certificate";
import { getDb, type Db, type Tx } from "./client";
import { Prisma } from "./generated/sqlite/client";

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

/**
 * New rows go in as raw multi-row INSERTs of INSERT_ROWS rows (same SQL on SQLite and
 * PostgreSQL: quoted names, bound values): createMany of 23,000 certificates took 21 s
 * and 1.3 GB, most of it turning the DER into base64 and back.
 */
const INSERT_ROWS = 500;

function newRowValues(
  id: string,
  incidentId: string,
  position: number,
  cert: ParsedCertificate,
  issuerId: string | null,
) {
  const f = parsedFields(cert, issuerId);
  const sha256 = cert.info.sha256Fingerprint;
  const [certificateSha256, precertificateSha256] = f.isPrecertificate ? [null, sha256] : [sha256, null];
  // TRUE/FALSE literals: both databases read them as booleans, and no driver has to bind one.
  const precert = Prisma.raw(f.isPrecertificate ? "TRUE" : "FALSE");
  return Prisma.sql`(${id}, ${incidentId}, ${position}, ${certificateSha256}, ${precertificateSha256}, ${f.der},
    ${f.pem}, ${f.serialHex}, ${f.subject}, ${f.issuer}, ${f.notBefore}, ${f.notAfter}, ${f.dnsNames}, '[]',
    ${f.ocspUrls}, ${f.caIssuersUrls}, ${f.crlUrls}, ${precert}, ${f.issuerCertificateId})`;
}

/** Inserts the rows; returns an empty list for the next ones. */
async function insertRows(tx: Tx, rows: Prisma.Sql[]): Promise<Prisma.Sql[]> {
  await tx.$executeRaw`INSERT INTO "AffectedCertificate" ("id", "incidentId", "position", "certificateSha256",
    "precertificateSha256", "der", "pem", "serialHex", "subject", "issuer", "notBefore", "notAfter", "dnsNames",
    "links", "ocspUrls", "caIssuersUrls", "crlUrls", "isPrecertificate", "issuerCertificateId")
    VALUES ${Prisma.join(rows)}`;
  return [];
}

// Thousands of rows take longer than Prisma's 5 s interactive-transaction default.
const BIG_TRANSACTION = { timeout: 120_000, maxWait: 10_000 };

/** The DER of every issuer certificate stored for the incident. */
export async function incidentIssuerDers(incidentId: string, db: Db = getDb()): Promise<Uint8Array[]> {
  const rows = await db.issuerCertificate.findMany({ where: { incidentId }, select: { der: true } });
  return rows.flatMap((r) => (r.der ? [r.der] : []));
}

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
    let created: Prisma.Sql[] = [];
    for (const { cert, issuerSha256 } of plan.certificates) {
      const sha256 = cert.info.sha256Fingerprint;
      const issuerId = issuerSha256 ? (issuerIds.get(issuerSha256) ?? null) : null;
      const existing = bySha.get(sha256);
      if (existing) {
        const data = parsedFields(cert, issuerId);
        await tx.affectedCertificate.update({ where: { id: existing }, data, select: { id: true } });
        ids.push(existing);
        continue;
      }
      const id = randomUUID();
      created.push(newRowValues(id, incidentId, position++, cert, issuerId));
      ids.push(id);
      if (created.length === INSERT_ROWS) created = await insertRows(tx, created);
    }
    if (created.length > 0) await insertRows(tx, created);
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
