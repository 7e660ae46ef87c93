/**
 * The app's sweep process: started as the server starts it, on a real SQLite database,
 * against a real openssl ocsp responder; it runs the sweep to its end and reports.
 */
import { EventEmitter } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaRevocationStore } from "@/lib/db/revocation.server";
import { setupTestDatabase, type TestDatabase } from "@/test/support/databases";
import { ABANDONED_AFTER_MS, markAbandonedSweeps, watchSweepProcess } from "./sweep";
import { launchSweepProcess, sweepProcessArgs } from "./sweep-process.server";
import { startSweep, SweepConflictError } from "./sweeps.server";
import { attachCertificates } from "@/lib/certificates/attach.server";
import { issueSpreadLeaves } from "./testing/spread-leaves";
import { seedIncident, startSweepWorld, type SweepWorld } from "./testing/sweep-world";

/** Pids of processes whose command line names `marker` (Linux /proc). */
function pidsNaming(marker: string): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

describe("sweep process", () => {
  let world: SweepWorld;
  let database: TestDatabase;

  beforeAll(async () => {
    world = await startSweepWorld({ goodResponders: 1, leavesPerUrl: 4, broken: false });
    database = await setupTestDatabase("sqlite");
  });
  afterAll(async () => {
    await database?.cleanup();
    await world?.close();
  });

  it("runs the project's runner with tsx, collecting garbage early (no hard heap limit unless SWEEP_HEAP_MB)", () => {
    const args = sweepProcessArgs("S1", { root: "/srv/desk" });
    const runner = ["--import", "tsx", "/srv/desk/scripts/sweep-process.ts", "S1"];
    expect(args).toEqual(["--heap-growing-percent=50", "--liftoff-only", ...runner]);
  });

  it("refuses to start without the runner, naming the missing file", () => {
    expect(() => launchSweepProcess("S1", { root: "/nonexistent" })).toThrow(
      "cannot start a sweep process: /nonexistent/scripts/sweep-process.ts does not exist",
    );
  });

  it("says when Node.js refuses the process's options, so the caller can run the sweep itself", async () => {
    const why = await new Promise<string>((resolve) => {
      launchSweepProcess("S1", { nodeFlags: ["--no-such-v8-flag"], stdout: "pipe", onNotStarted: resolve });
    });
    expect(why).toBe("node refused the sweep process's options (exit code 9)");
  });

  it("a sweep whose process this server watches is not taken for dead while it lives, however late its heartbeat", async () => {
    const { incidentId } = await seedIncident(database.db, world);
    const store = prismaRevocationStore(database.db);
    const sweep = await store.createSweep(incidentId, null, new Date(Date.now() - 60_000)); // last beat a minute ago
    const child = new EventEmitter();
    watchSweepProcess(sweep.id, child);
    expect(await markAbandonedSweeps(store, { incidentId })).toEqual([]);
    child.emit("exit");
    expect(await markAbandonedSweeps(store, { incidentId })).toEqual([sweep.id]);
  });

  it("a sweep taken for dead while its process was busy ends done when that process completes it", async () => {
    const { incidentId } = await seedIncident(database.db, world);
    const store = prismaRevocationStore(database.db);
    const sweep = await store.createSweep(incidentId, null, new Date());
    await store.finishSweep(sweep.id, "interrupted", new Date());
    await store.finishSweep(sweep.id, "done", new Date());
    expect((await store.getSweep(sweep.id))?.status).toBe("done");
    await store.finishSweep(sweep.id, "interrupted", new Date()); // a done sweep stays done
    expect((await store.getSweep(sweep.id))?.status).toBe("done");
  });

  it("runs a created sweep to its end in another process and prints its summary last", { timeout: 60_000 }, async () => {
    const { incidentId } = await seedIncident(database.db, world);
    const store = prismaRevocationStore(database.db);
    const sweep = await store.createSweep(incidentId, null, new Date());
    const child = launchSweepProcess(sweep.id, {
      stdout: "pipe",
      env: { ...process.env, DATABASE_URL: database.url, OUTBOUND_ALLOW_PRIVATE: "1" },
    });
    let out = "";
    child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
    expect(child.pid).not.toBe(process.pid);

    const last = JSON.parse(out.trim().split("\n").pop() ?? "{}") as {
      event: string;
      summary: { status: string; checkedNow: number };
      peakRssMb: number;
    };
    expect(last).toMatchObject({ event: "revocation-sweep.process-end", summary: { status: "done", checkedNow: world.leaves.length } });
    expect(last.peakRssMb).toBeGreaterThan(0);
    const stored = await store.getSweep(sweep.id);
    expect(stored).toMatchObject({ status: "done", completed: world.leaves.length, total: world.leaves.length });
    const checks = await database.db.revocationCheck.count({ where: { sweepId: sweep.id } });
    expect(checks).toBe(2 * world.leaves.length);
  });

  describe("started by the server (startSweep), against a responder that never answers", () => {
    let slowWorld: SweepWorld;
    beforeAll(async () => {
      // broken: a closed port, an HTTP 500 and a silent peer; the silent one holds a sweep
      // open for the 10 s deadline.
      slowWorld = await startSweepWorld({ goodResponders: 1, leavesPerUrl: 1, broken: true, revokeSome: false });
      process.env.OUTBOUND_ALLOW_PRIVATE = "1";
    });
    afterAll(() => slowWorld?.close());

    it("refuses (409) a request for certificates the running sweep does not cover, names it for those it does", { timeout: 30_000 }, async () => {
      const { incidentId, ids } = await seedIncident(database.db, slowWorld);
      const silent = slowWorld.leaves.find((l) => l.expect.ocsp === "timeout");
      const other = slowWorld.leaves.find((l) => l.expect.ocsp === "good");
      const [a, b] = [ids.get(silent?.serial ?? ""), ids.get(other?.serial ?? "")];
      if (!a || !b) throw new Error("world without a silent and a good leaf");
      const first = await startSweep(incidentId, { certificateIds: [a] });
      expect(first.started).toBe(true);
      expect((await startSweep(incidentId, { certificateIds: [a] })).sweep.id).toBe(first.sweep.id);
      await expect(startSweep(incidentId, { certificateIds: [b] })).rejects.toThrow(SweepConflictError);
      await expect(startSweep(incidentId, { certificateIds: [b] })).rejects.toThrow(
        /still running .*the certificates asked for are not all in it/,
      );
      await expect(startSweep(incidentId)).rejects.toThrow(/it does not cover every certificate/);
      const store = prismaRevocationStore(database.db);
      await until(() => store.getSweep(first.sweep.id), (s) => s?.status !== "running", 20_000);
    });

    it("does not count a certificate attached during a sweep of all certificates as covered by it", { timeout: 30_000 }, async () => {
      const { incidentId } = await seedIncident(database.db, slowWorld);
      const store = prismaRevocationStore(database.db);
      const first = await startSweep(incidentId);
      expect(first.started).toBe(true);
      const [late] = await issueSpreadLeaves(slowWorld.ca, [{ ocspUrl: null, crlUrl: null }], "late");
      const [row] = await attachCertificates(incidentId, [{ name: "late.pem", bytes: late?.pem ?? "" }], [], database.db);
      await expect(startSweep(incidentId, { certificateIds: [row?.id ?? ""] })).rejects.toThrow(
        /certificates were attached after it started: ask again once it has finished/,
      );
      await expect(startSweep(incidentId)).rejects.toThrow(/certificates were attached after it started/);
      await until(() => store.getSweep(first.sweep.id), (s) => s?.status !== "running", 20_000);
      expect((await startSweep(incidentId, { certificateIds: [row?.id ?? ""] })).started).toBe(true);
    });

    it("marks its sweep interrupted as soon as the sweep process is killed, without waiting for the heartbeat", { timeout: 30_000 }, async () => {
      const { incidentId } = await seedIncident(database.db, slowWorld);
      const store = prismaRevocationStore(database.db);
      const { sweep } = await startSweep(incidentId);
      const [pid] = await until(async () => pidsNaming(sweep.id), (p) => p.length > 0, 10_000);
      if (!pid) throw new Error("no sweep process found");
      // Let it start checking (the silent responder keeps it busy for 10 s), then kill it.
      await until(() => store.getSweep(sweep.id), (s) => (s?.completed ?? 0) > 0, 10_000);
      process.kill(pid, "SIGKILL");
      const killedAt = Date.now();
      const after = await until(() => store.getSweep(sweep.id), (s) => s?.status !== "running", 8_000);
      expect(after?.status).toBe("interrupted");
      // Well before the 10 s after which a silent heartbeat would have been taken for death.
      expect(Date.now() - killedAt).toBeLessThan(ABANDONED_AFTER_MS);
      expect(after?.completed).toBeLessThan(slowWorld.leaves.length);
    });
  });
});
