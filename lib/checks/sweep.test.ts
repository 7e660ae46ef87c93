import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaRevocationStore } from "@/lib/db/revocation.server";
import { databaseKinds, setupTestDatabase, type TestDatabase } from "@/test/support/databases";
import { seedIncident, startSweepWorld, type SweepWorld } from "./testing/sweep-world";
import { runSweep } from "./sweep";

const fetchOptions = { allowPrivate: true, timeoutMs: 1500 };

describe("a sweep against real openssl ocsp responders, a third of them broken", () => {
  let world: SweepWorld;
  beforeAll(async () => {
    world = await startSweepWorld({ goodResponders: 6, leavesPerUrl: 4 });
  });
  afterAll(() => world?.close());

  describe.each(databaseKinds())("on %s", (kind) => {
    let fresh: TestDatabase;
    beforeAll(async () => {
      fresh = await setupTestDatabase(kind);
    });
    afterAll(() => fresh?.cleanup());

    it("stores an OCSP and a CRL check for every certificate, each with the right verdict", async () => {
      const { incidentId, ids } = await seedIncident(fresh.db, world);
      const store = prismaRevocationStore(fresh.db);
      const events: Record<string, unknown>[] = [];
      const crlFetchesBefore = world.crlPeer.requests.length;
      const sweep = await store.createSweep(incidentId, null, new Date());
      expect(sweep.total).toBe(world.leaves.length);

      const summary = await runSweep(store, sweep.id, { fetchOptions, log: (e) => events.push(e) });
      expect(summary).toMatchObject({ status: "done", checkedNow: world.leaves.length, unexpectedErrors: 0 });
      expect(events.map((e) => e.event)).toEqual(["revocation-sweep.start", "revocation-sweep.end"]);

      const checks = await fresh.db.revocationCheck.findMany({
        where: { sweepId: sweep.id },
        select: { certificateId: true, protocol: true, verdict: true, verdictDetail: true, responseBytes: true },
      });
      expect(checks).toHaveLength(2 * world.leaves.length);
      for (const leaf of world.leaves) {
        const mine = checks.filter((c) => c.certificateId === ids.get(leaf.serial));
        const verdicts = { ocsp: mine.find((c) => c.protocol === "ocsp")?.verdict, crl: mine.find((c) => c.protocol === "crl")?.verdict };
        expect({ serial: leaf.serial, ...verdicts }).toEqual({ serial: leaf.serial, ...leaf.expect });
      }
      // The CRL was fetched once and its bytes stored on one row only.
      expect(world.crlPeer.requests.length).toBe(crlFetchesBefore + 1);
      expect(checks.filter((c) => c.protocol === "crl" && c.responseBytes !== null)).toHaveLength(1);

      const stored = await store.getSweep(sweep.id);
      expect(stored).toMatchObject({ status: "done", completed: world.leaves.length, total: world.leaves.length });
      expect(stored?.finishedAt).toBeInstanceOf(Date);
    });

    it("a sweep of chosen certificates checks those only, and counts them as its total", async () => {
      const [incident] = await fresh.db.incident.findMany({ select: { id: true } });
      const chosen = await fresh.db.affectedCertificate.findMany({
        where: { incidentId: incident?.id },
        orderBy: { id: "desc" },
        take: 3,
        select: { id: true },
      });
      const ids = chosen.map((c) => c.id);
      const store = prismaRevocationStore(fresh.db);
      const sweep = await store.createSweep(incident?.id ?? "", ids, new Date());
      expect(sweep.total).toBe(3);
      const summary = await runSweep(store, sweep.id, { fetchOptions, log: () => {}, pageSize: 2 });
      expect(summary.checkedNow).toBe(3);
      const checked = await fresh.db.revocationCheck.findMany({ where: { sweepId: sweep.id }, select: { certificateId: true } });
      expect([...new Set(checked.map((c) => c.certificateId))].sort()).toEqual([...ids].sort());
    });

    it("a second run of a finished sweep checks nothing again", async () => {
      const [sweep] = await fresh.db.revocationSweep.findMany({ orderBy: { startedAt: "asc" }, select: { id: true } });
      const before = await fresh.db.revocationCheck.count();
      const summary = await runSweep(prismaRevocationStore(fresh.db), sweep?.id ?? "", { fetchOptions, log: () => {} });
      expect(summary.checkedNow).toBe(0);
      expect(await fresh.db.revocationCheck.count()).toBe(before);
    });
  });
});
