/**
 * Buffers check rows and writes them in batches: one short transaction per batch
 * instead of one per check, and never while a network request waits on it. A
 * certificate's rows (OCSP and CRL) always travel in the same batch, so a crash leaves
 * each certificate either fully checked in this sweep or not at all.
 */
import type { NewCheck, RevocationStore } from "./store";

/** When a batch is written. */
export interface BatchPolicy {
  /** Write once this many rows are buffered (default 200). */
  maxRows: number;
  /** Write at the latest this long after the first buffered row (default 500 ms). */
  maxDelayMs: number;
}

export const DEFAULT_BATCH: BatchPolicy = { maxRows: 200, maxDelayMs: 500 };

/** Collects the rows of one sweep and flushes them through the store, one batch at a time. */
export class CheckBatchWriter {
  private rows: NewCheck[] = [];
  private certificates = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  /** Rows written so far. */
  written = 0;

  constructor(
    private readonly store: RevocationStore,
    private readonly sweepId: string,
    private readonly policy: BatchPolicy = DEFAULT_BATCH,
  ) {}

  /**
   * Buffers the rows of one certificate. Resolves at once, or after the pending write
   * when the buffer is full (back-pressure: a slow database slows the sweep down rather
   * than letting rows pile up in memory). Rejects once a write has failed.
   */
  async add(rows: NewCheck[]): Promise<void> {
    if (this.failure) throw this.failure;
    this.rows.push(...rows);
    this.certificates++;
    if (this.rows.length >= this.policy.maxRows) {
      this.flush();
      await this.writing;
    } else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.policy.maxDelayMs);
    }
  }

  /** Writes whatever is buffered and waits for every write; rethrows a failed write. */
  async close(): Promise<void> {
    this.flush();
    await this.writing;
    if (this.failure) throw this.failure;
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.rows.length === 0) return;
    const rows = this.rows;
    const certificates = this.certificates;
    this.rows = [];
    this.certificates = 0;
    this.writing = this.writing.then(async () => {
      if (this.failure) return;
      try {
        await this.store.insertChecks(this.sweepId, rows, certificates);
        this.written += rows.length;
      } catch (e) {
        this.failure = e;
      }
    });
  }
}
