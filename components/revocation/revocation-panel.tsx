"use client";

import { useCallback, useEffect, useState } from "react";
import { CertificateUpload } from "./certificate-upload";
import { CheckHistory } from "./check-history";
import { type RevocationState, certificateLabel } from "./types";
import { VerdictCell } from "./verdict-cell";

const POLL_MS = 500;

/**
 * Live revocation status of an incident's certificates: attach certificates, start a
 * sweep ("Check now") or resume an interrupted one, watch its progress, read each verdict
 * and download the evidence.
 */
export function RevocationPanel({ incidentId }: { incidentId: string }) {
  const [state, setState] = useState<RevocationState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const endpoint = `/api/incidents/${incidentId}/revocation-checks`;

  const refresh = useCallback(async () => {
    const response = await fetch(endpoint, { cache: "no-store" });
    if (!response.ok) {
      setError(`Could not load revocation status (HTTP ${response.status}).`);
      return;
    }
    setState((await response.json()) as RevocationState);
  }, [endpoint]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const running = state?.sweep?.status === "running";
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [running, refresh]);

  async function post(body: { certificateIds?: string[]; resume?: true }) {
    setError(null);
    const response = await fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    if (response.status !== 202) {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? `The check did not start (HTTP ${response.status}).`);
    }
    await refresh();
  }

  const checkNow = (certificateIds?: string[]) => post(certificateIds ? { certificateIds } : {});
  const sweep = state?.sweep ?? null;
  const certificates = state?.certificates ?? [];
  const remaining = sweep?.status === "interrupted" ? sweep.total - sweep.completed : 0;
  return (
    <section aria-labelledby="revocation">
      <h2 id="revocation">Revocation status (live OCSP and CRL)</h2>
      <CertificateUpload incidentId={incidentId} onAttached={refresh} />
      <div className="toolbar">
        <button
          type="button"
          className="button"
          disabled={running || !certificates.some((c) => c.checkable)}
          onClick={() => void checkNow()}
        >
          Check now
        </button>
        {remaining > 0 && (
          <button
            type="button"
            className="button secondary"
            title="Check only the certificates the interrupted sweep had not reached"
            onClick={() => void post({ resume: true })}
          >
            Resume ({remaining} remaining)
          </button>
        )}
        {sweep && (
          <span>
            <progress
              aria-label="Check progress"
              max={Math.max(sweep.total, 1)}
              value={sweep.completed}
            />{" "}
            {sweep.completed} of {sweep.total} certificates checked
            {sweep.status !== "running" && ` — sweep ${sweep.status}`}
          </span>
        )}
      </div>
      {error && (
        <p className="errors" role="alert">
          {error}
        </p>
      )}
      <table aria-label="Revocation status">
        <thead>
          <tr>
            <th>Certificate</th>
            <th>Serial</th>
            <th>OCSP</th>
            <th>CRL</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {certificates.map((c) => [
            <tr key={c.id} data-certificate={c.sha256 ?? c.id}>
              <td>
                {certificateLabel(c)}
                {c.sha256 && (
                  <div className="muted">
                    <code>{c.sha256.slice(0, 16)}…</code>
                  </div>
                )}
              </td>
              <td>
                <code>{c.serialHex ?? "—"}</code>
              </td>
              <td>
                <VerdictCell check={c.ocsp} checkable={c.checkable} />
              </td>
              <td>
                <VerdictCell check={c.crl} checkable={c.checkable} />
              </td>
              <td>
                <button
                  type="button"
                  className="button secondary"
                  disabled={running || !c.checkable}
                  title={c.checkable ? undefined : "Attach the certificate (PEM or DER) to check it"}
                  onClick={() => void checkNow([c.id])}
                >
                  Check
                </button>{" "}
                <button
                  type="button"
                  className="button secondary"
                  onClick={() => setHistoryOf(historyOf === c.id ? null : c.id)}
                >
                  History
                </button>
              </td>
            </tr>,
            historyOf === c.id && (
              <tr key={`${c.id}-history`}>
                <td colSpan={5}>
                  <CheckHistory certificateId={c.id} key={`${c.id}-${sweep?.completed}`} />
                </td>
              </tr>
            ),
          ])}
        </tbody>
      </table>
    </section>
  );
}
