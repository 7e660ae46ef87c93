"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { CertificateUpload } from "./certificate-upload";
import { CheckHistory } from "./check-history";
import { StatusFilterBar } from "./status-filter";
import { type RevocationState, certificateLabel } from "./types";
import { VerdictCell } from "./verdict-cell";

/** Certificates per page of the table. */
const PAGE = 100;
/** Polling while a sweep runs: at least this often apart, and longer when the server is slow. */
const POLL_MIN_MS = 1000;

/**
 * Live revocation status of an incident's certificates: attach certificates, start a
 * sweep ("Check now") or resume an interrupted one, watch its progress, read each verdict
 * and download the evidence. The table shows one page at a time (incidents list tens of
 * thousands of certificates), filtered by latest verdict.
 */
export function RevocationPanel({ incidentId }: { incidentId: string }) {
  const [state, setState] = useState<RevocationState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [historyOf, setHistoryOf] = useState<string | null>(null);
  const [show, setShow] = useState("all");
  const [offset, setOffset] = useState(0);
  const endpoint = `/api/incidents/${incidentId}/revocation-checks`;
  // Only the answer to the latest request is shown: a slow poll must not undo a page turn.
  const latestRequest = useRef(0);

  const refresh = useCallback(async () => {
    const ticket = ++latestRequest.current;
    const query = new URLSearchParams({ show, offset: String(offset), limit: String(PAGE) });
    const response = await fetch(`${endpoint}?${query}`, { cache: "no-store" });
    if (ticket !== latestRequest.current) return;
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      setError(body.error ?? `Could not load revocation status (HTTP ${response.status}).`);
      return;
    }
    const next = (await response.json()) as RevocationState;
    if (ticket !== latestRequest.current) return;
    setState(next);
    // The filter's list shrank under the page shown (a sweep checked its certificates): go to its last page.
    if (next.certificates.length === 0 && next.total > 0 && offset >= next.total) {
      setOffset(Math.floor((next.total - 1) / PAGE) * PAGE);
    }
  }, [endpoint, show, offset]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const running = state?.sweep?.status === "running";
  useEffect(() => {
    if (!running) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const poll = async () => {
      const started = performance.now();
      await refresh().catch(() => undefined);
      if (stopped) return;
      const took = performance.now() - started;
      timer = setTimeout(() => void poll(), Math.max(POLL_MIN_MS, 3 * took));
    };
    timer = setTimeout(() => void poll(), POLL_MIN_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
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
  const total = state?.total ?? 0;
  const choose = (value: string) => {
    setShow(value);
    setOffset(0);
  };
  return (
    <section aria-labelledby="revocation">
      <h2 id="revocation">Revocation status (live OCSP and CRL)</h2>
      <CertificateUpload incidentId={incidentId} onAttached={refresh} />
      <div className="toolbar">
        <button
          type="button"
          className="button"
          disabled={running || (state?.counts.checkable ?? 0) === 0}
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
      {state && <StatusFilterBar counts={state.counts} show={show} onShow={choose} />}
      <Pager offset={offset} shown={certificates.length} total={total} onOffset={setOffset} />
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
      {certificates.length === 0 && state && (
        <p className="muted">
          {state.counts.certificates === 0
            ? "No certificates are listed for this incident yet."
            : "No certificate matches this filter."}
        </p>
      )}
    </section>
  );
}

/** "Certificates 101–200 of 23,000" with the buttons to move a page back or on. */
function Pager(props: { offset: number; shown: number; total: number; onOffset: (offset: number) => void }) {
  const { offset, shown, total, onOffset } = props;
  if (total <= PAGE && offset === 0) return null;
  const number = new Intl.NumberFormat("en");
  const range = shown > 0 ? `${number.format(offset + 1)}–${number.format(offset + shown)}` : "none";
  return (
    <nav className="toolbar" aria-label="Certificate pages">
      <button
        type="button"
        className="button secondary"
        disabled={offset === 0}
        onClick={() => onOffset(Math.max(0, offset - PAGE))}
      >
        Previous
      </button>
      <span>
        Certificates {range} of {number.format(total)}
      </span>
      <button
        type="button"
        className="button secondary"
        disabled={offset + PAGE >= total}
        onClick={() => onOffset(offset + PAGE)}
      >
        Next
      </button>
    </nav>
  );
}
