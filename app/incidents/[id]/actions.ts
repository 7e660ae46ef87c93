"use server";

import { revalidatePath } from "next/cache";
import { updateIncidentFiling } from "@/lib/db/incident-filing.server";
import { getIncident } from "@/lib/db/incidents.server";
import { IncidentFilingInput } from "@/lib/incidents/filing";
import { openActionItems } from "@/lib/reports/render";

export type FilingFormState = { errors: string[]; saved: boolean };

/** Saves the filing facts typed on the incident page. */
export async function saveFiling(
  id: string,
  _previous: FilingFormState,
  form: FormData,
): Promise<FilingFormState> {
  const parsed = IncidentFilingInput.safeParse({
    title: String(form.get("title") ?? ""),
    bugNumber: String(form.get("bugNumber") ?? ""),
    status: String(form.get("status") ?? ""),
    whiteboard: String(form.get("whiteboard") ?? ""),
    nextUpdate: String(form.get("nextUpdate") ?? ""),
  });
  if (!parsed.success) return { errors: parsed.error.issues.map((i) => i.message), saved: false };

  // The closure statement says every action item is complete; the status cannot say otherwise.
  if (parsed.data.status === "closure_requested" || parsed.data.status === "closed") {
    const incident = await getIncident(id);
    const open = incident ? openActionItems(incident) : [];
    if (open.length > 0) {
      const list = open.map((a) => `${a.text} (${a.status})`).join("; ");
      return { errors: [`status: ${open.length} action items are still open: ${list}`], saved: false };
    }
  }
  if (!(await updateIncidentFiling(id, parsed.data))) {
    return { errors: [`No incident with id ${id}`], saved: false };
  }
  revalidatePath(`/incidents/${id}`);
  return { errors: [], saved: true };
}
