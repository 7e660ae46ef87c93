/**
 * The Summary and Impact sections: labelled fields read into the report, with the loose
 * readings real reports need (an owner's name where the CCADB ID belongs, the timeline
 * summary dates as bold lines or nested bullets, counts and types written as prose).
 */
import type { Zone } from "luxon";
import type { Nodes, Table } from "mdast";
import { certificatesFromTable } from "./certificates";
import { parseWrittenDate } from "./dates";
import { type Field, collectFields, warnOrphans } from "./fields";
import { lineOf, valueOrEmpty, walk } from "./markdown";
import type { AffectedCertificate, IncidentReport, WrittenDate } from "./model";
import type { Problems } from "./problems";
import { readCaOwner, readCertificateTypes, readCount, readDisclosureSource } from "./values";
import { UTC_ZONE } from "./zones";

type DateKey = "nonComplianceStart" | "nonComplianceIdentified" | "nonComplianceEnd";

/** The renderer's fallback for a date whose words do not give back its instant. */
const EXACT_DATE =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z) \(written as (.*?)(; date only)?\)$/s;

function dateKey(key: string): DateKey | null {
  const k = key.replace(/^non[- ]?compliance\s*/, "");
  if (k === key) return null;
  if (k.startsWith("start")) return "nonComplianceStart";
  if (k.startsWith("identified") || k.startsWith("detected")) return "nonComplianceIdentified";
  if (k.startsWith("end")) return "nonComplianceEnd";
  return null;
}

/** Reads the Summary; certificates listed in the incident description are returned. */
export function readSummary(
  blocks: readonly Nodes[],
  src: string,
  zone: Zone | null,
  report: IncidentReport,
  problems: Problems,
): AffectedCertificate[] {
  const certificates: AffectedCertificate[] = [];
  const seen = new Set<string>();
  const see = (name: string) => seen.add(name);
  const read = (fields: Field[]) => {
    for (const field of fields) {
      const value = valueOrEmpty(field.value);
      const key = field.key;
      const date = dateKey(key);
      if (key.startsWith("ca owner") || key.includes("ccadb")) {
        see("CA Owner CCADB unique ID");
        report.caOwner = readCaOwner(value);
        if (report.caOwner.name !== null && report.caOwner.ccadbId === null) {
          const held = `"${field.label}" holds "${report.caOwner.name}", not an ID like A000123`;
          problems.warn(field.line, `${held}; read as the CA Owner's name.`);
        }
      } else if (key.startsWith("incident description")) {
        see("Incident description");
        report.incidentDescription = value;
        certificates.push(...tablesIn(field.blocks).flatMap(certificatesFromTable));
      } else if (key.startsWith("timeline summary")) {
        const nested = collectFields(field.blocks, src);
        if (nested.fields.length === 0 && value !== "") {
          const message = "Timeline summary: expected the three non-compliance dates as bold labels.";
          problems.warn(field.line, message);
        }
        read(nested.fields);
      } else if (date) {
        report[date] = readDateField(field, value, zone, problems);
      } else if (key.startsWith("relevant polic")) {
        see("Relevant policies");
        report.relevantPolicies = value;
      } else if (key.startsWith("source of")) {
        see("Source of incident disclosure");
        report.disclosureSourceText = value;
        report.disclosureSource = value === "" ? null : readDisclosureSource(value);
        if (value !== "" && !report.disclosureSource) {
          const allowed = "Self Reported, Third Party Reported or Audit";
          problems.warn(field.line, `Source of incident disclosure "${value}" is not ${allowed}.`);
        }
      } else {
        problems.warn(field.line, `Summary: unknown field "${field.label}" was ignored.`);
      }
    }
  };
  const { fields, orphans } = collectFields(blocks, src);
  read(fields);
  warnOrphans(orphans, "Summary", problems);
  // The template asks for every field, N/A included; a missing one is worth a word.
  const expected = [
    "CA Owner CCADB unique ID",
    "Incident description",
    "Relevant policies",
    "Source of incident disclosure",
  ];
  const missing = expected.filter((name) => !seen.has(name));
  if (blocks.length > 0 && missing.length > 0) {
    const names = missing.map((m) => `"${m}"`).join(", ");
    problems.warn(lineOf(blocks[0]!), `Summary has no ${names} field.`);
  }
  return certificates;
}

function tablesIn(blocks: readonly Nodes[]): Table[] {
  const tables: Table[] = [];
  for (const block of blocks) walk(block, (n) => void (n.type === "table" && tables.push(n)));
  return tables;
}

function readDateField(
  field: Field,
  value: string,
  zone: Zone | null,
  problems: Problems,
): WrittenDate | null {
  if (value === "") return null;
  const text = value.replace(/\*\*|__/g, "").trim();
  const exact = EXACT_DATE.exec(text);
  if (exact) return { at: exact[1] ?? "", writtenAs: exact[2] ?? "", dateOnly: Boolean(exact[3]) };
  const reading = parseWrittenDate(text, { zone: zone ?? UTC_ZONE });
  if (reading) return { at: reading.at, dateOnly: reading.dateOnly, writtenAs: text };
  if (/^(ongoing|tbd|to be determined|not yet|pending|unknown)/i.test(text)) {
    problems.warn(field.line, `${field.label.replace(/:$/, "")} "${text}" is not a date; left empty.`);
    return null;
  }
  const name = field.label.replace(/:$/, "");
  problems.error(field.line, `Summary: ${name} "${text}" is not a date.`);
  return null;
}

/** Reads the Impact section's fields into `report.impact`. */
export function readImpact(
  blocks: readonly Nodes[],
  src: string,
  report: IncidentReport,
  problems: Problems,
): void {
  const impact = report.impact;
  const { fields, orphans } = collectFields(blocks, src);
  warnOrphans(orphans, "Impact", problems);
  for (const field of fields) {
    const value = valueOrEmpty(field.value);
    const key = field.key;
    if (key.startsWith("total number of remaining valid") || key.includes("remaining valid")) {
      impact.remainingValidText = value;
      impact.remainingValid = countOf(value, field, problems);
    } else if (key.startsWith("total number of certificates") || key.startsWith("total number")) {
      impact.totalCertificatesText = value;
      impact.totalCertificates = countOf(value, field, problems);
    } else if (key.startsWith("affected certificate type")) {
      impact.affectedTypesText = value;
      impact.affectedTypes = readCertificateTypes(value);
      if (value !== "" && impact.affectedTypes.length === 0) {
        const message = `Affected certificate types "${value}" names none of DV, IV, OV, EV.`;
        problems.warn(field.line, message);
      }
    } else if (key.startsWith("incident heuristic")) impact.incidentHeuristic = value;
    else if (key.startsWith("was issuance stopped")) impact.issuanceStopped = value;
    else if (key.startsWith("analysis")) impact.analysis = value;
    else if (key.startsWith("additional consideration")) impact.additionalConsiderations = value;
    else problems.warn(field.line, `Impact: unknown field "${field.label}" was ignored.`);
  }
}

function countOf(value: string, field: Field, problems: Problems): number | null {
  if (value === "") return null;
  const count = readCount(value);
  if (count === null) {
    problems.warn(field.line, `${field.label.replace(/:$/, "")}: no number found in "${value}".`);
  }
  return count;
}
