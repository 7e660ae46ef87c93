"use client";

import { useEffect, useState } from "react";
import { type CheckSummary, verdictClass } from "./types";
import { EvidenceLinks } from "./verdict-cell";

/** Every check of one certificate, newest first, each with its evidence. */
export function CheckHistory({ certificateId }: { certificateId: string }) {
  const [checks, setChecks] = useState<CheckSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    fetch(`/api/certificates/${certificateId}/revocation-checks`, { cache: "no-store" })
      .then(async (r) => {
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        setChecks(((await r.json()) as { checks: CheckSummary[] }).checks);
      })
      .catch((e: unknown) => setError(`Could not load the history (${String(e)}).`));
  }, [certificateId]);

  if (error) return <p className="errors">{error}</p>;
  if (!checks) return <p className="muted">Loading history…</p>;
  return (
    <table aria-label="Check history">
      <thead>
        <tr>
          <th>Protocol</th>
          <th>URL</th>
          <th>HTTP</th>
          <th>Verdict</th>
          <th>Evidence</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((c) => (
          <tr key={c.id}>
            <td>
              {c.protocol.toUpperCase()} {c.method ?? ""}
            </td>
            <td>
              <code>{c.url || "—"}</code>
            </td>
            <td>{c.httpStatus ?? "—"}</td>
            <td>
              <span className={verdictClass(c.verdict)}>{c.verdict}</span>
              <div className="muted">{c.verdictDetail}</div>
            </td>
            <td>
              <EvidenceLinks check={c} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
