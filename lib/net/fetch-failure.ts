/** The classified ways an outbound request can fail before we have a usable answer. */

/** Failure kinds; an HTTP status other than 200 is NOT a failure (the caller reads it). */
export type FetchFailureKind =
  | "bad-url"
  | "blocked-address"
  | "dns-failure"
  | "connection-refused"
  | "connection-failed"
  | "timeout"
  | "too-large"
  | "http-error";

/** Thrown by guardedFetch; `kind` says what went wrong, the message says where. */
export class FetchFailure extends Error {
  readonly kind: FetchFailureKind;
  readonly url: string;
  /** What happened, without the kind prefix (for verdict messages). */
  readonly detail: string;

  constructor(kind: FetchFailureKind, url: string, detail: string) {
    super(`${kind}: ${detail}`);
    this.name = "FetchFailure";
    this.kind = kind;
    this.url = url;
    this.detail = detail;
  }
}

const BY_CODE: Record<string, FetchFailureKind> = {
  ECONNREFUSED: "connection-refused",
  ETIMEDOUT: "timeout",
  ENOTFOUND: "dns-failure",
  EAI_AGAIN: "dns-failure",
  ENODATA: "dns-failure",
  ESERVFAIL: "dns-failure",
  ECONNRESET: "http-error",
  EPIPE: "http-error",
};

/** Maps a Node socket/DNS/TLS/parser error to a failure kind. */
export function classifySystemError(error: unknown, url: string): FetchFailure {
  if (error instanceof FetchFailure) return error;
  const code = (error as { code?: unknown })?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (typeof code === "string") {
    const kind = BY_CODE[code] ?? (code.startsWith("HPE_") ? "http-error" : "connection-failed");
    return new FetchFailure(kind, url, text.includes(code) ? text : `${code} ${text}`);
  }
  return new FetchFailure("connection-failed", url, text);
}
