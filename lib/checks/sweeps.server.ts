/**
 * Sweeps on the app's database: what the HTTP API and the CLI call. A started sweep
 * runs in the background of this process; the caller gets its id at once.
 */
import type { Db } from "@/lib/db/client";
import { prismaRevocationStore } from "@/lib/db/revocation.server";
import {
  markAbandonedSweeps,
  resumeSweep as resume,
  runSweep as run,
  SweepFailedError,
  type SweepOptions,
} from "./sweep";
import type { SweepSummary } from "./sweep-log";
import type { SweepRecord } from "./store";

/** Options of the app-level sweep functions. */
export interface SweepServiceOptions extends SweepOptions {
  /** The database (default: the app's client). */
  db?: Db;
}

/** What {@link startSweep} did. */
export interface StartedSweep {
  sweep: SweepRecord;
  /** False when a sweep of this incident was already running and is returned instead. */
  started: boolean;
}

/**
 * Starts a sweep of `incidentId` (all certificates with DER, or `certificateIds`) and
 * runs it in the background; returns at once. A sweep already running for the incident
 * is returned rather than doubled. Sweeps left running by a dead process are marked
 * "interrupted" first.
 */
export async function startSweep(
  incidentId: string,
  options: SweepServiceOptions & { certificateIds?: string[] } = {},
): Promise<StartedSweep> {
  const { db, certificateIds, ...sweepOptions } = options;
  const store = prismaRevocationStore(db);
  await markAbandonedSweeps(store, { incidentId });
  const [live] = await store.runningSweeps(incidentId);
  const current = live ? await store.getSweep(live.id) : null;
  if (current) return { sweep: current, started: false };

  const sweep = await store.createSweep(incidentId, certificateIds ?? null, new Date());
  // Not awaited: the sweep outlives the HTTP request. Its failures are logged by the run.
  run(store, sweep.id, sweepOptions).catch(logFailure(sweep.id));
  return { sweep, started: true };
}

/**
 * Creates a sweep of `incidentId` and runs it to completion in this process (the CLI's
 * `check`, the bench); resolves with the run's summary.
 */
export async function sweepNow(
  incidentId: string,
  options: SweepServiceOptions & { certificateIds?: string[] } = {},
): Promise<SweepSummary> {
  const { db, certificateIds, ...sweepOptions } = options;
  const store = prismaRevocationStore(db);
  await markAbandonedSweeps(store, { incidentId });
  const sweep = await store.createSweep(incidentId, certificateIds ?? null, new Date());
  return run(store, sweep.id, sweepOptions);
}

/** Runs a sweep to completion in this process (the CLI's `check`, tests, the bench). */
export function runSweep(sweepId: string, options: SweepServiceOptions = {}): Promise<SweepSummary> {
  const { db, ...sweepOptions } = options;
  return run(prismaRevocationStore(db), sweepId, sweepOptions);
}

/** Carries on an interrupted sweep: only certificates without a check in it are checked. */
export function resumeSweep(sweepId: string, options: SweepServiceOptions = {}): Promise<SweepSummary> {
  const { db, ...sweepOptions } = options;
  return resume(prismaRevocationStore(db), sweepId, sweepOptions);
}

/** Marks sweeps no live process is running as "interrupted" (see markAbandonedSweeps). */
export function detectInterruptedSweeps(
  opts: { incidentId?: string; staleAfterMs?: number; db?: Db } = {},
): Promise<string[]> {
  return markAbandonedSweeps(prismaRevocationStore(opts.db), opts);
}

function logFailure(sweepId: string) {
  return (error: unknown) => {
    if (error instanceof SweepFailedError) return; // logged by the run itself
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${JSON.stringify({ event: "revocation-sweep.crashed", sweepId, message })}\n`);
  };
}
