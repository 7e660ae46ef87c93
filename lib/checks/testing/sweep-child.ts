/**
 * Runs one sweep in a child process, slowly (one request at a time, small batches, each
 * batch write held back as a slow disk would), so that a test can SIGKILL it half-way:
 * `node --import tsx sweep-child.ts SWEEP_ID [WRITE_DELAY_MS] [HEARTBEAT_MS]` with
 * DATABASE_URL set (defaults: 100 ms, the engine's heartbeat).
 */
import { runSweep } from "@/lib/checks/sweep";
import { getDb } from "@/lib/db/client";
import { prismaRevocationStore } from "@/lib/db/revocation.server";

const [sweepId, writeDelay = "100", heartbeat] = process.argv.slice(2);
if (!sweepId) throw new Error("usage: sweep-child.ts SWEEP_ID [WRITE_DELAY_MS] [HEARTBEAT_MS]");
const store = prismaRevocationStore();
const slowStore = {
  ...store,
  insertChecks: async (...args: Parameters<typeof store.insertChecks>) => {
    await new Promise((r) => setTimeout(r, Number(writeDelay)));
    return store.insertChecks(...args);
  },
};
runSweep(slowStore, sweepId, {
  fetchOptions: { allowPrivate: true, timeoutMs: 5000 },
  limits: { perHost: 1, overall: 1 },
  batch: { maxRows: 10, maxDelayMs: 50 },
  heartbeatMs: heartbeat === undefined ? undefined : Number(heartbeat),
  log: () => {},
}).finally(() => getDb().$disconnect());
