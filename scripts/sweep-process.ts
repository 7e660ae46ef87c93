/**
 * Runs one revocation sweep to its end and exits: `node --import tsx
 * scripts/sweep-process.ts SWEEP_ID`, started by the server (lib/checks/sweep-process.server.ts)
 * with DATABASE_URL set. The last stdout line is a JSON summary with the process's
 * wall time, CPU time and peak RSS. Exit code 0 when the sweep is done, 1 otherwise.
 */
import { runSweep } from "@/lib/checks/sweeps.server";
import { disconnectDatabase } from "@/lib/db/client";

async function main(): Promise<number> {
  const [sweepId, ...rest] = process.argv.slice(2);
  if (!sweepId || rest.length > 0) {
    process.stderr.write("usage: sweep-process.ts SWEEP_ID\n");
    return 2;
  }
  const started = performance.now();
  const summary = await runSweep(sweepId);
  const usage = process.resourceUsage();
  const line = {
    event: "revocation-sweep.process-end",
    sweepId,
    summary,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    peakRssMb: usage.maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return summary.status === "done" ? 0 : 1;
}

main()
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => disconnectDatabase());
