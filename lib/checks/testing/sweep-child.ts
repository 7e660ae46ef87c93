/**
 * Runs one sweep in a child process, slowly (one request at a time, small batches, each
 * batch write held back 100 ms as a slow disk would), so that a test can SIGKILL it
 * half-way: `node --import tsx sweep-child.ts SWEEP_ID` with DATABASE_URL set.
 */
import { runSweep } from "@/lib/checks/sweep";
import { getDb } from "@/lib/db/client";
import { prismaRevocationStore } from "@/lib/db/revocation.server";

const [sweepId] = process.argv.slice(2);
if (!sweepId) throw new Error("usage: sweep-child.ts SWEEP_ID");
const store = prismaRevocationStore();
const slowStore = {
  ...store,
  insertChecks: async (...args: Parameters<typeof store.insertChecks>) => {
    await new Promise((r) => setTimeout(r, 100));
    return store.insertChecks(...args);
  },
};
runSweep(slowStore, sweepId, {
  fetchOptions: { allowPrivate: true, timeoutMs: 5000 },
  limits: { perHost: 1, overall: 1 },
  batch: { maxRows: 10, maxDelayMs: 50 },
  log: () => {},
}).finally(() => getDb().$disconnect());
