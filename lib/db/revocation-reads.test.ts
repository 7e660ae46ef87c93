/**
 * The revocation panel's reads on both databases: certificates counted by their LATEST
 * verdict per protocol (older checks must not count), filtered, and paged in report order.
 * Expected figures are worked out by hand from the rows the test writes.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachCertificates } from "@/lib/certificates/attach.server";
import type { CheckVerdict, NewCheck } from "@/lib/checks/store";
import { issueSpreadLeaves } from "@/lib/checks/testing/spread-leaves";
import { createIncident } from "@/lib/db/incidents.server";
import { prismaRevocationStore } from "@/lib/db/revocation.server";
import { certificateStatusCounts, certificateStatusPage, type StatusFilter } from "@/lib/db/revocation-reads.server";
import { richReport } from "@/lib/reports/testing/rich-report";
import { databaseKinds, setupTestDatabase, type TestDatabase } from "@/test/support/databases";
import { createTestCa, type TestCa } from "@/test/support/openssl-ca";

describe.each(databaseKinds())("revocation status pages on %s", (kind) => {
  let fresh: TestDatabase;
  let ca: TestCa;
  let incidentId: string;
  /** The report's own certificates, listed by hash only (no DER: not checkable). */
  let hashOnly: number;
  /** Ids of the five attached leaves L0..L4, in attach order. */
  let L: string[];

  beforeAll(async () => {
    fresh = await setupTestDatabase(kind);
    ca = await createTestCa({ ocspPort: 9, crlPort: 9, keyType: "ec" });
    const report = richReport();
    hashOnly = report.affectedCertificates.length;
    incidentId = (await createIncident(report, fresh.db)).id;
    const leaves = await issueSpreadLeaves(ca, Array.from({ length: 5 }, () => ({ ocspUrl: "http://127.0.0.1:9/", crlUrl: null })));
    const rows = await attachCertificates(
      incidentId,
      [{ name: "leaves.pem", bytes: leaves.map((l) => l.pem).join("\n") }],
      [{ name: "ca.pem", bytes: ca.cert.der }],
      fresh.db,
    );
    const bySerial = new Map(rows.map((r) => [r.serialHex, r.id]));
    L = leaves.map((l) => bySerial.get(l.serial) ?? "");

    const store = prismaRevocationStore(fresh.db);
    const earlier = await store.createSweep(incidentId, null, new Date("2026-11-01T00:00:00Z"));
    const later = await store.createSweep(incidentId, null, new Date("2026-11-02T00:00:00Z"));
    const t0 = new Date("2026-11-01T00:00:00Z");
    const t1 = new Date("2026-11-02T00:00:00Z");
    const row = (i: number, sweepId: string, protocol: "ocsp" | "crl", verdict: CheckVerdict, startedAt: Date): NewCheck => ({
      id: randomUUID(),
      certificateId: L[i] ?? "",
      sweepId,
      protocol,
      url: "http://127.0.0.1:9/",
      method: null,
      startedAt,
      durationMs: 1,
      httpStatus: null,
      contentType: null,
      requestBytes: null,
      responseBytes: null,
      parsedJson: null,
      verdict,
      verdictDetail: verdict,
    });
    await store.insertChecks(earlier.id, [
      row(1, earlier.id, "ocsp", "revoked", t0), // superseded by "good" below
      row(2, earlier.id, "ocsp", "good", t0), // superseded by "revoked" below
      row(2, earlier.id, "crl", "not-listed", t0), // superseded by "revoked" below
    ], 2);
    await store.insertChecks(later.id, [
      row(0, later.id, "ocsp", "good", t1),
      row(0, later.id, "crl", "not-listed", t1),
      row(1, later.id, "ocsp", "good", t1),
      row(1, later.id, "crl", "not-listed", t1),
      row(2, later.id, "ocsp", "revoked", t1),
      row(2, later.id, "crl", "revoked", t1),
      row(3, later.id, "ocsp", "timeout", t1),
      row(3, later.id, "crl", "no-crl-url", t1),
      // L4: never checked
    ], 4);
  }, 60_000);

  afterAll(async () => {
    await fresh?.cleanup();
    await ca?.cleanup();
  });

  it("counts each certificate by its latest verdict per protocol", async () => {
    expect(await certificateStatusCounts(incidentId, fresh.db)).toEqual({
      certificates: hashOnly + 5,
      checkable: 5,
      unchecked: 1, // L4
      attention: 2, // L2 (revoked), L3 (timeout, no CRL URL)
      ocsp: { good: 2, revoked: 1, timeout: 1 },
      crl: { "not-listed": 2, revoked: 1, "no-crl-url": 1 },
    });
  });

  const page = (filter: StatusFilter, offset = 0, limit = 100) =>
    certificateStatusPage(incidentId, { offset, limit, filter }, fresh.db);

  it("filters by latest verdict, keeping report order", async () => {
    const ids = async (filter: StatusFilter) => (await page(filter)).certificates.map((c) => c.id);
    expect(await ids({ kind: "attention" })).toEqual([L[2], L[3]]);
    expect(await ids({ kind: "verdict", verdict: "revoked" })).toEqual([L[2]]);
    expect(await ids({ kind: "verdict", verdict: "good" })).toEqual([L[0], L[1]]);
    expect(await ids({ kind: "verdict", verdict: "no-crl-url" })).toEqual([L[3]]);
    expect(await ids({ kind: "unchecked" })).toEqual([L[4]]);
    expect(await ids({ kind: "verdict", verdict: "unknown" })).toEqual([]);
  });

  it("pages through every certificate: the report's first, then the attached ones", async () => {
    const first = await page({ kind: "all" }, 0, hashOnly);
    expect(first.total).toBe(hashOnly + 5);
    expect(first.certificates.every((c) => !c.checkable)).toBe(true);
    const next = await page({ kind: "all" }, hashOnly, 2);
    expect(next.certificates.map((c) => c.id)).toEqual([L[0], L[1]]);
    // Each row carries its latest checks, not older ones.
    expect(next.certificates[1]?.ocsp?.verdict).toBe("good");
    expect(next.certificates[1]?.crl?.verdict).toBe("not-listed");
    const last = await page({ kind: "all" }, hashOnly + 4, 2);
    expect(last.certificates.map((c) => [c.id, c.ocsp, c.crl])).toEqual([[L[4], null, null]]);
    expect((await page({ kind: "all" }, hashOnly + 5, 2)).certificates).toEqual([]);
  });
});
