/**
 * A live CRL check of one certificate: fetch its distribution point, verify the CRL with
 * the issuer's key, look the serial up. Precedence: transport → not a CRL → issuer name
 * → signature → critical extension → revoked (stands even when stale) → not-yet-valid →
 * stale → not-listed. BR 4.9.7's 10-day maximum interval is reported as a finding.
 */
import type { ParsedCertificate } from "../pki/certificate";
import { FetchFailure } from "../net/fetch-failure";
import { CRL_MAX_BYTES, guardedFetch, type GuardedFetchOptions } from "../net/guarded-fetch";
import { crlSignedBy, findCrlEntry, parseCrl, type CrlEntryInfo, type CrlInfo, type CrlView } from "./crl";
import type { Finding } from "./evaluate";
import { unknownCritical } from "./extensions";
import { CLOCK_SKEW_MS, BR_MAX_INTERVAL_SECONDS } from "./freshness";
import { type Verdict, type VerdictDetail, verdictMessage } from "./verdict";

/** Inputs of {@link checkCrl}. */
export interface CrlCheckInput {
  cert: ParsedCertificate;
  issuer: ParsedCertificate;
  /** Default: the certificate's first CRL distribution point URL. */
  url?: string;
  now?: Date;
  fetchOptions?: Omit<GuardedFetchOptions, "method" | "body" | "headers">;
  /** Handed the decoded CertificateList, for a caller that indexes every entry (sweeps). */
  onList?: (crl: CrlView) => void;
}

/** The evidence of one CRL check. */
export interface CrlCheckResult {
  url: string | null;
  startedAt: string;
  durationMs: number;
  httpStatus: number | null;
  contentType: string | null;
  crlDer: Uint8Array | null;
  parsed: CrlInfo | null;
  entry: CrlEntryInfo | null;
  verdict: Verdict;
  message: string;
  findings: Finding[];
  notes: string[];
}

/** Checks `cert` against its issuer's CRL. Never throws for network or peer problems. */
export async function checkCrl(input: CrlCheckInput): Promise<CrlCheckResult> {
  const started = Date.now();
  const now = input.now ?? new Date();
  const result: CrlCheckResult = {
    url: input.url ?? input.cert.info.crlUrls[0] ?? null,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    httpStatus: null,
    contentType: null,
    crlDer: null,
    parsed: null,
    entry: null,
    verdict: "no-crl-url",
    message: "",
    findings: [],
    notes: [],
  };
  const done = (verdict: Verdict, detail: VerdictDetail = {}) =>
    Object.assign(result, {
      verdict,
      message: verdictMessage(verdict, detail),
      durationMs: Date.now() - started,
    });
  if (!result.url) return done("no-crl-url");

  let response;
  try {
    response = await guardedFetch(result.url, { maxBytes: CRL_MAX_BYTES, ...input.fetchOptions });
  } catch (e) {
    if (!(e instanceof FetchFailure)) throw e;
    return done(e.kind, { why: e.detail });
  }
  Object.assign(result, {
    httpStatus: response.status,
    contentType: response.contentType,
    crlDer: response.body,
  });
  if (response.status !== 200) return done("http-status", { httpStatus: response.status });

  const parsed = parseCrl(response.body);
  if (!parsed.ok) return done("not-a-crl", { what: parsed.detail });
  result.parsed = parsed.info;
  result.notes.push(...parsed.info.warnings);
  if (parsed.info.extensions.some((e) => e.oid === "2.5.29.28")) {
    result.notes.push("partitioned CRL (IssuingDistributionPoint): its scope is not checked");
  }
  input.onList?.(parsed.crl);
  const findings = await judge(parsed.info, parsed.crl, input, now);
  result.findings = findings;
  try {
    result.entry = findCrlEntry(parsed.crl, input.cert.info.serialNumber);
  } catch (e) {
    // A damaged entry list must not make the check throw; keep the bytes and say why.
    return done("not-a-crl", { what: `a CRL whose entries cannot be read (${String(e)})` });
  }

  const has = (v: Verdict) => findings.find((f) => f.verdict === v);
  const early = (
    ["signer-not-authorised", "bad-signature", "unusable-critical-extension"] as const
  ).find(has);
  if (early) return done(early, { why: has(early)?.detail });
  if (result.entry) {
    return done("revoked", {
      revocationTime: result.entry.revocationDate,
      reason: result.entry.reason,
    });
  }
  const late = (["not-yet-valid", "stale"] as const).find(has);
  if (late) return done(late, { why: has(late)?.detail });
  return done("not-listed");
}

async function judge(
  info: CrlInfo,
  crl: Parameters<typeof crlSignedBy>[0],
  input: CrlCheckInput,
  now: Date,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  if (info.issuer !== input.issuer.info.subject) {
    findings.push({
      verdict: "signer-not-authorised",
      detail: `CRL issuer is ${info.issuer}, not ${input.issuer.info.subject}`,
    });
  } else if (!(await crlSignedBy(crl, input.issuer))) {
    findings.push({ verdict: "bad-signature", detail: "the issuer's key does not verify the CRL" });
  }
  for (const e of unknownCritical(info.extensions.filter((x) => !CRL_UNDERSTOOD.has(x.oid)))) {
    findings.push({ verdict: "unusable-critical-extension", detail: `critical ${e.oid}` });
  }
  const t = now.getTime();
  if (Date.parse(info.thisUpdate) > t + CLOCK_SKEW_MS) {
    findings.push({
      verdict: "not-yet-valid",
      detail: `thisUpdate ${info.thisUpdate} is in the future`,
    });
  }
  if (!info.nextUpdate) findings.push({ verdict: "stale", detail: "no nextUpdate" });
  else if (Date.parse(info.nextUpdate) < t - CLOCK_SKEW_MS) {
    findings.push({ verdict: "stale", detail: `nextUpdate ${info.nextUpdate} has passed` });
  } else if (
    (Date.parse(info.nextUpdate) - Date.parse(info.thisUpdate)) / 1000 + 1 >
    BR_MAX_INTERVAL_SECONDS
  ) {
    findings.push({
      verdict: "window-too-long",
      detail: "nextUpdate is more than 10 days after thisUpdate (BR 4.9.7)",
    });
  }
  return findings;
}

/** CRL extensions whose criticality we can honour (RFC 5280 §5.2). */
const CRL_UNDERSTOOD = new Set(["2.5.29.20", "2.5.29.35", "2.5.29.28", "2.5.29.46"]);
