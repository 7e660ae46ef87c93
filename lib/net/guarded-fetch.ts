/**
 * The one outbound HTTP client. Responder and CRL URLs come from certificates, so every
 * request is treated as hostile input: http/https only, the host name is resolved once
 * and every address checked (no loopback/private/reserved unless allowed), the socket
 * connects to the checked address (no DNS rebinding), one deadline covers DNS, connect
 * and body (BR 4.10.2 wants answers within 10 s), the body is capped while streaming.
 *
 * Redirects: at most `maxRedirects` (default 2), to the SAME host name only, never
 * https → http. OCSP/CRL publishers rarely redirect and a cross-host hop would let a
 * certificate aim us anywhere, so those are refused as "http-error".
 */
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { blockedAddressKind } from "./address-policy";
import { classifySystemError, FetchFailure } from "./fetch-failure";

export const OCSP_MAX_BYTES = 1024 * 1024;
export const CRL_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;

/** A resolved address as dns.lookup returns it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Options of {@link guardedFetch}; every default is safe for the public Internet. */
export interface GuardedFetchOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: Uint8Array;
  /** Whole-exchange deadline (DNS + connect + body), default 10 000 ms. */
  timeoutMs?: number;
  /** Body cap in bytes, default 1 MiB (use CRL_MAX_BYTES for CRLs). */
  maxBytes?: number;
  /** Allow loopback/private targets; default: env OUTBOUND_ALLOW_PRIVATE === "1". */
  allowPrivate?: boolean;
  /** Same-host redirects to follow, default 2. */
  maxRedirects?: number;
  /** Name resolution, replaceable in tests; default dns.lookup (all addresses). */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

/** A complete HTTP answer (any status). */
export interface GuardedResponse {
  /** Final URL after redirects. */
  url: string;
  status: number;
  contentType: string | null;
  headers: Record<string, string>;
  body: Uint8Array;
  remoteAddress: string;
  redirects: string[];
}

/**
 * Fetches `url` under the rules above. Resolves with the answer whatever its HTTP status;
 * rejects only with {@link FetchFailure} (bad-url, blocked-address, dns-failure,
 * connection-refused, connection-failed, timeout, too-large, http-error).
 */
export async function guardedFetch(
  url: string,
  options: GuardedFetchOptions = {},
): Promise<GuardedResponse> {
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const maxRedirects = options.maxRedirects ?? 2;
  const redirects: string[] = [];
  let target = parseTarget(url);
  let method = options.method ?? "GET";
  let body = options.body;

  for (;;) {
    const answer = await exchange(target, method, body, options, deadline);
    if (!("location" in answer)) return { ...answer, redirects };

    const next = followable(target, answer.location, redirects.length, maxRedirects);
    redirects.push(next.href);
    if (answer.status === 303) [method, body] = ["GET", undefined];
    target = next;
  }
}

function parseTarget(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new FetchFailure("bad-url", url, `"${url}" is not a URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    const scheme = parsed.protocol.replace(/:$/, "");
    throw new FetchFailure("bad-url", url, `the scheme is ${scheme}, not http or https`);
  }
  if (parsed.username || parsed.password)
    throw new FetchFailure("bad-url", url, "URLs with credentials (user@host) are refused");
  return parsed;
}

function followable(from: URL, location: string, done: number, max: number): URL {
  const next = (() => {
    try {
      return parseTarget(new URL(location, from).href);
    } catch {
      throw new FetchFailure("http-error", from.href, `unusable redirect to ${location}`);
    }
  })();
  if (next.hostname.toLowerCase() !== from.hostname.toLowerCase()) {
    throw new FetchFailure(
      "http-error",
      from.href,
      `redirect to another host refused (${next.host})`,
    );
  }
  if (from.protocol === "https:" && next.protocol === "http:") {
    throw new FetchFailure("http-error", from.href, "redirect from https to http refused");
  }
  if (done >= max) throw new FetchFailure("http-error", from.href, `more than ${max} redirects`);
  return next;
}

async function pickAddress(
  target: URL,
  options: GuardedFetchOptions,
  deadline: number,
): Promise<ResolvedAddress> {
  const host = target.hostname.replace(/^\[|\]$/g, "");
  const literal = isIP(host);
  const addresses: ResolvedAddress[] = literal
    ? [{ address: host, family: literal as 4 | 6 }]
    : await withDeadline(resolveAll(host, options), deadline, target.href, "resolving " + host);
  if (addresses.length === 0)
    throw new FetchFailure("dns-failure", target.href, `${host} has no address`);

  const allowPrivate = options.allowPrivate ?? process.env.OUTBOUND_ALLOW_PRIVATE === "1";
  // Every address must pass: otherwise a name with one public and one private record
  // could steer the connection wherever the resolver order puts it.
  const refused = allowPrivate ? [] : refusedAddresses(addresses);
  if (refused.length > 0) {
    const detail = refusalDetail(host, literal > 0, refused);
    throw new FetchFailure("blocked-address", target.href, detail);
  }
  return addresses[0] as ResolvedAddress;
}

type Refused = { address: string; kind: string };

/** The refused addresses among those resolved, each once (resolvers repeat records). */
function refusedAddresses(addresses: ResolvedAddress[]): Refused[] {
  const unique = [...new Set(addresses.map((a) => a.address))];
  return unique.flatMap((address) => {
    const kind = blockedAddressKind(address);
    return kind ? [{ address, kind }] : [];
  });
}

/** "127.0.0.1 is a loopback address", "db.test resolves to 10.0.0.7, a private address". */
function refusalDetail(host: string, literal: boolean, refused: Refused[]): string {
  const [only] = refused;
  if (literal && only) return `${only.address} is ${only.kind}`;
  if (refused.length === 1 && only) return `${host} resolves to ${only.address}, ${only.kind}`;
  return `${host} resolves to ${refused.map((r) => `${r.address} (${r.kind})`).join(" and ")}`;
}

async function resolveAll(host: string, options: GuardedFetchOptions): Promise<ResolvedAddress[]> {
  try {
    if (options.resolve) return await options.resolve(host);
    const found = await dnsLookup(host, { all: true, verbatim: true });
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  } catch (e) {
    if (e instanceof FetchFailure) throw e;
    const code = (e as { code?: string }).code ?? "";
    throw new FetchFailure("dns-failure", host, code ? `${host} (${code})` : host);
  }
}

function withDeadline<T>(
  work: Promise<T>,
  deadline: number,
  url: string,
  what: string,
): Promise<T> {
  const left = Math.max(0, deadline - Date.now());
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FetchFailure("timeout", url, `${what} took over the deadline`)),
      left,
    );
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

type Exchange = Omit<GuardedResponse, "redirects"> | { status: number; location: string };

async function exchange(
  target: URL,
  method: string,
  body: Uint8Array | undefined,
  options: GuardedFetchOptions,
  deadline: number,
): Promise<Exchange> {
  const chosen = await pickAddress(target, options, deadline);
  const maxBytes = options.maxBytes ?? OCSP_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pinned: LookupFunction = (_host, opts, callback) => {
    // Node ≥ 20 asks for all addresses when autoSelectFamily is on; answer in kind.
    if ((opts as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, [chosen]);
    } else callback(null, chosen.address, chosen.family);
  };
  const client = target.protocol === "https:" ? https : http;

  return new Promise<Exchange>((resolve, reject) => {
    const fail = (e: unknown) => reject(classifySystemError(e, target.href));
    const request = client.request(target, {
      method,
      lookup: pinned,
      agent: false,
      headers: { ...(body ? { "content-length": String(body.length) } : {}), ...options.headers },
    });
    const timer = setTimeout(
      () =>
        request.destroy(
          new FetchFailure("timeout", target.href, `no complete answer within ${timeoutMs} ms`),
        ),
      Math.max(0, deadline - Date.now()),
    );
    request.on("close", () => clearTimeout(timer));
    request.on("error", fail);
    request.on("response", (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        resolve({ status, location });
        return;
      }
      const declared = Number(res.headers["content-length"] ?? NaN);
      if (declared > maxBytes) {
        request.destroy(
          new FetchFailure("too-large", target.href, `Content-Length ${declared} > ${maxBytes}`),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          request.destroy(
            new FetchFailure("too-large", target.href, `body over ${maxBytes} bytes`),
          );
          return;
        }
        chunks.push(chunk);
      });
      res.on("error", fail);
      res.on("end", () => {
        resolve({
          url: target.href,
          status,
          contentType: res.headers["content-type"] ?? null,
          headers: flatten(res.headers),
          body: new Uint8Array(Buffer.concat(chunks)),
          remoteAddress: chosen.address,
        });
      });
    });
    request.end(body ? Buffer.from(body) : undefined);
  });
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}
