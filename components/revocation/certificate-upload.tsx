"use client";

import { type FormEvent, useState } from "react";

type UploadProblem = { file: string | null; block: number | null; line: number | null; message: string };

function where(p: UploadProblem): string {
  const parts = [p.file, p.block !== null ? `block ${p.block}` : null, p.line !== null ? `line ${p.line}` : null];
  const place = parts.filter(Boolean).join(", ");
  return place ? `${place}: ` : "";
}

/** Attach PEM/DER certificates (and their issuers) to an incident. */
export function CertificateUpload({
  incidentId,
  onAttached,
}: {
  incidentId: string;
  onAttached: () => Promise<void>;
}) {
  const [problems, setProblems] = useState<UploadProblem[]>([]);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const pasted = String(data.get("pasted") ?? "").trim();
    data.delete("pasted");
    if (pasted) {
      data.append("certificates", new Blob([pasted], { type: "application/x-pem-file" }), "pasted.pem");
    }
    for (const name of ["certificates", "issuers"]) {
      const kept = data.getAll(name).filter((v) => typeof v === "string" || v.size > 0);
      data.delete(name);
      for (const v of kept) data.append(name, v);
    }

    setBusy(true);
    setProblems([]);
    setMessage("");
    const response = await fetch(`/api/incidents/${incidentId}/certificates`, { method: "POST", body: data });
    const body = (await response.json().catch(() => ({}))) as {
      certificates?: unknown[];
      errors?: UploadProblem[];
      error?: string;
    };
    setBusy(false);
    if (response.status === 201) {
      setMessage(`Attached ${body.certificates?.length ?? 0} certificate(s).`);
      form.reset();
      await onAttached();
      return;
    }
    const message = body.error ?? `HTTP ${response.status}`;
    setProblems(body.errors ?? [{ file: null, block: null, line: null, message }]);
  }

  return (
    <details>
      <summary>Add certificates (PEM or DER, with their issuers)</summary>
      <form onSubmit={submit} aria-label="Add certificates">
        <div className="toolbar">
          <label>
            Certificates
            <input type="file" name="certificates" multiple accept=".pem,.crt,.cer,.der" />
          </label>
          <label>
            Issuer certificates
            <input type="file" name="issuers" multiple accept=".pem,.crt,.cer,.der" />
          </label>
        </div>
        <label htmlFor="pasted-pem">Or paste PEM blocks</label>
        <textarea id="pasted-pem" name="pasted" className="mono" rows={5} style={{ width: "100%" }} />
        <p>
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Attaching…" : "Attach"}
          </button>{" "}
          <span role="status" className="muted">
            {message}
          </span>
        </p>
        {problems.length > 0 && (
          <div className="errors" role="alert">
            <p>Nothing was attached:</p>
            <ul>
              {problems.map((p, i) => (
                <li key={i}>
                  {where(p)}
                  {p.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </form>
    </details>
  );
}
