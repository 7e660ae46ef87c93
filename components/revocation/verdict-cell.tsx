import { type CheckSummary, verdictClass } from "./types";

/** One check's verdict with its explanation and evidence links. */
export function VerdictCell({ check, checkable }: { check: CheckSummary | null; checkable: boolean }) {
  if (!check) {
    return <span className="muted">{checkable ? "not checked" : "attach the certificate to check it"}</span>;
  }
  return (
    <div>
      <span className={verdictClass(check.verdict)} data-verdict={check.verdict}>
        {check.verdict}
      </span>
      <div className="muted" style={{ fontSize: "0.85rem" }}>
        {check.verdictDetail}
      </div>
      <EvidenceLinks check={check} />
    </div>
  );
}

/** Downloads of one check's evidence: the JSON record and the raw bytes. */
export function EvidenceLinks({ check }: { check: CheckSummary }) {
  const base = `/api/revocation-checks/${check.id}`;
  return (
    <div style={{ fontSize: "0.85rem" }}>
      {check.startedAt.replace("T", " ").slice(0, 19)} UTC · {check.durationMs} ms ·{" "}
      <a href={`${base}/evidence`} download>
        evidence
      </a>
      {check.httpStatus !== null && check.protocol === "ocsp" && (
        <>
          {" · "}
          <a href={`${base}/request.der`} download>
            request.der
          </a>
        </>
      )}
      {check.httpStatus !== null && (
        <>
          {" · "}
          <a href={`${base}/response.der`} download>
            {check.protocol === "crl" ? "crl.der" : "response.der"}
          </a>
        </>
      )}
    </div>
  );
}
