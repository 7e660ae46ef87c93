/**
 * What the sweep engine needs from storage. The engine never touches Prisma itself, so
 * its scheduling, batching and resume logic can be read (and tested) apart from the
 * database; lib/db/revocation.server.ts is the real implementation.
 */
import type { CHECK_VERDICTS } from "./status-page";

/** RevocationSweep.status. */
export type SweepStatus = "running" | "done" | "interrupted";

/** Verdicts a sweep stores: the shared vocabulary plus the two the sweep itself adds. */
export type CheckVerdict = (typeof CHECK_VERDICTS)[number];

/** One RevocationSweep row. */
export interface SweepRecord {
  id: string;
  incidentId: string;
  status: SweepStatus;
  total: number;
  completed: number;
  startedAt: Date;
  finishedAt: Date | null;
  /** Last sign of life written by the process running it (null before the column existed). */
  heartbeatAt: Date | null;
  /** The certificates it covers: ids of a chosen subset, or null for all of the incident's. */
  scope: string[] | null;
}

/**
 * A certificate as a sweep checks it (only rows that have DER attached). The parsed
 * fields stored by attachCertificates spare the sweep parsing every certificate; null
 * means "not stored", and the sweep reads them from the DER instead.
 */
export interface SweepCertificate {
  id: string;
  der: Uint8Array;
  issuerCertificateId: string | null;
  serialHex: string | null;
  ocspUrls: string[] | null;
  crlUrls: string[] | null;
}

/** An IssuerCertificate's bytes. */
export interface IssuerRecord {
  id: string;
  der: Uint8Array;
}

/** One RevocationCheck row to insert; `id` is chosen by the engine so rows can refer to each other. */
export interface NewCheck {
  id: string;
  certificateId: string;
  sweepId: string;
  protocol: "ocsp" | "crl";
  /** "" when the certificate names no URL for this protocol. */
  url: string;
  method: "GET" | "POST" | null;
  startedAt: Date;
  durationMs: number;
  httpStatus: number | null;
  contentType: string | null;
  requestBytes: Uint8Array | null;
  responseBytes: Uint8Array | null;
  parsedJson: string | null;
  verdict: CheckVerdict;
  verdictDetail: string;
}

/** The storage operations of a sweep. Every method is one short transaction at most. */
export interface RevocationStore {
  /** Creates a running sweep over `certificateIds` (null: every certificate with DER). */
  createSweep(incidentId: string, certificateIds: string[] | null, startedAt: Date): Promise<SweepRecord>;
  getSweep(sweepId: string): Promise<SweepRecord | null>;
  /**
   * Up to `limit` certificates in the sweep's scope with no check in this sweep yet,
   * ordered by id, with id > `afterId` (a cursor, so rows in flight are not seen twice).
   */
  pendingCertificates(sweepId: string, afterId: string | null, limit: number): Promise<SweepCertificate[]>;
  issuers(ids: string[]): Promise<IssuerRecord[]>;
  /**
   * Inserts the rows and adds `certificates` to the sweep's `completed`, atomically; the
   * write also counts as a heartbeat.
   */
  insertChecks(sweepId: string, rows: NewCheck[], certificates: number): Promise<void>;
  /** Records that the process running the sweep is alive (only while it is running). */
  heartbeat(sweepId: string, at: Date): Promise<void>;
  /**
   * Sets an interrupted sweep running again (finishedAt cleared, heartbeat `at`); false if
   * it was not interrupted, so that of two resumers only one wins.
   */
  reopenSweep(sweepId: string, at: Date): Promise<boolean>;
  /**
   * Sets status and finishedAt, only if the sweep is still running; "done" also replaces
   * an "interrupted" set by another process that took this one for dead.
   */
  finishSweep(sweepId: string, status: Exclude<SweepStatus, "running">, at: Date): Promise<void>;
  /** Running sweeps with their last sign of life (heartbeat, else latest check, else start). */
  runningSweeps(incidentId?: string): Promise<{ id: string; lastActivityAt: Date }[]>;
}
