/**
 * The incident report as the app understands it: one plain object per incident, with
 * the fields of the CCADB Incident Reporting Guidelines v3.2 (Preliminary, Full and
 * Closure reports). Markdown import produces it, the database stores it, the renderer
 * turns it back into Bugzilla-ready markdown.
 *
 * Instants are ISO-8601 strings in UTC with milliseconds ("2025-05-07T01:09:00.000Z");
 * calendar dates are "YYYY-MM-DD". Where the author's own wording matters (a local time,
 * a count written as words) the text as written is kept beside the parsed value.
 */
import { z } from "zod";

export const INCIDENT_STATUSES = [
  "draft",
  "preliminary_filed",
  "full_filed",
  "closure_requested",
  "closed",
] as const;
export const DISCLOSURE_SOURCES = ["Self Reported", "Third Party Reported", "Audit"] as const;
export const CERTIFICATE_TYPES = ["DV", "IV", "OV", "EV"] as const;
export const ACTION_ITEM_KINDS = ["Prevent", "Mitigate", "Detect"] as const;
export const ACTION_ITEM_STATUSES = ["Ongoing", "Complete", "Delayed", "Canceled"] as const;
/** Values of the appendix CSV's "Is revoked?" column. */
export const REVOCATION_STATES = ["Yes", "Planned", "Delayed", "N/A"] as const;

export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type DisclosureSource = (typeof DISCLOSURE_SOURCES)[number];
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];
export type ActionItemKind = (typeof ACTION_ITEM_KINDS)[number];
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export type RevocationState = (typeof REVOCATION_STATES)[number];

const instant = z.iso.datetime({ offset: false });
const calendarDate = z.iso.date();
const text = z.string();

/** A date or instant as parsed, with the words the author used. */
export const WrittenDate = z.object({
  /** UTC instant; a date-only value is midnight UTC of that date. */
  at: instant,
  /** True when the author gave only a calendar date. */
  dateOnly: z.boolean(),
  /** The author's own text, e.g. "2024-07-15" or "2025/1/6 09:09 (UTC+8)". */
  writtenAs: text,
});
export type WrittenDate = z.infer<typeof WrittenDate>;

export const CaOwner = z.object({
  name: text.nullable(),
  /** CCADB unique ID: "A" followed by six digits. */
  ccadbId: z.string().regex(/^A\d{6}$/).nullable(),
});

export const AffectedCertificate = z.object({
  certificateSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  precertificateSha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  /** Serial number in lower-case hex, no sign byte, no separators. */
  serialHex: z.string().regex(/^[0-9a-f]+$/).nullable(),
  subject: text.nullable(),
  issuer: text.nullable(),
  notBefore: instant.nullable(),
  notAfter: instant.nullable(),
  /** When the certificate was issued as a CT monitor lists it. */
  issuedAt: instant.nullable(),
  dnsNames: z.array(text),
  crtShId: z.string().nullable(),
  certSpotterId: z.string().nullable(),
  /** Every link the report gave for this certificate (crt.sh, Cert Spotter, PEM...). */
  links: z.array(z.object({ label: text, url: text })),
  /** What the report says went wrong with it, e.g. a monitor's OCSP error. */
  reportedProblem: text.nullable(),
  isRevoked: z.enum(REVOCATION_STATES).nullable(),
  revocationDate: instant.nullable(),
  revocationReason: text.nullable(),
  pem: text.nullable(),
});
export type AffectedCertificate = z.infer<typeof AffectedCertificate>;

export const TimelineEvent = z.object({
  at: instant,
  /** Offset from UTC, in minutes, that the author wrote the time in (+480 for UTC+8). */
  utcOffsetMinutes: z.number().int(),
  writtenAs: text,
  /** Markdown; may hold several paragraphs and lists. */
  text: text,
});
export type TimelineEvent = z.infer<typeof TimelineEvent>;

export const RelatedIncident = z.object({
  bug: text,
  bugUrl: text.nullable(),
  date: calendarDate.nullable(),
  description: text,
});
export type RelatedIncident = z.infer<typeof RelatedIncident>;

export const ContributingFactor = z.object({
  number: z.number().int().positive(),
  title: text,
  description: text,
  timeline: text,
  detection: text,
  interaction: text,
  methodology: text.nullable(),
});
export type ContributingFactor = z.infer<typeof ContributingFactor>;

export const LessonsLearned = z.object({
  wentWell: z.array(text),
  didntGoWell: z.array(text),
  gotLucky: z.array(text),
  additional: z.array(text),
});
export type LessonsLearned = z.infer<typeof LessonsLearned>;

export const ActionItem = z.object({
  text: text,
  kind: z.enum(ACTION_ITEM_KINDS),
  /** Numbers of the contributing factors this item answers. */
  rootCauses: z.array(z.number().int().positive()),
  /** The cell as written, e.g. "Root Cause #1". */
  rootCausesText: text,
  evaluationCriteria: text,
  dueDate: calendarDate.nullable(),
  /** The due-date cell as written when it is not a plain date ("Q3 2025", "TBD"). */
  dueDateText: text,
  status: z.enum(ACTION_ITEM_STATUSES),
});
export type ActionItem = z.infer<typeof ActionItem>;

export const IncidentReport = z.object({
  caOwner: CaOwner,
  bugNumber: z.number().int().positive().nullable(),
  title: text.nullable(),
  whiteboard: z.array(text),
  status: z.enum(INCIDENT_STATUSES),
  /** The "Next update" date the whiteboard promises. */
  nextUpdate: calendarDate.nullable(),
  becameAwareAt: instant.nullable(),

  incidentDescription: text,
  nonComplianceStart: WrittenDate.nullable(),
  nonComplianceIdentified: WrittenDate.nullable(),
  nonComplianceEnd: WrittenDate.nullable(),
  relevantPolicies: text,
  disclosureSource: z.enum(DISCLOSURE_SOURCES).nullable(),
  /** The field as written ("Notified via third-party email"). */
  disclosureSourceText: text,

  impact: z.object({
    totalCertificates: z.number().int().nonnegative().nullable(),
    totalCertificatesText: text,
    remainingValid: z.number().int().nonnegative().nullable(),
    remainingValidText: text,
    affectedTypes: z.array(z.enum(CERTIFICATE_TYPES)),
    affectedTypesText: text,
    incidentHeuristic: text,
    issuanceStopped: text,
    analysis: text,
    additionalConsiderations: text,
  }),

  /** Text the author put before the events, e.g. "All timestamps are in Beijing Time". */
  timelineNote: text,
  timeline: z.array(TimelineEvent),
  relatedIncidents: z.array(RelatedIncident),
  contributingFactors: z.array(ContributingFactor),
  lessonsLearned: LessonsLearned,
  actionItems: z.array(ActionItem),
  /** Appendix markdown, without the certificate CSV (that is rendered from the list). */
  appendix: text,
  affectedCertificates: z.array(AffectedCertificate),

  closure: z.object({
    rootCauses: text,
    remediationDescription: text,
    commitmentSummary: text,
  }),
});
export type IncidentReport = z.infer<typeof IncidentReport>;

/** An empty report: every list empty, every text "", every optional value null. */
export function emptyReport(): IncidentReport {
  return {
    caOwner: { name: null, ccadbId: null },
    bugNumber: null,
    title: null,
    whiteboard: [],
    status: "draft",
    nextUpdate: null,
    becameAwareAt: null,
    incidentDescription: "",
    nonComplianceStart: null,
    nonComplianceIdentified: null,
    nonComplianceEnd: null,
    relevantPolicies: "",
    disclosureSource: null,
    disclosureSourceText: "",
    impact: {
      totalCertificates: null,
      totalCertificatesText: "",
      remainingValid: null,
      remainingValidText: "",
      affectedTypes: [],
      affectedTypesText: "",
      incidentHeuristic: "",
      issuanceStopped: "",
      analysis: "",
      additionalConsiderations: "",
    },
    timelineNote: "",
    timeline: [],
    relatedIncidents: [],
    contributingFactors: [],
    lessonsLearned: { wentWell: [], didntGoWell: [], gotLucky: [], additional: [] },
    actionItems: [],
    appendix: "",
    affectedCertificates: [],
    closure: { rootCauses: "", remediationDescription: "", commitmentSummary: "" },
  };
}
