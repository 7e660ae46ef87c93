/**
 * Problems found while importing a report: each names the 1-based source line it concerns.
 * Errors make the import fail; warnings travel with the imported report.
 */
export type Problem = { line: number; message: string };

/** Collects every problem of one import, so the author sees all of them at once. */
export class Problems {
  readonly errors: Problem[] = [];
  readonly warnings: Problem[] = [];

  /** Records a problem that makes the import fail. */
  error(line: number, message: string): void {
    this.errors.push({ line, message });
  }

  /** Records a problem the import survives; it is shown beside the imported report. */
  warn(line: number, message: string): void {
    this.warnings.push({ line, message });
  }
}
