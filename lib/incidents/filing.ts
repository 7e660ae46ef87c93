/**
 * The Bugzilla-side facts of an incident that are not in the report's markdown: its bug,
 * title (the bug's Summary), whiteboard, "Next update" date and where it stands in the
 * filing workflow. One Zod schema checks them wherever they come in.
 */
import { z } from "zod";
import { INCIDENT_STATUSES } from "@/lib/reports/model";

// PostgreSQL text cannot hold U+0000 (SQLite can): the free-text fields refuse it on both.
export const IncidentFilingInput = z.object({
  title: z
    .string()
    .trim()
    .max(255, "title: at most 255 characters")
    .refine((v) => !v.includes("\u0000"), { message: "title: contains a NUL character (U+0000)" })
    .transform((t) => t || null),
  bugNumber: z
    .string()
    .trim()
    .refine((v) => v === "" || /^[1-9]\d*$/.test(v), { message: "bug number: a positive integer" })
    .refine((v) => v.length <= 9, { message: "bug number: at most 9 digits (Bugzilla's ids)" })
    .transform((v) => (v === "" ? null : Number(v))),
  status: z.enum(INCIDENT_STATUSES, { message: `status: one of ${INCIDENT_STATUSES.join(", ")}` }),
  // Tags and the free text between them ("Next update 2025-10-15") are both kept.
  whiteboard: z
    .string()
    .max(1000, "whiteboard: at most 1000 characters")
    .refine((v) => !v.includes("\u0000"), { message: "whiteboard: contains a NUL character (U+0000)" })
    .transform((w) => w.split(/(\[[^\]]+\])/).map((part) => part.trim()).filter(Boolean)),
  nextUpdate: z
    .string()
    .trim()
    .refine((v) => v === "" || /^\d{4}-\d{2}-\d{2}$/.test(v), {
      message: "next update: a date as YYYY-MM-DD",
    })
    .refine((v) => v === "" || !/^\d{4}-\d{2}-\d{2}$/.test(v) || z.iso.date().safeParse(v).success, {
      message: "next update: not a real calendar date",
    })
    .transform((v) => v || null),
});
export type IncidentFiling = z.output<typeof IncidentFilingInput>;
