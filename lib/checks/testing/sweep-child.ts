/**
 * Runs one sweep in a child process, slowly (one request at a time, small batches), so
 * that a test can SIGKILL it half-way: `node --import tsx sweep-child.ts SWEEP_ID`.
 */
import { runSweep } from "@/lib/checks/sweeps.server";
import { getDb } from "@/lib/db/client";

const [sweepId] = process.argv.slice(2);
if (!sweepId) throw new Error("usage: sweep-child.ts SWEEP_ID");
runSweep(sweepId, {
  fetchOptions: { allowPrivate: true, timeoutMs: 5000 },
  limits: { perHost: 1, overall: 1 },
  batch: { maxRows: 10, maxDelayMs: 50 },
  log: () => {},
}).finally(() => getDb().$disconnect());
