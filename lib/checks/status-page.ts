/**
 * The shape of the revocation panel's list: pages of an incident's certificates, filtered
 * by latest verdict. Shared by the API route and the browser.
 */
import { VERDICTS } from "../revocation/verdict";

/** Verdicts only a sweep stores, beside the shared vocabulary of lib/revocation. */
export const CHECK_VERDICTS_EXTRA = [
  /** The incident holds no issuer certificate for this one: no CertID can be built. */
  "no-issuer",
  /** Our own code failed on this certificate (logged); the sweep went on. */
  "check-failed",
] as const;

/** Every verdict a stored check can carry. */
export const CHECK_VERDICTS = [...VERDICTS, ...CHECK_VERDICTS_EXTRA] as const;

/** Latest verdicts that need no attention: a verified good OCSP answer, absent from a valid CRL. */
export const SETTLED_VERDICTS = ["good", "not-listed"] as const;

/** Certificates per page unless the client asks otherwise, and the most it may ask for. */
export const PAGE_LIMIT_DEFAULT = 100;
export const PAGE_LIMIT_MAX = 1000;

/** What `?show=` accepts: every certificate, those needing attention, never checked, or one verdict. */
export const SHOW_VALUES = ["all", "attention", "unchecked", ...CHECK_VERDICTS] as const;
export type Show = (typeof SHOW_VALUES)[number];

/** How many certificates have each latest verdict, per protocol. */
export interface StatusCounts {
  certificates: number;
  checkable: number;
  /** Certificates with DER and no check yet. */
  unchecked: number;
  /** Certificates whose latest OCSP or CRL verdict is not good / not-listed. */
  attention: number;
  ocsp: Record<string, number>;
  crl: Record<string, number>;
}
