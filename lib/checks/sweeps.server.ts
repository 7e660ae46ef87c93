/**
 * Sweeps on the app's database: what the HTTP API and the CLI call. A sweep the HTTP
 * API starts runs in a process of its own (sweep-process.server.ts) and the caller gets
 * its id at once; the CLI runs its sweep in its own process to the end.
 */
import type { Db } from "@/lib/db/client";
import { checkableCertificates, latestSweep } from "@/lib/db/revocation-reads.server";
import { prismaRevocationStore } from "@/lib/db/revocation.server";
import {
  markAbandonedSweeps,
  resumeSweep as resume,
  runSweep as run,
  SweepFailedError,
  type SweepOptions,
  watchSweepProcess,
} from "./sweep";
import { launchSweepProcess } from "./sweep-process.server";
import type { SweepSummary } from "./sweep-log";
import type { RevocationStore, SweepRecord } from "./store";

/** Options of the app-level sweep functions. */
export interface SweepServiceOptions extends SweepOptions {
  /** The database (default: the app's client). */
  db?: Db;
}

/**
 * A request the incident's sweeps rule out: a new sweep while another process's sweep is
 * alive, or a resume with no interrupted sweep. The message says which, for the user.
 */
export class SweepConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SweepConflictError";
  }
}

/** What {@link startSweep} did. */
export interface StartedSweep {
  sweep: SweepRecord;
  /** False when a sweep of this incident was already running and is returned instead. */
  started: boolean;
}

/**
 * Starts a sweep of `incidentId` (all certificates with DER, or `certificateIds`) in a
 * sweep process of its own; returns at once. A sweep already running for the incident
 * that covers the certificates asked for is returned rather than doubled; one that does
 * not is a {@link SweepConflictError} (one sweep per incident at a time, and the caller
 * must not believe certificates are being checked when they are not). Sweeps left
 * running by a dead process are marked "interrupted" first.
 */
export async function startSweep(
  incidentId: string,
  options: { certificateIds?: string[] } = {},
): Promise<StartedSweep> {
  const store = prismaRevocationStore();
  const current = await liveSweep(store, incidentId);
  if (current) {
    const checkableNow = await checkableCertificates(incidentId);
    if (covers(current, options.certificateIds, checkableNow)) return { sweep: current, started: false };
    const asked =
      current.scope === null && checkableNow > current.total
        ? "certificates were attached after it started"
        : options.certificateIds
          ? "the certificates asked for are not all in it"
          : "it does not cover every certificate";
    throw new SweepConflictError(`${stillRunning(current)}; ${asked}: ask again once it has finished`);
  }

  const sweep = await store.createSweep(incidentId, options.certificateIds ?? null, new Date());
  runElsewhere(store, sweep.id);
  return { sweep, started: true };
}

/**
 * Creates a sweep of `incidentId` and runs it to completion in this process (the CLI's
 * `check`, the bench); resolves with the run's summary. Throws {@link SweepConflictError}
 * while a live sweep of the incident runs elsewhere (the server's, another CLI's).
 */
export async function sweepNow(
  incidentId: string,
  options: SweepServiceOptions & { certificateIds?: string[] } = {},
): Promise<SweepSummary> {
  const { db, certificateIds, ...sweepOptions } = options;
  const store = prismaRevocationStore(db);
  const live = await liveSweep(store, incidentId);
  if (live) throw new SweepConflictError(`${stillRunning(live)}; wait for it to finish`);
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

/**
 * Resumes the incident's latest sweep if it is interrupted, in a sweep process (the HTTP
 * API): only certificates with no check in it are checked. Throws
 * {@link SweepConflictError} when there is nothing to resume.
 */
export async function resumeLatestSweep(incidentId: string): Promise<SweepRecord> {
  const store = prismaRevocationStore();
  const sweep = await reopenLatest(store, incidentId);
  runElsewhere(store, sweep.id);
  return sweep;
}

/**
 * Whether the running sweep checks every certificate of `requested` (undefined: all). A
 * sweep of all certificates covers those there were when it started (`total`), not one
 * attached since: its work list is read in id order and would pass a new id by.
 */
function covers(sweep: SweepRecord, requested: string[] | undefined, checkableNow: number): boolean {
  if (sweep.scope === null) return checkableNow <= sweep.total;
  if (!requested) return false;
  const scope = new Set(sweep.scope);
  return requested.every((id) => scope.has(id));
}

/**
 * Runs the (running) sweep in a sweep process, not awaited: it outlives the HTTP request.
 * Should that process never get to run it, the sweep runs here instead, so it is not lost.
 * Should it die before the end (killed, out of memory), the server log says so and the
 * sweep is marked interrupted at once, ready to be resumed.
 */
function runElsewhere(store: RevocationStore, sweepId: string): void {
  let notStarted = false;
  const inThisProcess = () => {
    notStarted = true;
    void run(store, sweepId).catch(logFailure(sweepId));
  };
  try {
    const child = launchSweepProcess(sweepId, { onNotStarted: inThisProcess });
    watchSweepProcess(sweepId, child);
    child.once("exit", (code, signal) => {
      if (code === 0 || notStarted) return;
      void interruptDeadSweep(store, sweepId, { exitCode: code, signal });
    });
  } catch (error) {
    logFailure(sweepId)(error);
    inThisProcess();
  }
}

/** A sweep process ended without finishing: log it, and mark its sweep interrupted if still running. */
async function interruptDeadSweep(
  store: RevocationStore,
  sweepId: string,
  how: { exitCode: number | null; signal: NodeJS.Signals | null },
): Promise<void> {
  process.stderr.write(`${JSON.stringify({ event: "revocation-sweep.process-died", sweepId, ...how })}\n`);
  try {
    const sweep = await store.getSweep(sweepId);
    if (sweep?.status === "running") await store.finishSweep(sweepId, "interrupted", new Date());
  } catch (error) {
    logFailure(sweepId)(error); // the heartbeat check marks it later
  }
}

/** {@link resumeLatestSweep}, run to completion in this process (the CLI's `check --resume`). */
export async function resumeLatestSweepNow(
  incidentId: string,
  options: SweepServiceOptions = {},
): Promise<SweepSummary> {
  const { db, ...sweepOptions } = options;
  const store = prismaRevocationStore(db);
  const sweep = await reopenLatest(store, incidentId, db);
  return run(store, sweep.id, sweepOptions);
}

/** Marks sweeps no live process is running as "interrupted" (see markAbandonedSweeps). */
export function detectInterruptedSweeps(
  opts: { incidentId?: string; staleAfterMs?: number; db?: Db } = {},
): Promise<string[]> {
  return markAbandonedSweeps(prismaRevocationStore(opts.db), opts);
}

/** The incident's running sweep whose process is alive, after marking dead ones interrupted. */
async function liveSweep(store: RevocationStore, incidentId: string): Promise<SweepRecord | null> {
  await markAbandonedSweeps(store, { incidentId });
  const [live] = await store.runningSweeps(incidentId);
  return live ? store.getSweep(live.id) : null;
}

function stillRunning(sweep: SweepRecord): string {
  const age = sweep.heartbeatAt ? Date.now() - sweep.heartbeatAt.getTime() : null;
  const beat = age === null ? "" : `, last heartbeat ${age} ms ago`;
  return (
    `sweep ${sweep.id} of incident ${sweep.incidentId} is still running ` +
    `(${sweep.completed} of ${sweep.total} certificates checked${beat})`
  );
}

/** Sets the incident's latest sweep running again if it is interrupted. */
async function reopenLatest(store: RevocationStore, incidentId: string, db?: Db): Promise<SweepRecord> {
  const live = await liveSweep(store, incidentId);
  if (live) throw new SweepConflictError(`Nothing to resume: ${stillRunning(live)}`);
  const latest = await latestSweep(incidentId, db);
  if (!latest) throw new SweepConflictError(`Nothing to resume: incident ${incidentId} has no sweep yet`);
  if (latest.status !== "interrupted") {
    const which = `the latest sweep of incident ${incidentId} (${latest.id})`;
    throw new SweepConflictError(`Nothing to resume: ${which} is ${latest.status}, not interrupted`);
  }
  // Of two resumers racing, only the one whose update matched goes on.
  const reopened = await store.reopenSweep(latest.id, new Date());
  const sweep = reopened ? await store.getSweep(latest.id) : null;
  if (!sweep) {
    throw new SweepConflictError(`Nothing to resume: sweep ${latest.id} was resumed by another request`);
  }
  return sweep;
}

function logFailure(sweepId: string) {
  return (error: unknown) => {
    if (error instanceof SweepFailedError) return; // logged by the run itself
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`${JSON.stringify({ event: "revocation-sweep.crashed", sweepId, message })}\n`);
  };
}
