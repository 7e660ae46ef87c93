/**
 * Issuer certificates of one sweep, parsed once: thousands of leaves share a handful of
 * issuers, and parsing (pkijs + x509) is the expensive part of using one.
 */
import { parseCertificateDer, type ParsedCertificate } from "../pki/certificate";
import type { RevocationStore } from "./store";

/** Parsed issuers by IssuerCertificate id; null when the stored DER does not parse. */
export class IssuerCache {
  private readonly parsed = new Map<string, ParsedCertificate | null>();

  constructor(private readonly store: RevocationStore) {}

  /** Loads the issuers not seen yet, in one query. */
  async load(ids: (string | null)[]): Promise<void> {
    const missing = [...new Set(ids)].filter((id): id is string => id !== null && !this.parsed.has(id));
    if (missing.length === 0) return;
    for (const issuer of await this.store.issuers(missing)) {
      try {
        this.parsed.set(issuer.id, parseCertificateDer(issuer.der));
      } catch {
        // Stored by attachCertificates after parsing, so this means a damaged row:
        // its certificates get "no-issuer", which says what is missing.
        this.parsed.set(issuer.id, null);
      }
    }
    for (const id of missing) if (!this.parsed.has(id)) this.parsed.set(id, null);
  }

  /** The parsed issuer, or null when unknown or unreadable. */
  get(id: string | null): ParsedCertificate | null {
    return id === null ? null : (this.parsed.get(id) ?? null);
  }
}
