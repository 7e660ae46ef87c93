/**
 * CRLs seen by one sweep: each distribution point is fetched and judged ONCE, its
 * entries indexed by serial, and every certificate pointing at it is looked up in the
 * index. Only the first check row of a CRL carries its bytes; the others name that
 * row (`crlBytesCheckId`), so a 20 MiB CRL is stored once per sweep, not per certificate.
 */
import type { ParsedCertificate } from "../pki/certificate";
import { checkCrl, type CrlCheckResult } from "../revocation/crl-check";
import { indexCrlEntries, type CrlEntryInfo, type CrlView } from "../revocation/crl";
import type { Finding } from "../revocation/evaluate";
import { type Verdict, verdictMessage } from "../revocation/verdict";
import type { GuardedFetchOptions } from "../net/guarded-fetch";
import { hostKey, type HostLimiter } from "./limiter";

/** One fetched-and-judged CRL. */
interface CrlSnapshot {
  /** The judgement of the CRL itself (transport, signature, freshness), from checkCrl. */
  result: CrlCheckResult;
  entries: Map<string, CrlEntryInfo>;
  /** Id of the check row that stores the bytes, once one has claimed them. */
  bytesCheckId: string | null;
}

/** What one certificate's CRL check concluded, ready to become a RevocationCheck row. */
export interface CrlLookup {
  result: CrlCheckResult;
  verdict: Verdict;
  message: string;
  entry: CrlEntryInfo | null;
  /** The CRL bytes, for the one row that stores them; null on every other row. */
  bytes: Uint8Array | null;
  /** The row holding the bytes when this one does not. */
  bytesCheckId: string | null;
}

// Same precedence as checkCrl: authority problems first, then a listed serial, then time.
const EARLY: Verdict[] = ["signer-not-authorised", "bad-signature", "unusable-critical-extension"];
const LATE: Verdict[] = ["not-yet-valid", "stale"];

/** The CRL cache of one sweep, keyed by issuer and URL. */
export class CrlSnapshots {
  private readonly snapshots = new Map<string, Promise<CrlSnapshot>>();

  constructor(
    private readonly fetchOptions: GuardedFetchOptions,
    private readonly limiter: HostLimiter,
  ) {}

  /**
   * Looks `serialHex` up in the CRL at `url`, fetching and judging it on first use.
   * `rowId` is the id the caller will give this check row, in case it gets the bytes.
   */
  async lookup(
    url: string,
    serialHex: string,
    cert: () => ParsedCertificate,
    issuer: ParsedCertificate,
    rowId: string,
  ): Promise<CrlLookup> {
    const key = `${issuer.info.sha256Fingerprint} ${url}`;
    let pending = this.snapshots.get(key);
    if (!pending) {
      // checkCrl wants a certificate; only the first one per CRL is ever parsed.
      pending = this.fetch(url, cert(), issuer);
      this.snapshots.set(key, pending);
    }
    const snapshot = await pending;
    const claims = snapshot.bytesCheckId === null && snapshot.result.crlDer !== null;
    if (claims) snapshot.bytesCheckId = rowId;
    return {
      ...judgeEntry(snapshot, serialHex),
      result: snapshot.result,
      bytes: claims ? snapshot.result.crlDer : null,
      bytesCheckId: claims ? null : snapshot.bytesCheckId,
    };
  }

  private async fetch(url: string, cert: ParsedCertificate, issuer: ParsedCertificate): Promise<CrlSnapshot> {
    const fetchOptions = this.fetchOptions;
    // checkCrl keeps only the header; the entries of the list it decoded are indexed once
    // here for every lookup (decoding a large CRL takes seconds; it is done once).
    let list: CrlView | null = null;
    const onList = (crl: CrlView) => void (list = crl);
    const result = await this.limiter.run(hostKey(url), () => checkCrl({ cert, issuer, url, fetchOptions, onList }));
    const entries = list && result.parsed ? indexCrlEntries(list) : new Map<string, CrlEntryInfo>();
    return { result, entries, bytesCheckId: null };
  }
}

function judgeEntry(snapshot: CrlSnapshot, serial: string): Pick<CrlLookup, "verdict" | "message" | "entry"> {
  const { result } = snapshot;
  if (!result.parsed) return { verdict: result.verdict, message: result.message, entry: null };

  const found = (list: Verdict[]): Finding | undefined =>
    list.map((v) => result.findings.find((f) => f.verdict === v)).find(Boolean);
  const entry = snapshot.entries.get(serial) ?? null;
  const early = found(EARLY);
  if (early) return { verdict: early.verdict, message: verdictMessage(early.verdict, { why: early.detail }), entry };
  if (entry) {
    const message = verdictMessage("revoked", { revocationTime: entry.revocationDate, reason: entry.reason });
    return { verdict: "revoked", message, entry };
  }
  const late = found(LATE);
  if (late) return { verdict: late.verdict, message: verdictMessage(late.verdict, { why: late.detail }), entry };
  return { verdict: "not-listed", message: verdictMessage("not-listed"), entry };
}
