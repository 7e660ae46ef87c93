import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIncident } from "@/lib/db/incidents.server";
import { sha256Hex } from "@/lib/pki/bytes";
import { makePrecertificate } from "@/lib/pki/testing/precertificate";
import { richReport } from "@/lib/reports/testing/rich-report";
import { fixtureBytes } from "@/lib/revocation/fixtures";
import { databaseKinds, setupTestDatabase, type TestDatabase } from "@/test/support/databases";
import { AttachInputError, attachCertificates } from "./attach.server";

const pem = (der: Uint8Array) =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
const facebook = fixtureBytes("leafCertHex.der");
const facebookCa = fixtureBytes("issuerCertHex.der");
const rustLeaf = fixtureBytes("rsa-2048-sha256-crt.der");
const rustCa = fixtureBytes("rsa-2048-sha256-ca.der");

describe.each(databaseKinds())("attachCertificates on %s", (kind) => {
  let fresh: TestDatabase;
  let incidentId: string;
  const rows = () =>
    fresh.db.affectedCertificate.findMany({
      where: { incidentId },
      orderBy: { position: "asc" },
      select: { id: true, position: true, certificateSha256: true, pem: true, serialHex: true, issuerCertificateId: true },
    });

  beforeAll(async () => {
    fresh = await setupTestDatabase(kind);
    const report = richReport();
    // The report lists the *.facebook.com certificate by its SHA-256, without PEM.
    report.affectedCertificates = report.affectedCertificates.slice(0, 1).map((c) => ({
      ...c,
      certificateSha256: sha256Hex(facebook),
      precertificateSha256: null,
      pem: null,
    }));
    incidentId = (await createIncident(report, fresh.db)).id;
  });
  afterAll(() => fresh?.cleanup());

  it("refuses a bundle with a broken second block, naming file, block and line, writing nothing", async () => {
    const broken = pem(facebook) + pem(facebookCa).replace(/\n([A-Za-z0-9+/]{8})/, "\n$1%%");
    const before = await rows();
    const error = await attachCertificates(incidentId, [{ name: "bundle.pem", bytes: broken }], [], fresh.db).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AttachInputError);
    const problems = (error as AttachInputError).problems;
    expect(problems).toEqual([
      { file: "bundle.pem", block: 2, line: pem(facebook).split("\n").length, message: expect.stringMatching(/not base64/) },
    ]);
    expect(await rows()).toEqual(before);
    expect(await fresh.db.issuerCertificate.count({ where: { incidentId } })).toBe(0);
  });

  it("attaches DER, PEM and parsed fields to the row the report already lists", async () => {
    const [listed] = await rows();
    const attached = await attachCertificates(
      incidentId,
      [{ name: "facebook.pem", bytes: pem(facebookCa) + pem(facebook) }],
      [],
      fresh.db,
    );
    expect(attached).toHaveLength(1);
    expect(attached[0]).toMatchObject({
      id: listed?.id,
      serialHex: "017f77deb3bcbb235d44ccc7dba62e72",
      ocspUrls: ["http://ocsp.verisign.com"],
      isPrecertificate: false,
    });
    const after = await rows();
    expect(after).toHaveLength(1);
    expect(after[0]?.pem).toBe(pem(facebook));
    expect(after[0]?.issuerCertificateId).not.toBeNull();
  });

  it("adds a certificate the report does not list as a new row, issuer given separately", async () => {
    const attached = await attachCertificates(
      incidentId,
      [{ name: "leaf.der", bytes: rustLeaf }],
      [{ name: "ca.der", bytes: rustCa }],
      fresh.db,
    );
    expect(attached).toHaveLength(1);
    const after = await rows();
    expect(after.map((r) => r.certificateSha256)).toEqual([sha256Hex(facebook), sha256Hex(rustLeaf)]);
    expect(after[1]?.position).toBe(1);
    const issuer = await fresh.db.issuerCertificate.findUnique({
      where: { id: after[1]?.issuerCertificateId ?? "" },
      select: { subject: true, sha256: true },
    });
    expect(issuer).toEqual({ subject: "CN=rsa-2048-sha256-ca", sha256: sha256Hex(rustCa) });
  });

  it("stores every field of a new row as given (a precertificate, read back through Prisma)", async () => {
    const made = await makePrecertificate("CN=precert.test", ["precert.test"]);
    const der = new Uint8Array(made.rawData);
    const [attached] = await attachCertificates(incidentId, [{ name: "precert.der", bytes: der }], [], fresh.db);
    const row = await fresh.db.affectedCertificate.findUnique({ where: { id: attached?.id ?? "" } });
    expect(row).toMatchObject({
      position: 2,
      certificateSha256: null,
      precertificateSha256: createHash("sha256").update(der).digest("hex"),
      serialHex: "ff01",
      subject: "CN=precert.test",
      issuer: "CN=precert.test",
      notBefore: new Date("2025-01-01T00:00:00Z"),
      notAfter: new Date("2025-04-01T00:00:00Z"),
      dnsNames: '["precert.test"]',
      links: "[]",
      ocspUrls: '["http://ocsp.example/"]',
      caIssuersUrls: '["http://ca.example/ca.der"]',
      crlUrls: '["http://crl.example/ca.crl"]',
      isPrecertificate: true,
      issuerCertificateId: null,
      pem: made.toString("pem").replace(/\r\n/g, "\n").trim() + "\n",
    });
    expect(Buffer.from(row?.der ?? [])).toEqual(Buffer.from(der));
    const leaf = await fresh.db.affectedCertificate.findFirst({ where: { incidentId, position: 1 } });
    expect(leaf?.isPrecertificate).toBe(false);
  });

  it("pairs a certificate attached without its issuer with the issuer the incident already holds", async () => {
    const before = (await rows())[0]?.issuerCertificateId;
    expect(before).toBeTruthy();
    const [again] = await attachCertificates(incidentId, [{ name: "alone.der", bytes: facebook }], [], fresh.db);
    expect(again?.issuerCertificateId).toBe(before);
  });

  it("is idempotent: attaching again updates the same rows and reuses the issuer", async () => {
    await attachCertificates(incidentId, [{ name: "again.pem", bytes: pem(rustLeaf) + pem(rustCa) }], [], fresh.db);
    expect(await rows()).toHaveLength(3);
    expect(await fresh.db.issuerCertificate.count({ where: { incidentId } })).toBe(2);
  });
});
