/**
 * The revocation sweep: every certificate of an incident checked by OCSP and CRL, with
 * bounded concurrency, results written in batches, resumable after a crash. The work
 * list is "certificates with no check in this sweep", so a restarted run simply carries
 * on where the dead one stopped.
 */
import type { GuardedFetchOptions } from "../net/guarded-fetch";
import { DEFAULT_BATCH, CheckBatchWriter, type BatchPolicy } from "./batch-writer";
import { checkCertificate, type CheckContext } from "./certificate-check";
import { CrlSnapshots } from "./crl-snapshots";
import { SignerCache } from "./fast/signer-cache";
import { IssuerCache } from "./issuer-cache";
import { DEFAULT_LIMITS, HostLimiter, type ConcurrencyLimits } from "./limiter";
import { SweepTally, type SweepSummary } from "./sweep-log";
import type { RevocationStore, SweepRecord } from "./store";

/** Tuning of a sweep run; every field has a default fit for the public Internet. */
export interface SweepOptions {
  limits?: ConcurrencyLimits;
  batch?: BatchPolicy;
  /** Passed to every fetch (timeoutMs, allowPrivate…). */
  fetchOptions?: GuardedFetchOptions;
  /** Certificates read from the database per query (default 500). */
  pageSize?: number;
  /** Where the start and end lines go (default: one JSON line on stdout). */
  log?: (event: Record<string, unknown>) => void;
  /** How often the running process writes its heartbeat (default {@link HEARTBEAT_MS}). */
  heartbeatMs?: number;
}

/** A run that stopped on a storage failure; already logged, the sweep marked interrupted. */
export class SweepFailedError extends Error {
  constructor(
    readonly sweepId: string,
    readonly cause: unknown,
  ) {
    super(`revocation sweep ${sweepId} stopped: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "SweepFailedError";
  }
}

/** How often the process running a sweep writes its heartbeat. */
export const HEARTBEAT_MS = 2_000;

/**
 * A running sweep not run by us whose heartbeat is this old is taken for dead: five missed
 * beats, so a busy event loop or a slow disk is not mistaken for a killed process.
 */
export const ABANDONED_AFTER_MS = 10_000;

// Sweeps running in THIS process. Kept on globalThis so that Next's module reloading in
// development does not make a live sweep look abandoned.
const registryKey = Symbol.for("ca-incident-desk.active-sweeps");
const globals = globalThis as unknown as Record<symbol, Map<string, Promise<SweepSummary>> | undefined>;
const active: Map<string, Promise<SweepSummary>> = (globals[registryKey] ??= new Map());

// Sweeps run by a sweep process this process started and that has not exited yet.
const childrenKey = Symbol.for("ca-incident-desk.sweep-children");
const childGlobals = globalThis as unknown as Record<symbol, Set<string> | undefined>;
const children: Set<string> = (childGlobals[childrenKey] ??= new Set());

/** Whether this process runs the sweep itself. */
export function isSweepRunInThisProcess(sweepId: string): boolean {
  return active.has(sweepId);
}

/**
 * Whether the sweep is known alive here: run by this process, or by a sweep process it
 * started that has not exited. Such a sweep is never taken for dead, even when its
 * heartbeat is late (a long synchronous CRL decode delays it).
 */
export function isSweepActiveHere(sweepId: string): boolean {
  return active.has(sweepId) || children.has(sweepId);
}

/** Counts the sweep as alive until `child` exits (see isSweepActiveHere). */
export function watchSweepProcess(
  sweepId: string,
  child: { once(event: "exit", listener: () => void): unknown },
): void {
  children.add(sweepId);
  child.once("exit", () => children.delete(sweepId));
}

/**
 * Marks running sweeps that no live process is working on as "interrupted": not run by
 * this process and no heartbeat for `staleAfterMs`. A sweep run by another live process
 * (the CLI beside the server) keeps its heartbeat fresh and is left alone. Returns their ids.
 */
export async function markAbandonedSweeps(
  store: RevocationStore,
  opts: { incidentId?: string; staleAfterMs?: number; now?: Date } = {},
): Promise<string[]> {
  const now = opts.now ?? new Date();
  const limit = now.getTime() - (opts.staleAfterMs ?? ABANDONED_AFTER_MS);
  const running = await store.runningSweeps(opts.incidentId);
  const dead = running.filter((s) => !isSweepActiveHere(s.id) && s.lastActivityAt.getTime() <= limit);
  for (const s of dead) await store.finishSweep(s.id, "interrupted", now);
  return dead.map((s) => s.id);
}

/**
 * Runs (or carries on) a sweep until every certificate in its scope has a check in it,
 * then marks it done. Concurrent calls for one sweep share the same run.
 */
export function runSweep(
  store: RevocationStore,
  sweepId: string,
  options: SweepOptions = {},
): Promise<SweepSummary> {
  const existing = active.get(sweepId);
  if (existing) return existing;
  const run = execute(store, sweepId, options).finally(() => active.delete(sweepId));
  active.set(sweepId, run);
  return run;
}

/** Sets an interrupted sweep running again and runs it; a running or done sweep just runs. */
export async function resumeSweep(
  store: RevocationStore,
  sweepId: string,
  options: SweepOptions = {},
): Promise<SweepSummary> {
  if (!active.has(sweepId)) await store.reopenSweep(sweepId, new Date());
  return runSweep(store, sweepId, options);
}

async function execute(
  store: RevocationStore,
  sweepId: string,
  options: SweepOptions,
): Promise<SweepSummary> {
  const sweep = await store.getSweep(sweepId);
  if (!sweep) throw new Error(`no revocation sweep with id ${sweepId}`);
  const tally = new SweepTally(sweep, options.log);
  if (sweep.status !== "running") return tally.end(sweep.status);
  tally.start();

  const limiter = new HostLimiter(options.limits ?? DEFAULT_LIMITS);
  const fetchOptions = options.fetchOptions ?? {};
  const writer = new CheckBatchWriter(store, sweepId, options.batch ?? DEFAULT_BATCH);
  const ctx: CheckContext = {
    sweepId,
    limiter,
    fetchOptions,
    crls: new CrlSnapshots(fetchOptions, limiter),
    signers: new SignerCache(),
    onUnexpected: (e, certificateId) => tally.unexpected(e, certificateId),
  };
  const heartbeat = startHeartbeat(store, sweepId, options.heartbeatMs ?? HEARTBEAT_MS);
  try {
    await dispatchAll(store, sweep, ctx, writer, tally, options);
    await writer.close();
  } catch (e) {
    // A failed batch write stops the run; the rows already written stay valid and the
    // sweep can be resumed. Leave it "running" for markAbandonedSweeps only if we cannot
    // even record the failure.
    tally.failed(e);
    await store.finishSweep(sweepId, "interrupted", new Date()).catch(() => undefined);
    throw new SweepFailedError(sweepId, e);
  } finally {
    clearInterval(heartbeat);
  }
  await store.finishSweep(sweepId, "done", new Date());
  return tally.end("done");
}

/**
 * Writes the sweep's heartbeat every `everyMs` until cleared. A failed beat is logged
 * once per run and not retried sooner: the next beat or batch write tries again.
 */
function startHeartbeat(store: RevocationStore, sweepId: string, everyMs: number): NodeJS.Timeout {
  let reported = false;
  const timer = setInterval(() => {
    store.heartbeat(sweepId, new Date()).catch((error: unknown) => {
      if (reported) return;
      reported = true;
      const message = error instanceof Error ? error.message : String(error);
      const event = { event: "revocation-sweep.heartbeat-failed", sweepId, message };
      process.stderr.write(`${JSON.stringify(event)}\n`);
    });
  }, everyMs);
  // The timer alone must not keep a CLI process alive.
  timer.unref();
  return timer;
}

async function dispatchAll(
  store: RevocationStore,
  sweep: SweepRecord,
  ctx: CheckContext,
  writer: CheckBatchWriter,
  tally: SweepTally,
  options: SweepOptions,
): Promise<void> {
  const issuers = new IssuerCache(store);
  const pageSize = options.pageSize ?? 500;
  // Enough work queued to keep every slot busy, and no more: work that waits long
  // outlives V8's young generation and swells the old one (peak RSS doubled with 500).
  const maxQueued = (options.limits ?? DEFAULT_LIMITS).overall * 2;
  const inFlight = new Set<Promise<void>>();
  const state: { failure: { error: unknown } | null } = { failure: null };
  let cursor: string | null = null;

  while (!state.failure) {
    const page = await store.pendingCertificates(sweep.id, cursor, pageSize);
    if (page.length === 0) break;
    cursor = page[page.length - 1]?.id ?? cursor;
    await issuers.load(page.map((c) => c.issuerCertificateId));

    for (const cert of page) {
      while (inFlight.size >= maxQueued) await Promise.race(inFlight);
      if (state.failure) break;
      const task: Promise<void> = checkCertificate(cert, issuers.get(cert.issuerCertificateId), ctx)
        .then((rows) => {
          tally.count(rows);
          return writer.add(rows);
        })
        // Only a failed write gets here (checks turn every problem into a row).
        .catch((error: unknown) => void (state.failure ??= { error }))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
  }
  await Promise.all(inFlight);
  if (state.failure) throw state.failure.error;
}
