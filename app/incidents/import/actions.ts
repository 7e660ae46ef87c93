"use server";

import { redirect } from "next/navigation";
import { importReport, type Problem } from "@/lib/incidents/import.server";
import { MAX_REPORT_BYTES } from "@/lib/reports/parse";

export type ImportFormState = { errors: Problem[]; markdown: string };

/** Imports the pasted or uploaded report; on success goes to the new incident. */
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
  redirect(`/incidents/${outcome.id}`);
}
