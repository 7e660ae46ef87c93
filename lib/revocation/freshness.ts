/**
 * Time checks on a SingleResponse (RFC 6960 §3.2 items 5–6, RFC 5019 §2.2.4, BR 4.9.10).
 *
 * - thisUpdate may not be in the future and nextUpdate must be present and not past.
 *   Both are judged with CLOCK_SKEW_MS of tolerance either way, because the responder's
 *   clock and ours differ a little; 5 minutes is what most TLS clients allow.
 * - BR 4.9.10 (Subscriber Certificates): the validity interval, nextUpdate − thisUpdate
 *   counted INCLUSIVELY (so + 1 second), must be ≥ 8 hours and ≤ 10 days. A response
 *   with exactly 10 days between the fields is therefore one second too long.
 */
import type { SingleResponseInfo } from "./ocsp-response";

export const CLOCK_SKEW_MS = 5 * 60 * 1000;
export const BR_MIN_INTERVAL_SECONDS = 8 * 3600;
export const BR_MAX_INTERVAL_SECONDS = 10 * 86_400;
/** BR 4.9.10: intervals ≥ 16 h must be refreshed no later than 4 days after thisUpdate. */
const BR_REFRESH_SECONDS = 4 * 86_400;

/** A time problem, named with its verdict. */
export interface TimeFinding {
  verdict: "not-yet-valid" | "stale" | "window-too-long" | "window-too-short";
  detail: string;
}

/** The BR validity interval in seconds (inclusive), or null without nextUpdate. */
export function validityIntervalSeconds(single: SingleResponseInfo): number | null {
  if (!single.nextUpdate) return null;
  return (Date.parse(single.nextUpdate) - Date.parse(single.thisUpdate)) / 1000 + 1;
}

/** Every time problem of `single` at `now`; [] means fresh and BR-conformant. */
export function checkFreshness(
  single: SingleResponseInfo,
  now: Date,
  skewMs = CLOCK_SKEW_MS,
): TimeFinding[] {
  const findings: TimeFinding[] = [];
  const t = now.getTime();
  if (Date.parse(single.thisUpdate) > t + skewMs) {
    findings.push({
      verdict: "not-yet-valid",
      detail: `thisUpdate ${single.thisUpdate} is in the future`,
    });
  }
  if (!single.nextUpdate) {
    findings.push({ verdict: "stale", detail: "no nextUpdate (RFC 5019 §2.2.4 requires one)" });
  } else if (Date.parse(single.nextUpdate) < t - skewMs) {
    findings.push({ verdict: "stale", detail: `nextUpdate ${single.nextUpdate} has passed` });
  }

  const interval = validityIntervalSeconds(single);
  if (interval !== null && interval > BR_MAX_INTERVAL_SECONDS) {
    findings.push({
      verdict: "window-too-long",
      detail: `validity interval ${formatSeconds(interval)} > 10 days`,
    });
  }
  if (interval !== null && interval < BR_MIN_INTERVAL_SECONDS) {
    findings.push({
      verdict: "window-too-short",
      detail: `validity interval ${formatSeconds(interval)} < 8 hours`,
    });
  }
  return findings;
}

/** BR 4.9.10 refresh duties visible from one response (notes, not verdicts). */
export function refreshNotes(single: SingleResponseInfo, now: Date): string[] {
  const interval = validityIntervalSeconds(single);
  const age = (now.getTime() - Date.parse(single.thisUpdate)) / 1000;
  if (interval === null) return [];
  if (interval >= 16 * 3600 && age > BR_REFRESH_SECONDS) {
    return [
      `thisUpdate is ${formatSeconds(age)} old; BR 4.9.10 wants a new response within 4 days`,
    ];
  }
  if (interval < 16 * 3600 && age > interval / 2) {
    return [
      `thisUpdate is ${formatSeconds(age)} old, past half the ${formatSeconds(interval)} interval (BR 4.9.10)`,
    ];
  }
  return [];
}

function formatSeconds(s: number): string {
  const days = Math.floor(s / 86_400);
  const rest = s - days * 86_400;
  const hours = Math.floor(rest / 3600);
  const secs = Math.round(rest - hours * 3600);
  return `${days}d ${hours}h ${Math.floor(secs / 60)}m ${secs % 60}s (${Math.round(s)} s)`;
}
