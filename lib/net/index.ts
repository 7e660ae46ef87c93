/** The guarded outbound fetch: the public surface of lib/net. */
export {
  guardedFetch,
  OCSP_MAX_BYTES,
  CRL_MAX_BYTES,
  DEFAULT_TIMEOUT_MS,
  type GuardedFetchOptions,
  type GuardedResponse,
  type ResolvedAddress,
} from "./guarded-fetch";
export { FetchFailure, type FetchFailureKind } from "./fetch-failure";
export { blockedAddressReason } from "./address-policy";
