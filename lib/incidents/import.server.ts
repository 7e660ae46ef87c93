/**
 * Importing a Full Incident Report: parse, then store in one transaction. Shared by the
 * HTTP API, the import page, the CLI and the demo seed so they cannot drift apart.
 */
import { createIncident } from "@/lib/db/incidents.server";
import type { IncidentReport } from "@/lib/reports/model";
import { parseFullReport, type Problem } from "@/lib/reports/parse";

export type { Problem };

export type ImportOutcome =
  | { ok: true; id: string; report: IncidentReport; warnings: Problem[] }
  | { ok: false; errors: Problem[] };

export type ImportOptions = {
  title?: string | null;
  bugNumber?: number | null;
  whiteboard?: string[];
};

/**
 * Parses `markdown` and, when it is a valid report, stores it as a new incident.
 * Nothing is written when the report has errors; a database failure throws.
 */
export async function importReport(
  markdown: string,
  options: ImportOptions = {},
): Promise<ImportOutcome> {
  const parsed = parseFullReport(markdown, options);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };

  const { id } = await createIncident(parsed.report);
  return { ok: true, id, report: parsed.report, warnings: parsed.warnings };
}
