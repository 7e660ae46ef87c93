"use client";

import { type FormEvent, useState } from "react";
import { verdictClass } from "@/components/revocation/types";

type Inspection = {
  isOcspResponse: boolean;
  what: string | null;
  signature: string;
  verdict: string;
  message: string;
  findings: { code?: string; message?: string }[];
  notes: string[];
};

/** Upload a saved OCSP response (with its issuer and certificate) and read it. */
export function InspectForm() {
  const [result, setResult] = useState<Inspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    for (const name of ["issuer", "cert"]) {
      const file = data.get(name);
      if (file instanceof File && file.size === 0) data.delete(name);
    }
    setBusy(true);
    setError(null);
    setResult(null);
    const response = await fetch("/api/ocsp/inspect", { method: "POST", body: data });
    const body = (await response.json().catch(() => ({}))) as Inspection & { error?: string; field?: string };
    setBusy(false);
    if (!response.ok) {
      setError(`${body.field ? `${body.field}: ` : ""}${body.error ?? `HTTP ${response.status}`}`);
      return;
    }
    setResult(body);
  }

  return (
    <>
      <form onSubmit={submit} aria-label="Inspect an OCSP response">
        <div className="toolbar">
          <label>
            OCSP response (DER)
            <input type="file" name="response" required />
          </label>
          <label>
            Issuer certificate (optional)
            <input type="file" name="issuer" />
          </label>
          <label>
            Certificate (optional)
            <input type="file" name="cert" />
          </label>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Reading…" : "Inspect"}
          </button>
        </div>
      </form>
      {error && (
        <p className="errors" role="alert">
          {error}
        </p>
      )}
      {result && (
        <section aria-label="Inspection">
          <p>
            Verdict:{" "}
            <strong className={verdictClass(result.verdict)} data-testid="inspect-verdict">
              {result.verdict}
            </strong>{" "}
            — {result.message}
          </p>
          <p>Signature: {result.signature}</p>
          <pre className="mono" style={{ whiteSpace: "pre-wrap", background: "var(--panel)", padding: "0.75rem" }}>
            {JSON.stringify(result, null, 2)}
          </pre>
        </section>
      )}
    </>
  );
}
