"use server";

import { redirect } from "next/navigation";
import { importReport, type Problem } from "@/lib/incidents/import.server";
import { MAX_REPORT_BYTES } from "@/lib/reports/parse";

/** The form's last outcome: errors (nothing saved), or a saved import with warnings. */
export type ImportFormState = {
  errors: Problem[];
  markdown: string;
  imported?: { id: string; warnings: Problem[] };
};

/**
 * Imports the pasted or uploaded report. On success goes to the new incident, unless the
 * import has warnings: those are shown here first, with a link to the incident, since the
 * incident page does not keep them.
 */
export async function importAction(
  _previous: ImportFormState,
  form: FormData,
): Promise<ImportFormState> {
  const file = form.get("file");
  const pasted = String(form.get("markdown") ?? "");
  const fromFile = file instanceof File && file.size > 0;
  if (fromFile && file.size > MAX_REPORT_BYTES) {
    const message = `The file is ${file.size} bytes; the limit is ${MAX_REPORT_BYTES} bytes (1 MiB).`;
    return { errors: [{ line: 1, message }], markdown: pasted };
  }
  const markdown = fromFile ? await file.text() : pasted;
  const bug = String(form.get("bugNumber") ?? "").trim();
  if (bug && !/^\d+$/.test(bug)) {
    return { errors: [{ line: 0, message: `Bug number "${bug}" is not a number.` }], markdown };
  }

  const outcome = await importReport(markdown, {
    title: String(form.get("title") ?? "").trim() || null,
    bugNumber: bug ? Number(bug) : null,
  });
  if (!outcome.ok) return { errors: outcome.errors, markdown };
  if (outcome.warnings.length > 0) {
    return { errors: [], markdown: "", imported: { id: outcome.id, warnings: outcome.warnings } };
  }
  redirect(`/incidents/${outcome.id}`);
}
