/**
 * The Appendix: free supporting text, plus the certificate listing as a fenced CSV block
 * or a markdown table with the guidelines' header. The listing is taken out of the text
 * (the renderer writes it from the certificate list); crt.sh links left in the text still
 * name certificates.
 */
import type { Nodes, Table } from "mdast";
import {
  type CellIssue,
  isCertificateHeader,
  readCertificateCsv,
  readCertificateRows,
} from "./certificate-csv";
import { certificatesFromLinks, certificatesFromTable } from "./certificates";
import { endOf, lineOf, plainText, sliceSource, startOf, valueOrEmpty } from "./markdown";
import type { AffectedCertificate } from "./model";
import type { Problems } from "./problems";

/** What the Appendix holds. */
export interface AppendixReading {
  text: string;
  /** From the CSV listing (first, as it is the fullest source). */
  listed: AffectedCertificate[];
  /** From other tables and links in the text. */
  mentioned: AffectedCertificate[];
}

function isListing(block: Nodes): boolean {
  if (block.type === "code") {
    const firstLine = block.value.split("\n", 1)[0] ?? "";
    return block.lang?.toLowerCase() === "csv" || isCertificateHeader(firstLine.split(","));
  }
  if (block.type === "table") {
    return isCertificateHeader((block.children[0]?.children ?? []).map((c) => plainText(c)));
  }
  return false;
}

/** Reads the Appendix section. */
export function readAppendix(
  blocks: readonly Nodes[],
  src: string,
  problems: Problems,
): AppendixReading {
  const listed: AffectedCertificate[] = [];
  const runs: Nodes[][] = [[]];
  for (const block of blocks) {
    if (!isListing(block)) {
      runs[runs.length - 1]!.push(block);
      continue;
    }
    runs.push([]);
    const issues: CellIssue[] = [];
    try {
      listed.push(...readListing(block, issues));
    } catch (error) {
      const reason = (error as Error).message;
      problems.warn(lineOf(block), `Appendix: the certificate CSV could not be read (${reason}).`);
    }
    // Row 1 sits two lines below the fence (or the table header): header, then the row.
    for (const issue of issues) {
      problems.warn(lineOf(block) + 1 + issue.row, `Appendix: ${issue.message}.`);
    }
  }
  const text = runs
    .filter((run) => run.length > 0)
    .map((run) => sliceSource(src, startOf(run[0]!), endOf(run[run.length - 1]!), 0))
    .join("\n\n");
  const prose = runs.flat();
  const tables = prose.filter((b): b is Table => b.type === "table");
  const mentioned = [
    ...tables.flatMap(certificatesFromTable),
    ...certificatesFromLinks(prose.filter((b) => b.type !== "table")),
  ];
  return { text: valueOrEmpty(text), listed, mentioned };
}

function readListing(block: Nodes, issues: CellIssue[]): AffectedCertificate[] {
  if (block.type === "code") return readCertificateCsv(block.value, issues);
  if (block.type !== "table") return [];
  const rows = block.children.map((row) => row.children.map((cell) => plainText(cell)));
  return readCertificateRows(rows, issues);
}
