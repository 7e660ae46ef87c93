/**
 * The sweep under measurement, in a process of its own so that its peak memory is the
 * sweep's alone: `node --import tsx sweep-child.ts INCIDENT_ID` with DATABASE_URL set.
 * Prints one JSON line: the sweep summary, wall time and peak RSS.
 */
import { sweepNow } from "@/lib/checks/sweeps.server";
import { disconnectDatabase } from "@/lib/db/client";

async function main(): Promise<void> {
  const [incidentId] = process.argv.slice(2);
  if (!incidentId) throw new Error("usage: sweep-child.ts INCIDENT_ID");
  const started = performance.now();
  const summary = await sweepNow(incidentId, { fetchOptions: { allowPrivate: true }, log: () => {} });
  const seconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stdout.write(`${JSON.stringify({ summary, seconds, peakRssMb: usage.maxRSS / 1024, cpuSeconds })}\n`);
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDatabase());
