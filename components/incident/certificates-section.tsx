import type { AffectedCertificate } from "@/lib/reports/model";

function short(hash: string | null): string {
  return hash ? `${hash.slice(0, 16)}…` : "—";
}

/** The affected certificates as the report lists them. */
export function CertificatesSection({ certificates }: { certificates: AffectedCertificate[] }) {
  return (
    <section aria-labelledby="certificates">
      <h2 id="certificates">Affected certificates ({certificates.length})</h2>
      {certificates.length === 0 ? (
        <p className="muted">None listed.</p>
      ) : (
        <table aria-label="Affected certificates">
          <thead>
            <tr>
              <th>Certificate SHA-256</th><th>Serial</th><th>Subject / issuer</th>
              <th>Issued</th><th>Reported problem</th><th>Links</th>
            </tr>
          </thead>
          <tbody>
            {certificates.map((c, i) => (
              <tr key={c.certificateSha256 ?? c.precertificateSha256 ?? i}>
                <td><code title={c.certificateSha256 ?? ""}>{short(c.certificateSha256)}</code></td>
                <td><code>{c.serialHex ?? "—"}</code></td>
                <td>
                  {c.subject ?? "—"}
                  {c.issuer && <div className="muted">{c.issuer}</div>}
                </td>
                <td>{c.issuedAt?.replace("T", " ").slice(0, 19) ?? c.notBefore ?? "—"}</td>
                <td>{c.reportedProblem ?? "—"}</td>
                <td>
                  {c.links.map((l) => (
                    <a key={l.url} href={l.url} rel="noreferrer" style={{ marginRight: "0.5rem" }}>
                      {l.label}
                    </a>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
