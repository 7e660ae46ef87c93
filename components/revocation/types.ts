/** Shapes of the revocation API's JSON as the browser receives it. */
import { SETTLED_VERDICTS, type StatusCounts } from "@/lib/checks/status-page";

export type CheckSummary = {
  id: string;
  protocol: "ocsp" | "crl";
  url: string;
  method: string | null;
  startedAt: string;
  durationMs: number;
  httpStatus: number | null;
  contentType: string | null;
  verdict: string;
  verdictDetail: string;
};

export type CertificateStatus = {
  id: string;
  sha256: string | null;
  serialHex: string | null;
  subject: string | null;
  dnsNames: string[];
  /** False for certificates known only by hash: attach the PEM/DER to check them. */
  checkable: boolean;
  ocsp: CheckSummary | null;
  crl: CheckSummary | null;
};

export type SweepProgress = {
  id: string;
  status: "running" | "done" | "interrupted";
  total: number;
  completed: number;
  startedAt: string;
  finishedAt: string | null;
};

/** Certificates counted by latest verdict (see lib/db/revocation-reads.server.ts). */
export type { StatusCounts };

/** GET /api/incidents/{id}/revocation-checks: progress, counts and one page. */
export type RevocationState = {
  sweep: SweepProgress | null;
  counts: StatusCounts;
  show: string;
  offset: number;
  limit: number;
  /** Certificates the filter keeps (all pages). */
  total: number;
  certificates: CertificateStatus[];
};

const GOOD = new Set<string>(SETTLED_VERDICTS);
const BAD = new Set(["revoked"]);

/** CSS class for a verdict: green for good answers, red for revoked, amber for failures. */
export function verdictClass(verdict: string): string {
  if (GOOD.has(verdict)) return "verdict-good";
  if (BAD.has(verdict)) return "verdict-bad";
  return "verdict-warn";
}

/** What to call a certificate in a table: its first DNS name, else subject, else hash. */
export function certificateLabel(c: CertificateStatus): string {
  return c.dnsNames[0] ?? c.subject ?? (c.sha256 ? `${c.sha256.slice(0, 16)}…` : c.id);
}
