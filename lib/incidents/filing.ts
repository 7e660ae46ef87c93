/**
 * The Bugzilla-side facts of an incident that are not in the report's markdown: its bug,
 * title (the bug's Summary), whiteboard, "Next update" date and where it stands in the
 * filing workflow. One Zod schema checks them wherever they come in.
 */
import { z } from "zod";
import { INCIDENT_STATUSES } from "@/lib/reports/model";

export const IncidentFilingInput = z.object({
  title: z.string().trim().max(255, "title: at most 255 characters").transform((t) => t || null),
  bugNumber: z
    .string()
    .trim()
    .refine((v) => v === "" || /^[1-9]\d{0,9}$/.test(v), { message: "bug number: a positive integer" })
    .transform((v) => (v === "" ? null : Number(v))),
  status: z.enum(INCIDENT_STATUSES, { message: `status: one of ${INCIDENT_STATUSES.join(", ")}` }),
  whiteboard: z
    .string()
    .max(1000, "whiteboard: at most 1000 characters")
    .transform((w) => w.match(/\[[^\]]+\]/g) ?? []),
  nextUpdate: z
    .string()
    .trim()
    .refine((v) => v === "" || z.iso.date().safeParse(v).success, {
      message: "next update: a date as YYYY-MM-DD",
    })
    .transform((v) => v || null),
});
export type IncidentFiling = z.output<typeof IncidentFilingInput>;
