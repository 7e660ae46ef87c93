/**
 * Counting a sweep and logging it: one structured line when it starts and one when it
 * ends (counts by verdict, rate), never one per check — a 20 000-certificate sweep must
 * not drown the log. The first unexpected error is logged in full, the rest counted.
 */
import type { NewCheck, SweepRecord, SweepStatus } from "./store";

/** What one run of a sweep did. */
export interface SweepSummary {
  sweepId: string;
  incidentId: string;
  status: SweepStatus;
  total: number;
  /** Certificates already checked before this run (a resumed sweep). */
  alreadyCompleted: number;
  /** Certificates checked by this run. */
  checkedNow: number;
  /** Rows (OCSP + CRL) produced by this run. */
  checks: number;
  verdicts: { ocsp: Record<string, number>; crl: Record<string, number> };
  unexpectedErrors: number;
  durationMs: number;
  certificatesPerSecond: number;
}

const defaultLog = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(event)}\n`);

/** Accumulates the counts of one run. */
export class SweepTally {
  private readonly started = Date.now();
  private checkedNow = 0;
  private checks = 0;
  private unexpectedErrors = 0;
  private began = false;
  private readonly verdicts: SweepSummary["verdicts"] = { ocsp: {}, crl: {} };

  constructor(
    private readonly sweep: SweepRecord,
    private readonly log: (event: Record<string, unknown>) => void = defaultLog,
  ) {}

  start(): void {
    this.began = true;
    const { id, incidentId, total, completed } = this.sweep;
    this.log({ event: "revocation-sweep.start", sweepId: id, incidentId, total, alreadyCompleted: completed });
  }

  /** Counts the rows of one certificate. */
  count(rows: NewCheck[]): void {
    this.checkedNow++;
    this.checks += rows.length;
    for (const r of rows) {
      const bucket = this.verdicts[r.protocol];
      bucket[r.verdict] = (bucket[r.verdict] ?? 0) + 1;
    }
  }

  unexpected(error: unknown, certificateId: string): void {
    this.unexpectedErrors++;
    if (this.unexpectedErrors > 1) return;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.log({ event: "revocation-sweep.unexpected-error", sweepId: this.sweep.id, certificateId, message });
  }

  failed(error: unknown): void {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.log({ ...this.summary("interrupted"), event: "revocation-sweep.failed", message });
  }

  /** Logs the end line and returns the summary. */
  end(status: SweepStatus): SweepSummary {
    const summary = this.summary(status);
    if (this.began) this.log({ event: "revocation-sweep.end", ...summary });
    return summary;
  }

  private summary(status: SweepStatus): SweepSummary {
    const durationMs = Date.now() - this.started;
    return {
      sweepId: this.sweep.id,
      incidentId: this.sweep.incidentId,
      status,
      total: this.sweep.total,
      alreadyCompleted: this.sweep.completed,
      checkedNow: this.checkedNow,
      checks: this.checks,
      verdicts: this.verdicts,
      unexpectedErrors: this.unexpectedErrors,
      durationMs,
      certificatesPerSecond: Math.round((this.checkedNow / Math.max(durationMs, 1)) * 10_000) / 10,
    };
  }
}
