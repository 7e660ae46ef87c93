/**
 * The Appendix certificate listing: a CSV whose first columns are the eleven the
 * guidelines prescribe, in order. The app adds columns to the right (issued at, monitor
 * IDs, reported problem, links, PEM) so that every field of a certificate survives a
 * render and re-import. The same columns are read from a markdown table with that header.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { DateTime } from "luxon";
import { blankCertificate } from "./certificates";
import { parseInstant } from "./dates";
import { isNotApplicable, labelKey } from "./markdown";
import { type AffectedCertificate, REVOCATION_STATES } from "./model";

/** The guidelines' columns, in the order the Appendix must give them. */
export const CCADB_CSV_COLUMNS = [
  "Precertificate SHA-256 hash",
  "Certificate SHA-256 hash",
  "Subject",
  "Issuer",
  "Not before",
  "Not after",
  "Serial #",
  "dNSNames",
  "Is revoked?",
  "Revocation date",
  "Revocation reason",
] as const;

/** Columns this app adds to the right of the guidelines' eleven, when any row has a value. */
export const EXTRA_CSV_COLUMNS = [
  "Issued at",
  "crt.sh ID",
  "Cert Spotter ID",
  "Reported problem",
  "Links",
  "PEM",
] as const;

type Column = (typeof CCADB_CSV_COLUMNS)[number] | (typeof EXTRA_CSV_COLUMNS)[number];
const ALL_COLUMNS: readonly Column[] = [...CCADB_CSV_COLUMNS, ...EXTRA_CSV_COLUMNS];
const BY_KEY = new Map(ALL_COLUMNS.map((c) => [labelKey(c), c]));

/** Whether a row of header cells starts like the guidelines' certificate listing. */
export function isCertificateHeader(cells: readonly string[]): boolean {
  return labelKey(cells[0] ?? "") === labelKey(CCADB_CSV_COLUMNS[0]);
}

/** Issues found in single cells; the row is kept with that value left empty. */
export type CellIssue = { row: number; message: string };

/** Reads CSV text (header row first) into certificates. */
export function readCertificateCsv(csv: string, issues: CellIssue[]): AffectedCertificate[] {
  // Cells are trimmed one by one below, all but the PEM, whose final newline is part of it.
  const options = { relax_column_count: true, skip_empty_lines: true, bom: true };
  const rows = parse(csv, options) as string[][];
  return readCertificateRows(rows, issues);
}

/** Reads rows of cell texts, the first being the header, into certificates. */
export function readCertificateRows(
  rows: readonly string[][],
  issues: CellIssue[],
): AffectedCertificate[] {
  const [header = [], ...body] = rows;
  const columns = header.map((h) => BY_KEY.get(labelKey(h)) ?? null);
  return body
    .map((cells, i) => {
      const cert = blankCertificate();
      cells.forEach((value, c) => {
        const column = columns[c];
        const issue = (message: string) => issues.push({ row: i + 1, message });
        if (column) setColumn(cert, column, column === "PEM" ? value : value.trim(), issue);
      });
      return cert;
    })
    .filter((cert) => Object.values(cert).some((v) => (Array.isArray(v) ? v.length > 0 : v !== null)));
}

type Issue = (message: string) => void;

function setColumn(cert: AffectedCertificate, column: Column, value: string, issue: Issue): void {
  if (value === "" || (isNotApplicable(value) && column !== "Is revoked?")) return;
  const refuse = (what: string) => (issue(`${column} "${value}" is not ${what}`), null);
  const instant = () => parseInstant(value) ?? refuse("a date and time");
  const hash = () => {
    const hex = value.replace(/[:\s]/g, "").toLowerCase();
    return /^[0-9a-f]{64}$/.test(hex) ? hex : refuse("a SHA-256 hash");
  };
  switch (column) {
    case "Precertificate SHA-256 hash": cert.precertificateSha256 = hash(); break;
    case "Certificate SHA-256 hash": cert.certificateSha256 = hash(); break;
    case "Subject": cert.subject = value; break;
    case "Issuer": cert.issuer = value; break;
    case "Not before": cert.notBefore = instant(); break;
    case "Not after": cert.notAfter = instant(); break;
    case "Serial #": cert.serialHex = readSerial(value, issue); break;
    case "dNSNames": cert.dnsNames = value.split(/[\s,;]+/).filter(Boolean); break;
    case "Is revoked?": cert.isRevoked = readRevoked(value, issue); break;
    case "Revocation date": cert.revocationDate = instant(); break;
    case "Revocation reason": cert.revocationReason = value; break;
    case "Issued at": cert.issuedAt = instant(); break;
    case "crt.sh ID": cert.crtShId = value; break;
    case "Cert Spotter ID": cert.certSpotterId = value; break;
    case "Reported problem": cert.reportedProblem = value; break;
    case "Links": cert.links = readLinks(value); break;
    case "PEM": cert.pem = value; break;
  }
}

/** Serial numbers in lower-case hex without separators or a leading sign byte. */
function readSerial(value: string, issue: (m: string) => void): string | null {
  let hex = value.replace(/^0x/i, "").replace(/[:\s]/g, "").toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) return issue(`Serial # "${value}" is not hexadecimal`), null;
  while (hex.length > 2 && hex.startsWith("00")) hex = hex.slice(2);
  return hex;
}

function readRevoked(value: string, issue: (m: string) => void): AffectedCertificate["isRevoked"] {
  const found = REVOCATION_STATES.find((s) => s.toLowerCase() === value.toLowerCase());
  if (!found) issue(`Is revoked? "${value}" is not one of ${REVOCATION_STATES.join(", ")}`);
  return found ?? null;
}

/** One link per line, written "label <url>". */
function readLinks(value: string): AffectedCertificate["links"] {
  return value.split("\n").flatMap((line) => {
    const m = /^(.*?)\s*<([^<>\s]+)>$/.exec(line.trim());
    return m ? [{ label: m[1] ?? "", url: m[2] ?? "" }] : [];
  });
}

const instantCell = (iso: string | null) =>
  iso ? (DateTime.fromISO(iso, { zone: "utc" }).toISO({ suppressMilliseconds: true }) ?? iso) : "";

function cellOf(cert: AffectedCertificate, column: Column): string {
  switch (column) {
    case "Precertificate SHA-256 hash": return cert.precertificateSha256 ?? "";
    case "Certificate SHA-256 hash": return cert.certificateSha256 ?? "";
    case "Subject": return cert.subject ?? "";
    case "Issuer": return cert.issuer ?? "";
    case "Not before": return instantCell(cert.notBefore);
    case "Not after": return instantCell(cert.notAfter);
    case "Serial #": return cert.serialHex ?? "";
    case "dNSNames": return cert.dnsNames.join(", ");
    case "Is revoked?": return cert.isRevoked ?? "";
    case "Revocation date": return instantCell(cert.revocationDate);
    case "Revocation reason": return cert.revocationReason ?? "";
    case "Issued at": return instantCell(cert.issuedAt);
    case "crt.sh ID": return cert.crtShId ?? "";
    case "Cert Spotter ID": return cert.certSpotterId ?? "";
    case "Reported problem": return cert.reportedProblem ?? "";
    case "Links": return cert.links.map((l) => `${l.label} <${l.url}>`).join("\n");
    case "PEM": return cert.pem ?? "";
  }
}

/** The certificate listing as CSV: the eleven columns, then any extra column in use. */
export function writeCertificateCsv(certs: readonly AffectedCertificate[]): string {
  const extras = EXTRA_CSV_COLUMNS.filter((c) => certs.some((cert) => cellOf(cert, c) !== ""));
  const columns: Column[] = [...CCADB_CSV_COLUMNS, ...extras];
  const rows = certs.map((cert) => columns.map((c) => cellOf(cert, c)));
  return stringify([columns, ...rows], { record_delimiter: "\n" }).trimEnd();
}
