/**
 * Issuer certificates of one sweep, read once: thousands of leaves share a handful of
 * issuers, and parsing one (pkijs) plus its CertID hashes is the expensive part.
 */
import { parseCertificateDer } from "../pki/certificate";
import { issuerKeyOf, type IssuerKey } from "./fast/issuer-key";
import type { RevocationStore } from "./store";

/** Issuers by IssuerCertificate id; null when the stored DER does not parse. */
export class IssuerCache {
  private readonly parsed = new Map<string, IssuerKey | null>();

  constructor(private readonly store: RevocationStore) {}

  /** Loads the issuers not seen yet, in one query. */
  async load(ids: (string | null)[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id): id is string => id !== null && !this.parsed.has(id));
    if (missing.length === 0) return;
    for (const issuer of await this.store.issuers(missing)) {
      try {
        this.parsed.set(issuer.id, issuerKeyOf(parseCertificateDer(issuer.der)));
      } catch {
        // Stored by attachCertificates after parsing, so this means a damaged row:
        // its certificates get "no-issuer", which says what is missing.
        this.parsed.set(issuer.id, null);
      }
    }
    for (const id of missing) if (!this.parsed.has(id)) this.parsed.set(id, null);
  }

  /** The issuer, or null when unknown or unreadable. */
  get(id: string | null): IssuerKey | null {
    return id === null ? null : (this.parsed.get(id) ?? null);
  }
}
