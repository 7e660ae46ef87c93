"use client";

import type { StatusCounts } from "./types";

const number = new Intl.NumberFormat("en");

/** "good 22,770 · revoked 230", most frequent first. */
function tally(byVerdict: Record<string, number>): string {
  const entries = Object.entries(byVerdict).sort((a, b) => b[1] - a[1]);
  return entries.length ? entries.map(([v, n]) => `${v} ${number.format(n)}`).join(" · ") : "none yet";
}

/**
 * The incident's certificates counted by latest verdict, and the choice of which the
 * table lists: all, those needing attention, those never checked, or one verdict.
 */
export function StatusFilterBar(props: { counts: StatusCounts; show: string; onShow: (show: string) => void }) {
  const { counts, show, onShow } = props;
  const verdicts = [...new Set([...Object.keys(counts.ocsp), ...Object.keys(counts.crl)])].sort();
  // Keep the current choice listed even when its verdict has no certificate any more.
  if (!["all", "attention", "unchecked", ...verdicts].includes(show)) verdicts.push(show);
  const both = (v: string) =>
    [counts.ocsp[v] && `OCSP ${number.format(counts.ocsp[v])}`, counts.crl[v] && `CRL ${number.format(counts.crl[v])}`]
      .filter(Boolean)
      .join(", ") || "0";
  return (
    <div className="toolbar" data-testid="status-counts">
      <label>
        Show
        <select value={show} onChange={(e) => onShow(e.target.value)}>
          <option value="all">All certificates ({number.format(counts.certificates)})</option>
          <option value="attention">Needing attention ({number.format(counts.attention)})</option>
          <option value="unchecked">Never checked ({number.format(counts.unchecked)})</option>
          {verdicts.map((v) => (
            <option key={v} value={v}>
              Latest verdict {v} ({both(v)})
            </option>
          ))}
        </select>
      </label>
      <span className="muted">
        OCSP: {tally(counts.ocsp)}; CRL: {tally(counts.crl)}
      </span>
    </div>
  );
}
