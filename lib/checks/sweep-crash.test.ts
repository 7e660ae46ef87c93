import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaRevocationStore } from "@/lib/db/revocation.server";
import { databaseKinds, setupTestDatabase, type TestDatabase } from "@/test/support/databases";
import { seedIncident, startSweepWorld, type SweepWorld } from "./testing/sweep-world";
import { markAbandonedSweeps, resumeSweep } from "./sweep";

const child = path.join(__dirname, "testing", "sweep-child.ts");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sweep run by `sweep-child.ts` in a process of its own, as the CLI beside the server. */
function spawnSweep(url: string, sweepId: string, ...extra: string[]) {
  const proc = spawn(process.execPath, ["--import", "tsx", child, sweepId, ...extra], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  proc.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    proc.on("exit", (code, signal) => resolve(signal ?? code)),
  );
  return { proc, exited, stderr: () => stderr };
}

describe("a sweep process killed half-way (SQLite file)", () => {
  let world: SweepWorld;
  let fresh: TestDatabase;
  beforeAll(async () => {
    world = await startSweepWorld({ goodResponders: 2, leavesPerUrl: 60, broken: false });
    fresh = await setupTestDatabase("sqlite");
  });
  afterAll(async () => {
    await fresh?.cleanup();
    await world?.close();
  });

  const checksPerCertificate = async (sweepId: string) => {
    const rows = await fresh.db.revocationCheck.groupBy({ by: ["certificateId"], where: { sweepId }, _count: true });
    return rows.map((r) => r._count);
  };

  it("leaves no partial rows, is detected as interrupted, and resumes only the missing certificates", { timeout: 120_000 }, async () => {
    const { incidentId } = await seedIncident(fresh.db, world);
    const store = prismaRevocationStore(fresh.db);
    const sweep = await store.createSweep(incidentId, null, new Date());
    const { proc, exited, stderr } = spawnSweep(fresh.url, sweep.id);

    // Kill it once some batches are in, long before the 121 certificates are done.
    const deadline = Date.now() + 30_000;
    while ((await fresh.db.revocationCheck.count({ where: { sweepId: sweep.id } })) < 30) {
      if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`child did not get going: ${stderr()}`);
      await sleep(20);
    }
    proc.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const afterKill = await store.getSweep(sweep.id);
    expect(afterKill?.status).toBe("running");
    const perCertificate = await checksPerCertificate(sweep.id);
    expect(perCertificate.every((n) => n === 2)).toBe(true);
    expect(afterKill?.completed).toBe(perCertificate.length);
    expect(afterKill?.completed).toBeLessThan(world.leaves.length);
    const firstRun = await fresh.db.revocationCheck.findMany({ where: { sweepId: sweep.id }, select: { id: true } });

    expect(await markAbandonedSweeps(store, { staleAfterMs: 0 })).toEqual([sweep.id]);
    expect((await store.getSweep(sweep.id))?.status).toBe("interrupted");

    const summary = await resumeSweep(store, sweep.id, { fetchOptions: { allowPrivate: true }, log: () => {} });
    expect(summary.checkedNow).toBe(world.leaves.length - (afterKill?.completed ?? 0));
    const final = await store.getSweep(sweep.id);
    expect(final).toMatchObject({ status: "done", completed: world.leaves.length });
    const finalPerCertificate = await checksPerCertificate(sweep.id);
    expect(finalPerCertificate).toHaveLength(world.leaves.length);
    expect(finalPerCertificate.every((n) => n === 2)).toBe(true);
    const kept = await fresh.db.revocationCheck.count({ where: { id: { in: firstRun.map((r) => r.id) } } });
    expect(kept).toBe(firstRun.length);
  });

  it("a sweep another live process runs keeps its heartbeat: not taken for dead until that process dies", { timeout: 60_000 }, async () => {
    const { incidentId } = await seedIncident(fresh.db, world);
    const store = prismaRevocationStore(fresh.db);
    const sweep = await store.createSweep(incidentId, null, new Date());
    // Its first batch write is held back a minute: only the heartbeat says it is alive.
    const { proc, exited, stderr } = spawnSweep(fresh.url, sweep.id, "60000", "200");
    try {
      const deadline = Date.now() + 30_000;
      while (((await store.getSweep(sweep.id))?.heartbeatAt?.getTime() ?? 0) <= sweep.startedAt.getTime()) {
        if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`child wrote no heartbeat: ${stderr()}`);
        await sleep(50);
      }
      await sleep(1000);

      expect(await fresh.db.revocationCheck.count({ where: { sweepId: sweep.id } })).toBe(0);
      expect(await markAbandonedSweeps(store, { incidentId, staleAfterMs: 800 })).toEqual([]);
      expect((await store.getSweep(sweep.id))?.status).toBe("running");
    } finally {
      proc.kill("SIGKILL");
    }
    expect(await exited).toBe("SIGKILL");

    await sleep(1000);
    expect(await markAbandonedSweeps(store, { incidentId, staleAfterMs: 800 })).toEqual([sweep.id]);
    expect((await store.getSweep(sweep.id))?.status).toBe("interrupted");
  });
});
