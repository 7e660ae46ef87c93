/**
 * From uploaded files to what will be stored: every file parsed (PEM bundle or DER),
 * every problem collected with its file, PEM block and line, leaves paired with their
 * issuers whether those came in the same bundle or as separate issuer files.
 * No database here: the plan is made before the transaction that stores it.
 */
import { parseCertificates, signedBy } from "../pki/bundle";
import type { ParsedCertificate } from "../pki/certificate";
import { CertificateInputError } from "../pki/errors";

/** One uploaded file (or pasted text, named by the caller). */
export interface CertificateFile {
  name: string;
  bytes: Uint8Array | string;
}

/** Where and why an input was refused. `block` and `line` are null for DER input. */
export interface AttachProblem {
  file: string;
  block: number | null;
  line: number | null;
  message: string;
}

/** Bad input: nothing was stored; `problems` lists every file's problem. */
export class AttachInputError extends Error {
  constructor(readonly problems: AttachProblem[]) {
    super(problems.map((p) => `${p.file}: ${p.message}`).join("\n"));
    this.name = "AttachInputError";
  }
}

/** One certificate to store, with the issuer it was paired with (sha256, or null). */
export interface PlannedCertificate {
  cert: ParsedCertificate;
  issuerSha256: string | null;
}

/** Everything one attach will write. */
export interface AttachPlan {
  certificates: PlannedCertificate[];
  /** Issuer certificates, one per SHA-256. */
  issuers: ParsedCertificate[];
}

/**
 * Parses and pairs the inputs. `knownIssuers` (the incident's stored issuer certificates)
 * are candidates too, so certificates uploaded without their issuer still find it. Throws
 * {@link AttachInputError} listing every unreadable file, every issuer file certificate
 * that issued none of the others, or when no certificate is left to attach.
 */
export async function planAttachment(
  files: CertificateFile[],
  issuerFiles: CertificateFile[],
  knownIssuers: readonly ParsedCertificate[] = [],
): Promise<AttachPlan> {
  const problems: AttachProblem[] = [];
  const read = (f: CertificateFile) => readFile(f, problems);
  const perFile = files.map(read);
  const givenIssuers = issuerFiles.map((f) => ({ file: f.name, certs: read(f) }));
  if (problems.length > 0) throw new AttachInputError(problems);
  const extraIssuers = dedupe(givenIssuers.flatMap((g) => g.certs));

  const certificates: PlannedCertificate[] = [];
  const issuers = new Map(extraIssuers.map((c) => [c.info.sha256Fingerprint, c]));
  const candidates = dedupe([...extraIssuers, ...knownIssuers]);
  const used = new Set<ParsedCertificate>();
  for (const bundle of perFile) {
    for (const { leaf, issuer } of await pairByName(bundle, candidates)) {
      if (issuer) {
        issuers.set(issuer.info.sha256Fingerprint, issuer);
        used.add(issuer);
      }
      certificates.push({ cert: leaf, issuerSha256: issuer?.info.sha256Fingerprint ?? null });
    }
  }
  const idle = await idleIssuers(givenIssuers, [...used]);
  if (idle.length > 0) throw new AttachInputError(idle);
  const unique = dedupeBy(certificates, (p) => p.cert.info.sha256Fingerprint);
  if (unique.length === 0) {
    const names = files.map((f) => f.name).join(", ") || "the input";
    throw new AttachInputError([
      { file: names, block: null, line: null, message: "no end-entity certificate found (only CA certificates)" },
    ]);
  }
  return { certificates: unique, issuers: [...issuers.values()] };
}

/**
 * Same rule as lib/pki's pairLeavesWithIssuers (issuer = subject names the leaf's issuer
 * AND its key verifies the leaf; a bundle's own issuers are not leaves), but candidates
 * are looked up by subject name instead of comparing every pair: that one is quadratic
 * and took 13 s for a 200-certificate bundle.
 */
async function pairByName(bundle: ParsedCertificate[], extra: ParsedCertificate[]) {
  const bySubject = new Map<string, ParsedCertificate[]>();
  for (const c of [...bundle, ...extra]) {
    const same = bySubject.get(c.info.subject);
    if (same) same.push(c);
    else bySubject.set(c.info.subject, [c]);
  }
  const pairs: { leaf: ParsedCertificate; issuer: ParsedCertificate | null }[] = [];
  const issuersInBundle = new Set<ParsedCertificate>();
  for (const cert of bundle) {
    let issuer: ParsedCertificate | null = null;
    for (const candidate of bySubject.get(cert.info.issuer) ?? []) {
      if (candidate !== cert && (await signedBy(cert, candidate))) {
        issuer = candidate;
        break;
      }
    }
    if (issuer) issuersInBundle.add(issuer);
    pairs.push({ leaf: cert, issuer });
  }
  return pairs.filter((p) => !issuersInBundle.has(p.leaf) && !(p.leaf.info.isCa && p.issuer === null));
}

/**
 * The certificates of the issuer files that issued nothing uploaded: not a leaf's issuer,
 * nor (a root in a chain file) the issuer of a certificate that is. Such a file is almost
 * always the wrong one (another CA with the same name, a leaf given as issuer); storing it
 * quietly would leave the leaves without an issuer and their checks without a CertID.
 */
async function idleIssuers(given: { file: string; certs: ParsedCertificate[] }[], used: ParsedCertificate[]) {
  const issuing = new Set(used);
  const waiting = given.flatMap((g) => g.certs.map((cert) => ({ file: g.file, cert })));
  const byKey = (c: ParsedCertificate) => c.info.sha256Fingerprint;
  const usedKeys = new Set(used.map(byKey));
  // Walk up the chain: an issuer is used when it signed a used certificate.
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of waiting) {
      if (usedKeys.has(byKey(w.cert))) continue;
      for (const child of issuing) {
        if (child.info.issuer === w.cert.info.subject && child !== w.cert && (await signedBy(child, w.cert))) {
          usedKeys.add(byKey(w.cert));
          issuing.add(w.cert);
          changed = true;
          break;
        }
      }
    }
  }
  return waiting
    .filter((w) => !usedKeys.has(byKey(w.cert)))
    .filter((w, i, all) => all.findIndex((o) => byKey(o.cert) === byKey(w.cert)) === i)
    .map<AttachProblem>((w) => ({
      file: w.file,
      block: null,
      line: null,
      message:
        `issuer ${w.cert.info.subject} (SHA-256 ${w.cert.info.sha256Fingerprint.slice(0, 16)}…) issued none of ` +
        "the certificates attached: its key verifies none of their signatures",
    }));
}

function readFile(file: CertificateFile, problems: AttachProblem[]): ParsedCertificate[] {
  try {
    return parseCertificates(file.bytes);
  } catch (e) {
    if (!(e instanceof CertificateInputError)) throw e;
    // The place travels in block and line; repeating it in the message would print it twice.
    problems.push({ file: file.name, block: e.block, line: e.line, message: e.detail });
    return [];
  }
}

function dedupe(certs: ParsedCertificate[]): ParsedCertificate[] {
  return dedupeBy(certs, (c) => c.info.sha256Fingerprint);
}

function dedupeBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
