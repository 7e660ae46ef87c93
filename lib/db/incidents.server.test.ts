import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyReport, IncidentReport } from "@/lib/reports/model";
import { databaseKinds, setupTestDatabase, type TestDatabase } from "@/test/support/databases";
import { manyCertificates, sampleReport } from "@/test/support/sample-report";
import {
  countIncidents,
  createIncident,
  deleteIncident,
  getIncident,
  listIncidents,
  replaceIncident,
} from "./incidents.server";

/** Rows in every table, to prove a failed write left nothing behind. */
async function rowCounts(t: TestDatabase) {
  const { db } = t;
  return {
    owners: await db.caOwner.count(),
    incidents: await db.incident.count(),
    certificates: await db.affectedCertificate.count(),
    events: await db.timelineEvent.count(),
    related: await db.relatedIncident.count(),
    factors: await db.contributingFactor.count(),
    lessons: await db.lessonLearned.count(),
    items: await db.actionItem.count(),
    links: await db.actionItemRootCause.count(),
  };
}

describe.each(databaseKinds())("incidents on %s", (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await setupTestDatabase(kind);
  });
  afterAll(() => t?.cleanup());

  it("gives back exactly the report it stored, lists in order", async () => {
    const report = sampleReport();
    const { id } = await createIncident(report, t.db);
    const stored = await getIncident(id, t.db);

    expect(stored).not.toBeNull();
    const { id: storedId, createdAt, updatedAt, ...rest } = stored!;
    expect(storedId).toBe(id);
    expect(rest).toStrictEqual(report);
    expect(IncidentReport.parse(rest)).toStrictEqual(report);
    expect(new Date(createdAt).toISOString()).toBe(createdAt);
    expect(updatedAt >= createdAt).toBe(true);
  });

  it("gives back an empty report as empty, nulls as nulls", async () => {
    const { id } = await createIncident(emptyReport(), t.db);
    const { id: _, createdAt, updatedAt, ...rest } = (await getIncident(id, t.db))!;
    expect(rest).toStrictEqual(emptyReport());
  });

  it("answers null for an incident that does not exist", async () => {
    expect(await getIncident("no-such-id", t.db)).toBeNull();
  });

  it("writes nothing when an action item cites a factor the report lacks", async () => {
    const before = await rowCounts(t);
    const report = sampleReport({
      caOwner: { name: "A CA never seen before", ccadbId: "A999999" },
      actionItems: [{ ...sampleReport().actionItems[0]!, rootCauses: [1, 7] }],
    });
    await expect(createIncident(report, t.db)).rejects.toThrow(/contributing factor #7/);
    expect(await rowCounts(t)).toStrictEqual(before);
  });

  it("writes nothing when a row breaks a constraint (two factors numbered 1)", async () => {
    const before = await rowCounts(t);
    const [first, second] = sampleReport().contributingFactors;
    const report = sampleReport({
      caOwner: { name: "Another new CA", ccadbId: null },
      contributingFactors: [first!, { ...second!, number: 1 }],
      actionItems: [],
    });
    await expect(createIncident(report, t.db)).rejects.toThrow();
    expect(await rowCounts(t)).toStrictEqual(before);
  });

  it("refuses an invalid report before writing", async () => {
    const bad = { ...sampleReport(), status: "lost" } as unknown as IncidentReport;
    await expect(createIncident(bad, t.db)).rejects.toThrow(/status/);
  });

  it("lists incidents with their counts and next due date", async () => {
    const { id } = await createIncident(sampleReport(), t.db);
    const rows = await listIncidents(t.db);
    const row = rows.find((r) => r.id === id);

    expect(rows[0]?.id).toBe(id); // newest first
    expect(rows).toHaveLength(await countIncidents(t.db));
    expect(row).toStrictEqual({
      id,
      bugNumber: 1_945_678,
      title: sampleReport().title,
      caOwnerName: sampleReport().caOwner.name,
      status: "full_filed",
      nonComplianceStart: "2025-01-06T01:09:00.000Z",
      nonComplianceIdentified: "2025-01-07T00:00:00.000Z",
      nonComplianceEnd: "2025-01-07T06:30:00.000Z",
      certificateCount: 3,
      openActionItemCount: 2, // Ongoing and Delayed; Complete and Canceled are closed
      nextDueDate: "2025-06-30", // the Delayed item has no date
      createdAt: row!.createdAt,
    });
  });

  it("replaces a report, keeping the revocation data of certificates that stay", async () => {
    const original = sampleReport();
    const { id } = await createIncident(original, t.db);
    const kept = await t.db.affectedCertificate.findFirstOrThrow({
      where: { incidentId: id, certificateSha256: original.affectedCertificates[1]!.certificateSha256 },
      select: { id: true },
    });
    await t.db.affectedCertificate.update({
      where: { id: kept.id },
      data: { der: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]), ocspUrls: '["http://ocsp.example"]' },
    });

    const next = sampleReport({
      title: "Renamed",
      status: "closure_requested",
      affectedCertificates: [original.affectedCertificates[1]!, ...manyCertificates(2)],
      actionItems: original.actionItems.slice(1),
      lessonsLearned: { wentWell: ["only this"], didntGoWell: [], gotLucky: [], additional: [] },
    });
    expect(await replaceIncident(id, next, t.db)).toStrictEqual({ id });

    const { id: _, createdAt, updatedAt, ...rest } = (await getIncident(id, t.db))!;
    expect(rest).toStrictEqual(next);
    const after = await t.db.affectedCertificate.findUniqueOrThrow({
      where: { id: kept.id },
      select: { der: true, ocspUrls: true, position: true },
    });
    expect(Array.from(after.der!)).toStrictEqual([0x30, 0x03, 0x02, 0x01, 0x01]);
    expect(after).toMatchObject({ ocspUrls: '["http://ocsp.example"]', position: 0 });
    expect(await replaceIncident("no-such-id", next, t.db)).toBeNull();
  });

  it("deletes an incident and every row that hangs off it", async () => {
    const { id } = await createIncident(sampleReport(), t.db);
    const certificate = await t.db.affectedCertificate.findFirstOrThrow({
      where: { incidentId: id },
      select: { id: true },
    });
    const sweep = await t.db.revocationSweep.create({
      data: { incidentId: id, status: "done", total: 1, completed: 1, startedAt: new Date() },
      select: { id: true },
    });
    await t.db.revocationCheck.create({
      data: {
        certificateId: certificate.id,
        sweepId: sweep.id,
        protocol: "ocsp",
        url: "http://ocsp.example",
        method: "GET",
        startedAt: new Date(),
        durationMs: 12,
        verdict: "good",
        verdictDetail: "",
      },
    });

    expect(await deleteIncident(id, t.db)).toBe(true);
    expect(await getIncident(id, t.db)).toBeNull();
    expect(await t.db.affectedCertificate.count({ where: { incidentId: id } })).toBe(0);
    expect(await t.db.revocationCheck.count({ where: { certificateId: certificate.id } })).toBe(0);
    expect(await t.db.revocationSweep.count({ where: { incidentId: id } })).toBe(0);
    expect(await deleteIncident(id, t.db)).toBe(false);
  });

  it("stores a large certificate list in one go", async () => {
    const report = sampleReport({ affectedCertificates: manyCertificates(2000) });
    const { id } = await createIncident(report, t.db);
    const stored = await getIncident(id, t.db);
    expect(stored?.affectedCertificates).toStrictEqual(report.affectedCertificates);
  });
});
