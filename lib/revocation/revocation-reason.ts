/** CRLReason (RFC 5280 §5.3.1), shared by OCSP RevokedInfo and CRL entries. */

/** RFC 5280 reason names; code 7 is unused by the standard. */
export const REVOCATION_REASONS = [
  "unspecified",
  "keyCompromise",
  "cACompromise",
  "affiliationChanged",
  "superseded",
  "cessationOfOperation",
  "certificateHold",
  null,
  "removeFromCRL",
  "privilegeWithdrawn",
  "aACompromise",
] as const;

export type RevocationReason = Exclude<(typeof REVOCATION_REASONS)[number], null>;

/** The name of a CRLReason code, or null for a code RFC 5280 does not define. */
export function revocationReasonName(code: number): RevocationReason | null {
  return REVOCATION_REASONS[code] ?? null;
}
