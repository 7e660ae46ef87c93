/**
 * Affected certificates named in a report's prose and tables: a CT monitor's table
 * (Cert Spotter issuance, crt.sh link, time, error), crt.sh `?sha256=` links, and the
 * Appendix CSV (read in certificate-csv.ts). The same certificate named in several places
 * becomes one record, matched by SHA-256 (certificate or precertificate) or monitor ID.
 */
import type { Link, Nodes, Table, TableCell } from "mdast";
import { parseWrittenDate } from "./dates";
import { labelKey, plainText, walk } from "./markdown";
import type { AffectedCertificate } from "./model";
import { UTC_ZONE } from "./zones";

/** A certificate record with nothing known yet. */
export function blankCertificate(): AffectedCertificate {
  return {
    certificateSha256: null, precertificateSha256: null, serialHex: null, subject: null,
    issuer: null, notBefore: null, notAfter: null, issuedAt: null, dnsNames: [], crtShId: null,
    certSpotterId: null, links: [], reportedProblem: null, isRevoked: null, revocationDate: null,
    revocationReason: null, pem: null,
  };
}

/** What a link's address says about the certificate it points at. */
function fromUrl(url: string): Partial<AffectedCertificate> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return {};
  }
  const out: Partial<AffectedCertificate> = {};
  const sha = parsed.searchParams.get("sha256") ?? parsed.searchParams.get("q");
  if (sha && /^[0-9a-f]{64}$/i.test(sha)) out.certificateSha256 = sha.toLowerCase();
  const id = parsed.searchParams.get("id");
  if (parsed.hostname === "crt.sh" && id && /^\d+$/.test(id)) out.crtShId = id;
  const issuance = /\/issuances\/(\d+)/.exec(parsed.pathname);
  if (parsed.hostname.endsWith("certspotter.com") && issuance) out.certSpotterId = issuance[1] ?? null;
  return out;
}

function linksIn(node: Nodes): Link[] {
  const links: Link[] = [];
  walk(node, (n) => {
    if (n.type === "link") links.push(n);
  });
  return links;
}

/** Text of a cell outside its links: what the author wrote rather than linked. */
function unlinkedText(cell: TableCell): string {
  const parts: string[] = [];
  walk(cell, (node) => {
    if (node.type === "link") return "skip";
    if (node.type === "text" || node.type === "inlineCode") parts.push(node.value);
  });
  return parts.join("").replace(/[\s\p{P}]+/gu, " ").trim();
}

type CellRole = "issuedAt" | "reportedProblem" | "serialHex" | "subject" | "dnsNames";

function roleOfHeader(key: string): CellRole | null {
  if (/issued|logged|time|date/.test(key)) return "issuedAt";
  if (/problem|error|reason|issue|result/.test(key)) return "reportedProblem";
  if (key.startsWith("serial")) return "serialHex";
  if (key.startsWith("subject") || key === "common name") return "subject";
  if (/dns|domain|san\b/.test(key)) return "dnsNames";
  return null;
}

/**
 * Certificates in a table whose rows name certificates by link or hash. A first row
 * that itself names a certificate is data (monitor tables are often pasted without one).
 */
export function certificatesFromTable(table: Table): AffectedCertificate[] {
  const [first, ...rest] = table.children;
  if (!first) return [];
  const firstIsData = rowIdentity(first.children).found;
  const roles = firstIsData ? [] : first.children.map((c) => roleOfHeader(labelKey(plainText(c))));
  const rows = firstIsData ? table.children : rest;
  return rows.flatMap((row) => {
    const identity = rowIdentity(row.children);
    if (!identity.found) return [];
    const cert = { ...blankCertificate(), ...identity.fields };
    const problemCells = new Set<TableCell>();
    row.children.forEach((cell, i) => {
      if (readCellRole(cert, cell, roles[i] ?? null)) problemCells.add(cell);
    });
    cert.links = row.children.flatMap((cell) =>
      linksIn(cell)
        // A bare address inside an error message (the OCSP responder's) does not
        // point at the certificate.
        .filter((l) => !(problemCells.has(cell) && plainText(l) === l.url))
        .map((l) => ({ label: plainText(l), url: l.url })),
    );
    return [cert];
  });
}

function rowIdentity(cells: TableCell[]): { found: boolean; fields: Partial<AffectedCertificate> } {
  const fields: Partial<AffectedCertificate> = {};
  for (const link of cells.flatMap(linksIn)) {
    for (const [k, v] of Object.entries(fromUrl(link.url))) {
      (fields as Record<string, unknown>)[k] ??= v;
    }
  }
  for (const cell of cells) {
    const hex = /^[0-9a-f]{64}$/i.exec(plainText(cell).replace(/:/g, ""));
    if (hex) fields.certificateSha256 ??= hex[0].toLowerCase();
  }
  const found = Boolean(fields.certificateSha256 || fields.certSpotterId || fields.crtShId);
  return { found, fields };
}

/** Reads one cell by its column's role; true when the cell is the reported problem. */
function readCellRole(cert: AffectedCertificate, cell: TableCell, role: CellRole | null): boolean {
  const text = plainText(cell);
  if (text === "") return false;
  const instant = parseWrittenDate(text, { zone: UTC_ZONE });
  if ((role === "issuedAt" || role === null) && instant && !instant.dateOnly) {
    cert.issuedAt ??= instant.at;
    return false;
  }
  if (role === "serialHex") cert.serialHex ??= text.replace(/[:\s]/g, "").toLowerCase();
  else if (role === "subject") cert.subject ??= text;
  else if (role === "dnsNames" && cert.dnsNames.length === 0) {
    cert.dnsNames = text.split(/[\s,;]+/).filter(Boolean);
  } else if (role === "reportedProblem" || (role === null && isProse(unlinkedText(cell)))) {
    cert.reportedProblem ??= text;
    return true;
  }
  return false;
}

/** Words the author wrote (an error message), as opposed to link labels and punctuation. */
function isProse(text: string): boolean {
  return /[a-z]{2,}\s+[a-z]{2,}/i.test(text);
}

/** Certificates named by crt.sh (or Cert Spotter) links anywhere in some blocks. */
export function certificatesFromLinks(blocks: readonly Nodes[]): AffectedCertificate[] {
  return blocks.flatMap(linksIn).flatMap((link) => {
    const fields = fromUrl(link.url);
    if (!fields.certificateSha256 && !fields.crtShId && !fields.certSpotterId) return [];
    return [{ ...blankCertificate(), ...fields, links: [{ label: plainText(link), url: link.url }] }];
  });
}

/**
 * Merges certificate lists, earlier lists first: a certificate already present gains the
 * fields it lacked and any new links; others are appended in order.
 */
export function mergeCertificates(lists: readonly AffectedCertificate[][]): AffectedCertificate[] {
  const out: AffectedCertificate[] = [];
  // Indexed by hash and monitor ID, so a listing of thousands merges in linear time.
  const index = new Map<string, AffectedCertificate>();
  for (const cert of lists.flat()) {
    const same = findSame(index, cert);
    if (!same) {
      const copy = { ...cert, dnsNames: [...cert.dnsNames], links: [...cert.links] };
      out.push(copy);
      keysOf(copy).forEach((key) => index.set(key, copy));
      continue;
    }
    fillFrom(same, cert);
    keysOf(same).forEach((key) => index.has(key) || index.set(key, same));
  }
  return out;
}

function hashesOf(cert: AffectedCertificate): string[] {
  return [cert.certificateSha256, cert.precertificateSha256].filter((h): h is string => h !== null);
}

function keysOf(cert: AffectedCertificate): string[] {
  const keys = hashesOf(cert).map((h) => `sha256:${h}`);
  if (cert.certSpotterId) keys.push(`certspotter:${cert.certSpotterId}`);
  if (cert.crtShId) keys.push(`crtsh:${cert.crtShId}`);
  return keys;
}

/** Same certificate: a shared hash, or a shared monitor ID when one side has no hash. */
function findSame(index: Map<string, AffectedCertificate>, cert: AffectedCertificate) {
  for (const h of hashesOf(cert)) {
    const found = index.get(`sha256:${h}`);
    if (found) return found;
  }
  const ids = [
    cert.certSpotterId && `certspotter:${cert.certSpotterId}`,
    cert.crtShId && `crtsh:${cert.crtShId}`,
  ];
  for (const key of ids) {
    const found = key ? index.get(key) : undefined;
    if (found && (hashesOf(found).length === 0 || hashesOf(cert).length === 0)) return found;
  }
  return undefined;
}

function fillFrom(same: AffectedCertificate, cert: AffectedCertificate): void {
  for (const key of Object.keys(cert) as (keyof AffectedCertificate)[]) {
    if (key === "links" || key === "dnsNames" || same[key] !== null || cert[key] === null) continue;
    // A link's hash may be the precertificate's; it must not become the certificate's too.
    if (key === "certificateSha256" && cert[key] === same.precertificateSha256) continue;
    (same as Record<string, unknown>)[key] = cert[key];
  }
  if (same.dnsNames.length === 0) same.dnsNames = [...cert.dnsNames];
  const known = new Set(same.links.map((l) => l.url));
  for (const link of cert.links) if (!known.has(link.url)) same.links.push(link), known.add(link.url);
}
